/**
 * The month totals against the reference: on random ledgers (several months across a new year, reversals of
 * earlier entries, flat / tiered / margin policies with floor and cap, dated CAE versions and overrides, some
 * months closed with a salary's employer cost), the account computed from totals kept entry by entry (each
 * effect added as the store adds it: a money string, in any order) is exactly the account today's computation
 * gives from the entries themselves (`computeMonthlyAccount`), and so is what payroll closes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addTotals,
  closeMonth,
  computeMonthlyAccount,
  effectOf,
  type MonthlyAccountSnapshot,
  type MonthTotals,
  NO_TOTALS,
  openingFigures,
  recordTransaction,
  reverseTransaction,
  rollForward,
  TOTALS_FIGURES,
  type Transaction,
  toSnapshot,
  VAT_RATES,
} from '../../../domain/activityAccount/index.js';
import type { ContributionPolicy, OverrideVersion, PolicyVersion } from '../../../domain/contribution/index.js';
import { policyFor } from '../../../domain/contribution/index.js';
import { Dec, formatMoney } from '../../../domain/money.js';
import { closeMonthsToPay } from '../../../domain/payroll/index.js';
import { amount, policyWithFloorAndCap, rate, tieredPolicy } from '../contribution/arbitraries.js';
import { activeContext, reversalContext } from './builders.js';

const MONTHS = ['2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04'];

const policy: fc.Arbitrary<ContributionPolicy> = fc.oneof(
  rate.map((r): ContributionPolicy => ({ kind: 'flat', rate: r })),
  tieredPolicy,
  policyWithFloorAndCap,
  policyWithFloorAndCap.map((p) => ({ ...p, base: 'margin' as const })),
  tieredPolicy.map((p) => ({ ...p, base: 'margin' as const })),
);

const versions = <P>(p: fc.Arbitrary<P>) =>
  fc.array(fc.record({ effectiveFrom: fc.constantFrom(...MONTHS), policy: p }), { maxLength: 3 });

const draft = fc.record({
  type: fc.constantFrom('revenue' as const, 'expense' as const),
  cents: fc.integer({ min: 1, max: 3_000_000 }),
  vatRate: fc.constantFrom(...VAT_RATES),
  resale: fc.boolean(),
  day: fc.integer({ min: 1, max: 28 }),
  /** When ≥ 0: reverse this entry, `reverseAfter` months later (capped at the last month). */
  reverseAfter: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 3 })),
});

interface Ledger {
  byMonth: Map<string, Transaction[]>;
}

/** Entries of every month (some months empty), reversals dated in their own (same or later) month. */
const ledger: fc.Arbitrary<Ledger> = fc
  .array(fc.array(draft, { maxLength: 8 }), { minLength: MONTHS.length, maxLength: MONTHS.length })
  .map((drafts) => {
    const byMonth = new Map<string, Transaction[]>(MONTHS.map((m) => [m, []]));
    let n = 0;
    drafts.forEach((monthDrafts, i) => {
      const month = MONTHS[i] as string;
      for (const d of monthDrafts) {
        const recorded = recordTransaction(
          `tx-${++n}`,
          {
            type: d.type,
            date: `${month}-${String(d.day).padStart(2, '0')}`,
            amountExclVat: new Dec(d.cents).dividedBy(100).toFixed(2),
            vatRate: d.vatRate,
            label: 'generated',
            ...(d.type === 'expense' ? { category: d.resale ? 'purchase_for_resale' : 'other' } : {}),
          },
          activeContext(),
        );
        if (!recorded.ok) throw new Error(recorded.violations.map((v) => v.id).join());
        byMonth.get(month)?.push(recorded.value);
        if (d.reverseAfter >= 0) {
          const on = MONTHS[Math.min(MONTHS.length - 1, i + d.reverseAfter)] as string;
          const reversed = reverseTransaction(`tx-${++n}`, recorded.value, { date: `${on}-28`, reason: 'x' }, reversalContext());
          if (!reversed.ok) throw new Error(reversed.violations.map((v) => v.id).join());
          byMonth.get(on)?.push(reversed.value);
        }
      }
    });
    return { byMonth };
  });

/**
 * The totals as the store keeps them: each entry's effect added, as the money string the ledger sends to
 * DynamoDB's ADD, in an order of the generator's choosing (concurrent posts land in any order).
 */
function storedTotals(entries: readonly Transaction[], order: readonly number[]): MonthTotals {
  const shuffled = entries.map((e, i) => ({ e, k: order[i % Math.max(order.length, 1)] ?? 0 })).sort((a, b) => a.k - b.k);
  return shuffled.reduce((totals, { e }) => {
    const effect = effectOf(e);
    const asStored = Object.fromEntries(TOTALS_FIGURES.map((name) => [name, new Dec(formatMoney(effect[name]))])) as unknown as MonthTotals;
    return addTotals(totals, asStored);
  }, NO_TOTALS);
}

const scenario = fc.record({
  ledger,
  policies: versions(policy).map((v): PolicyVersion[] => [{ effectiveFrom: '1900-01', policy: { kind: 'flat', rate: '0.10' } }, ...v]),
  overrides: versions(fc.option(policy, { nil: null })).map((v) => v as OverrideVersion[]),
  closedUpTo: fc.integer({ min: -1, max: MONTHS.length - 2 }),
  employerCosts: fc.array(amount(0, 3_000), { minLength: MONTHS.length, maxLength: MONTHS.length }),
  order: fc.array(fc.integer(), { maxLength: 20 }),
});

describe('month totals kept as entries are written', () => {
  it('give the accounts that today’s computation gives from the entries, month after month', () => {
    fc.assert(
      fc.property(scenario, ({ ledger, policies, overrides, closedUpTo, employerCosts, order }) => {
        const policyOf = (m: string) => policyFor(policies, m, overrides);
        // The reference: every month computed from its entries, the first months closed with a salary's cost.
        const reference: MonthlyAccountSnapshot[] = [];
        MONTHS.forEach((m, i) => {
          const account = computeMonthlyAccount({ month: m, opening: openingFigures(m, reference[i - 1] ?? null), entries: ledger.byMonth.get(m) ?? [], policy: policyOf(m) });
          reference.push(i <= closedUpTo ? closeMonth(account, employerCosts[i] ?? new Dec(0)) : toSnapshot(account));
        });
        // The ledger's way: totals of the months with entries only, rolled forward from the last closed month.
        const totalsByMonth = new Map<string, MonthTotals>();
        for (const [m, entries] of ledger.byMonth) if (entries.length > 0) totalsByMonth.set(m, storedTotals(entries, order));
        const base = closedUpTo >= 0 ? (reference[closedUpTo] as MonthlyAccountSnapshot) : null;
        MONTHS.forEach((m, i) => {
          if (i <= closedUpTo) return;
          expect(toSnapshot(rollForward({ month: m, base, totalsByMonth, policyFor: policyOf }))).toEqual(reference[i]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('give payroll the closed accounts and the envelope that today’s computation gives', () => {
    fc.assert(
      fc.property(scenario, ({ ledger, policies, overrides, closedUpTo, order }) => {
        const policyOf = (m: string) => policyFor(policies, m, overrides);
        const reference: MonthlyAccountSnapshot[] = [];
        MONTHS.forEach((m, i) => {
          const account = computeMonthlyAccount({ month: m, opening: openingFigures(m, reference[i - 1] ?? null), entries: ledger.byMonth.get(m) ?? [], policy: policyOf(m) });
          reference.push(closeMonth(account, new Dec(0)));
        });
        const totalsByMonth = new Map<string, MonthTotals>();
        for (const [m, entries] of ledger.byMonth) totalsByMonth.set(m, storedTotals(entries, order));
        const months = MONTHS.slice(closedUpTo + 1);
        const closed = closeMonthsToPay({
          months,
          base: closedUpTo >= 0 ? (reference[closedUpTo] as MonthlyAccountSnapshot) : null,
          totalsByMonth,
          policies,
          overrides,
          fixedMonthlyGross: null,
          settings: { headcount: 50 },
        });
        expect(closed.map((c) => c.account)).toEqual(reference.slice(closedUpTo + 1));
      }),
      { numRuns: 200 },
    );
  });
});
