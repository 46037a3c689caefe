/** The neutral rate grids of income tax withheld at source, and the lookup by date. */
import type { IsoDate } from '../../calendar.js';
import { NoRatesForDate } from '../errors.js';
import { NEUTRAL_GRIDS } from './grids.js';
import type { NeutralGrid } from './types.js';

export type * from './types.js';
export { NEUTRAL_GRIDS } from './grids.js';

/** The grid in force on a date (the pay's month); throws NoRatesForDate when none covers it. */
export function neutralGridFor(date: IsoDate): NeutralGrid {
  for (const grid of NEUTRAL_GRIDS) {
    if (grid.validFrom <= date && date <= grid.validTo) return grid;
  }
  throw new NoRatesForDate(date, NEUTRAL_GRIDS.map((g) => ({ from: g.validFrom, to: g.validTo })));
}
