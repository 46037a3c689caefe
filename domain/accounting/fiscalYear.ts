/**
 * Fiscal years (docs/domain.md "Accounting"): twelve months from the CAE's `fiscalYearStartMonth`, named by
 * the year they close in (a year starting in July 2025 is fiscal year 2026; with January, the calendar year).
 */
import { addMonthsToMonth, firstDayOf, lastDayOf, monthOf, monthsBetween } from '../calendar.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The fiscal year a date belongs to. */
export function fiscalYearOf(date: string, startMonth: number): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return startMonth === 1 || month < startMonth ? year : year + 1;
}

export interface FiscalYearBounds {
  readonly year: number;
  readonly start: string;
  readonly end: string;
  readonly months: readonly string[];
}

/** The first and last day, and the months, of a fiscal year. */
export function fiscalYearBounds(year: number, startMonth: number): FiscalYearBounds {
  const firstMonth = startMonth === 1 ? `${year}-01` : `${year - 1}-${pad(startMonth)}`;
  const lastMonth = addMonthsToMonth(firstMonth, 11);
  return { year, start: firstDayOf(firstMonth), end: lastDayOf(lastMonth), months: monthsBetween(firstMonth, lastMonth) };
}

/** The months of a fiscal year not closed by payroll yet (after the CAE's last closed month). */
export function openMonthsOf(bounds: FiscalYearBounds, lastClosedMonth: string | undefined): string[] {
  return bounds.months.filter((m) => lastClosedMonth === undefined || m > lastClosedMonth);
}

/** The month of a date, re-exported for the callers that deal in fiscal years. */
export { monthOf };
