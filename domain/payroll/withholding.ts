/**
 * Income tax withheld at source (prélèvement à la source, CGI art. 204 A and 204 H; docs/domain.md
 * "Payslips"): the employer withholds, from the net pay, the net taxable pay of the month times the rate the tax
 * administration sent for the person, or, when it sent none, the rate of the neutral grid of the month for that
 * net taxable pay. The amount is rounded half-up to the cent like every payslip line.
 */
import { Decimal } from 'decimal.js';
import type { IsoDate, IsoMonth } from '../calendar.js';
import { Dec } from '../money.js';
import { InvalidPayrollInput } from './errors.js';
import type { Payslip } from './payslip.js';
import { neutralGridFor } from './taxRates/index.js';

/** The highest rate the tax administration sends (the top bracket of the income tax). */
export const MAX_TAX_RATE = '0.43';

/** One dated choice of rate for a person: from `effectiveFrom` (a month) until the next one. */
export interface TaxRateVersion {
  effectiveFrom: IsoMonth;
  /** The personal rate sent by the tax administration ("0.045"), or null: the neutral grid. */
  rate: string | null;
}

export interface Withholding {
  /** The net taxable pay of the month (the base). */
  base: Decimal;
  rate: Decimal;
  /** "personal": the administration's rate; otherwise the id of the neutral grid used ("PAS-2025-05"). */
  rateSource: string;
  amount: Decimal;
}

/** Why a personal rate is refused, or null: a rate is a decimal in [0, 0.43]. */
export function taxRateProblem(rate: Decimal): string | null {
  return rate.isNegative() || rate.greaterThan(MAX_TAX_RATE) ? `must be between 0 and ${MAX_TAX_RATE}` : null;
}

/** The version in force in a month: the latest whose effectiveFrom is at or before it; none → the neutral grid. */
export function taxRateFor(versions: readonly TaxRateVersion[], month: IsoMonth): string | null {
  let chosen: string | null = null;
  let from = '';
  for (const v of versions) {
    if (v.effectiveFrom <= month && v.effectiveFrom >= from) {
      chosen = v.rate;
      from = v.effectiveFrom;
    }
  }
  return chosen;
}

/** The neutral rate of the grid in force on a date for a monthly net taxable pay. */
export function neutralRate(date: IsoDate, base: Decimal): { rate: Decimal; gridId: string } {
  const grid = neutralGridFor(date);
  for (const bracket of grid.brackets) {
    if (bracket.below === undefined || base.lessThan(bracket.below)) return { rate: new Dec(bracket.rate), gridId: grid.id };
  }
  throw new Error(`neutral grid ${grid.id} has no last bracket`);
}

/** The tax withheld on a payslip of `date`, with the personal rate, or the neutral grid when it is null. */
export function withholdingOf(date: IsoDate, netTaxable: Decimal, personalRate: Decimal | string | null): Withholding {
  const base = Decimal.max(netTaxable, new Dec(0));
  let rate: Decimal;
  let rateSource: string;
  if (personalRate === null) {
    ({ rate, gridId: rateSource } = neutralRate(date, base));
  } else {
    rate = new Dec(personalRate);
    const problem = taxRateProblem(rate);
    if (problem) throw new InvalidPayrollInput('taxRate', problem);
    rateSource = 'personal';
  }
  return { base, rate, rateSource, amount: base.times(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP) };
}

/** A payslip with its tax withheld at source and the net paid (net before tax − tax withheld). */
export interface PayslipAfterTax {
  withholding: Withholding;
  netPaid: Decimal;
}

export function afterTax(payslip: Pick<Payslip, 'date' | 'net' | 'netTaxable'>, personalRate: Decimal | string | null): PayslipAfterTax {
  const withholding = withholdingOf(payslip.date, payslip.netTaxable, personalRate);
  return { withholding, netPaid: payslip.net.minus(withholding.amount) };
}
