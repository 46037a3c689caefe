/**
 * Reading received e-invoices into supplier invoice drafts (domain/expenses/einvoice): CII, UBL and Factur-X
 * built by the tests, and the refusals, each naming its field.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { draftFromEInvoice, readEInvoice } from '../../../../domain/expenses/einvoice/index.js';
import { anInvoice, ciiXml, facturXPdf, type FixtureInvoice, ublXml } from '../../../support/einvoiceFixtures.js';

const bytes = (text: string) => new TextEncoder().encode(text);

async function draftOf(file: Uint8Array, mediaType: string, purchaseForResale = false) {
  const read = await readEInvoice(file, mediaType);
  if (!read.ok) return read;
  return draftFromEInvoice(read.value.einvoice, purchaseForResale);
}

async function violationsOf(file: Uint8Array, mediaType = 'application/xml') {
  const outcome = await draftOf(file, mediaType);
  expect(outcome.ok).toBe(false);
  return outcome.ok ? [] : outcome.violations.map((v) => ({ id: v.id, path: v.path }));
}

const cii = (overrides: Partial<FixtureInvoice> = {}) => bytes(ciiXml(anInvoice(overrides)));
const ubl = (overrides: Partial<FixtureInvoice> = {}) => bytes(ublXml(anInvoice(overrides)));

const EXPECTED = {
  supplier: { name: 'Papeterie Lumière SARL', siren: '732829320', vatNumber: 'FR44732829320' },
  number: 'F-2026-0042',
  issuedOn: '2026-03-12',
  dueOn: '2026-04-11',
  lines: [
    { description: 'Ramettes A4 80 g', amountExclVat: '49.00', vatRate: '0.20', quantity: '10', unitPrice: '4.90' },
    { description: 'Classeurs', amountExclVat: '37.50', vatRate: '0.20', quantity: '3', unitPrice: '12.50' },
    { description: 'Livre « Gérer sa CAE »', amountExclVat: '25.00', vatRate: '0.055', quantity: '1', unitPrice: '25.00' },
  ],
  vatBreakdown: [
    { vatRate: '0.20', taxableAmount: '86.50', vatAmount: '17.30' },
    { vatRate: '0.055', taxableAmount: '25.00', vatAmount: '1.38' },
  ],
  totalExclVat: '111.50',
  vat: '18.68',
  total: '130.18',
  amountDue: '130.18',
  purchaseForResale: false,
};

describe('an e-invoice read into a draft', () => {
  it('maps a CII invoice: seller, number, dates, lines, VAT breakdown and totals', async () => {
    expect(await draftOf(cii({ number: 'F-2026-0042' }), 'application/xml')).toEqual({ ok: true, value: EXPECTED });
  });

  it('maps a UBL invoice to the same draft', async () => {
    expect(await draftOf(ubl({ number: 'F-2026-0042' }), 'application/xml')).toEqual({ ok: true, value: EXPECTED });
  });

  it('maps a Factur-X PDF through its embedded factur-x.xml', async () => {
    const pdf = await facturXPdf(ciiXml(anInvoice({ number: 'F-2026-0042' })));
    const read = await readEInvoice(pdf, 'application/pdf');
    expect(read.ok && read.value.source).toBe('facturx');
    expect(await draftOf(pdf, 'application/pdf', true)).toEqual({ ok: true, value: { ...EXPECTED, purchaseForResale: true } });
  });

  it('reads the SIREN from a French VAT number when the invoice gives no legal id', async () => {
    const outcome = await draftOf(cii({ seller: { name: 'Atelier Bois', vatNumber: 'FR44732829320' } }), 'application/xml');
    expect(outcome.ok && outcome.value.supplier).toEqual({ name: 'Atelier Bois', siren: '732829320', vatNumber: 'FR44732829320' });
  });

  it('makes one line per rate of the breakdown for an invoice without lines (Factur-X BASIC WL)', async () => {
    const inv = anInvoice();
    const xml = ciiXml(inv).replace(/<ram:IncludedSupplyChainTradeLineItem>[\s\S]*?<\/ram:IncludedSupplyChainTradeLineItem>\s*/g, '');
    const outcome = await draftOf(bytes(xml), 'application/xml');
    expect(outcome.ok && outcome.value.lines.map((l) => [l.vatRate, l.amountExclVat])).toEqual([
      ['0.20', '86.50'],
      ['0.055', '25.00'],
    ]);
  });

  it('decodes character references in names', async () => {
    const outcome = await draftOf(bytes(ciiXml(anInvoice({ seller: { name: 'Caf&#233; &amp; Co' } })).replace('Caf&amp;#233; &amp;amp; Co', 'Caf&#233; &amp; Co')), 'application/xml');
    expect(outcome.ok && outcome.value.supplier.name).toBe('Café & Co');
  });
});

describe('what the import refuses, naming the field', () => {
  it('a missing invoice number, issue date, seller name or currency', async () => {
    expect(await violationsOf(cii({ omit: ['number'] }))).toContainEqual({ id: 'einvoice-missing-field', path: 'einvoice.number' });
    expect(await violationsOf(ubl({ omit: ['issuedOn'] }))).toContainEqual({ id: 'einvoice-missing-field', path: 'einvoice.issuedOn' });
    expect(await violationsOf(cii({ omit: ['sellerName'] }))).toContainEqual({ id: 'einvoice-missing-field', path: 'einvoice.seller.name' });
    expect(await violationsOf(ubl({ omit: ['currency'] }))).toContainEqual({ id: 'einvoice-missing-field', path: 'einvoice.currency' });
  });

  it('lines that do not add up to the line total (BT-106)', async () => {
    expect(await violationsOf(cii({ totals: { lineTotal: '120.00' } }))).toContainEqual({ id: 'einvoice-lines-do-not-match-totals', path: 'einvoice.totals.lineTotal' });
  });

  it("a rate's VAT that is not its base times its rate", async () => {
    const breakdown = [
      { percent: '20', base: '86.50', vat: '17.40' },
      { percent: '5.5', base: '25.00', vat: '1.38' },
    ];
    expect(await violationsOf(ubl({ breakdown, totals: { vatTotal: '18.78', totalInclVat: '130.28', amountDue: '130.28' } }))).toEqual([
      { id: 'einvoice-vat-does-not-match-breakdown', path: 'einvoice.vatBreakdown.0.vatAmount' },
    ]);
  });

  it("a total VAT that is not the breakdown's", async () => {
    expect(await violationsOf(cii({ totals: { vatTotal: '19.00', totalInclVat: '130.50', amountDue: '130.50' } }))).toEqual([
      { id: 'einvoice-vat-does-not-match-breakdown', path: 'einvoice.totals.vatTotal' },
    ]);
  });

  it("lines at a rate that do not add up to that rate's base", async () => {
    const breakdown = [
      { percent: '20', base: '90.00', vat: '18.00' },
      { percent: '5.5', base: '21.50', vat: '1.18' },
    ];
    const violations = await violationsOf(cii({ breakdown, totals: { vatTotal: '19.18', totalInclVat: '130.68', amountDue: '130.68' } }));
    expect(violations).toContainEqual({ id: 'einvoice-lines-do-not-match-vat-breakdown', path: 'einvoice.vatBreakdown.0.taxableAmount' });
  });

  it('a grand total or an amount due that does not add up', async () => {
    expect(await violationsOf(cii({ totals: { totalInclVat: '131.00', amountDue: '131.00' } }))).toContainEqual({ id: 'einvoice-totals-inconsistent', path: 'einvoice.totals.totalInclVat' });
    expect(await violationsOf(ubl({ totals: { amountDue: '100.00' } }))).toEqual([{ id: 'einvoice-totals-inconsistent', path: 'einvoice.totals.amountDue' }]);
  });

  it('a VAT rate that is not French, and a currency other than the euro', async () => {
    const german = anInvoice({ lines: [{ name: 'Werkzeug', quantity: '1', unitPrice: '100.00', percent: '19' }] });
    expect(await violationsOf(bytes(ciiXml(german)))).toContainEqual({ id: 'einvoice-vat-rate-not-french', path: 'einvoice.lines.0.vatPercent' });
    expect(await violationsOf(ubl({ currency: 'USD' }))).toContainEqual({ id: 'einvoice-currency-not-supported', path: 'einvoice.currency' });
  });

  it('a credit note, and an XML that is not an invoice', async () => {
    expect(await violationsOf(cii({ typeCode: '381' }))).toEqual([{ id: 'einvoice-credit-note', path: 'einvoice.typeCode' }]);
    expect(await violationsOf(bytes('<?xml version="1.0"?><Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>'))).toEqual([
      { id: 'einvoice-not-an-invoice', path: 'einvoice' },
    ]);
  });

  it('an XML that is not well-formed', async () => {
    expect(await violationsOf(bytes(ciiXml(anInvoice()).slice(0, 900)))).toEqual([{ id: 'einvoice-malformed-xml', path: 'einvoice' }]);
    expect(await violationsOf(bytes('not xml at all'))).toEqual([{ id: 'einvoice-malformed-xml', path: 'einvoice' }]);
  });

  it('a PDF without an embedded invoice, and a file declared a PDF that is not one', async () => {
    const plain = await facturXPdf('<x/>', 'notes.xml');
    expect(await violationsOf(plain, 'application/pdf')).toEqual([{ id: 'einvoice-no-embedded-xml', path: 'einvoice' }]);
    expect(await violationsOf(bytes(ciiXml(anInvoice())), 'application/pdf')).toEqual([{ id: 'einvoice-not-a-pdf', path: 'einvoice' }]);
  });

  it('an image, which is no e-invoice', async () => {
    expect(await violationsOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png')).toEqual([{ id: 'einvoice-not-an-einvoice', path: 'receiptId' }]);
  });
});

describe('malicious files', () => {
  const XXE = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rsm:CrossIndustryInvoice xmlns:rsm="x"><rsm:ExchangedDocument><ram:ID xmlns:ram="y">&xxe;</ram:ID></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>';
  const LAUGHS = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n')}\n]>\n<Invoice>&lol9;</Invoice>`;

  it('refuses an external entity (XXE) before parsing', async () => {
    expect(await violationsOf(bytes(XXE))).toEqual([{ id: 'einvoice-doctype-forbidden', path: 'einvoice' }]);
  });

  it('refuses the billion laughs before parsing', async () => {
    expect(await violationsOf(bytes(LAUGHS))).toEqual([{ id: 'einvoice-doctype-forbidden', path: 'einvoice' }]);
  });

  it('refuses a DOCTYPE in any case, and inside a Factur-X PDF too', async () => {
    expect(await violationsOf(bytes(XXE.replace('DOCTYPE', 'doctype')))).toEqual([{ id: 'einvoice-doctype-forbidden', path: 'einvoice' }]);
    expect(await violationsOf(await facturXPdf(XXE), 'application/pdf')).toEqual([{ id: 'einvoice-doctype-forbidden', path: 'einvoice' }]);
  });

  it('refuses an XML larger than the limit without parsing it', async () => {
    const huge = bytes(`<Invoice>${' '.repeat(5 * 1024 * 1024)}</Invoice>`);
    expect(await violationsOf(huge)).toEqual([{ id: 'einvoice-too-large', path: 'einvoice' }]);
  });

  it('refuses a PDF whose streams inflate to more than the ceiling (a zip bomb)', async () => {
    const bomb = deflateSync(Buffer.alloc(80 * 1024 * 1024));
    const pdf = Buffer.concat([Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n`), bomb, Buffer.from('\nendstream\nendobj\n%%EOF\n')]);
    expect(await violationsOf(new Uint8Array(pdf), 'application/pdf')).toEqual([{ id: 'einvoice-too-large', path: 'einvoice' }]);
  });

  it('refuses bytes that are not UTF-8 text', async () => {
    expect(await violationsOf(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]))).toEqual([{ id: 'einvoice-encoding', path: 'einvoice' }]);
  });
});
