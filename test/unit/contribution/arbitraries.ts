/** fast-check arbitraries for contribution policies and amounts (built from integers: never a float for money). */
import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import type { ContributionPolicy, TieredPolicy } from '../../../domain/contribution/index.js';
import { Dec, formatMoney } from '../../../domain/money.js';

/** An amount in cents between min and max euros. */
export const amount = (minEuros: number, maxEuros: number): fc.Arbitrary<Decimal> =>
  fc.integer({ min: minEuros * 100, max: maxEuros * 100 }).map((cents) => new Dec(cents).dividedBy(100));

/** A rate between 0 and 1 with up to three decimals ("0.115"). */
export const rate: fc.Arbitrary<string> = fc.integer({ min: 0, max: 1000 }).map((n) => new Dec(n).dividedBy(1000).toFixed(3));

/** A valid tiered policy of 1 to 5 brackets, without floor or cap. */
export const tieredPolicy: fc.Arbitrary<TieredPolicy> = fc
  .uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 0, maxLength: 4 })
  .chain((limits) =>
    fc.array(rate, { minLength: limits.length + 1, maxLength: limits.length + 1 }).map((rates) => {
      const upTos = [...limits].sort((a, b) => a - b).map((euros) => formatMoney(new Dec(euros)));
      return {
        kind: 'tiered' as const,
        brackets: rates.map((r, i) => ({ upTo: upTos[i] ?? null, rate: r })),
      };
    }),
  );

/** Any valid policy with a floor and a cap (floor ≤ cap). */
export const policyWithFloorAndCap: fc.Arbitrary<ContributionPolicy> = fc
  .record({
    shape: fc.oneof(
      rate.map((r): ContributionPolicy => ({ kind: 'flat', rate: r })),
      tieredPolicy,
    ),
    floor: amount(0, 200),
    capAboveFloor: amount(0, 10_000),
  })
  .map(({ shape, floor, capAboveFloor }) => ({
    ...shape,
    monthlyFloor: formatMoney(floor),
    yearlyCap: formatMoney(floor.plus(capAboveFloor)),
  }));
