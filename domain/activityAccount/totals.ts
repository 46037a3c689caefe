/**
 * A month's totals: what the entries dated in a month add up to, kept as they are written (one small stored
 * item per entrepreneur and month), so that an account is computed from a handful of figures instead of
 * every entry. They hold exactly what the account and every contribution policy need: revenue (the base of
 * most policies and the floor's test), purchases for resale (margin policies), expenses, VAT, and what was
 * collected: the payments received on invoices, excl. VAT (the base of "collected" policies). A payment is an
 * entry of type 'collection' whose only effect is on `collected`: the revenue was counted when the invoice was
 * issued, so an account that does not invoice through the product (typed transactions only) never changes.
 *
 * `computeMonthlyAccount` (monthlyAccount.ts), which sums the entries themselves, is the reference these
 * totals are checked against (test/unit/activityAccount/totals.test.ts).
 */
import type { Decimal } from 'decimal.js';
import { Dec, ZERO } from '../money.js';
import type { Transaction } from './transaction.js';

/** The figures a month's entries add up to; amounts excl. VAT, in cents, negative only after reversals. */
export interface MonthTotals {
  readonly revenue: Decimal;
  readonly expenses: Decimal;
  /** Expenses of category 'purchase_for_resale' (part of `expenses`). */
  readonly purchases: Decimal;
  readonly vatCollected: Decimal;
  readonly vatDeductible: Decimal;
  /** Payments received on invoices in the month, excl. VAT (entries of type 'collection'). */
  readonly collected: Decimal;
}

/** The figures of `MonthTotals`, in a fixed order (what the store keeps, one number each). */
export const TOTALS_FIGURES = ['revenue', 'expenses', 'purchases', 'vatCollected', 'vatDeductible', 'collected'] as const satisfies readonly (keyof MonthTotals)[];

/** A month without entries. */
export const NO_TOTALS: MonthTotals = Object.freeze({
  revenue: ZERO,
  expenses: ZERO,
  purchases: ZERO,
  vatCollected: ZERO,
  vatDeductible: ZERO,
  collected: ZERO,
});

/**
 * What one entry adds to its month's totals. A reversal carries negated amounts, so its effect cancels the
 * original's: revenue and VAT collected for a revenue; expenses, VAT deductible and (for a purchase for
 * resale) purchases for an expense.
 */
export function effectOf(entry: Transaction): MonthTotals {
  if (entry.type === 'collection') return { ...NO_TOTALS, collected: new Dec(entry.amountExclVat) };
  if (entry.type === 'revenue') return { ...NO_TOTALS, revenue: new Dec(entry.amountExclVat), vatCollected: new Dec(entry.vatAmount) };
  const amount = new Dec(entry.amountExclVat);
  return {
    ...NO_TOTALS,
    expenses: amount,
    purchases: entry.category === 'purchase_for_resale' ? amount : ZERO,
    vatDeductible: new Dec(entry.vatAmount),
  };
}

/** The totals with an effect added, figure by figure (exact: amounts are in cents). */
export function addTotals(a: MonthTotals, b: MonthTotals): MonthTotals {
  return {
    revenue: a.revenue.plus(b.revenue),
    expenses: a.expenses.plus(b.expenses),
    purchases: a.purchases.plus(b.purchases),
    vatCollected: a.vatCollected.plus(b.vatCollected),
    vatDeductible: a.vatDeductible.plus(b.vatDeductible),
    collected: a.collected.plus(b.collected),
  };
}

/** The totals of a list of entries (a month's ledger): the entries' effects added one by one. */
export function totalsOf(entries: readonly Transaction[]): MonthTotals {
  return entries.reduce((totals, entry) => addTotals(totals, effectOf(entry)), NO_TOTALS);
}
