/**
 * E-invoices built by the tests: CII (Factur-X's syntax) and UBL XML written from a small description, with
 * totals computed consistently unless a test overrides one, and a Factur-X PDF made with pdf-lib that embeds
 * the CII as `factur-x.xml` (an associated file of the document, as Factur-X requires).
 */
import { AFRelationship, PDFDocument, StandardFonts } from 'pdf-lib';
import { Decimal } from 'decimal.js';

export interface FixtureLine {
  name: string;
  quantity: string;
  unitPrice: string;
  /** Net amount; default quantity × unit price. */
  net?: string;
  /** VAT percent, "20". */
  percent: string;
  category?: string;
}

export interface FixtureInvoice {
  number: string;
  issuedOn: string;
  dueOn?: string;
  currency: string;
  typeCode: string;
  seller: { name?: string; siren?: string; vatNumber?: string };
  buyer: { name: string; siren?: string };
  lines: FixtureLine[];
  /** Overrides of computed figures (to build inconsistent invoices). */
  breakdown?: { percent: string; category?: string; base: string; vat: string }[];
  totals?: Partial<Record<'lineTotal' | 'totalExclVat' | 'vatTotal' | 'totalInclVat' | 'prepaid' | 'amountDue', string>>;
  /** Elements to leave out, by name (`number`, `issuedOn`, `sellerName`, `currency`). */
  omit?: string[];
}

const money = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

export function anInvoice(overrides: Partial<FixtureInvoice> = {}): FixtureInvoice {
  return {
    number: `F-2026-${Math.floor(Math.random() * 1e6)}`,
    issuedOn: '2026-03-12',
    dueOn: '2026-04-11',
    currency: 'EUR',
    typeCode: '380',
    seller: { name: 'Papeterie Lumière SARL', siren: '732829320', vatNumber: 'FR44732829320' },
    buyer: { name: 'Coopérative Rhône Entreprendre' },
    lines: [
      { name: 'Ramettes A4 80 g', quantity: '10', unitPrice: '4.90', percent: '20' },
      { name: 'Classeurs', quantity: '3', unitPrice: '12.50', percent: '20' },
      { name: 'Livre « Gérer sa CAE »', quantity: '1', unitPrice: '25.00', percent: '5.5' },
    ],
    ...overrides,
  };
}

/** Figures computed as EN 16931 does, with the fixture's overrides applied. */
export function figuresOf(inv: FixtureInvoice) {
  const lines = inv.lines.map((l) => ({ ...l, net: l.net ?? money(new Decimal(l.quantity).times(l.unitPrice)) }));
  const byPercent = new Map<string, { percent: string; category: string; base: Decimal }>();
  for (const l of lines) {
    const key = `${l.category ?? 'S'}|${l.percent}`;
    const row = byPercent.get(key) ?? { percent: l.percent, category: l.category ?? (l.percent === '0' ? 'Z' : 'S'), base: new Decimal(0) };
    row.base = row.base.plus(l.net);
    byPercent.set(key, row);
  }
  const breakdown =
    inv.breakdown ??
    [...byPercent.values()].map((r) => ({ percent: r.percent, category: r.category, base: money(r.base), vat: money(r.base.times(r.percent).dividedBy(100)) }));
  const lineTotal = lines.reduce((s, l) => s.plus(l.net), new Decimal(0));
  const vatTotal = breakdown.reduce((s, b) => s.plus(b.vat), new Decimal(0));
  const totals = {
    lineTotal: money(lineTotal),
    totalExclVat: money(lineTotal),
    vatTotal: money(vatTotal),
    totalInclVat: money(lineTotal.plus(vatTotal)),
    prepaid: '0.00',
    amountDue: money(lineTotal.plus(vatTotal)),
    ...inv.totals,
  };
  return { lines, breakdown, totals };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const ymd = (date: string) => date.replace(/-/g, '');

/** A CII (Factur-X EN 16931 profile) invoice. */
export function ciiXml(inv: FixtureInvoice = anInvoice()): string {
  const { lines, breakdown, totals } = figuresOf(inv);
  const omit = new Set(inv.omit ?? []);
  const seller = inv.seller;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    ${omit.has('number') ? '' : `<ram:ID>${esc(inv.number)}</ram:ID>`}
    <ram:TypeCode>${inv.typeCode}</ram:TypeCode>
    ${omit.has('issuedOn') ? '' : `<ram:IssueDateTime><udt:DateTimeString format="102">${ymd(inv.issuedOn)}</udt:DateTimeString></ram:IssueDateTime>`}
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
${lines
  .map(
    (l, i) => `    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>${i + 1}</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name>${esc(l.name)}</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>${l.unitPrice}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">${l.quantity}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>${l.category ?? (l.percent === '0' ? 'Z' : 'S')}</ram:CategoryCode><ram:RateApplicablePercent>${l.percent}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${l.net}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>`,
  )
  .join('\n')}
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty>
        ${omit.has('sellerName') || !seller.name ? '' : `<ram:Name>${esc(seller.name)}</ram:Name>`}
        ${seller.siren ? `<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">${seller.siren}</ram:ID></ram:SpecifiedLegalOrganization>` : ''}
        <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
        ${seller.vatNumber ? `<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">${seller.vatNumber}</ram:ID></ram:SpecifiedTaxRegistration>` : ''}
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>${esc(inv.buyer.name)}</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      ${omit.has('currency') ? '' : `<ram:InvoiceCurrencyCode>${inv.currency}</ram:InvoiceCurrencyCode>`}
${breakdown
  .map(
    (b) =>
      `      <ram:ApplicableTradeTax><ram:CalculatedAmount>${b.vat}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>${b.base}</ram:BasisAmount><ram:CategoryCode>${b.category ?? 'S'}</ram:CategoryCode><ram:RateApplicablePercent>${b.percent}</ram:RateApplicablePercent></ram:ApplicableTradeTax>`,
  )
  .join('\n')}
      ${inv.dueOn ? `<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">${ymd(inv.dueOn)}</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>` : ''}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>${totals.lineTotal}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>${totals.totalExclVat}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="${inv.currency}">${totals.vatTotal}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>${totals.totalInclVat}</ram:GrandTotalAmount>
        <ram:TotalPrepaidAmount>${totals.prepaid}</ram:TotalPrepaidAmount>
        <ram:DuePayableAmount>${totals.amountDue}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
`;
}

/** A UBL 2.1 invoice (Peppol BIS Billing 3 shape). */
export function ublXml(inv: FixtureInvoice = anInvoice()): string {
  const { lines, breakdown, totals } = figuresOf(inv);
  const omit = new Set(inv.omit ?? []);
  const seller = inv.seller;
  const c = inv.currency;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  ${omit.has('number') ? '' : `<cbc:ID>${esc(inv.number)}</cbc:ID>`}
  ${omit.has('issuedOn') ? '' : `<cbc:IssueDate>${inv.issuedOn}</cbc:IssueDate>`}
  ${inv.dueOn ? `<cbc:DueDate>${inv.dueOn}</cbc:DueDate>` : ''}
  <cbc:InvoiceTypeCode>${inv.typeCode}</cbc:InvoiceTypeCode>
  ${omit.has('currency') ? '' : `<cbc:DocumentCurrencyCode>${c}</cbc:DocumentCurrencyCode>`}
  <cac:AccountingSupplierParty><cac:Party>
    ${seller.name && !omit.has('sellerName') ? `<cac:PartyName><cbc:Name>${esc(seller.name)}</cbc:Name></cac:PartyName>` : ''}
    ${seller.vatNumber ? `<cac:PartyTaxScheme><cbc:CompanyID>${seller.vatNumber}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>` : ''}
    <cac:PartyLegalEntity>${seller.name && !omit.has('sellerName') ? `<cbc:RegistrationName>${esc(seller.name)}</cbc:RegistrationName>` : ''}${seller.siren ? `<cbc:CompanyID schemeID="0002">${seller.siren}</cbc:CompanyID>` : ''}</cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>${esc(inv.buyer.name)}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="${c}">${totals.vatTotal}</cbc:TaxAmount>
${breakdown
  .map(
    (b) =>
      `    <cac:TaxSubtotal><cbc:TaxableAmount currencyID="${c}">${b.base}</cbc:TaxableAmount><cbc:TaxAmount currencyID="${c}">${b.vat}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>${b.category ?? 'S'}</cbc:ID><cbc:Percent>${b.percent}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>`,
  )
  .join('\n')}
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="${c}">${totals.lineTotal}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="${c}">${totals.totalExclVat}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="${c}">${totals.totalInclVat}</cbc:TaxInclusiveAmount>
    <cbc:PrepaidAmount currencyID="${c}">${totals.prepaid}</cbc:PrepaidAmount>
    <cbc:PayableAmount currencyID="${c}">${totals.amountDue}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
${lines
  .map(
    (l, i) => `  <cac:InvoiceLine>
    <cbc:ID>${i + 1}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">${l.quantity}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="${c}">${l.net}</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>${esc(l.name)}</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>${l.category ?? (l.percent === '0' ? 'Z' : 'S')}</cbc:ID><cbc:Percent>${l.percent}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="${c}">${l.unitPrice}</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>`,
  )
  .join('\n')}
</Invoice>
`;
}

/**
 * A PDF with `xml` embedded under `fileName` (Factur-X: `factur-x.xml`, relationship Alternative, listed in the
 * catalog's AF array). Not a validated PDF/A-3: what the import reads is the embedded file.
 */
export async function facturXPdf(xml: string, fileName = 'factur-x.xml'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Facture', { x: 50, y: 780, size: 20, font });
  await doc.attach(new TextEncoder().encode(xml), fileName, {
    mimeType: 'text/xml',
    description: 'Factur-X invoice',
    afRelationship: AFRelationship.Alternative,
  });
  return doc.save({ useObjectStreams: false });
}
