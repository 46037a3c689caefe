/**
 * Typed failures of the payroll domain. The API maps both to a 422 problem whose `type` names the error.
 */
import type { IsoDate } from '../calendar.js';

/** No rate table covers the date: the rules of that period have not been published in domain/payroll/rates. */
export class NoRatesForDate extends Error {
  override readonly name = 'NoRatesForDate';
  readonly code = 'no-rates-for-date';
  constructor(
    readonly date: IsoDate,
    /** The periods that are covered, e.g. ["2025-01-01..2025-04-30", …], to say what is missing. */
    readonly coveredPeriods: readonly { from: IsoDate; to: IsoDate }[],
  ) {
    const first = coveredPeriods[0];
    const last = coveredPeriods[coveredPeriods.length - 1];
    const range = first && last ? ` (rates cover ${first.from} to ${last.to})` : '';
    super(`no payroll rates for ${date}${range}`);
  }
}

/** An input the payroll rules cannot take: a negative or absurd amount, weekly hours outside (0, 35]… */
export class InvalidPayrollInput extends Error {
  override readonly name = 'InvalidPayrollInput';
  readonly code = 'invalid-payroll-input';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
