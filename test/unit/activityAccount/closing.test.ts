import { describe, expect, it } from 'vitest';
import {
  assertMonthOpen,
  closeMonth,
  computeMonthlyAccount,
  monthsToClose,
  NO_HISTORY,
  openingFigures,
} from '../../../domain/activityAccount/index.js';
import { DEFAULT_POLICY, ViolationError } from '../../../domain/contribution/index.js';
import { Dec } from '../../../domain/money.js';
import { expense, idsOf, revenue } from './builders.js';

const march = (closed = false) =>
  computeMonthlyAccount({
    month: '2025-03',
    opening: NO_HISTORY,
    entries: [revenue('5000.00'), expense('600.00')],
    policy: DEFAULT_POLICY,
    closed,
  });

describe('closeMonth', () => {
  it('takes the employer cost out of the envelope and marks the month closed', () => {
    const closed = closeMonth(march(), new Dec('3500.00'));
    expect([closed.envelope, closed.employerCost, closed.closingBalance, closed.closed]).toEqual([
      '3900.00',
      '3500.00',
      '400.00',
      true,
    ]);
  });

  it('lets the balance go negative when the employer cost exceeds the envelope (fixed part owed)', () => {
    expect(closeMonth(march(), new Dec('4000.00')).closingBalance).toBe('-100.00');
  });

  it('carries the whole envelope forward in a month closed without salary', () => {
    expect(closeMonth(march(), new Dec(0)).closingBalance).toBe('3900.00');
  });

  it('keeps the policy the month was closed with', () => {
    expect(closeMonth(march(), new Dec(0)).policy).toEqual(DEFAULT_POLICY);
  });

  it('gives figures that cannot be changed afterwards', () => {
    const closed = closeMonth(march(), new Dec(0));
    expect(() => {
      (closed as { revenue: string }).revenue = '0.00';
    }).toThrow(TypeError);
  });

  it('opens the next month from the closing balance after salary', () => {
    const closed = closeMonth(march(), new Dec('3500.00'));
    expect(openingFigures('2025-04', closed).balance.toFixed(2)).toBe('400.00');
  });

  it('refuses an account already closed', () => {
    expect(() => closeMonth(march(true), new Dec(0))).toThrow(ViolationError);
  });

  it('refuses a negative employer cost', () => {
    expect(() => closeMonth(march(), new Dec('-1.00'))).toThrow(RangeError);
  });

  it('refuses an employer cost finer than the cent', () => {
    expect(() => closeMonth(march(), new Dec('1.005'))).toThrow(RangeError);
  });
});

describe('assertMonthOpen', () => {
  it('passes for a month after the last closed month', () => {
    expect(() => assertMonthOpen('2025-04', '2025-03')).not.toThrow();
  });

  it('passes when nothing is closed', () => {
    expect(() => assertMonthOpen('2025-04', null)).not.toThrow();
  });

  it("throws 'month-closed' for the last closed month", () => {
    let caught: unknown;
    try {
      assertMonthOpen('2025-03', '2025-03');
    } catch (error) {
      caught = error;
    }
    expect(caught instanceof ViolationError && caught.violations.map((v) => v.id)).toEqual(['month-closed']);
  });
});

describe('monthsToClose', () => {
  it('closes the month after the last closed month alone', () => {
    expect(monthsToClose('2025-03', '2025-04')).toEqual({ ok: true, value: ['2025-04'] });
  });

  it('closes every earlier open month with the month paid, oldest first', () => {
    expect(monthsToClose('2025-11', '2026-02')).toEqual({ ok: true, value: ['2025-12', '2026-01', '2026-02'] });
  });

  it('closes nothing when the month paid is the last closed month (a re-run is safe)', () => {
    expect(monthsToClose('2025-03', '2025-03')).toEqual({ ok: true, value: [] });
  });

  it("refuses a month before the last closed month ('month-already-closed')", () => {
    expect(idsOf(monthsToClose('2025-03', '2025-02'))).toEqual(['month-already-closed']);
  });

  it('closes just the month when nothing was ever closed', () => {
    expect(monthsToClose(null, '2025-03')).toEqual({ ok: true, value: ['2025-03'] });
  });

  it('closes from the first open month when nothing was ever closed and one is given', () => {
    expect(monthsToClose(null, '2025-03', '2025-01')).toEqual({ ok: true, value: ['2025-01', '2025-02', '2025-03'] });
  });
});
