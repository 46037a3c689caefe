/**
 * Money and rates. Every amount is a decimal.js value; a JavaScript number never carries euros.
 * Payroll and CAE accounting round half-up to the cent at the end of each line (docs/domain.md, "Money").
 */
import { Decimal } from 'decimal.js';

/** A decimal.js constructor of our own, so that global settings elsewhere cannot change our rounding. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

export type MoneyInput = Decimal | string | number;

const MONEY_PATTERN = /^-?\d{1,12}\.\d{2}$/;
const RATE_PATTERN = /^\d{1,3}(\.\d{1,6})?$/;

/** Rounds to the cent, half-up (0.005 → 0.01, -0.005 → -0.01). */
export function roundCents(value: Decimal): Decimal {
  return new Dec(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Builds an amount from a value that is already exact (a literal, a stored string). */
export function money(value: MoneyInput): Decimal {
  return new Dec(value);
}

export const ZERO = new Dec(0);

/** Formats an amount as the API and the store want it: exactly two decimals, e.g. "1234.50". */
export function formatMoney(value: Decimal): string {
  return roundCents(value).toFixed(2);
}

/** Formats a rate or ratio with a fixed number of decimals, half-up ("0.1000"). */
export function formatRatio(value: Decimal, decimals = 4): string {
  return new Dec(value).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed(decimals);
}

/** True when the string is a money amount as the API carries it: exactly two decimals. */
export function isMoneyString(value: string): boolean {
  return MONEY_PATTERN.test(value);
}

/** True when the string is a rate as the API carries it ("0.10", "0.115"). */
export function isRateString(value: string): boolean {
  return RATE_PATTERN.test(value);
}

/** Sums amounts exactly. */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = new Dec(0);
  for (const value of values) total = total.plus(value);
  return total;
}

/** The smaller of two amounts. */
export function minOf(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

/** The larger of two amounts. */
export function maxOf(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}
