/**
 * The invoice as UN/CEFACT Cross Industry Invoice (CII D16B), Factur-X profile EN 16931 (docs/architecture.md
 * "Invoice documents (Factur-X)"). The element order is the Factur-X XSD's; fast-xml-parser's XMLBuilder writes it
 * and escapes every text and attribute, so no input can break the XML. The figures are the document's own: this
 * writer adds nothing up, it only states what the domain computed (the tests check the BR-CO sums hold).
 */
import { XMLBuilder } from 'fast-xml-parser';
import { Dec } from '../../../domain/money.js';
import type { BuyerParty, InvoiceDocument, IsoDay, PostalAddress, SellerParty } from './model.js';
import { formatDay, latePenaltyText, NO_DISCOUNT_TEXT, paymentTermsText, recoveryIndemnityText, sellerLegalMentions } from './mentions.js';
import { unitCode } from './units.js';
import { vatTreatment } from './vat.js';

/** BT-24: the EN 16931 profile of Factur-X ("COMFORT"). */
export const FACTURX_EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';
/** BT-3: 380 commercial invoice, 381 credit note (UNTDID 1001). */
export const TYPE_CODE = { invoice: '380', credit_note: '381' } as const;
/** BT-81: 58 SEPA credit transfer, 30 credit transfer outside SEPA (UNTDID 4461). */
const SEPA_CREDIT_TRANSFER = '58';
const CREDIT_TRANSFER = '30';
/** Scheme of a French SIREN (ISO 6523 ICD 0002). */
const SIREN_SCHEME = '0002';

const NAMESPACES = {
  '@_xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  '@_xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  '@_xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  '@_xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true });

type Node = Record<string, unknown>;

/** The CII XML of the document (UTF-8 text, the content of factur-x.xml). */
export function ciiXml(doc: InvoiceDocument): string {
  const currency = doc.currency ?? 'EUR';
  const tree = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'rsm:CrossIndustryInvoice': {
      ...NAMESPACES,
      'rsm:ExchangedDocumentContext': {
        'ram:GuidelineSpecifiedDocumentContextParameter': { 'ram:ID': FACTURX_EN16931_GUIDELINE },
      },
      'rsm:ExchangedDocument': {
        'ram:ID': clean(doc.number),
        'ram:TypeCode': TYPE_CODE[doc.kind],
        'ram:IssueDateTime': dateTime('udt', doc.issuedOn),
        'ram:IncludedNote': notes(doc),
      },
      'rsm:SupplyChainTradeTransaction': {
        'ram:IncludedSupplyChainTradeLineItem': doc.lines.map((line, index) => ({
          'ram:AssociatedDocumentLineDocument': { 'ram:LineID': String(index + 1) },
          'ram:SpecifiedTradeProduct': { 'ram:Name': clean(line.description) },
          'ram:SpecifiedLineTradeAgreement': { 'ram:NetPriceProductTradePrice': { 'ram:ChargeAmount': decimal(line.unitPriceExclVat) } },
          'ram:SpecifiedLineTradeDelivery': { 'ram:BilledQuantity': { '@_unitCode': unitCode(line.unit), '#text': decimal(line.quantity) } },
          'ram:SpecifiedLineTradeSettlement': {
            'ram:ApplicableTradeTax': lineTax(doc, line.vatRate),
            'ram:SpecifiedTradeSettlementLineMonetarySummation': { 'ram:LineTotalAmount': line.lineTotalExclVat },
          },
        })),
        'ram:ApplicableHeaderTradeAgreement': {
          'ram:SellerTradeParty': seller(doc.seller, doc.tradeName),
          'ram:BuyerTradeParty': buyer(doc.buyer),
        },
        'ram:ApplicableHeaderTradeDelivery': doc.deliveredOn
          ? { 'ram:ActualDeliverySupplyChainEvent': { 'ram:OccurrenceDateTime': dateTime('udt', doc.deliveredOn) } }
          : {},
        'ram:ApplicableHeaderTradeSettlement': settlement(doc, currency),
      },
    },
  };
  return builder.build(tree);
}

function settlement(doc: InvoiceDocument, currency: string): Node {
  const paid = doc.paid ?? '0.00';
  const due = doc.amountDue ?? new Dec(doc.totals.inclVat).minus(paid).toFixed(2);
  const node: Node = {
    // BT-83: the number, so the payer's transfer names the invoice it settles.
    'ram:PaymentReference': clean(doc.number),
    'ram:InvoiceCurrencyCode': currency,
  };
  if (doc.seller.iban) {
    const means: Node = {
      'ram:TypeCode': isSepa(doc.seller.iban) ? SEPA_CREDIT_TRANSFER : CREDIT_TRANSFER,
      'ram:PayeePartyCreditorFinancialAccount': { 'ram:IBANID': compact(doc.seller.iban) },
    };
    if (doc.seller.bic) means['ram:PayeeSpecifiedCreditorFinancialInstitution'] = { 'ram:BICID': compact(doc.seller.bic) };
    node['ram:SpecifiedTradeSettlementPaymentMeans'] = means;
  }
  node['ram:ApplicableTradeTax'] = doc.totals.vat.map((v) => {
    const t = vatTreatment(doc, v.rate);
    const tax: Node = { 'ram:CalculatedAmount': v.amount, 'ram:TypeCode': 'VAT' };
    if (t.exemptionReason) tax['ram:ExemptionReason'] = clean(t.exemptionReason);
    tax['ram:BasisAmount'] = v.base;
    tax['ram:CategoryCode'] = t.category;
    if (t.exemptionReasonCode) tax['ram:ExemptionReasonCode'] = t.exemptionReasonCode;
    if (t.percent !== undefined) tax['ram:RateApplicablePercent'] = t.percent;
    return tax;
  });
  node['ram:SpecifiedTradePaymentTerms'] = {
    'ram:Description': paymentTermsText(doc),
    'ram:DueDateDateTime': dateTime('udt', doc.dueOn),
  };
  node['ram:SpecifiedTradeSettlementHeaderMonetarySummation'] = {
    'ram:LineTotalAmount': doc.totals.exclVat,
    'ram:TaxBasisTotalAmount': doc.totals.exclVat,
    // BT-110 is the one amount that carries its currency (CII-SR: the VAT total in the invoice currency).
    'ram:TaxTotalAmount': { '@_currencyID': currency, '#text': totalVat(doc) },
    'ram:GrandTotalAmount': doc.totals.inclVat,
    'ram:TotalPrepaidAmount': paid,
    'ram:DuePayableAmount': due,
  };
  if (doc.creditedInvoice) {
    node['ram:InvoiceReferencedDocument'] = {
      'ram:IssuerAssignedID': clean(doc.creditedInvoice.number),
      'ram:FormattedIssueDateTime': dateTime('qdt', doc.creditedInvoice.issuedOn),
    };
  }
  return node;
}

function totalVat(doc: InvoiceDocument): string {
  return doc.totals.vat.reduce((s, v) => s.plus(v.amount), new Dec(0)).toFixed(2);
}

function lineTax(doc: InvoiceDocument, rate: string): Node {
  const t = vatTreatment(doc, rate);
  const tax: Node = { 'ram:TypeCode': 'VAT', 'ram:CategoryCode': t.category };
  if (t.percent !== undefined) tax['ram:RateApplicablePercent'] = t.percent;
  return tax;
}

function seller(party: SellerParty, tradeName: string | undefined): Node {
  const siren = party.siren ?? party.siret?.slice(0, 9);
  const node: Node = { 'ram:Name': clean(party.name) };
  // BT-33, the seller's additional legal information: legal form, capital, RCS (French commercial law).
  const legal = sellerLegalMentions(party);
  if (legal.length > 0) node['ram:Description'] = clean(legal.join(' – '));
  if (siren || tradeName) {
    const org: Node = {};
    if (siren) org['ram:ID'] = { '@_schemeID': SIREN_SCHEME, '#text': siren };
    if (tradeName) org['ram:TradingBusinessName'] = clean(tradeName);
    node['ram:SpecifiedLegalOrganization'] = org;
  }
  node['ram:PostalTradeAddress'] = address(party.address);
  if (party.email) node['ram:URIUniversalCommunication'] = { 'ram:URIID': { '@_schemeID': 'EM', '#text': clean(party.email) } };
  if (party.vatNumber) node['ram:SpecifiedTaxRegistration'] = { 'ram:ID': { '@_schemeID': 'VA', '#text': compact(party.vatNumber) } };
  return node;
}

function buyer(party: BuyerParty): Node {
  const node: Node = { 'ram:Name': clean(party.name) };
  if (party.siren) node['ram:SpecifiedLegalOrganization'] = { 'ram:ID': { '@_schemeID': SIREN_SCHEME, '#text': party.siren } };
  node['ram:PostalTradeAddress'] = address(party.address);
  if (party.email) node['ram:URIUniversalCommunication'] = { 'ram:URIID': { '@_schemeID': 'EM', '#text': clean(party.email) } };
  if (party.vatNumber) node['ram:SpecifiedTaxRegistration'] = { 'ram:ID': { '@_schemeID': 'VA', '#text': compact(party.vatNumber) } };
  return node;
}

function address(a: PostalAddress): Node {
  const node: Node = { 'ram:PostcodeCode': clean(a.postalCode), 'ram:LineOne': clean(a.line1) };
  if (a.line2) node['ram:LineTwo'] = clean(a.line2);
  node['ram:CityName'] = clean(a.city);
  node['ram:CountryID'] = a.countryCode;
  return node;
}

/**
 * BT-21/BT-22 notes, with their UNTDID 4451 subjects: the general notes (AAI), the credit note's reason (ACD), the
 * penalties (PMD), the recovery indemnity (PMT) and the absence of a discount (AAB), which French law wants written.
 */
function notes(doc: InvoiceDocument): Node[] {
  const list: Node[] = [];
  if (doc.kind === 'credit_note' && doc.reason) list.push(note(`Motif de l'avoir : ${doc.reason}`, 'ACD'));
  if (doc.notes) list.push(note(doc.notes, 'AAI'));
  list.push(note(latePenaltyText(doc), 'PMD'));
  const indemnity = recoveryIndemnityText(doc);
  if (indemnity) list.push(note(indemnity, 'PMT'));
  list.push(note(NO_DISCOUNT_TEXT, 'AAB'));
  return list;
}

function note(content: string, subject: string): Node {
  return { 'ram:Content': clean(content), 'ram:SubjectCode': subject };
}

/** A date as CII writes it: format 102, "YYYYMMDD". */
function dateTime(ns: 'udt' | 'qdt', day: IsoDay): Node {
  return { [`${ns}:DateTimeString`]: { '@_format': '102', '#text': formatDay(day, 'compact') } };
}

/** A decimal as XML Schema wants it: "2.5", "80.00" (no thousands separator, no exponent). */
function decimal(value: string): string {
  return new Dec(value).toFixed();
}

function isSepa(iban: string): boolean {
  return /^(AT|BE|BG|CH|CY|CZ|DE|DK|EE|ES|FI|FR|GB|GI|GR|HR|HU|IE|IS|IT|LI|LT|LU|LV|MC|MT|NL|NO|PL|PT|RO|SE|SI|SK|SM|VA|AD)/.test(compact(iban));
}

function compact(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** XML 1.0 cannot carry most control characters, even escaped: they are dropped (the API refuses them anyway). */
function clean(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}
