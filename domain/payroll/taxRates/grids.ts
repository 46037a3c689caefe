/**
 * The neutral rate grids of income tax withheld at source for mainland France, by monthly taxable net
 * (CGI art. 204 H III 1 a), oldest first, covering every month the social rate tables cover
 * (../rates/index.ts). Each finance law revalues the brackets; a new grid applies from the first day of the
 * third month after the law's promulgation, so the grid of the year before stays in force until then.
 * The figures are checked against modele-social's "impôt . taux neutre d'impôt sur le revenu"
 * (test/reference/tax.reference.test.ts).
 */
import { Dec } from '../../money.js';
import type { NeutralGrid } from './types.js';

/** The brackets of a grid from its published pairs, written here as on the law's table. */
function brackets(rows: [below: string | null, ratePercent: string][]): NeutralGrid['brackets'] {
  return rows.map(([below, percent]) => {
    const rate = new Dec(percent).div(100).toString();
    return below === null ? { rate } : { below, rate };
  });
}

export const grid2024: NeutralGrid = {
  id: 'PAS-2024',
  validFrom: '2025-01-01',
  validTo: '2025-04-30',
  territory: 'metropole',
  brackets: brackets([
    ['1591', '0'], ['1653', '0.5'], ['1759', '1.3'], ['1877', '2.1'], ['2006', '2.9'], ['2113', '3.5'],
    ['2253', '4.1'], ['2666', '5.3'], ['3052', '7.5'], ['3476', '9.9'], ['3913', '11.9'], ['4566', '13.8'],
    ['5475', '15.8'], ['6851', '17.9'], ['8557', '20'], ['11877', '24'], ['16086', '28'], ['25251', '33'],
    ['54088', '38'], [null, '43'],
  ]),
  source:
    'CGI art. 204 H III 1 a, as written by loi n° 2023-1322 du 29 décembre 2023 de finances pour 2024, art. 2; ' +
    'still in force in January–April 2025 (the 2025 finance law was promulgated on 14 February 2025)',
};

export const grid2025: NeutralGrid = {
  id: 'PAS-2025-05',
  validFrom: '2025-05-01',
  validTo: '2026-04-30',
  territory: 'metropole',
  brackets: brackets([
    ['1620', '0'], ['1683', '0.5'], ['1791', '1.3'], ['1911', '2.1'], ['2042', '2.9'], ['2151', '3.5'],
    ['2294', '4.1'], ['2714', '5.3'], ['3107', '7.5'], ['3539', '9.9'], ['3983', '11.9'], ['4648', '13.8'],
    ['5574', '15.8'], ['6974', '17.9'], ['8711', '20'], ['12091', '24'], ['16376', '28'], ['25706', '33'],
    ['55062', '38'], [null, '43'],
  ]),
  source:
    'CGI art. 204 H III 1 a, as written by loi n° 2025-127 du 14 février 2025 de finances pour 2025, art. 2 ' +
    '(from 1 May 2025); still in force in January–April 2026, before the 2026 grid',
};

export const grid2026: NeutralGrid = {
  id: 'PAS-2026-05',
  validFrom: '2026-05-01',
  validTo: '2026-12-31',
  territory: 'metropole',
  brackets: brackets([
    ['1635', '0'], ['1698', '0.5'], ['1807', '1.3'], ['1928', '2.1'], ['2060', '2.9'], ['2170', '3.5'],
    ['2315', '4.1'], ['2738', '5.3'], ['3135', '7.5'], ['3571', '9.9'], ['4019', '11.9'], ['4690', '13.8'],
    ['5624', '15.8'], ['7037', '17.9'], ['8789', '20'], ['12200', '24'], ['16523', '28'], ['25937', '33'],
    ['55558', '38'], [null, '43'],
  ]),
  source:
    'CGI art. 204 H III 1 a, as revalued by the loi de finances pour 2026 (adopted on 2 February 2026): ' +
    'applies to pay from 1 May 2026, the first day of the third month after its promulgation',
  note: 'modele-social 11.1.0 applies this grid from 1 January 2026; the law applied the 2025 grid until 30 April 2026.',
};

/** Every grid, oldest first, without gaps or overlaps (checked by test/unit/payroll/withholding.test.ts). */
export const NEUTRAL_GRIDS: readonly NeutralGrid[] = [grid2024, grid2025, grid2026];
