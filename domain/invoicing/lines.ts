/**
 * Invoice and quote lines and their totals (docs/domain.md "Invoicing"): each line is quantity × unit price
 * excl. VAT rounded half-up to the cent; the VAT of a rate is computed once on the sum of that rate's lines
 * (not line by line), rounded half-up; the total incl. VAT is the total excl. VAT plus the VAT of every rate.
 */
import type { Decimal } from 'decimal.js';
import { parseVatRate, VAT_RATES, type VatRate } from '../activityAccount/vat.js';
import { type Violation, violation } from '../contribution/violation.js';
import { Dec, formatMoney, roundCents, ZERO } from '../money.js';

/** A line as given and kept: quantity and unit price as decimal strings (at most 4 decimals). */
export interface Line {
  readonly description: string;
  readonly quantity: string;
  readonly unit?: string;
  readonly unitPriceExclVat: string;
  readonly vatRate: VatRate;
}

/** The VAT of one rate: the sum of its lines (base) and the VAT on it. */
export interface VatGroup {
  readonly rate: VatRate;
  readonly base: string;
  readonly amount: string;
}

/** Totals as the API shows them (money strings). */
export interface Totals {
  readonly exclVat: string;
  readonly vat: VatGroup[];
  readonly inclVat: string;
}

export type LineViolationId = 'invalid-quantity' | 'quantity-not-positive' | 'too-many-decimals' | 'invalid-price' | 'unknown-vat-rate';

const DECIMAL = /^(\d{1,9})(?:\.(\d+))?$/;
const MAX_DECIMALS = 4;

function checkDecimal(value: string, path: string, what: string, positive: boolean): Violation<LineViolationId>[] {
  const parts = DECIMAL.exec(value);
  if (!parts) return [violation(positive ? 'invalid-quantity' : 'invalid-price', path, `${what} is a decimal string such as "2.5"`)];
  if ((parts[2] ?? '').length > MAX_DECIMALS) return [violation('too-many-decimals', path, `${what} has at most ${MAX_DECIMALS} decimals`)];
  if (positive && !new Dec(value).greaterThan(0)) return [violation('quantity-not-positive', path, `${what} must be above 0`)];
  return [];
}

/** A line as requested (the VAT rate in any decimal spelling). */
export interface LineInput {
  readonly description: string;
  readonly quantity: string;
  readonly unit?: string;
  readonly unitPriceExclVat: string;
  readonly vatRate: string;
}

/** Checks lines (`path` prefixes each field, e.g. `lines`): every violation found, empty when all are valid. */
export function checkLines(lines: readonly LineInput[], path = 'lines'): Violation<LineViolationId>[] {
  return lines.flatMap((line, i) => [
    ...checkDecimal(line.quantity, `${path}.${i}.quantity`, 'the quantity', true),
    ...checkDecimal(line.unitPriceExclVat, `${path}.${i}.unitPriceExclVat`, 'the unit price', false),
    ...(parseVatRate(line.vatRate) === null
      ? [violation('unknown-vat-rate' as const, `${path}.${i}.vatRate`, `the VAT rate is one of ${VAT_RATES.join(', ')}`)]
      : []),
  ]);
}

/** Lines with their VAT rate spelt canonically (call after `checkLines`). */
export function normaliseLines(lines: readonly LineInput[]): Line[] {
  return lines.map((line) => {
    const vatRate = parseVatRate(line.vatRate);
    if (vatRate === null) throw new RangeError(`unknown VAT rate ${line.vatRate}`);
    return {
      description: line.description,
      quantity: line.quantity,
      ...(line.unit === undefined ? {} : { unit: line.unit }),
      unitPriceExclVat: line.unitPriceExclVat,
      vatRate,
    };
  });
}

/** A line's amount excl. VAT: quantity × unit price, rounded half-up to the cent. */
export function lineAmount(line: Pick<Line, 'quantity' | 'unitPriceExclVat'>): Decimal {
  return roundCents(new Dec(line.quantity).times(line.unitPriceExclVat));
}

/** The totals of lines: per-line rounding, VAT per rate on the sum of its lines (rates in the order of VAT_RATES). */
export function totalsOfLines(lines: readonly Line[]): Totals {
  const bases = new Map<VatRate, Decimal>();
  for (const line of lines) bases.set(line.vatRate, (bases.get(line.vatRate) ?? ZERO).plus(lineAmount(line)));
  const vat = VAT_RATES.filter((rate) => bases.has(rate)).map((rate) => {
    const base = bases.get(rate) ?? ZERO;
    return { rate, base: formatMoney(base), amount: formatMoney(roundCents(base.times(rate))) };
  });
  const exclVat = vat.reduce((total, group) => total.plus(group.base), ZERO);
  const inclVat = vat.reduce((total, group) => total.plus(group.amount), exclVat);
  return { exclVat: formatMoney(exclVat), vat, inclVat: formatMoney(inclVat) };
}

/** Totals of VAT groups directly (a credit note of what remains, by rate). */
export function totalsOfGroups(groups: readonly VatGroup[]): Totals {
  const vat = VAT_RATES.flatMap((rate) => groups.filter((g) => g.rate === rate));
  const exclVat = vat.reduce((total, group) => total.plus(group.base), ZERO);
  const inclVat = vat.reduce((total, group) => total.plus(group.amount), exclVat);
  return { exclVat: formatMoney(exclVat), vat, inclVat: formatMoney(inclVat) };
}

export const NO_TOTALS: Totals = Object.freeze({ exclVat: '0.00', vat: [], inclVat: '0.00' });
