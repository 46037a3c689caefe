/**
 * From an e-invoice's fields (model.ts) to a supplier invoice draft, refusing what is missing or does not add
 * up, each violation naming the field (`einvoice.<field>`) and its EN 16931 business term. The sums checked are
 * the EN 16931 ones: BR-CO-10 (lines = BT-106), BR-CO-13 (BT-109), BR-CO-14 (BT-110 = the breakdown's VAT),
 * BR-CO-15 (BT-112), BR-CO-16 (BT-115), BR-CO-17 (each rate's VAT = its base × rate, to the cent), and each rate's
 * base = the lines at that rate (BR-S-08 and its kin).
 */
import { isValidDate } from '../../calendar.js';
import { type Checked, type Violation, violation } from '../../contribution/violation.js';
import { Dec, formatMoney, sum } from '../../money.js';
import { parseVatRate, VAT_RATES, type VatRate, vatOn } from '../../activityAccount/vat.js';
import { checkBases, isSiren, sirenOfVatNumber, type SupplierInvoiceDraft, type SupplierInvoiceLine, type VatBreakdownLine } from '../supplierInvoices.js';
import type { EInvoice } from './model.js';

export type EInvoiceViolationId =
  | 'einvoice-missing-field'
  | 'einvoice-invalid-field'
  | 'einvoice-not-an-invoice'
  | 'einvoice-credit-note'
  | 'einvoice-currency-not-supported'
  | 'einvoice-vat-rate-not-french'
  | 'einvoice-allowances-not-supported'
  | 'einvoice-lines-do-not-match-totals'
  | 'einvoice-lines-do-not-match-vat-breakdown'
  | 'einvoice-vat-does-not-match-breakdown'
  | 'einvoice-totals-inconsistent'
  | 'vat-base-not-positive';

/** Invoice type codes (BT-3, UNTDID 1001) read as invoices; 381 is a credit note, refused on its own. */
const INVOICE_TYPE_CODES = new Set(['380', '383', '384', '386', '389', '751']);
/** VAT categories (BT-118) whose rate is 0 by definition: zero-rated, exempt, reverse charge, intra-EU, export, outside scope. */
const ZERO_CATEGORIES = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);
const AMOUNT = /^-?\d{1,12}(\.\d{1,2})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

/** Text limits of the back office (the API's own, docs/api.md). */
const MAX = { name: 200, number: 100, description: 500, lines: 1000 } as const;

type V = Violation<EInvoiceViolationId>;

/** The French VAT rate of a percentage and a category, or null. */
function rateOf(percent: string | undefined, category: string | undefined): VatRate | null | 'missing' {
  if (percent === undefined) return category !== undefined && ZERO_CATEGORIES.has(category) ? '0' : 'missing';
  if (!PERCENT.test(percent)) return null;
  return parseVatRate(new Dec(percent).dividedBy(100).toString());
}

/**
 * The draft an e-invoice makes, or every violation found. `purchaseForResale` is the importer's choice (an
 * e-invoice does not say what the goods are for).
 */
export function draftFromEInvoice(e: EInvoice, purchaseForResale: boolean): Checked<SupplierInvoiceDraft, EInvoiceViolationId> {
  const violations: V[] = [];
  const missing = (path: string, what: string) => violations.push(violation('einvoice-missing-field', `einvoice.${path}`, `${what} is missing`));
  const invalid = (path: string, what: string) => violations.push(violation('einvoice-invalid-field', `einvoice.${path}`, what));
  const amount = (value: string | undefined, path: string, what: string, required = true): Dec | undefined => {
    if (value === undefined) {
      if (required) missing(path, what);
      return undefined;
    }
    if (!AMOUNT.test(value)) {
      invalid(path, `${what} is not an amount with at most two decimals: ${JSON.stringify(value.slice(0, 40))}`);
      return undefined;
    }
    return new Dec(value);
  };

  if (e.typeCode === '381') {
    return { ok: false, violations: [violation('einvoice-credit-note', 'einvoice.typeCode', 'BT-3 says 381, a credit note: only invoices are imported')] };
  }
  if (e.typeCode !== undefined && !INVOICE_TYPE_CODES.has(e.typeCode)) {
    return { ok: false, violations: [violation('einvoice-not-an-invoice', 'einvoice.typeCode', `BT-3 invoice type code ${JSON.stringify(e.typeCode.slice(0, 10))} is not an invoice's`)] };
  }

  // ---- The document's identity ----
  if (e.number === undefined) missing('number', 'BT-1 invoice number');
  else if (e.number.length > MAX.number) invalid('number', `BT-1 invoice number is longer than ${MAX.number} characters`);
  if (e.issuedOn === undefined) {
    if (e.issueDateRaw === undefined) missing('issuedOn', 'BT-2 issue date');
    else invalid('issuedOn', `BT-2 issue date ${JSON.stringify(e.issueDateRaw.slice(0, 20))} is not a date`);
  } else if (!isValidDate(e.issuedOn)) invalid('issuedOn', `BT-2 issue date ${e.issuedOn} is not a date`);
  if (e.dueOn === undefined && e.dueDateRaw !== undefined) invalid('dueOn', `BT-9 due date ${JSON.stringify(e.dueDateRaw.slice(0, 20))} is not a date`);
  if (e.dueOn !== undefined && !isValidDate(e.dueOn)) invalid('dueOn', `BT-9 due date ${e.dueOn} is not a date`);
  if (e.currency === undefined) missing('currency', 'BT-5 invoice currency');
  else if (e.currency !== 'EUR') violations.push(violation('einvoice-currency-not-supported', 'einvoice.currency', `BT-5 currency is ${e.currency.slice(0, 3)}: only EUR invoices are imported`));

  // ---- The seller ----
  if (e.seller.name === undefined) missing('seller.name', 'BT-27 seller name');
  else if (e.seller.name.length > MAX.name) invalid('seller.name', `BT-27 seller name is longer than ${MAX.name} characters`);
  if (e.seller.siren !== undefined && !isSiren(e.seller.siren)) invalid('seller.siren', `BT-30 seller SIREN ${JSON.stringify(e.seller.siren.slice(0, 20))} is not a SIREN`);
  if (e.seller.vatNumber !== undefined && !/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/.test(e.seller.vatNumber)) invalid('seller.vatNumber', 'BT-31 seller VAT number is not a VAT number');

  if (e.documentAllowancesOrCharges) {
    violations.push(violation('einvoice-allowances-not-supported', 'einvoice.allowancesCharges', 'the invoice has document-level allowances or charges (BG-20, BG-21): type it in instead'));
  }

  // ---- The VAT breakdown (BG-23), by French rate ----
  if (e.vatBreakdown.length === 0) missing('vatBreakdown', 'BG-23 VAT breakdown');
  const byRate = new Map<VatRate, { base: Dec; vat: Dec; index: number }>();
  e.vatBreakdown.forEach((row, i) => {
    const base = amount(row.taxableAmount, `vatBreakdown.${i}.taxableAmount`, 'BT-116 VAT category taxable amount');
    const vat = amount(row.vatAmount, `vatBreakdown.${i}.vatAmount`, 'BT-117 VAT category tax amount');
    const rate = rateOf(row.percent, row.category);
    if (rate === 'missing') missing(`vatBreakdown.${i}.percent`, 'BT-119 VAT category rate');
    else if (rate === null) {
      violations.push(violation('einvoice-vat-rate-not-french', `einvoice.vatBreakdown.${i}.percent`, `BT-119 VAT rate ${JSON.stringify(row.percent?.slice(0, 10))} % is not a French rate (20, 10, 5.5, 2.1, 0)`));
    }
    if (base === undefined || vat === undefined || rate === null || rate === 'missing') return;
    if (!vatOn(base, rate).equals(vat)) {
      violations.push(violation('einvoice-vat-does-not-match-breakdown', `einvoice.vatBreakdown.${i}.vatAmount`, `BT-117 VAT ${formatMoney(vat)} is not ${formatMoney(base)} × ${rate} = ${formatMoney(vatOn(base, rate))} (BR-CO-17)`));
    }
    const seen = byRate.get(rate);
    byRate.set(rate, { base: (seen?.base ?? new Dec(0)).plus(base), vat: (seen?.vat ?? new Dec(0)).plus(vat), index: seen?.index ?? i });
  });

  // ---- The lines (BG-25); without any (Factur-X BASIC WL), one line per rate of the breakdown ----
  if (e.lines.length > MAX.lines) invalid('lines', `the invoice has more than ${MAX.lines} lines`);
  const lines: SupplierInvoiceLine[] = [];
  e.lines.slice(0, MAX.lines).forEach((line, i) => {
    const net = amount(line.netAmount, `lines.${i}.netAmount`, 'BT-131 invoice line net amount');
    const rate = rateOf(line.vatPercent, line.vatCategory);
    if (rate === 'missing') missing(`lines.${i}.vatPercent`, 'BT-152 invoiced item VAT rate');
    else if (rate === null) {
      violations.push(violation('einvoice-vat-rate-not-french', `einvoice.lines.${i}.vatPercent`, `BT-152 VAT rate ${JSON.stringify(line.vatPercent?.slice(0, 10))} % is not a French rate (20, 10, 5.5, 2.1, 0)`));
    }
    const description = line.name ?? `Line ${line.lineId ?? i + 1}`;
    if (description.length > MAX.description) invalid(`lines.${i}.name`, `BT-153 item name is longer than ${MAX.description} characters`);
    if (net === undefined || rate === null || rate === 'missing') return;
    lines.push({
      description,
      amountExclVat: formatMoney(net),
      vatRate: rate,
      ...(line.quantity === undefined ? {} : { quantity: line.quantity.slice(0, 30) }),
      ...(line.unitPrice === undefined ? {} : { unitPrice: line.unitPrice.slice(0, 30) }),
    });
  });
  const derivedLines = e.lines.length === 0;
  if (derivedLines) {
    for (const [rate, row] of byRate) lines.push({ description: `Purchases at VAT ${rate} (the invoice has no lines)`, amountExclVat: formatMoney(row.base), vatRate: rate });
  }

  // ---- The sums (only once every figure could be read: a missing one is already named) ----
  const totals = {
    lineTotal: amount(e.totals.lineTotal, 'totals.lineTotal', 'BT-106 sum of invoice line net amounts'),
    totalExclVat: amount(e.totals.totalExclVat, 'totals.totalExclVat', 'BT-109 invoice total amount without VAT'),
    vatTotal: amount(e.totals.vatTotal, 'totals.vatTotal', 'BT-110 invoice total VAT amount'),
    totalInclVat: amount(e.totals.totalInclVat, 'totals.totalInclVat', 'BT-112 invoice total amount with VAT'),
    prepaid: amount(e.totals.prepaid, 'totals.prepaid', 'BT-113 paid amount', false),
    amountDue: amount(e.totals.amountDue, 'totals.amountDue', 'BT-115 amount due for payment'),
  };
  if (violations.length > 0) return { ok: false, violations };
  const { lineTotal, totalExclVat, vatTotal, totalInclVat, amountDue } = totals as Record<keyof typeof totals, Dec>;
  const prepaid = totals.prepaid ?? new Dec(0);
  const sums: V[] = [];
  const linesSum = sum(lines.map((l) => new Dec(l.amountExclVat)));
  if (!linesSum.equals(lineTotal)) {
    sums.push(violation('einvoice-lines-do-not-match-totals', 'einvoice.totals.lineTotal', `the lines add up to ${formatMoney(linesSum)}, BT-106 says ${formatMoney(lineTotal)} (BR-CO-10)`));
  }
  for (const rate of VAT_RATES) {
    const row = byRate.get(rate);
    const ofRate = sum(lines.filter((l) => l.vatRate === rate).map((l) => new Dec(l.amountExclVat)));
    const hasLines = lines.some((l) => l.vatRate === rate);
    if (!row && hasLines) {
      sums.push(violation('einvoice-lines-do-not-match-vat-breakdown', 'einvoice.vatBreakdown', `lines at VAT ${rate} add up to ${formatMoney(ofRate)}, and the breakdown has no row at that rate`));
    } else if (row && !ofRate.equals(row.base)) {
      sums.push(violation('einvoice-lines-do-not-match-vat-breakdown', `einvoice.vatBreakdown.${row.index}.taxableAmount`, `the lines at VAT ${rate} add up to ${formatMoney(ofRate)}, BT-116 says ${formatMoney(row.base)}`));
    }
  }
  if (!totalExclVat.equals(lineTotal)) {
    sums.push(violation('einvoice-totals-inconsistent', 'einvoice.totals.totalExclVat', `BT-109 ${formatMoney(totalExclVat)} is not BT-106 ${formatMoney(lineTotal)} (no allowances nor charges) (BR-CO-13)`));
  }
  const breakdownVat = sum([...byRate.values()].map((r) => r.vat));
  if (!vatTotal.equals(breakdownVat)) {
    sums.push(violation('einvoice-vat-does-not-match-breakdown', 'einvoice.totals.vatTotal', `BT-110 ${formatMoney(vatTotal)} is not the breakdown's VAT ${formatMoney(breakdownVat)} (BR-CO-14)`));
  }
  if (!totalInclVat.equals(totalExclVat.plus(vatTotal))) {
    sums.push(violation('einvoice-totals-inconsistent', 'einvoice.totals.totalInclVat', `BT-112 ${formatMoney(totalInclVat)} is not BT-109 + BT-110 = ${formatMoney(totalExclVat.plus(vatTotal))} (BR-CO-15)`));
  }
  if (!amountDue.equals(totalInclVat.minus(prepaid))) {
    sums.push(violation('einvoice-totals-inconsistent', 'einvoice.totals.amountDue', `BT-115 ${formatMoney(amountDue)} is not BT-112 − BT-113 = ${formatMoney(totalInclVat.minus(prepaid))} (BR-CO-16)`));
  }
  const vatBreakdown: VatBreakdownLine[] = VAT_RATES.flatMap((rate) => {
    const row = byRate.get(rate);
    return row ? [{ vatRate: rate, taxableAmount: formatMoney(row.base), vatAmount: formatMoney(row.vat) }] : [];
  });
  sums.push(...checkBases(vatBreakdown, (i) => `einvoice.vatBreakdown.${byRate.get(vatBreakdown[i]?.vatRate as VatRate)?.index ?? i}.taxableAmount`));
  if (sums.length > 0) return { ok: false, violations: sums };

  const siren = e.seller.siren ?? sirenOfVatNumber(e.seller.vatNumber);
  return {
    ok: true,
    value: {
      supplier: { name: e.seller.name as string, ...(siren ? { siren } : {}), ...(e.seller.vatNumber ? { vatNumber: e.seller.vatNumber } : {}) },
      number: e.number as string,
      issuedOn: e.issuedOn as string,
      ...(e.dueOn === undefined ? {} : { dueOn: e.dueOn }),
      lines,
      vatBreakdown,
      totalExclVat: formatMoney(totalExclVat),
      vat: formatMoney(vatTotal),
      total: formatMoney(totalInclVat),
      amountDue: formatMoney(amountDue),
      purchaseForResale,
    },
  };
}
