/**
 * Reading a received e-invoice (docs/domain.md "Expenses"): a Factur-X PDF (its embedded CII), or CII or UBL
 * XML, into the EN 16931 fields (model.ts), then into a supplier invoice draft (check.ts). Pure: bytes in,
 * fields or violations out.
 */
import { type Checked, violation } from '../../contribution/violation.js';
import { readCii } from './cii.js';
import { embeddedInvoiceXml } from './facturx.js';
import type { EInvoice, EInvoiceSource } from './model.js';
import { readUbl } from './ubl.js';
import { parseXml } from './xml.js';

export { draftFromEInvoice, type EInvoiceViolationId } from './check.js';
export type { EInvoice, EInvoiceLine, EInvoiceParty, EInvoiceSource, EInvoiceVatBreakdown } from './model.js';
export { declaresDoctype, MAX_XML_BYTES } from './xml.js';
export { embeddedInvoiceXml, inflatesTooMuch } from './facturx.js';

/** What the import accepts: a PDF (Factur-X) or an XML (CII or UBL). */
export type EInvoiceMediaType = 'application/pdf' | 'application/xml';

/** Reads the fields of an XML invoice, CII or UBL by its root element. */
function fromXml(bytes: Uint8Array, source: EInvoiceSource): Checked<{ einvoice: EInvoice; source: EInvoiceSource }> {
  const parsed = parseXml(bytes);
  if (!parsed.ok) return parsed;
  if (parsed.root === 'CrossIndustryInvoice') return { ok: true, value: { einvoice: readCii(parsed.document), source: source === 'facturx' ? 'facturx' : 'cii' } };
  if (parsed.root === 'Invoice' && source !== 'facturx') return { ok: true, value: { einvoice: readUbl(parsed.document), source: 'ubl' } };
  if (parsed.root === 'CreditNote') return { ok: false, violations: [violation('einvoice-credit-note', 'einvoice', 'the XML is a UBL credit note: only invoices are imported')] };
  return {
    ok: false,
    violations: [violation('einvoice-not-an-invoice', 'einvoice', `the XML's root element is ${parsed.root.slice(0, 60)}, not a CII CrossIndustryInvoice nor a UBL Invoice`)],
  };
}

const PDF_MAGIC = '%PDF-';

/** The e-invoice in a file of this media type, or why it holds none. */
export async function readEInvoice(bytes: Uint8Array, mediaType: string): Promise<Checked<{ einvoice: EInvoice; source: EInvoiceSource }>> {
  if (mediaType === 'application/pdf') {
    if (!new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes(PDF_MAGIC)) {
      return { ok: false, violations: [violation('einvoice-not-a-pdf', 'einvoice', 'the file is declared a PDF but does not start as one')] };
    }
    const embedded = await embeddedInvoiceXml(bytes);
    if (!embedded.ok) return embedded;
    return fromXml(embedded.xml, 'facturx');
  }
  if (mediaType === 'application/xml') return fromXml(bytes, 'cii');
  return { ok: false, violations: [violation('einvoice-not-an-einvoice', 'receiptId', `a ${mediaType} receipt is not an e-invoice: upload a Factur-X PDF, or CII or UBL XML`)] };
}
