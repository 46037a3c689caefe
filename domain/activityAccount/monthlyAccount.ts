/**
 * The monthly activity account (docs/domain.md "Salary"): opening balance + revenue − contribution − expenses
 * = envelope; envelope − employer cost = closing balance. Amounts excl. VAT; VAT is tracked beside them.
 *
 * A read is bounded: the account of a month needs only that month's totals (what its entries add up to,
 * reversals included: they net out; totals.ts) and the opening figures, which come from the previous month's
 * snapshot (`openingFigures`): its closing balance and the year-to-date figures that tiered policies and the
 * yearly cap need, reset in January.
 */
import type { Decimal } from 'decimal.js';
import { type IsoMonth, yearOf } from '../calendar.js';
import { baseOf, type ContributionPolicy } from '../contribution/policy.js';
import { computeContribution } from '../contribution/compute.js';
import { Dec, ZERO } from '../money.js';
import { type MonthlyAccountSnapshot, toSnapshot } from './snapshot.js';
import { type MonthTotals, NO_TOTALS } from './totals.js';
import type { Transaction } from './transaction.js';

/** What a month starts from: the previous closing balance and the year-to-date figures before the month. */
export interface OpeningFigures {
  readonly balance: Decimal;
  readonly cumulatedRevenue: Decimal;
  readonly cumulatedMargin: Decimal;
  readonly cumulatedContribution: Decimal;
  /** Payments received excl. VAT, year to date (the base of "collected" policies); absent: 0. */
  readonly cumulatedCollected?: Decimal;
}

/** The opening figures of an entrepreneur's first month: all zero. */
export const NO_HISTORY: OpeningFigures = Object.freeze({
  balance: ZERO,
  cumulatedRevenue: ZERO,
  cumulatedMargin: ZERO,
  cumulatedContribution: ZERO,
  cumulatedCollected: ZERO,
});

/**
 * The opening figures of `month` from the snapshot of an earlier month (normally the month before; an older
 * one is right only when the months between have no entries). Year-to-date figures restart at 0 in a new year.
 * Throws a RangeError when the snapshot is not of an earlier month.
 */
export function openingFigures(month: IsoMonth, previous: MonthlyAccountSnapshot | null): OpeningFigures {
  if (previous === null) return NO_HISTORY;
  if (previous.month >= month) throw new RangeError(`snapshot of ${previous.month} cannot open ${month}`);
  const sameYear = yearOf(previous.month) === yearOf(month);
  return {
    balance: new Dec(previous.closingBalance),
    cumulatedRevenue: sameYear ? new Dec(previous.cumulatedRevenue) : ZERO,
    cumulatedMargin: sameYear ? new Dec(previous.cumulatedMargin) : ZERO,
    cumulatedContribution: sameYear ? new Dec(previous.cumulatedContribution) : ZERO,
    // Absent from the snapshots of accounts that never collected anything (snapshot.ts).
    cumulatedCollected: sameYear ? new Dec(previous.cumulatedCollected ?? 0) : ZERO,
  };
}

/** A month's account. Amounts are decimals in cents; cumulated figures are year to date, this month included. */
export interface MonthlyAccount {
  readonly month: IsoMonth;
  readonly openingBalance: Decimal;
  readonly revenue: Decimal;
  readonly contribution: Decimal;
  readonly expenses: Decimal;
  readonly envelope: Decimal;
  /** Employer cost of the month's salary: 0 until the month is paid. */
  readonly employerCost: Decimal;
  readonly closingBalance: Decimal;
  readonly vatCollected: Decimal;
  readonly vatDeductible: Decimal;
  /** Expenses of category 'purchase_for_resale'. */
  readonly purchases: Decimal;
  /** Revenue − purchases: the gross margin, the base of margin policies (not value added, which takes off every expense). */
  readonly margin: Decimal;
  /** The month's base under the policy (revenue or margin). */
  readonly contributionBase: Decimal;
  readonly cumulatedRevenue: Decimal;
  readonly cumulatedMargin: Decimal;
  /** Year-to-date base under this month's policy (revenue or margin). */
  readonly cumulatedBase: Decimal;
  readonly cumulatedContribution: Decimal;
  /** Payments received on invoices in the month, excl. VAT, and year to date. */
  readonly collected: Decimal;
  readonly cumulatedCollected: Decimal;
  /** The policy the contribution was computed with (a closed month keeps it). */
  readonly policy: ContributionPolicy;
  readonly closed: boolean;
}

/** What the account of a month is computed from. */
export interface MonthlyAccountInput {
  readonly month: IsoMonth;
  readonly opening: OpeningFigures;
  /** Every entry dated in the month, reversals included. */
  readonly entries: readonly Transaction[];
  /** The policy in force for the month (`policyFor`). */
  readonly policy: ContributionPolicy;
  /** Employer cost of the month's salary; 0 (the default) until the month is paid. */
  readonly employerCost?: Decimal;
  readonly closed?: boolean;
}

/**
 * Computes a month's account from its entries. This is the reference computation: the account that reads and
 * payroll use comes from the month's stored totals (`accountFromTotals`), which must give the same figures
 * (test/unit/activityAccount/totals.test.ts). Throws a RangeError when an entry is not dated in the month.
 */
export function computeMonthlyAccount(input: MonthlyAccountInput): MonthlyAccount {
  const { month } = input;
  let revenue: Decimal = ZERO;
  let expenses: Decimal = ZERO;
  let purchases: Decimal = ZERO;
  let vatCollected: Decimal = ZERO;
  let vatDeductible: Decimal = ZERO;
  let collected: Decimal = ZERO;
  for (const entry of input.entries) {
    if (entry.month !== month) throw new RangeError(`entry ${entry.id} of ${entry.month} is not in ${month}`);
    if (entry.type === 'collection') {
      collected = collected.plus(entry.amountExclVat);
    } else if (entry.type === 'revenue') {
      revenue = revenue.plus(entry.amountExclVat);
      vatCollected = vatCollected.plus(entry.vatAmount);
    } else {
      expenses = expenses.plus(entry.amountExclVat);
      vatDeductible = vatDeductible.plus(entry.vatAmount);
      if (entry.category === 'purchase_for_resale') purchases = purchases.plus(entry.amountExclVat);
    }
  }
  return accountFromTotals({ ...input, totals: { revenue, expenses, purchases, vatCollected, vatDeductible, collected } });
}

/** What the account of a month is computed from when its entries are already added up. */
export interface AccountFromTotalsInput extends Omit<MonthlyAccountInput, 'entries'> {
  readonly totals: MonthTotals;
}

/**
 * A month's account from its totals (domain/activityAccount/totals.ts): opening + revenue − contribution −
 * expenses = envelope, the contribution computed under the month's policy from the totals and the year to date.
 */
export function accountFromTotals(input: AccountFromTotalsInput): MonthlyAccount {
  const { month, opening, policy } = input;
  const { revenue, expenses, purchases, vatCollected, vatDeductible, collected } = input.totals;
  const margin = revenue.minus(purchases);
  const base = baseOf(policy);
  const contributionBase = base === 'margin' ? margin : base === 'collected' ? collected : revenue;
  const cumulatedBaseBefore = base === 'margin' ? opening.cumulatedMargin : base === 'collected' ? (opening.cumulatedCollected ?? ZERO) : opening.cumulatedRevenue;
  const contribution = computeContribution({
    policy,
    month,
    baseThisMonth: contributionBase,
    // On "collected", a month has activity (the floor applies) when money came in, not when invoices went out.
    revenueThisMonth: base === 'collected' ? collected : revenue,
    cumulatedBaseBeforeMonth: cumulatedBaseBefore,
    cumulatedContributionBeforeMonth: opening.cumulatedContribution,
  });
  const envelope = opening.balance.plus(revenue).minus(contribution).minus(expenses);
  const employerCost = input.employerCost ?? ZERO;
  return {
    month,
    openingBalance: opening.balance,
    revenue,
    contribution,
    expenses,
    envelope,
    employerCost,
    closingBalance: envelope.minus(employerCost),
    vatCollected,
    vatDeductible,
    purchases,
    margin,
    contributionBase,
    cumulatedRevenue: opening.cumulatedRevenue.plus(revenue),
    cumulatedMargin: opening.cumulatedMargin.plus(margin),
    cumulatedBase: cumulatedBaseBefore.plus(contributionBase),
    cumulatedContribution: opening.cumulatedContribution.plus(contribution),
    collected,
    cumulatedCollected: (opening.cumulatedCollected ?? ZERO).plus(collected),
    policy,
    closed: input.closed ?? false,
  };
}

/** What rolling an account forward needs: where it starts, the totals of the months since, the policies. */
export interface RollForwardInput {
  /** The month whose account is wanted. */
  readonly month: IsoMonth;
  /** The latest closed snapshot before `month`, or null when nothing was ever closed. */
  readonly base: MonthlyAccountSnapshot | null;
  /** The totals of the months after `base` up to `month` that have entries (others are left out). */
  readonly totalsByMonth: ReadonlyMap<IsoMonth, MonthTotals>;
  /** The policy in force in a month (policies and overrides resolved by the caller). */
  readonly policyFor: (month: IsoMonth) => ContributionPolicy;
}

/**
 * The account of `month` as it stands, rolled forward from `base` through the months that have totals. A
 * month without entries changes nothing (no revenue: no contribution, no floor; the year-to-date figures
 * restart in January whether or not January is computed), so it is skipped: the cost grows with the open
 * months that have entries, never with the entries themselves.
 */
export function rollForward(input: RollForwardInput): MonthlyAccount {
  const { month, base } = input;
  const months = [...input.totalsByMonth.keys()].filter((m) => (base === null || m > base.month) && m < month).sort();
  const accountOf = (m: IsoMonth, previous: MonthlyAccountSnapshot | null) =>
    accountFromTotals({ month: m, opening: openingFigures(m, previous), totals: input.totalsByMonth.get(m) ?? NO_TOTALS, policy: input.policyFor(m) });
  let previous: MonthlyAccountSnapshot | null = base;
  for (const m of months) previous = toSnapshot(accountOf(m, previous));
  return accountOf(month, previous);
}
