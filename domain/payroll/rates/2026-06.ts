/**
 * Rates in force from 2026-06-01 to 2026-12-31, non-executive employee of the general regime.
 * Checked against modele-social 11.1.0 (test/reference/payroll.reference.test.ts).
 *
 * Where we deliberately differ from modele-social:
 * - every line is rounded half-up to the cent and the totals are the sums of the lines (modele-social keeps
 *   unrounded amounts); the CSG base is rounded to the cent as printed on a payslip;
 * - AGIRC-ARRCO and CEG are one line per tranche, unemployment insurance and AGS one line, the apprenticeship
 *   tax and its balance one line, CSG non-deductible and CRDS one line, and the employer contributions on the
 *   whole gross marked OTHER_EMPLOYER_CONTRIBUTIONS one line (the "bulletin clarifié" layout); this changes
 *   nothing but rounding;
 * - the health-insurance employee share is the premium minus the rounded employer share, so the two parts
 *   always add up to the premium;
 * - the AT/MP rate of the settings is used as given (modele-social floors it at the rate included in T).
 */
import { rates2026_01 } from './2026-01.js';
import type { RateTable } from './types.js';

/**
 * The 2026-01 table with the one change of June 2026: every other line, rate and source is that table's, so a
 * reviewer reads the change here and the rest once.
 */
export const rates2026_06: RateTable = {
  ...rates2026_01,
  id: 'FR-2026-06',
  validFrom: '2026-06-01',
  validTo: '2026-12-31',
  smicHourly: {
    value: '12.31',
    source: 'Code du travail L3231-5 (automatic revaluation when prices rise 2% or more): 12.31 €/h from 2026-06-01, as in modele-social 11.1.0',
  },
};
