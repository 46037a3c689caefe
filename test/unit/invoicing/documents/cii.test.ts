import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ciiXml } from '../../../../functions/invoicing/documents/cii.js';
import type { InvoiceDocument } from '../../../../functions/invoicing/documents/model.js';
import { checkCii as checkXml, keepForValidation } from '../../../support/facturx.js';
import { businessInvoice, COMPANY_BUYER, creditNote, line, PERSON_BUYER, withTotals } from './samples.js';

const zeroRated = (vatExemption?: InvoiceDocument['vatExemption']) =>
  businessInvoice({
    ...withTotals(businessInvoice(), [line('Formation professionnelle', '1', '500.00', '0'), line('Support', '1', '20.00', '0.20')]),
    ...(vatExemption ? { vatExemption } : {}),
  });

let kept = 0;
/** Checks the XML of the document, keeping it for the official validator when asked (FACTURX_DUMP_DIR). */
function checkCii(xml: string) {
  keepForValidation(`cii-${++kept}.xml`, xml);
  return checkXml(xml);
}

describe('the CII XML of an invoice (Factur-X EN 16931)', () => {
  it('declares the EN 16931 profile, a commercial invoice and its number, and its sums hold', () => {
    const cii = checkCii(ciiXml(businessInvoice()));
    expect(cii.profile).toBe('urn:cen.eu:en16931:2017');
    expect(cii.typeCode).toBe('380');
    expect(cii.number).toBe('2026-000042');
    expect(cii.lineCount).toBe(3);
    expect(cii.violations).toEqual([]);
  });

  it('states the figures of the document, one VAT breakdown per rate', () => {
    const doc = businessInvoice();
    const cii = checkCii(ciiXml(doc));
    expect(cii.lineTotal).toBe(doc.totals.exclVat);
    expect(cii.grandTotal).toBe(doc.totals.inclVat);
    expect(cii.vat).toEqual([
      { category: 'S', percent: '20', basis: '1456.50', amount: '291.30', exemptionReason: undefined },
      { category: 'S', percent: '5.5', basis: '47.40', amount: '2.61', exemptionReason: undefined },
    ]);
  });

  it('makes a credit note a 381 that references the invoice it corrects', () => {
    const cii = checkCii(ciiXml(creditNote()));
    expect(cii.typeCode).toBe('381');
    expect(cii.precedingInvoice).toBe('2026-000042');
    expect(cii.notes.find((n) => n.subject === 'ACD')?.content).toContain('Une séance annulée');
    expect(cii.violations).toEqual([]);
  });

  it('pays by SEPA credit transfer to the seller IBAN, due on the due date, with what was already paid deducted', () => {
    const cii = checkCii(ciiXml(businessInvoice({ paid: '797.81', amountDue: '1000.00' })));
    expect(cii.paymentMeans).toBe('58');
    expect(cii.iban).toBe('FR7630006000011234567890189');
    expect(cii.dueDate).toBe('20260415');
    expect(cii.duePayable).toBe('1000.00');
    expect(cii.violations).toEqual([]);
  });

  it('carries both VAT numbers and the business buyer SIREN; a person has none', () => {
    const business = checkCii(ciiXml(businessInvoice()));
    expect(business.sellerVat).toBe('FR40552100554');
    expect(business.buyerSiren).toBe(COMPANY_BUYER.siren);
    expect(checkCii(ciiXml(businessInvoice({ buyer: PERSON_BUYER }))).buyerSiren).toBeUndefined();
  });

  it('writes the penalties, the 40 € indemnity between businesses and the absence of discount as notes', () => {
    const subjects = (doc: InvoiceDocument) => checkCii(ciiXml(doc)).notes.map((n) => n.subject);
    expect(subjects(businessInvoice())).toEqual(['PMD', 'PMT', 'AAB']);
    expect(subjects(businessInvoice({ buyer: PERSON_BUYER, fixedRecoveryIndemnity: undefined }))).toEqual(['PMD', 'AAB']);
  });

  it('shows a 0 rate as exempt with a reason unless the document says otherwise', () => {
    const exempt = checkCii(ciiXml(zeroRated())).vat.find((v) => v.percent === '0');
    expect(exempt).toMatchObject({ category: 'E', exemptionReason: 'Exonération de TVA' });
    const franchise = checkCii(ciiXml(zeroRated({ category: 'E', reason: 'TVA non applicable, art. 293 B du CGI' }))).vat.find((v) => v.percent === '0');
    expect(franchise?.exemptionReason).toBe('TVA non applicable, art. 293 B du CGI');
    const zero = checkCii(ciiXml(zeroRated({ category: 'Z', reason: 'ignored' })));
    expect(zero.vat.find((v) => v.category === 'Z')?.exemptionReason).toBeUndefined();
    expect(zero.violations).toEqual([]);
  });

  it('escapes markup in every text and drops the control characters XML cannot carry', () => {
    const description = 'A <b>bold</b> & "quoted" \u0007line';
    const xml = ciiXml({ ...businessInvoice(), buyer: { ...COMPANY_BUYER, name: 'Ets <Martin> & Cie' }, notes: ']]> <!-- x -->' });
    const withLine = ciiXml(withTotals(businessInvoice(), [line(description, '1', '10.00')]));
    keepForValidation('cii-escaped.xml', xml);
    const parsed = new XMLParser({ removeNSPrefix: true }).parse(withLine);
    const name = parsed.CrossIndustryInvoice.SupplyChainTradeTransaction.IncludedSupplyChainTradeLineItem.SpecifiedTradeProduct.Name;
    expect(name).toBe('A <b>bold</b> & "quoted" line');
    const header = new XMLParser({ removeNSPrefix: true }).parse(xml).CrossIndustryInvoice;
    expect(header.SupplyChainTradeTransaction.ApplicableHeaderTradeAgreement.BuyerTradeParty.Name).toBe('Ets <Martin> & Cie');
  });

  it('keeps every figure of random lines and their sums hold (quantities and prices up to 4 decimals, every French rate)', () => {
    const decimal = (maxInt: number, maxDecimals: number) =>
      fc.tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** maxDecimals - 1 }), fc.integer({ min: 0, max: maxDecimals })).map(([i, f, d]) =>
        d === 0 ? `${i}` : `${i}.${String(f).padStart(maxDecimals, '0').slice(0, d)}`,
      );
    const lineArb = fc.record({
      quantity: decimal(999, 4).filter((q) => Number(q) > 0),
      price: decimal(99999, 4),
      rate: fc.constantFrom('0.20', '0.10', '0.055', '0.021', '0'),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 12 }), (lines) => {
        const doc = withTotals(businessInvoice(), lines.map((l, i) => line(`Ligne ${i}`, l.quantity, l.price, l.rate)));
        const cii = checkCii(ciiXml(doc));
        expect(cii.violations).toEqual([]);
        expect(cii.grandTotal).toBe(doc.totals.inclVat);
        expect(cii.vat.map((v) => v.amount)).toEqual(doc.totals.vat.map((v) => v.amount));
      }),
      { numRuns: 150 },
    );
  });
});
