/**
 * The structural checker of test/support/facturx.ts catches what it claims to: a document that breaks a rule is
 * reported, so a green renderer test means something.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ciiXml } from '../../../../functions/invoicing/documents/cii.js';
import { facturxPdf } from '../../../../functions/invoicing/documents/facturx.js';
import { checkCii, readFacturx } from '../../../support/facturx.js';
import { businessInvoice } from './samples.js';

const replaceOnce = (xml: string, from: string, to: string) => {
  expect(xml).toContain(from);
  return xml.replace(from, to);
};

describe('the Factur-X checker of the tests', () => {
  it('reports totals that do not add up (BR-CO-10, 15, 16)', () => {
    const xml = ciiXml(businessInvoice());
    expect(checkCii(replaceOnce(xml, '<ram:LineTotalAmount>1200.00</ram:LineTotalAmount>', '<ram:LineTotalAmount>1200.01</ram:LineTotalAmount>')).violations[0]).toMatch(/^BR-CO-10/);
    expect(checkCii(replaceOnce(xml, '<ram:GrandTotalAmount>1797.81</ram:GrandTotalAmount>', '<ram:GrandTotalAmount>1797.80</ram:GrandTotalAmount>')).violations.map((v) => v.slice(0, 8))).toEqual(['BR-CO-15', 'BR-CO-16']);
  });

  it('reports VAT computed wrongly for its rate (BR-CO-17) and a VAT total that is not the breakdown (BR-CO-14)', () => {
    const xml = ciiXml(businessInvoice());
    const violations = checkCii(replaceOnce(xml, '<ram:CalculatedAmount>2.61</ram:CalculatedAmount>', '<ram:CalculatedAmount>2.60</ram:CalculatedAmount>')).violations;
    expect(violations.some((v) => v.startsWith('BR-CO-14'))).toBe(true);
    expect(violations.some((v) => v.startsWith('BR-CO-17'))).toBe(true);
  });

  it('reports a PDF whose attachment is missing from /AF and whose XMP lacks the PDF/A identification', async () => {
    const pdf = await PDFDocument.load(await facturxPdf(businessInvoice()), { updateMetadata: false });
    pdf.catalog.delete(PDFName.of('AF'));
    pdf.catalog.delete(PDFName.of('Metadata'));
    const fx = await readFacturx(await pdf.save());
    expect(fx.listedInAF).toBe(false);
    expect(fx.xmpFields['pdfaid:part']).toBeUndefined();
    expect(fx.attachments).toEqual(['factur-x.xml']);
  });
});
