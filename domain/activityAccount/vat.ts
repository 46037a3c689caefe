/**
 * VAT on a ledger entry (docs/domain.md "Money"): the French rates 20%, 10%, 5.5%, 2.1% and 0%. VAT passes through
 * to the state: it is tracked on each entry, never part of the activity's budget.
 */
import type { Decimal } from 'decimal.js';
import { Dec, roundCents } from '../money.js';

/** The French VAT rates, in their canonical spelling. */
export const VAT_RATES = ['0.20', '0.10', '0.055', '0.021', '0'] as const;

/** A French VAT rate, canonically spelt. */
export type VatRate = (typeof VAT_RATES)[number];

const DECIMAL = /^\d{1,3}(\.\d{1,6})?$/;

/**
 * The canonical rate for a decimal string whose value is a French rate ("0.2", "0.200" → "0.20"; "0.00" → "0"),
 * or null for anything else (another value, a percentage such as "20", a number, an exponent).
 */
export function parseVatRate(value: unknown): VatRate | null {
  if (typeof value !== 'string' || !DECIMAL.test(value)) return null;
  const given = new Dec(value);
  return VAT_RATES.find((rate) => given.equals(rate)) ?? null;
}

/** VAT on an amount excl. VAT, rounded half-up to the cent (a negative amount gives the mirror figure). */
export function vatOn(amountExclVat: Decimal, rate: VatRate): Decimal {
  return roundCents(amountExclVat.times(rate));
}
