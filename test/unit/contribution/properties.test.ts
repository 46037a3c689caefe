import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bracketsOf, computeContribution, type ContributionPolicy } from '../../../domain/contribution/index.js';
import { Dec, maxOf, minOf, roundCents, ZERO } from '../../../domain/money.js';
import { amount, policyWithFloorAndCap, rate, tieredPolicy } from './arbitraries.js';

/** A year of months: each month's base and revenue (a month may have reversals). */
const year = fc.array(fc.record({ base: amount(-2_000, 30_000), revenue: amount(-1_000, 30_000) }), {
  minLength: 12,
  maxLength: 12,
});

function contributionsOverYear(policy: ContributionPolicy, months: { base: Decimal; revenue: Decimal }[]): Decimal[] {
  let cumulatedBase: Decimal = ZERO;
  let cumulatedContribution: Decimal = ZERO;
  return months.map(({ base, revenue }) => {
    const c = computeContribution({
      policy,
      baseThisMonth: base,
      revenueThisMonth: revenue,
      cumulatedBaseBeforeMonth: cumulatedBase,
      cumulatedContributionBeforeMonth: cumulatedContribution,
    });
    cumulatedBase = cumulatedBase.plus(base);
    cumulatedContribution = cumulatedContribution.plus(c);
    return c;
  });
}

/** The brackets' share of [from, to], each bracket computed on its own (overlap of two intervals). */
function sumOfBrackets(policy: ContributionPolicy, from: Decimal, to: Decimal): Decimal {
  let lower: Decimal = ZERO;
  let total: Decimal = ZERO;
  for (const { upTo, rate: r } of bracketsOf(policy)) {
    const upper = upTo ?? new Dec(Number.MAX_SAFE_INTEGER);
    const overlap = minOf(to, upper).minus(maxOf(from, lower));
    if (overlap.greaterThan(0)) total = total.plus(overlap.times(r));
    lower = upper;
  }
  return roundCents(total);
}

describe('contribution properties', () => {
  it('never exceeds the yearly cap over a year, month after month', () => {
    fc.assert(
      fc.property(policyWithFloorAndCap, year, (policy, months) => {
        let total: Decimal = ZERO;
        for (const c of contributionsOverYear(policy, months)) {
          total = total.plus(c);
          expect(total.lessThanOrEqualTo(policy.yearlyCap ?? '0')).toBe(true);
        }
      }),
    );
  });

  it('is at least the floor in a month with activity while the cap leaves room for it', () => {
    fc.assert(
      fc.property(
        policyWithFloorAndCap,
        amount(-1_000, 50_000),
        amount(0.01, 50_000),
        amount(0, 100_000),
        amount(0, 10_000),
        (policy, base, revenue, before, paid) => {
        fc.pre(new Dec(policy.yearlyCap ?? 0).minus(paid).greaterThanOrEqualTo(policy.monthlyFloor ?? 0));
        const c = computeContribution({
          policy,
          baseThisMonth: base,
          revenueThisMonth: revenue,
          cumulatedBaseBeforeMonth: before,
          cumulatedContributionBeforeMonth: paid,
        });
        expect(c.greaterThanOrEqualTo(policy.monthlyFloor ?? 0)).toBe(true);
        },
      ),
    );
  });

  it('is exactly what is left under the cap when the cap leaves less than the floor (the cap wins)', () => {
    fc.assert(
      fc.property(policyWithFloorAndCap, amount(0, 50_000), amount(0.01, 50_000), amount(0, 200), (policy, base, revenue, left) => {
        const cap = new Dec(policy.yearlyCap ?? 0);
        fc.pre(left.lessThan(policy.monthlyFloor ?? 0) && left.lessThanOrEqualTo(cap));
        const c = computeContribution({
          policy,
          baseThisMonth: base,
          revenueThisMonth: revenue,
          cumulatedBaseBeforeMonth: ZERO,
          cumulatedContributionBeforeMonth: cap.minus(left),
        });
        expect(c.toFixed(2)).toBe(left.toFixed(2));
      }),
    );
  });

  it('equals, for a tiered policy, the sum of its brackets each computed on its own', () => {
    fc.assert(
      fc.property(tieredPolicy, amount(0, 200_000), amount(0, 200_000), (policy, before, base) => {
        const c = computeContribution({
          policy,
          baseThisMonth: base,
          cumulatedBaseBeforeMonth: before,
          cumulatedContributionBeforeMonth: ZERO,
        });
        expect(c.toFixed(2)).toBe(sumOfBrackets(policy, before, before.plus(base)).toFixed(2));
      }),
    );
  });

  it('equals, for a flat policy, the same rate as a single open bracket', () => {
    fc.assert(
      fc.property(rate, amount(-1_000, 100_000), amount(0, 200_000), (r, base, before) => {
        const input = { baseThisMonth: base, cumulatedBaseBeforeMonth: before, cumulatedContributionBeforeMonth: ZERO };
        const asFlat = computeContribution({ ...input, policy: { kind: 'flat', rate: r } });
        const asTiered = computeContribution({ ...input, policy: { kind: 'tiered', brackets: [{ upTo: null, rate: r }] } });
        expect(asFlat.toFixed(2)).toBe(asTiered.toFixed(2));
      }),
    );
  });

  it('is never negative over a year whose cumulated base never falls below zero', () => {
    fc.assert(
      fc.property(fc.oneof(policyWithFloorAndCap, tieredPolicy), year, (policy, months) => {
        let base: Decimal = ZERO;
        const safe = months.map((m) => {
          const b = maxOf(m.base, base.negated());
          base = base.plus(b);
          return { base: b, revenue: m.revenue };
        });
        const total = contributionsOverYear(policy, safe).reduce((a, c) => a.plus(c), ZERO as Decimal);
        expect(total.isNegative()).toBe(false);
      }),
    );
  });
});
