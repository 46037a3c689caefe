/**
 * The dated rate tables, in order, and the lookup by date. A date outside every table is an error naming
 * the date: payroll never falls back silently on the rates of another period.
 */
import { isValidDate, type IsoDate } from '../../calendar.js';
import { InvalidPayrollInput, NoRatesForDate } from '../errors.js';
import { rates2025_01 } from './2025-01.js';
import { rates2025_05 } from './2025-05.js';
import { rates2026_01 } from './2026-01.js';
import { rates2026_06 } from './2026-06.js';
import type { RateTable } from './types.js';

export type * from './types.js';

/** Every table, oldest first, without gaps or overlaps (checked by test/unit/payroll/rates.test.ts). */
export const RATE_TABLES: readonly RateTable[] = [rates2025_01, rates2025_05, rates2026_01, rates2026_06];

/** The periods covered by the tables. */
export function coveredPeriods(): { from: IsoDate; to: IsoDate }[] {
  return RATE_TABLES.map((t) => ({ from: t.validFrom, to: t.validTo }));
}

/** The table in force on a date; throws NoRatesForDate when none covers it. */
export function ratesFor(date: IsoDate): RateTable {
  if (!isValidDate(date)) throw new InvalidPayrollInput('date', `not a calendar date 'YYYY-MM-DD': ${date}`);
  for (const table of RATE_TABLES) {
    if (table.validFrom <= date && date <= table.validTo) return table;
  }
  throw new NoRatesForDate(date, coveredPeriods());
}
