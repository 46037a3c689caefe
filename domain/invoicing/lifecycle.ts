/**
 * The invoice life cycle (docs/domain.md "Invoicing"): draft → issued → partially_paid → paid, or credited when
 * credit notes took off everything. An issued invoice is never edited nor deleted: a mistake is corrected by a
 * credit note, which takes off at most what remains due. At every moment credited + paid + due = the invoice's
 * total incl. VAT, none of them negative.
 */
import type { Decimal } from 'decimal.js';
import { addDays, type IsoDate } from '../calendar.js';
import { type Violation, violation } from '../contribution/violation.js';
import { Dec, formatMoney, ZERO } from '../money.js';
import { type Line, type Totals, totalsOfGroups, totalsOfLines, type VatGroup } from './lines.js';

export type InvoiceStatus = 'draft' | 'issued' | 'partially_paid' | 'paid' | 'credited';

/** Default payment term (days from issue) and the most the law allows (Code de commerce L441-10). */
export const DEFAULT_PAYMENT_TERMS_DAYS = 30;
export const MAX_PAYMENT_TERMS_DAYS = 60;

/** What the life cycle of an issued invoice depends on: its total and what credit notes and payments took off. */
export interface Balance {
  readonly inclVat: string;
  readonly credited: string;
  readonly paid: string;
}

/** What is still due: total − credited − paid. */
export function amountDue(balance: Balance): Decimal {
  return new Dec(balance.inclVat).minus(balance.credited).minus(balance.paid);
}

/** The status of an issued invoice from its balance. */
export function statusOf(balance: Balance): Exclude<InvoiceStatus, 'draft'> {
  const due = amountDue(balance);
  const paid = new Dec(balance.paid);
  if (due.greaterThan(0)) return paid.greaterThan(0) ? 'partially_paid' : 'issued';
  return paid.greaterThan(0) ? 'paid' : 'credited';
}

/** The due date: the issue date plus the payment term, which is at most 60 days. */
export function dueDate(issuedOn: IsoDate, paymentTermsDays: number): IsoDate {
  if (!Number.isInteger(paymentTermsDays) || paymentTermsDays < 0 || paymentTermsDays > MAX_PAYMENT_TERMS_DAYS) {
    throw new RangeError(`a payment term is 0 to ${MAX_PAYMENT_TERMS_DAYS} days`);
  }
  return addDays(issuedOn, paymentTermsDays);
}

export type InvoicingViolationId =
  | 'no-lines'
  | 'zero-total'
  | 'credit-exceeds-remaining'
  | 'payment-exceeds-due'
  | 'nothing-due'
  | 'self-issue-limit'
  | 'quote-not-accepted'
  | 'quote-expired'
  | 'quote-other-customer'
  | 'date-before-issue'
  | 'amount-not-positive';

type InvoicingViolation = Violation<InvoicingViolationId>;

/** A draft may be saved without lines, never issued without (422). */
export function checkIssuable(lines: readonly Line[]): InvoicingViolation[] {
  if (lines.length === 0) return [violation('no-lines', 'lines', 'an invoice needs at least one line to be issued')];
  if (new Dec(totalsOfLines(lines).inclVat).isZero()) return [violation('zero-total', 'lines', 'an invoice of 0.00 is not issued')];
  return [];
}

/** Whether an entrepreneur may issue alone an invoice of this total under the CAE's limit (incl. VAT). */
export function withinSelfIssueLimit(inclVat: string, selfIssueLimit: string): boolean {
  return !new Dec(inclVat).greaterThan(selfIssueLimit);
}

/** VAT groups minus others, rate by rate (what remains of an invoice after its credit notes). */
export function remainingGroups(invoice: readonly VatGroup[], credited: readonly VatGroup[]): VatGroup[] {
  return invoice
    .map((group) => {
      const taken = credited.filter((c) => c.rate === group.rate);
      const base = taken.reduce((left, c) => left.minus(c.base), new Dec(group.base));
      const amount = taken.reduce((left, c) => left.minus(c.amount), new Dec(group.amount));
      return { rate: group.rate, base: formatMoney(base), amount: formatMoney(amount) };
    })
    .filter((group) => !new Dec(group.base).isZero() || !new Dec(group.amount).isZero());
}

/** VAT groups added rate by rate (every credit note of an invoice). */
export function addGroups(a: readonly VatGroup[], b: readonly VatGroup[]): VatGroup[] {
  const rates = [...new Set([...a, ...b].map((g) => g.rate))];
  return rates.map((rate) => {
    const all = [...a, ...b].filter((g) => g.rate === rate);
    return {
      rate,
      base: formatMoney(all.reduce((t, g) => t.plus(g.base), ZERO)),
      amount: formatMoney(all.reduce((t, g) => t.plus(g.amount), ZERO)),
    };
  });
}

/**
 * The totals of a credit note on an invoice: of its lines when given, else of all that remains to credit (rate by
 * rate, after earlier credit notes). Refused when it would take off more than what remains due.
 */
export function creditNoteTotals(
  invoice: { totals: Totals; balance: Balance; creditedGroups: readonly VatGroup[] },
  lines: readonly Line[] | undefined,
): { ok: true; totals: Totals } | { ok: false; violations: InvoicingViolation[] } {
  const totals = lines === undefined ? totalsOfGroups(remainingGroups(invoice.totals.vat, invoice.creditedGroups)) : totalsOfLines(lines);
  const due = amountDue(invoice.balance);
  if (!new Dec(totals.inclVat).greaterThan(0)) {
    return { ok: false, violations: [violation('nothing-due', lines === undefined ? '' : 'lines', 'nothing remains to credit on this invoice')] };
  }
  if (new Dec(totals.inclVat).greaterThan(due)) {
    return {
      ok: false,
      violations: [
        violation('credit-exceeds-remaining', lines === undefined ? '' : 'lines', `a credit note takes off at most what remains due (${formatMoney(due)})`),
      ],
    };
  }
  return { ok: true, totals };
}

/** A payment against an invoice: more than 0, at most what is due, received on or after the issue date. */
export function checkPayment(balance: Balance, issuedOn: IsoDate, payment: { amount: string; receivedOn: IsoDate }): InvoicingViolation[] {
  const amount = new Dec(payment.amount);
  if (!amount.greaterThan(0)) return [violation('amount-not-positive', 'amount', 'a payment is above 0')];
  if (payment.receivedOn < issuedOn) return [violation('date-before-issue', 'receivedOn', `a payment is received on or after the issue date ${issuedOn}`)];
  const due = amountDue(balance);
  if (!due.greaterThan(0)) return [violation('nothing-due', 'amount', 'nothing is due on this invoice')];
  if (amount.greaterThan(due)) return [violation('payment-exceeds-due', 'amount', `a payment is at most what is due (${formatMoney(due)})`)];
  return [];
}

/**
 * The part of a payment excl. VAT (what a "collected" contribution base counts): the payment in the proportion
 * of the invoice's total excl. VAT to its total incl. VAT, half-up to the cent.
 */
export function collectedExclVat(payment: string, totals: Pick<Totals, 'exclVat' | 'inclVat'>): Decimal {
  const incl = new Dec(totals.inclVat);
  if (incl.isZero()) return ZERO;
  return new Dec(payment).times(totals.exclVat).dividedBy(incl).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}
