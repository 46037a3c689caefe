/**
 * Supplier invoices (factures fournisseurs, docs/domain.md "Expenses"): what the CAE buys for an entrepreneur's
 * activity, typed in or imported from an e-invoice (einvoice/), kept as a draft until staff approve it; approval
 * posts one expense entry per VAT rate, dated on the issue date (`expenseEntriesOf`). Pure: amounts are decimal
 * strings computed with decimal.js, dates are inputs.
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '../calendar.js';
import { type Checked, type Violation, violation } from '../contribution/violation.js';
import { Dec, formatMoney, sum } from '../money.js';
import { parseVatRate, VAT_RATES, type VatRate, vatOn } from '../activityAccount/vat.js';

export interface Supplier {
  name: string;
  /** The supplier's SIREN (9 digits): with the number, what makes an invoice a duplicate. */
  siren?: string;
  vatNumber?: string;
}

export interface SupplierInvoiceLine {
  description: string;
  /** Excl. VAT, two decimals; negative only on an imported line (a discount line of the e-invoice). */
  amountExclVat: string;
  vatRate: VatRate;
  /** As written on an imported line, shown only. */
  quantity?: string;
  unitPrice?: string;
}

/** One VAT rate of the invoice: its taxable amount and its VAT. */
export interface VatBreakdownLine {
  vatRate: VatRate;
  taxableAmount: string;
  vatAmount: string;
}

export interface SupplierInvoiceDraft {
  supplier: Supplier;
  number: string;
  issuedOn: IsoDate;
  dueOn?: IsoDate;
  lines: SupplierInvoiceLine[];
  vatBreakdown: VatBreakdownLine[];
  totalExclVat: string;
  vat: string;
  /** Incl. VAT. */
  total: string;
  /** What is left to pay (the total less what was prepaid). */
  amountDue: string;
  /** The purchases are goods for resale: their entries count against the margin (`purchase_for_resale`). */
  purchaseForResale: boolean;
}

/** A supplier invoice as typed in (the request, already validated field by field). */
export interface TypedSupplierInvoice {
  supplier: Supplier;
  number: string;
  issuedOn: IsoDate;
  dueOn?: IsoDate;
  lines: { description: string; amountExclVat: string; vatRate: string }[];
  purchaseForResale: boolean;
}

export type SupplierInvoiceViolationId = 'due-before-issue' | 'vat-base-not-positive' | 'unknown-vat-rate';

/** True for a SIREN: nine digits whose Luhn sum is a multiple of ten (La Poste's 356000000 excepted, as INSEE does). */
export function isSiren(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  if (value === '356000000') return true;
  let total = 0;
  for (let i = 0; i < 9; i++) {
    let digit = Number(value[8 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    total += digit;
  }
  return total % 10 === 0;
}

/** The SIREN inside a French VAT number (FR + 2 key characters + SIREN), if it is one. */
export function sirenOfVatNumber(vatNumber: string | undefined): string | undefined {
  const m = vatNumber ? /^FR[0-9A-Z]{2}(\d{9})$/.exec(vatNumber.replace(/\s+/g, '').toUpperCase()) : null;
  return m?.[1] && isSiren(m[1]) ? m[1] : undefined;
}

/** The VAT breakdown of lines: one row per rate, in the order of VAT_RATES, VAT half-up on each rate's base. */
export function vatBreakdownOf(lines: readonly { amountExclVat: string; vatRate: VatRate }[]): VatBreakdownLine[] {
  return VAT_RATES.flatMap((rate) => {
    const ofRate = lines.filter((line) => line.vatRate === rate);
    if (ofRate.length === 0) return [];
    const base = sum(ofRate.map((line) => new Dec(line.amountExclVat)));
    return [{ vatRate: rate, taxableAmount: formatMoney(base), vatAmount: formatMoney(vatOn(base, rate)) }];
  });
}

/** Totals of a breakdown. */
export function totalsOf(breakdown: readonly VatBreakdownLine[]): { totalExclVat: string; vat: string; total: string } {
  const base = sum(breakdown.map((b) => new Dec(b.taxableAmount)));
  const vat = sum(breakdown.map((b) => new Dec(b.vatAmount)));
  return { totalExclVat: formatMoney(base), vat: formatMoney(vat), total: formatMoney(base.plus(vat)) };
}

/** Every rate's base must be above zero: each becomes an expense entry, and the ledger takes positive amounts. */
export function checkBases(breakdown: readonly VatBreakdownLine[], path: (index: number) => string): Violation<'vat-base-not-positive'>[] {
  return breakdown.flatMap((b, i) =>
    new Dec(b.taxableAmount).greaterThan(0) ? [] : [violation('vat-base-not-positive', path(i), `the lines at VAT ${b.vatRate} add up to ${b.taxableAmount}: a rate's total must be above 0`)],
  );
}

/** The draft of a typed-in invoice: VAT computed per rate, totals from it. */
export function draftOfTyped(input: TypedSupplierInvoice): Checked<SupplierInvoiceDraft, SupplierInvoiceViolationId> {
  const violations: Violation<SupplierInvoiceViolationId>[] = [];
  if (input.dueOn !== undefined && input.dueOn < input.issuedOn) violations.push(violation('due-before-issue', 'dueOn', 'the due date is before the issue date'));
  const lines: SupplierInvoiceLine[] = [];
  input.lines.forEach((line, i) => {
    const rate = parseVatRate(line.vatRate);
    if (rate === null) violations.push(violation('unknown-vat-rate', `lines.${i}.vatRate`, 'the VAT rate is one of 0.20, 0.10, 0.055, 0.021, 0'));
    else lines.push({ description: line.description, amountExclVat: formatMoney(new Dec(line.amountExclVat)), vatRate: rate });
  });
  const vatBreakdown = vatBreakdownOf(lines);
  violations.push(...checkBases(vatBreakdown, () => 'lines'));
  if (violations.length > 0) return { ok: false, violations };
  const totals = totalsOf(vatBreakdown);
  return {
    ok: true,
    value: {
      supplier: input.supplier,
      number: input.number,
      issuedOn: input.issuedOn,
      ...(input.dueOn === undefined ? {} : { dueOn: input.dueOn }),
      lines,
      vatBreakdown,
      ...totals,
      amountDue: totals.total,
      purchaseForResale: input.purchaseForResale,
    },
  };
}

/** One expense entry to post at approval (one per VAT rate). */
export interface SupplierInvoiceExpense {
  vatRate: VatRate;
  amountExclVat: string;
  date: IsoDate;
  label: string;
  reference: string;
  category: 'purchase_for_resale' | 'other';
}

/**
 * The expense entries an approved invoice posts: one per VAT rate of its breakdown, in the order of VAT_RATES,
 * dated on its issue date, referenced by supplier and number (the ledger computes each entry's VAT on its base,
 * which is the breakdown's VAT, half-up).
 */
export function expenseEntriesOf(draft: SupplierInvoiceDraft): SupplierInvoiceExpense[] {
  const reference = `${draft.supplier.siren ?? draft.supplier.name} ${draft.number}`.slice(0, 100);
  return draft.vatBreakdown.map((b) => ({
    vatRate: b.vatRate,
    amountExclVat: b.taxableAmount,
    date: draft.issuedOn,
    label: `${draft.supplier.name}: invoice ${draft.number}`.slice(0, 200),
    reference,
    category: draft.purchaseForResale ? 'purchase_for_resale' : 'other',
  }));
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);

/**
 * Who the supplier is, for duplicates: the SIREN (given, or read from a French VAT number); else the VAT number;
 * else the name, normalised (case, accents' composition, spaces). Safe as a key part.
 */
export function supplierKeyOf(supplier: Supplier): string {
  const siren = supplier.siren ?? sirenOfVatNumber(supplier.vatNumber);
  if (siren) return `SIREN-${siren}`;
  if (supplier.vatNumber) return `VAT-${digest(supplier.vatNumber.replace(/\s+/g, '').toUpperCase())}`;
  return `NAME-${digest(supplier.name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim())}`;
}

/** An invoice number, for duplicates: spaces and case do not make another number. Safe as a key part. */
export function numberKeyOf(number: string): string {
  return digest(number.normalize('NFC').toUpperCase().replace(/\s+/g, ''));
}
