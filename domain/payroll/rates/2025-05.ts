/**
 * Rates in force from 2025-05-01 to 2025-12-31, non-executive employee of the general regime.
 * Checked against modele-social 10.0.0 (test/reference/payroll.reference.test.ts).
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
import { rates2025_01 } from './2025-01.js';
import type { ContributionRule, RateTable } from './types.js';

/** Unemployment insurance from 2025-05-01: 4.00% (4.05% before), plus AGS 0.25%. */
function unemploymentFromMay(line: ContributionRule): ContributionRule {
  if (line.code !== 'assurance-chomage') return line;
  return {
    ...line,
    employerRate: '0.0425',
    source:
      'Code du travail L5422-9, convention d’assurance chômage du 15 novembre 2024 (4.00% from 2025-05-01) + AGS 0.25% since 2024-07-01; within 4 PSS',
  };
}

/**
 * The 2025-01 table with the changes of May 2025 (the AT/MP tariff's new decree, unemployment at 4.00%, and the
 * Fillon maximum that follows from both); every other line, rate and source is that table's.
 */
export const rates2025_05: RateTable = {
  ...rates2025_01,
  id: 'FR-2025-05',
  validFrom: '2025-05-01',
  validTo: '2025-12-31',
  defaults: {
    ...rates2025_01.defaults,
    atMpRate: {
      value: '0.0212',
      source: 'Arrêté du 29 avril 2025 relatif à la tarification AT/MP pour 2025, art. 2 (taux moyen national 2.12%, from 2025-05-01)',
    },
  },
  contributions: rates2025_01.contributions.map(unemploymentFromMay),
  generalReduction: {
    ...rates2025_01.generalReduction,
    maxCoefficient: { under50: '0.3193', from50: '0.3233' },
    source:
      'CSS L241-13 and D241-7: T = 7 + 3.45 + 8.55 + 2.02 + 0.30 (CSA) + 0.50 (AT/MP part, CSS D241-2-4, from 2025-05) + FNAL 0.10|0.50 + 4.00 (chômage) + 4.72 + 1.29 (%)',
  } as RateTable['generalReduction'],
};
