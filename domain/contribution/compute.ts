/**
 * The contribution of one month (docs/domain.md "Contribution"). Every policy is read as marginal brackets on the
 * base cumulated over the calendar year (a flat policy is one open bracket), so the month's contribution is
 * what the year's cumulated base costs after the month minus what it cost before: 33,000 before and 5,000
 * this month under 10% to 35,000 / 8% to 45,000 → 2,000 × 10% + 3,000 × 8% = 440.00.
 *
 * Then, in this order:
 * - the monthly floor raises it when the month has activity (revenue > 0); a month without activity owes nothing;
 * - the yearly cap lowers it to what is left under the cap: the cap wins over the floor;
 * - a month with a negative base (reversals, purchases above sales) gets a refund at the marginal rates, but a
 *   refund never takes the year's contribution below what the year's base costs after the month under the cap
 *   (so a reversal after the cap was reached refunds only what falls back under the cap).
 * The result is rounded half-up to the cent, once.
 */
import type { Decimal } from 'decimal.js';
import type { IsoMonth } from '../calendar.js';
import { Dec, maxOf, minOf, roundCents, ZERO } from '../money.js';
import { type ContributionPolicy, bracketsOf } from './policy.js';
import { validatePolicy } from './validation.js';

/** What the contribution of a month depends on; cumulated figures are of the same calendar year. */
export interface ContributionInput {
  readonly policy: ContributionPolicy;
  /** The month computed; only named in errors (the caller has resolved the policy of that month). */
  readonly month?: IsoMonth;
  /** The month's base under the policy (revenue, or margin), excl. VAT; negative after reversals. */
  readonly baseThisMonth: Decimal;
  /** The month's revenue excl. VAT, which decides whether the floor applies; defaults to `baseThisMonth`. */
  readonly revenueThisMonth?: Decimal;
  /** The base cumulated from January to the month before (0 in January). */
  readonly cumulatedBaseBeforeMonth: Decimal;
  /** The contribution cumulated from January to the month before (0 in January). */
  readonly cumulatedContributionBeforeMonth: Decimal;
}

/**
 * What a cumulated yearly base costs under the policy's brackets, not rounded. Below zero (a year that starts
 * with reversals of last year's revenue) the first bracket's rate applies, so refunds mirror charges.
 */
export function contributionOnCumulatedBase(policy: ContributionPolicy, cumulatedBase: Decimal): Decimal {
  const brackets = bracketsOf(policy);
  const first = brackets[0];
  if (first === undefined) throw new RangeError('a policy needs at least one bracket');
  if (cumulatedBase.isNegative()) return cumulatedBase.times(first.rate);
  let total: Decimal = ZERO;
  let lower: Decimal = ZERO;
  for (const { upTo, rate } of brackets) {
    if (!cumulatedBase.greaterThan(lower)) break;
    const top = upTo === null ? cumulatedBase : minOf(cumulatedBase, upTo);
    total = total.plus(top.minus(lower).times(rate));
    if (upTo === null) break;
    lower = upTo;
  }
  return total;
}

/**
 * The contribution of a month, rounded half-up to the cent (see the module comment for floor, cap and
 * refunds). Throws a RangeError if the policy is not valid (`validatePolicy`): policies are validated when set.
 */
export function computeContribution(input: ContributionInput): Decimal {
  const { policy, baseThisMonth, cumulatedBaseBeforeMonth: before, cumulatedContributionBeforeMonth: paid } = input;
  const problems = validatePolicy(policy);
  if (problems.length > 0) {
    throw new RangeError(`invalid contribution policy${input.month ? ` for ${input.month}` : ''}: ${problems[0]?.message}`);
  }
  const after = before.plus(baseThisMonth);
  let contribution = roundCents(
    contributionOnCumulatedBase(policy, after).minus(contributionOnCumulatedBase(policy, before)),
  );
  const revenue = input.revenueThisMonth ?? baseThisMonth;
  if (policy.monthlyFloor !== undefined && revenue.greaterThan(0)) {
    contribution = maxOf(contribution, new Dec(policy.monthlyFloor));
  }
  let owedForYear = roundCents(contributionOnCumulatedBase(policy, after));
  if (policy.yearlyCap !== undefined) {
    const cap = new Dec(policy.yearlyCap);
    contribution = minOf(contribution, maxOf(ZERO, cap.minus(paid)));
    owedForYear = minOf(owedForYear, cap);
  }
  if (contribution.isNegative()) contribution = maxOf(contribution, minOf(ZERO, owedForYear.minus(paid)));
  return contribution;
}
