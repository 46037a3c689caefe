/**
 * Keeping payslip PDFs (docs/architecture.md "Payslip documents"): a closed month's PDF is generated on its
 * first read and kept in object storage under `objectKeys.payslipPdf` (the CAE's prefix); every later read
 * returns the kept bytes, so the document an entrepreneur received never changes, even if the layout code does.
 * Rendering is deterministic, so two first reads racing write the same bytes (the bucket is versioned: neither
 * is lost).
 */
import { getObjectBytes, objectKeys, putObject } from '../../shared/objectStorage.js';

/** A payslip PDF is a few KiB: anything far larger under its key is not one of ours. */
const MAX_PDF_BYTES = 2 * 1024 * 1024;

/** The kept PDF, or the one `generate` makes, kept for the next reads. */
export async function keptPayslipPdf(
  caeId: string,
  entrepreneurId: string,
  month: string,
  generate: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const key = objectKeys.payslipPdf(caeId, entrepreneurId, month);
  const kept = await getObjectBytes(key, { maxBytes: MAX_PDF_BYTES });
  if (kept && kept.byteLength > 0) return kept;
  const bytes = await generate();
  await putObject(key, bytes, 'application/pdf');
  return bytes;
}
