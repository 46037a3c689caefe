import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closeMonth,
  computeMonthlyAccount,
  type MonthlyAccountSnapshot,
  type OpeningFigures,
  openingFigures,
  recordTransaction,
  type Transaction,
  toSnapshot,
  VAT_RATES,
} from '../../../domain/activityAccount/index.js';
import type { ContributionPolicy } from '../../../domain/contribution/index.js';
import { Dec, ZERO } from '../../../domain/money.js';
import { amount, policyWithFloorAndCap, rate, tieredPolicy } from '../contribution/arbitraries.js';
import { activeContext, reversal } from './builders.js';

const policy: fc.Arbitrary<ContributionPolicy> = fc.oneof(
  rate.map((r): ContributionPolicy => ({ kind: 'flat', rate: r })),
  tieredPolicy,
  policyWithFloorAndCap,
  policyWithFloorAndCap.map((p) => ({ ...p, base: 'margin' as const })),
);

/** Entries of one month, recorded through the domain's own rules. */
const entriesOf = (month: string): fc.Arbitrary<Transaction[]> =>
  fc
    .array(
      fc.record({
        type: fc.constantFrom('revenue' as const, 'expense' as const),
        cents: fc.integer({ min: 1, max: 2_000_000 }),
        vatRate: fc.constantFrom(...VAT_RATES),
        resale: fc.boolean(),
        day: fc.integer({ min: 1, max: 28 }),
      }),
      { maxLength: 15 },
    )
    .map((drafts) =>
      drafts.map((draft, i) => {
        const result = recordTransaction(
          `${month}-${i}`,
          {
            type: draft.type,
            date: `${month}-${String(draft.day).padStart(2, '0')}`,
            amountExclVat: new Dec(draft.cents).dividedBy(100).toFixed(2),
            vatRate: draft.vatRate,
            label: 'generated',
            ...(draft.type === 'expense' ? { category: draft.resale ? 'purchase_for_resale' : 'other' } : {}),
          },
          activeContext(),
        );
        if (!result.ok) throw new Error(result.violations.map((v) => v.id).join());
        return result.value;
      }),
    );

const opening: fc.Arbitrary<OpeningFigures> = fc
  .record({
    balance: amount(-10_000, 50_000),
    cumulatedRevenue: amount(0, 100_000),
    purchases: amount(0, 50_000),
    cumulatedContribution: amount(0, 5_000),
  })
  .map(({ balance, cumulatedRevenue, purchases, cumulatedContribution }) => ({
    balance,
    cumulatedRevenue,
    cumulatedMargin: cumulatedRevenue.minus(purchases),
    cumulatedContribution,
  }));

const total = (entries: Transaction[], type: 'revenue' | 'expense'): Decimal =>
  entries.filter((e) => e.type === type).reduce((sum, e) => sum.plus(e.amountExclVat), ZERO as Decimal);

describe('monthly account properties', () => {
  it('envelope = opening + revenue − contribution − expenses and closing = envelope − employer cost', () => {
    fc.assert(
      fc.property(opening, entriesOf('2025-03'), policy, amount(0, 20_000), (start, entries, p, employerCost) => {
        const account = computeMonthlyAccount({ month: '2025-03', opening: start, entries, policy: p, employerCost });
        const envelope = start.balance.plus(total(entries, 'revenue')).minus(account.contribution).minus(total(entries, 'expense'));
        expect([account.envelope.toFixed(2), account.closingBalance.toFixed(2)]).toEqual([
          envelope.toFixed(2),
          envelope.minus(employerCost).toFixed(2),
        ]);
      }),
    );
  });

  it('a reversal nets its entry to zero: the account is as if the entry had never been', () => {
    fc.assert(
      fc.property(opening, entriesOf('2025-03'), policy, fc.infiniteStream(fc.boolean()), (start, entries, p, picks) => {
        const reversed = entries.filter(() => picks.next().value);
        const kept = entries.filter((e) => !reversed.includes(e));
        const month = (list: Transaction[]) =>
          toSnapshot(computeMonthlyAccount({ month: '2025-03', opening: start, entries: list, policy: p }));
        expect(month([...entries, ...reversed.map((e) => reversal(e))])).toEqual(month(kept));
      }),
    );
  });

  it('over a year of closed months, the balance is revenue − contribution − expenses − employer cost', () => {
    const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
    fc.assert(
      fc.property(
        fc.tuple(...months.map(entriesOf)),
        fc.array(amount(0, 5_000), { minLength: months.length, maxLength: months.length }),
        policy,
        (entriesByMonth, costs, p) => {
          let previous: MonthlyAccountSnapshot | null = null;
          let expected: Decimal = ZERO;
          months.forEach((month, i) => {
            const entries = entriesByMonth[i] ?? [];
            const cost = costs[i] ?? ZERO;
            const account = computeMonthlyAccount({ month, opening: openingFigures(month, previous), entries, policy: p });
            previous = closeMonth(account, cost);
            expected = expected
              .plus(total(entries, 'revenue'))
              .minus(account.contribution)
              .minus(total(entries, 'expense'))
              .minus(cost);
          });
          const last = previous as MonthlyAccountSnapshot | null;
          expect(last?.closingBalance).toBe(expected.toFixed(2));
        },
      ),
    );
  });
});
