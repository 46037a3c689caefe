/**
 * Unemployment benefit alongside a salary (docs/domain.md "Unemployment benefit"; Unédic rule, practice): an
 * entrepreneur who still has an entitlement (ARE) and earns a salary from their activity is paid, in a month,
 *
 *   days paid = (monthly benefit − 70% × gross salary) ÷ daily allowance, rounded to the nearest day (half up),
 *
 * where the monthly benefit is the daily allowance × the days of the calendar month; never fewer than 0 nor
 * more than the days of the month or the days left of the entitlement. Salary + benefit may not exceed
 * 30.42 × the reference daily wage (the cap): when they would, days are taken off until they fit (a whole day
 * is never paid in part). Days not paid stay in the entitlement: they are carried over, which lengthens it.
 *
 * Worked example (docs/domain.md): allowance 40.00, a 30-day month (1,200.00), gross 800.00, reference wage
 * 70.00 → (1,200 − 560) ÷ 40 = 16 days, 640.00; 1,440.00 ≤ 2,129.40.
 */
import { Decimal } from 'decimal.js';
import { type IsoMonth, lastDayOf } from '../calendar.js';
import { Dec, roundCents } from '../money.js';

/** The share of the gross salary taken off the monthly benefit (Unédic: 70%). */
export const SALARY_SHARE = new Dec('0.70');
/** Salary + benefit may not exceed this many reference daily wages (Unédic: 30.42, a month's mean days). */
export const CAP_DAYS = new Dec('30.42');

export interface BenefitInput {
  month: IsoMonth;
  dailyAllowance: Decimal;
  referenceDailyWage: Decimal;
  grossSalary: Decimal;
  /** Days left of the entitlement; undefined: not limited by it. */
  remainingDays?: number;
}

export interface BenefitOfMonth {
  daysInMonth: number;
  /** Before the cap and the entitlement: what the formula gives, within 0 and the days of the month. */
  daysByFormula: number;
  daysPaid: number;
  benefitPaid: Decimal;
  cap: Decimal;
  capApplied: boolean;
  /** Null when the entitlement left was not given. */
  remainingDaysAfter: number | null;
}

export function daysInMonthOf(month: IsoMonth): number {
  return Number(lastDayOf(month).slice(8, 10));
}

/** The month's benefit (see the module comment). The allowance must be above zero (the API refuses 0). */
export function benefitOfMonth(input: BenefitInput): BenefitOfMonth {
  const daysInMonth = daysInMonthOf(input.month);
  const daily = input.dailyAllowance;
  const monthly = daily.times(daysInMonth);
  const raw = monthly.minus(SALARY_SHARE.times(input.grossSalary)).dividedBy(daily);
  const daysByFormula = Math.min(daysInMonth, Math.max(0, raw.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()));
  let days = input.remainingDays === undefined ? daysByFormula : Math.min(daysByFormula, input.remainingDays);
  const cap = roundCents(CAP_DAYS.times(input.referenceDailyWage));
  let capApplied = false;
  if (input.grossSalary.plus(daily.times(days)).greaterThan(cap)) {
    capApplied = true;
    const room = cap.minus(input.grossSalary);
    days = room.lessThanOrEqualTo(0) ? 0 : Math.min(days, room.dividedBy(daily).floor().toNumber());
  }
  return {
    daysInMonth,
    daysByFormula,
    daysPaid: days,
    benefitPaid: roundCents(daily.times(days)),
    cap,
    capApplied,
    remainingDaysAfter: input.remainingDays === undefined ? null : input.remainingDays - days,
  };
}
