/**
 * The monthly activity account (docs/domain.md "Salary"): opening balance + revenue − contribution − expenses
 * = envelope; envelope − employer cost = closing balance. Amounts excl. VAT; VAT is tracked beside them.
 *
 * A read is bounded: the account of a month needs only that month's entries (reversals included: they net
 * out) and the opening figures, which come from the previous month's snapshot (`openingFigures`): its closing
 * balance and the year-to-date figures that tiered policies and the yearly cap need, reset in January.
 */
import type { Decimal } from 'decimal.js';
import { type IsoMonth, yearOf } from '../calendar.js';
import { baseOf, type ContributionPolicy } from '../contribution/policy.js';
import { computeContribution } from '../contribution/compute.js';
import { Dec, ZERO } from '../money.js';
import type { MonthlyAccountSnapshot } from './snapshot.js';
import type { Transaction } from './transaction.js';

/** What a month starts from: the previous closing balance and the year-to-date figures before the month. */
export interface OpeningFigures {
  readonly balance: Decimal;
  readonly cumulatedRevenue: Decimal;
  readonly cumulatedMargin: Decimal;
  readonly cumulatedContribution: Decimal;
}

/** The opening figures of an entrepreneur's first month: all zero. */
export const NO_HISTORY: OpeningFigures = Object.freeze({
  balance: ZERO,
  cumulatedRevenue: ZERO,
  cumulatedMargin: ZERO,
  cumulatedContribution: ZERO,
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
  /** Revenue − purchases (gross margin; "value added" in funders' reports). */
  readonly margin: Decimal;
  /** The month's base under the policy (revenue or margin). */
  readonly contributionBase: Decimal;
  readonly cumulatedRevenue: Decimal;
  readonly cumulatedMargin: Decimal;
  /** Year-to-date base under this month's policy (revenue or margin). */
  readonly cumulatedBase: Decimal;
  readonly cumulatedContribution: Decimal;
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

/** Computes a month's account. Throws a RangeError when an entry is not dated in the month. */
export function computeMonthlyAccount(input: MonthlyAccountInput): MonthlyAccount {
  const { month, opening, policy } = input;
  let revenue: Decimal = ZERO;
  let expenses: Decimal = ZERO;
  let purchases: Decimal = ZERO;
  let vatCollected: Decimal = ZERO;
  let vatDeductible: Decimal = ZERO;
  for (const entry of input.entries) {
    if (entry.month !== month) throw new RangeError(`entry ${entry.id} of ${entry.month} is not in ${month}`);
    if (entry.type === 'revenue') {
      revenue = revenue.plus(entry.amountExclVat);
      vatCollected = vatCollected.plus(entry.vatAmount);
    } else {
      expenses = expenses.plus(entry.amountExclVat);
      vatDeductible = vatDeductible.plus(entry.vatAmount);
      if (entry.category === 'purchase_for_resale') purchases = purchases.plus(entry.amountExclVat);
    }
  }
  const margin = revenue.minus(purchases);
  const onMargin = baseOf(policy) === 'margin';
  const contributionBase = onMargin ? margin : revenue;
  const cumulatedBaseBefore = onMargin ? opening.cumulatedMargin : opening.cumulatedRevenue;
  const contribution = computeContribution({
    policy,
    month,
    baseThisMonth: contributionBase,
    revenueThisMonth: revenue,
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
    policy,
    closed: input.closed ?? false,
  };
}
