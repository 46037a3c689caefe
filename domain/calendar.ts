/**
 * Calendar dates and months as the domain speaks them: 'YYYY-MM-DD' and 'YYYY-MM' strings.
 * The domain never reads the clock: every date is an input. Arithmetic is done on UTC calendar parts,
 * so no time zone or daylight-saving change can move a date.
 */

export type IsoDate = string; // 'YYYY-MM-DD'
export type IsoMonth = string; // 'YYYY-MM'

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when the string is a date that exists on the calendar (2025-02-29 does not). */
export function isValidDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True when the string is a month 'YYYY-MM' with a month between 01 and 12. */
export function isValidMonth(value: string): boolean {
  const m = MONTH_PATTERN.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12;
}

function parts(date: IsoDate): [number, number, number] {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function monthParts(month: IsoMonth): [number, number] {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return [Number(m[1]), Number(m[2])];
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The month a date falls in. */
export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

/** The year a date or month falls in. */
export function yearOf(dateOrMonth: string): number {
  return Number(dateOrMonth.slice(0, 4));
}

/**
 * Adds whole months to a date. When the day does not exist in the target month it is clamped to that
 * month's last day (2024-01-31 + 1 month = 2024-02-29), the usual reading of "N months" in contracts.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/** Adds days to a date (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Number of days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/** Adds whole months to a month. */
export function addMonthsToMonth(month: IsoMonth, months: number): IsoMonth {
  const [y, m] = monthParts(month);
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month before. */
export function previousMonth(month: IsoMonth): IsoMonth {
  return addMonthsToMonth(month, -1);
}

/** First day of a month. */
export function firstDayOf(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

/** Last day of a month. */
export function lastDayOf(month: IsoMonth): IsoDate {
  const [y, m] = monthParts(month);
  return format(y, m, daysInMonth(y, m));
}

/** Months from a to b inclusive, in order ('2025-11', '2025-12', '2026-01'). Empty when b < a. */
export function monthsBetween(from: IsoMonth, to: IsoMonth): IsoMonth[] {
  const out: IsoMonth[] = [];
  for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) out.push(m);
  return out;
}
