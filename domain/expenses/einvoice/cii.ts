/**
 * UN/CEFACT Cross Industry Invoice (CII, D16B), the syntax of Factur-X and ZUGFeRD, mapped to the EN 16931
 * fields the back office uses (model.ts). Elements are read by local name (namespace prefixes vary).
 */
import type { EInvoice, EInvoiceParty } from './model.js';
import { all, attribute, child, textAt, textOf, type XmlNode } from './xml.js';

/** A CII date: format 102 is YYYYMMDD (the only one EN 16931 allows). */
function ciiDate(node: XmlNode | undefined): { date?: string; raw?: string } {
  const dateString = child(node, 'DateTimeString');
  const raw = textOf(dateString);
  if (raw === undefined) return {};
  const format = attribute(dateString, 'format') ?? '102';
  const m = format === '102' ? /^(\d{4})(\d{2})(\d{2})$/.exec(raw) : null;
  return m ? { date: `${m[1]}-${m[2]}-${m[3]}`, raw } : { raw };
}

function party(node: XmlNode | undefined): EInvoiceParty {
  const legal = child(node, 'SpecifiedLegalOrganization', 'ID');
  const legalId = textOf(legal);
  const scheme = attribute(legal, 'schemeID');
  const siren = legalId && (scheme === '0002' || (scheme === undefined && /^\d{9}$/.test(legalId))) ? legalId : legalId && scheme === '0009' ? legalId.slice(0, 9) : undefined;
  const vat = all(node, 'SpecifiedTaxRegistration')
    .map((registration) => child(registration, 'ID'))
    .find((id) => attribute(id, 'schemeID') === 'VA');
  const name = textAt(node, 'Name');
  const vatNumber = textOf(vat);
  return { ...(name ? { name } : {}), ...(siren ? { siren } : {}), ...(vatNumber ? { vatNumber } : {}) };
}

/** The fields of a CII invoice (`document` is the CrossIndustryInvoice element). */
export function readCii(document: Record<string, XmlNode>): EInvoice {
  const exchanged = child(document, 'ExchangedDocument');
  const transaction = child(document, 'SupplyChainTradeTransaction');
  const agreement = child(transaction, 'ApplicableHeaderTradeAgreement');
  const settlement = child(transaction, 'ApplicableHeaderTradeSettlement');
  const summation = child(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const issue = ciiDate(child(exchanged, 'IssueDateTime'));
  const due = ciiDate(child(settlement, 'SpecifiedTradePaymentTerms', 'DueDateDateTime'));
  const currency = textAt(settlement, 'InvoiceCurrencyCode');
  // TaxTotalAmount may appear twice (invoice currency and accounting currency): the invoice currency's counts.
  const taxTotals = all(summation, 'TaxTotalAmount');
  const vatTotal = textOf(taxTotals.find((t) => attribute(t, 'currencyID') === undefined || attribute(t, 'currencyID') === currency) ?? taxTotals[0]);
  const number = textAt(exchanged, 'ID');
  const typeCode = textAt(exchanged, 'TypeCode');
  return {
    syntax: 'CII',
    ...(typeCode ? { typeCode } : {}),
    ...(number ? { number } : {}),
    ...(issue.date ? { issuedOn: issue.date } : {}),
    ...(issue.raw && !issue.date ? { issueDateRaw: issue.raw } : {}),
    ...(due.date ? { dueOn: due.date } : {}),
    ...(due.raw && !due.date ? { dueDateRaw: due.raw } : {}),
    ...(currency ? { currency } : {}),
    seller: party(child(agreement, 'SellerTradeParty')),
    buyer: party(child(agreement, 'BuyerTradeParty')),
    lines: all(transaction, 'IncludedSupplyChainTradeLineItem').map((item) => {
      const tax = child(item, 'SpecifiedLineTradeSettlement', 'ApplicableTradeTax');
      const quantity = child(item, 'SpecifiedLineTradeDelivery', 'BilledQuantity');
      const fields = {
        lineId: textAt(item, 'AssociatedDocumentLineDocument', 'LineID'),
        name: textAt(item, 'SpecifiedTradeProduct', 'Name'),
        quantity: textOf(quantity),
        unitCode: attribute(quantity, 'unitCode'),
        unitPrice: textAt(item, 'SpecifiedLineTradeAgreement', 'NetPriceProductTradePrice', 'ChargeAmount'),
        netAmount: textAt(item, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'),
        vatCategory: textAt(tax, 'CategoryCode'),
        vatPercent: textAt(tax, 'RateApplicablePercent'),
      };
      return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    }),
    vatBreakdown: all(settlement, 'ApplicableTradeTax').map((tax) => {
      const fields = {
        taxableAmount: textAt(tax, 'BasisAmount'),
        vatAmount: textAt(tax, 'CalculatedAmount'),
        category: textAt(tax, 'CategoryCode'),
        percent: textAt(tax, 'RateApplicablePercent'),
      };
      return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    }),
    documentAllowancesOrCharges: all(settlement, 'SpecifiedTradeAllowanceCharge').length > 0,
    totals: Object.fromEntries(
      Object.entries({
        lineTotal: textAt(summation, 'LineTotalAmount'),
        allowanceTotal: textAt(summation, 'AllowanceTotalAmount'),
        chargeTotal: textAt(summation, 'ChargeTotalAmount'),
        totalExclVat: textAt(summation, 'TaxBasisTotalAmount'),
        vatTotal,
        totalInclVat: textAt(summation, 'GrandTotalAmount'),
        prepaid: textAt(summation, 'TotalPrepaidAmount'),
        amountDue: textAt(summation, 'DuePayableAmount'),
      }).filter(([, v]) => v !== undefined),
    ),
  };
}
