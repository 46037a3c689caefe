/**
 * The shape of a dated neutral rate grid of income tax withheld at source ("grille de taux par défaut",
 * CGI art. 204 H III): the rate an employer applies when the tax administration sent no rate for a person.
 * A grid is data a person can review bracket by bracket, with its legal source (docs/domain.md "Payslips").
 */
import type { IsoDate } from '../../calendar.js';

/** One bracket: applies while the monthly taxable net is strictly below `below` (the last one has none). */
export interface NeutralBracket {
  /** Upper bound, exclusive, in euros a month ("1620"); absent on the last bracket. */
  below?: string;
  /** The rate, a decimal string ("0.005" = 0.5%). */
  rate: string;
}

export interface NeutralGrid {
  /** The id carried by every payslip withheld with this grid, e.g. "PAS-2025-05". */
  id: string;
  /** First and last day (inclusive) of the months whose pay this grid applies to. */
  validFrom: IsoDate;
  validTo: IsoDate;
  /** Mainland France only: the overseas departments have their own grids (not built). */
  territory: 'metropole';
  brackets: NeutralBracket[];
  source: string;
  /** Where the published reference (modele-social) dates it otherwise, or anything a reviewer should know. */
  note?: string;
}
