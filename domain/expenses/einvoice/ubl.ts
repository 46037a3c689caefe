/**
 * OASIS UBL 2.1 Invoice (the syntax of Peppol BIS Billing 3), mapped to the EN 16931 fields the back office uses
 * (model.ts). Elements are read by local name (cbc:, cac: or default namespaces alike).
 */
import type { EInvoice, EInvoiceParty } from './model.js';
import { all, attribute, child, textAt, textOf, type XmlNode } from './xml.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function party(node: XmlNode | undefined): EInvoiceParty {
  const legal = child(node, 'PartyLegalEntity', 'CompanyID');
  const legalId = textOf(legal);
  const scheme = attribute(legal, 'schemeID');
  const siren = legalId && (scheme === '0002' || (scheme === undefined && /^\d{9}$/.test(legalId))) ? legalId : legalId && scheme === '0009' ? legalId.slice(0, 9) : undefined;
  const vat = all(node, 'PartyTaxScheme').find((scheme) => textAt(scheme, 'TaxScheme', 'ID') === 'VAT');
  const name = textAt(node, 'PartyLegalEntity', 'RegistrationName') ?? textAt(node, 'PartyName', 'Name');
  const vatNumber = textAt(vat, 'CompanyID');
  return { ...(name ? { name } : {}), ...(siren ? { siren } : {}), ...(vatNumber ? { vatNumber } : {}) };
}

function compact<T extends Record<string, string | undefined>>(fields: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}

/** The fields of a UBL invoice (`document` is the Invoice element). */
export function readUbl(document: Record<string, XmlNode>): EInvoice {
  const issue = textAt(document, 'IssueDate');
  const due = textAt(document, 'DueDate') ?? textAt(document, 'PaymentMeans', 'PaymentDueDate');
  const currency = textAt(document, 'DocumentCurrencyCode');
  const monetary = child(document, 'LegalMonetaryTotal');
  // TaxTotal may appear twice (invoice and accounting currency): the one in the invoice currency has subtotals.
  const taxTotals = all(document, 'TaxTotal');
  const taxTotal = taxTotals.find((t) => attribute(child(t, 'TaxAmount'), 'currencyID') === currency) ?? taxTotals[0];
  return {
    syntax: 'UBL',
    ...compact({ typeCode: textAt(document, 'InvoiceTypeCode'), number: textAt(document, 'ID'), currency }),
    ...(issue && ISO_DATE.test(issue) ? { issuedOn: issue } : issue ? { issueDateRaw: issue } : {}),
    ...(due && ISO_DATE.test(due) ? { dueOn: due } : due ? { dueDateRaw: due } : {}),
    seller: party(child(document, 'AccountingSupplierParty', 'Party')),
    buyer: party(child(document, 'AccountingCustomerParty', 'Party')),
    lines: all(document, 'InvoiceLine').map((line) => {
      const quantity = child(line, 'InvoicedQuantity');
      const category = child(line, 'Item', 'ClassifiedTaxCategory');
      return compact({
        lineId: textAt(line, 'ID'),
        name: textAt(line, 'Item', 'Name'),
        quantity: textOf(quantity),
        unitCode: attribute(quantity, 'unitCode'),
        unitPrice: textAt(line, 'Price', 'PriceAmount'),
        netAmount: textAt(line, 'LineExtensionAmount'),
        vatCategory: textAt(category, 'ID'),
        vatPercent: textAt(category, 'Percent'),
      });
    }),
    vatBreakdown: all(taxTotal, 'TaxSubtotal').map((subtotal) =>
      compact({
        taxableAmount: textAt(subtotal, 'TaxableAmount'),
        vatAmount: textAt(subtotal, 'TaxAmount'),
        category: textAt(subtotal, 'TaxCategory', 'ID'),
        percent: textAt(subtotal, 'TaxCategory', 'Percent'),
      }),
    ),
    documentAllowancesOrCharges: all(document, 'AllowanceCharge').length > 0,
    totals: compact({
      lineTotal: textAt(monetary, 'LineExtensionAmount'),
      allowanceTotal: textAt(monetary, 'AllowanceTotalAmount'),
      chargeTotal: textAt(monetary, 'ChargeTotalAmount'),
      totalExclVat: textAt(monetary, 'TaxExclusiveAmount'),
      vatTotal: textAt(taxTotal, 'TaxAmount'),
      totalInclVat: textAt(monetary, 'TaxInclusiveAmount'),
      prepaid: textAt(monetary, 'PrepaidAmount'),
      amountDue: textAt(monetary, 'PayableAmount'),
    }),
  };
}
