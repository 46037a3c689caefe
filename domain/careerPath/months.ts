/**
 * How the career path counts months. Contracts (CAPE, CESA) are written in months, and the law caps them in
 * months (12 and 36 months for a CAPE, 36 months to become associate, 8 months of trial), so every length
 * here is measured against month anniversaries, never against a number of days.
 *
 * The counting, in one sentence: a period of N months that starts on day D ends the day before its
 * N-month anniversary, the anniversary being the same day of the month N months later, or the first day of
 * the following month when that day does not exist there.
 *
 * - 2023-01-01 + 12 months: anniversary 2024-01-01, so the period runs 2023-01-01 → 2023-12-31 (docs/domain.md).
 * - 2023-03-31 + 1 month: "April 31" does not exist, anniversary 2023-05-01, period ends 2023-04-30.
 * - 2024-02-29 + 12 months: anniversary 2025-03-01, period ends 2025-02-28.
 *
 * calendar.ts's `addMonths` clamps to the last day of the month instead (2023-03-31 + 1 month = 2023-04-30),
 * which would make the one-month period above end on 2023-04-29; hence this module's own `anniversary`.
 */
import { addDays, daysBetween, type IsoDate } from '../calendar.js';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * The N-month anniversary of a date: the same day of the month N months later, or the first day of the
 * month after that when the day does not exist (2023-01-31 + 1 month = 2023-03-01). N may be negative.
 */
export function anniversary(date: IsoDate, months: number): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  if (day <= daysInMonth(targetYear, targetMonth)) return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(day, 2)}`;
  return addDays(`${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(daysInMonth(targetYear, targetMonth), 2)}`, 1);
}

/** The last day of a period of `months` months starting on `start` (the day before the anniversary). */
export function lastDayOfPeriod(start: IsoDate, months: number): IsoDate {
  return addDays(anniversary(start, months), -1);
}

/**
 * A length in whole months and the days left over: 2023-01-01 → 2023-12-31 is { months: 12, days: 0 };
 * 2023-01-01 → 2023-01-10 is { months: 0, days: 10 }.
 */
export interface MonthsAndDays {
  readonly months: number;
  readonly days: number;
}

/**
 * The length of the period `from` → `to`, both inclusive: the whole months up to the last anniversary
 * that is not after the day following `to`, and the days from that anniversary to the day following `to`.
 * A period that lasted no day (`to` before `from`) has length zero.
 */
export function lengthOf(from: IsoDate, to: IsoDate): MonthsAndDays {
  const end = addDays(to, 1); // exclusive end
  if (end <= from) return { months: 0, days: 0 };
  const guess =
    (Number(end.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(end.slice(5, 7)) - Number(from.slice(5, 7)));
  let months = Math.max(0, guess);
  while (months > 0 && anniversary(from, months) > end) months -= 1;
  while (anniversary(from, months + 1) <= end) months += 1;
  return { months, days: daysBetween(anniversary(from, months), end) };
}

/** Whole months with any started month counted as a full one: { months: 5, days: 3 } → 6. */
export function monthsRoundedUp(length: MonthsAndDays): number {
  return length.months + (length.days > 0 ? 1 : 0);
}
