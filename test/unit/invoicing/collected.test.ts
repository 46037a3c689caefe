/**
 * The "collected" contribution base (docs/domain.md "Contribution"): payments received on invoices are entries
 * of type 'collection' that add to the month's `collected` and to nothing else; a policy on "collected" takes
 * its rate of them, the totals agreeing with the entry-summing reference.
 */
import { describe, expect, it } from 'vitest';
import {
  accountFromTotals,
  computeMonthlyAccount,
  effectOf,
  NO_HISTORY,
  NO_TOTALS,
  type Transaction,
  totalsOf,
} from '../../../domain/activityAccount/index.js';
import { Dec } from '../../../domain/money.js';

const entry = (id: string, type: Transaction['type'], amountExclVat: string, vatAmount = '0.00'): Transaction => ({
  id,
  type,
  date: '2026-03-10',
  month: '2026-03',
  amountExclVat,
  vatRate: type === 'collection' ? '0' : '0.20',
  vatAmount,
  label: 'x',
});

describe('collected revenue', () => {
  it('adds a payment to collected only', () => {
    expect(effectOf(entry('p', 'collection', '500.00'))).toEqual({ ...NO_TOTALS, collected: new Dec('500.00') });
  });

  it('takes a "collected" policy on the payments of the month, not on the invoices issued', () => {
    const entries = [entry('i', 'revenue', '1000.00', '200.00'), entry('p', 'collection', '400.00')];
    const policy = { kind: 'flat' as const, rate: '0.10', base: 'collected' as const };
    const fromTotals = accountFromTotals({ month: '2026-03', opening: NO_HISTORY, totals: totalsOf(entries), policy });
    expect(fromTotals.contribution.toFixed(2)).toBe('40.00');
    expect(fromTotals.revenue.toFixed(2)).toBe('1000.00');
    expect(fromTotals.envelope.toFixed(2)).toBe('960.00');
    expect(computeMonthlyAccount({ month: '2026-03', opening: NO_HISTORY, entries, policy })).toEqual(fromTotals);
  });

  it('leaves a revenue policy unchanged by payments', () => {
    const entries = [entry('i', 'revenue', '1000.00', '200.00'), entry('p', 'collection', '400.00')];
    const account = accountFromTotals({ month: '2026-03', opening: NO_HISTORY, totals: totalsOf(entries), policy: { kind: 'flat', rate: '0.10' } });
    expect(account.contribution.toFixed(2)).toBe('100.00');
  });
});
