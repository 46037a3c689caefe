/**
 * The import reads what the product's own Factur-X writer makes (functions/invoicing/documents): a supplier
 * that invoices with this back office is read back with the figures it wrote.
 */
import { describe, expect, it } from 'vitest';
import { draftFromEInvoice, readEInvoice } from '../../../../domain/expenses/einvoice/index.js';
import { facturxPdf } from '../../../../functions/invoicing/documents/facturx.js';
import { businessInvoice } from '../../invoicing/documents/samples.js';

describe("the product's own Factur-X, imported as a supplier invoice", () => {
  it('gives the seller, number, dates, VAT breakdown and totals the writer put in', async () => {
    const doc = businessInvoice();
    const read = await readEInvoice(await facturxPdf(doc), 'application/pdf');
    expect(read.ok, JSON.stringify(read)).toBe(true);
    if (!read.ok) return;
    const draft = draftFromEInvoice(read.value.einvoice, false);
    expect(draft.ok, JSON.stringify(draft)).toBe(true);
    if (!draft.ok) return;
    expect(draft.value).toMatchObject({
      supplier: { name: doc.seller.name, siren: doc.seller.siret?.slice(0, 9), vatNumber: doc.seller.vatNumber },
      number: doc.number,
      issuedOn: doc.issuedOn,
      dueOn: doc.dueOn,
      totalExclVat: doc.totals.exclVat,
      total: doc.totals.inclVat,
    });
    expect(draft.value.vatBreakdown.map((b) => [b.vatRate, b.taxableAmount, b.vatAmount])).toEqual(doc.totals.vat.map((v) => [v.rate, v.base, v.amount]));
    expect(draft.value.lines.map((l) => l.amountExclVat)).toEqual(doc.lines.map((l) => l.lineTotalExclVat));
  });
});
