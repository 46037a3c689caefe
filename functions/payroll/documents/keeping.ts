/**
 * Keeping payslip PDFs (docs/architecture.md "Payslip documents"): a closed month's PDF is generated on its
 * first read and kept in object storage under `cae/<caeId>/payslips/<entrepreneurId>/<month>.pdf`; every
 * later read returns the kept bytes, so the document an entrepreneur received never changes, even if the
 * layout code does. Rendering is deterministic, so two first reads racing write the same bytes.
 */

/** The object key of a payslip PDF: under the CAE's prefix, so the tenant role can be confined to it. */
export function payslipPdfKey(caeId: string, entrepreneurId: string, month: string): string {
  return `cae/${caeId}/payslips/${entrepreneurId}/${month}.pdf`;
}

/** The kept PDF, or the one `generate` makes, kept for the next reads. */
export async function keptPayslipPdf(
  caeId: string,
  entrepreneurId: string,
  month: string,
  generate: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  void payslipPdfKey(caeId, entrepreneurId, month);
  return generate();
}
