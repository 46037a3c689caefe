/** The Unédic rule of docs/domain.md "Unemployment benefit": days paid, the cap, the entitlement left. */
import { describe, expect, it } from 'vitest';
import { benefitOfMonth } from '../../../domain/accompaniment/index.js';
import { Dec } from '../../../domain/money.js';

const base = { month: '2025-06', dailyAllowance: new Dec('40.00'), referenceDailyWage: new Dec('70.00'), grossSalary: new Dec('800.00') };

describe('benefit of a month alongside a salary', () => {
  it('gives the worked example: 16 days, 640.00, under the cap of 2,129.40', () => {
    const b = benefitOfMonth(base);
    expect(b.daysInMonth).toBe(30);
    expect(b.daysPaid).toBe(16);
    expect(b.benefitPaid.toFixed(2)).toBe('640.00');
    expect(b.cap.toFixed(2)).toBe('2129.40');
    expect(b.capApplied).toBe(false);
    expect(b.remainingDaysAfter).toBeNull();
  });

  it('counts the calendar days of the month: 31 in July', () => {
    // (1,240 − 560) ÷ 40 = 17
    expect(benefitOfMonth({ ...base, month: '2025-07' })).toMatchObject({ daysInMonth: 31, daysPaid: 17 });
    expect(benefitOfMonth({ ...base, month: '2026-02', grossSalary: new Dec('0.00') })).toMatchObject({ daysInMonth: 28, daysPaid: 28 });
  });

  it('rounds to the nearest day, half up', () => {
    // (1,200 − 0.7 × 820) ÷ 40 = 15.65 → 16; with 850: 15.125 → 15
    expect(benefitOfMonth({ ...base, grossSalary: new Dec('820.00') }).daysPaid).toBe(16);
    expect(benefitOfMonth({ ...base, grossSalary: new Dec('850.00') }).daysPaid).toBe(15);
    // (300 − 0.7 × 250) ÷ 10 = 12.5 → 13; (300 − 3.50) ÷ 10 = 29.65 → 30, never more than the month's days
    expect(benefitOfMonth({ ...base, dailyAllowance: new Dec('10.00'), grossSalary: new Dec('250.00') }).daysPaid).toBe(13);
    expect(benefitOfMonth({ ...base, dailyAllowance: new Dec('10.00'), grossSalary: new Dec('5.00') }).daysPaid).toBe(30);
  });

  it('pays nothing when 70% of the salary exceeds the monthly benefit', () => {
    const b = benefitOfMonth({ ...base, grossSalary: new Dec('2000.00') });
    expect(b.daysPaid).toBe(0);
    expect(b.benefitPaid.toFixed(2)).toBe('0.00');
  });

  it('takes whole days off until salary + benefit fit under the cap, and says so', () => {
    // reference wage 40: cap 1,216.80; 800 + 16 × 40 = 1,440 > cap → (1,216.80 − 800) ÷ 40 = 10.42 → 10 days
    const b = benefitOfMonth({ ...base, referenceDailyWage: new Dec('40.00') });
    expect(b.cap.toFixed(2)).toBe('1216.80');
    expect(b.capApplied).toBe(true);
    expect(b.daysPaid).toBe(10);
    expect(b.benefitPaid.toFixed(2)).toBe('400.00');
    expect(b.benefitPaid.plus(800).lessThanOrEqualTo(b.cap)).toBe(true);
  });

  it('pays no day when the salary alone reaches the cap', () => {
    const b = benefitOfMonth({ ...base, referenceDailyWage: new Dec('20.00'), grossSalary: new Dec('700.00') });
    expect(b).toMatchObject({ capApplied: true, daysPaid: 0 });
  });

  it('pays no more days than the entitlement has left, and carries the unpaid ones over', () => {
    expect(benefitOfMonth({ ...base, remainingDays: 10 })).toMatchObject({ daysPaid: 10, remainingDaysAfter: 0 });
    expect(benefitOfMonth({ ...base, remainingDays: 100 })).toMatchObject({ daysPaid: 16, remainingDaysAfter: 84 });
  });
});
