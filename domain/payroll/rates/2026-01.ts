/**
 * Rates in force from 2026-01-01 to 2026-05-31, non-executive employee of the general regime.
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
import { OTHER_EMPLOYER_CONTRIBUTIONS } from './groups.js';
import type { RateTable } from './types.js';

// Changes from 2025: SMIC 12.02, PSS 4,005, employer uncapped old-age 2.11%, AT/MP average 2.08%, the reduced
// health (7%) and family (3.45%) rates are abolished and the Fillon reduction is replaced by the RGDU.

export const rates2026_01: RateTable = {
  id: 'FR-2026-01',
  validFrom: '2026-01-01',
  validTo: '2026-05-31',
  reference: 'modele-social 11.1.0',
  smicHourly: { value: '12.02', source: 'Décret n° 2025-1228 du 17 décembre 2025, art. 1 (SMIC 12.02 €/h from 2026-01-01)' },
  legalWeeklyHours: { value: '35', source: 'Code du travail L3121-27 (35 h a week; 35 × 52 ÷ 12 = 151.67 h a month)' },
  pss: { value: '4005', source: 'Arrêté portant fixation du plafond de la sécurité sociale pour 2026 (4,005 €/month)' },
  defaults: {
    atMpRate: {
      value: '0.0208',
      source: "Arrêté du 30 décembre 2025 relatif à la tarification AT/MP pour 2026, art. 2 (taux moyen national 2.08%)",
    },
    healthInsurance: {
      monthlyAmount: '40.00',
      employerShare: '0.50',
      source: 'Code de la sécurité sociale L911-7 (employer pays at least half); amount: modele-social default',
    },
    mobilityRate: { value: '0', source: 'CGCT L2333-64 (rate set by the mobility authority of the commune; 0 where none)' },
  },
  healthExemption: {
    pssRate: '0.06',
    grossRate: '0.015',
    capPssRate: '0.12',
    source: 'CSS L242-1 al. 6 and D242-1 (exemption of employer health and provident contributions)',
  },
  healthDeduction: {
    pssRate: '0.05',
    grossRate: '0.02',
    capPssRate: '0.16',
    source: 'CGI 83 1° quater (employee contributions to compulsory collective health insurance deductible within 5% PSS + 2% gross, at most 2% of 8 PSS)',
  },
  csgAllowance: { rate: '0.9825', withinPss: '4', source: 'CSS L136-1-1 III 1° (abattement 1.75% within 4 PSS)' },
  contributions: [
    {
      code: 'maladie',
      label: 'Sécurité sociale maladie, maternité, invalidité, décès',
      base: 'gross',
      employerRate: '0.13',
      source: 'CSS D242-3 (13%); the reduced rate of L241-2-1 is abolished from 2026 (LFSS 2025, RGDU reform)',
    },
    {
      code: 'vieillesse-plafonnee',
      label: 'Assurance vieillesse plafonnée',
      base: 'tranche1',
      employeeRate: '0.069',
      employerRate: '0.0855',
      source: 'CSS D242-4 (6.90% employee, 8.55% employer, within the PSS)',
    },
    {
      code: 'vieillesse-deplafonnee',
      label: 'Assurance vieillesse déplafonnée',
      base: 'gross',
      employeeRate: '0.004',
      employerRate: '0.0211',
      source: 'CSS D242-4 as amended for 2026 (0.40% employee, 2.11% employer)',
    },
    {
      code: 'retraite-complementaire-t1',
      label: 'Retraite complémentaire AGIRC-ARRCO et CEG tranche 1',
      base: 'tranche1',
      employeeRate: '0.0401',
      employerRate: '0.0601',
      source: 'ANI AGIRC-ARRCO du 17 novembre 2017: T1 3.15% + CEG 0.86% employee, 4.72% + CEG 1.29% employer',
      note: 'modele-social computes AGIRC-ARRCO and CEG separately; one line here (bulletin clarifié).',
    },
    {
      code: 'retraite-complementaire-t2',
      label: 'Retraite complémentaire AGIRC-ARRCO et CEG tranche 2',
      base: 'tranche2',
      employeeRate: '0.0972',
      employerRate: '0.1457',
      source: 'ANI AGIRC-ARRCO du 17 novembre 2017: T2 8.64% + CEG 1.08% employee, 12.95% + CEG 1.62% employer',
    },
    {
      code: 'cet',
      label: "Contribution d'équilibre technique",
      base: 'upTo8PssWhenAbovePss',
      employeeRate: '0.0014',
      employerRate: '0.0021',
      source: 'ANI AGIRC-ARRCO du 17 novembre 2017 (CET 0.14% / 0.21% when pay exceeds the PSS)',
    },
    {
      code: 'allocations-familiales',
      label: 'Allocations familiales',
      base: 'gross',
      employerRate: '0.0525',
      source: 'CSS D241-3-1 (5.25%); the reduced rate of L241-6-1 is abolished from 2026 (LFSS 2025, RGDU reform)',
    },
    {
      code: 'accidents-du-travail',
      label: 'Accidents du travail, maladies professionnelles',
      base: 'gross',
      employerRate: { setting: 'atMpRate' },
      source: "CSS L242-5 (rate notified to the establishment; default: national average rate)",
    },
    {
      code: 'csa',
      group: OTHER_EMPLOYER_CONTRIBUTIONS,
      label: 'Contribution solidarité autonomie',
      base: 'gross',
      employerRate: '0.003',
      source: "Code de l'action sociale et des familles L14-10-4 (0.30%)",
    },
    {
      code: 'fnal',
      label: "Fonds national d'aide au logement",
      base: 'tranche1',
      employerRate: '0.001',
      when: { belowHeadcount: 50 },
      source: 'CSS L834-1 (0.10% within the PSS, fewer than 50 employees)',
    },
    {
      code: 'fnal',
      label: "Fonds national d'aide au logement",
      base: 'gross',
      employerRate: '0.005',
      when: { minHeadcount: 50 },
      group: OTHER_EMPLOYER_CONTRIBUTIONS,
      source: 'CSS L834-1 (0.50% on the whole pay, 50 employees and more)',
    },
    {
      code: 'assurance-chomage',
      label: 'Assurance chômage et AGS',
      base: 'upTo4Pss',
      employerRate: '0.0425',
      source:
        'Code du travail L5422-9, convention d’assurance chômage du 15 novembre 2024 (4.00%) + AGS 0.25% since 2024-07-01; within 4 PSS',
      note: 'modele-social computes unemployment and AGS separately; one line here (bulletin clarifié).',
    },
    {
      code: 'dialogue-social',
      group: OTHER_EMPLOYER_CONTRIBUTIONS,
      label: 'Contribution au dialogue social',
      base: 'gross',
      employerRate: '0.00016',
      source: 'Code du travail L2135-10 (0.016%)',
    },
    {
      code: 'formation-professionnelle',
      group: OTHER_EMPLOYER_CONTRIBUTIONS,
      label: 'Contribution à la formation professionnelle',
      base: 'gross',
      employerRate: '0.0055',
      when: { belowHeadcount: 11 },
      source: 'Code du travail L6331-1 (0.55%, fewer than 11 employees)',
    },
    {
      code: 'formation-professionnelle',
      group: OTHER_EMPLOYER_CONTRIBUTIONS,
      label: 'Contribution à la formation professionnelle',
      base: 'gross',
      employerRate: '0.01',
      when: { minHeadcount: 11 },
      source: 'Code du travail L6331-3 (1%, 11 employees and more)',
    },
    {
      code: 'taxe-apprentissage',
      group: OTHER_EMPLOYER_CONTRIBUTIONS,
      label: "Taxe d'apprentissage",
      base: 'gross',
      employerRate: '0.0068',
      source: 'CGI 1599 ter A and Code du travail L6241-1 (0.59% + balance 0.09%)',
      note: 'modele-social computes the tax and its balance separately; one line here.',
    },
    {
      code: 'contribution-supplementaire-apprentissage',
      group: OTHER_EMPLOYER_CONTRIBUTIONS,
      label: "Contribution supplémentaire à l'apprentissage",
      base: 'gross',
      employerRate: '0.004',
      when: { minHeadcount: 250 },
      source: 'CGI 1609 quinvicies (250 employees and more; 0.40% while work-study contracts are under 1% of staff)',
      note: 'Assumes fewer than 1% work-study contracts, as modele-social does by default.',
    },
    {
      code: 'peec',
      group: OTHER_EMPLOYER_CONTRIBUTIONS,
      label: "Participation des employeurs à l'effort de construction",
      base: 'gross',
      employerRate: '0.0045',
      when: { minHeadcount: 50 },
      source: 'Code de la construction et de l’habitation L313-1 (0.45%, 50 employees and more)',
    },
    {
      code: 'versement-mobilite',
      group: OTHER_EMPLOYER_CONTRIBUTIONS,
      label: 'Versement mobilité',
      base: 'gross',
      employerRate: { setting: 'mobilityRate' },
      when: { minHeadcount: 11 },
      source: 'CGCT L2333-64 (11 employees and more; rate of the commune)',
    },
    {
      code: 'complementaire-sante',
      label: 'Complémentaire santé',
      base: 'healthInsurance',
      employeeRate: { health: 'employeeShare' },
      employerRate: { health: 'employerShare' },
      source: 'CSS L911-7 (collective health insurance, employer pays at least half)',
    },
    {
      code: 'forfait-social',
      label: 'Forfait social sur la prévoyance',
      base: 'healthEmployerShare',
      employerRate: '0.08',
      when: { minHeadcount: 11 },
      source: 'CSS L137-15 and L137-16 (8% on employer provident contributions, 11 employees and more)',
    },
    {
      code: 'csg-deductible',
      label: 'CSG déductible',
      base: 'csg',
      employeeRate: '0.068',
      source: 'CSS L136-8 I 1° and CGI 154 quinquies (6.8% deductible)',
    },
    {
      code: 'csg-crds-non-deductible',
      label: 'CSG non déductible et CRDS',
      base: 'csg',
      employeeRate: '0.029',
      addedToTaxableNet: true,
      source: 'CSS L136-8 (CSG non deductible 2.4%) and Ordonnance n° 96-50 art. 14 (CRDS 0.5%); not deductible from taxable pay (CGI 154 quinquies)',
      note: 'modele-social computes CSG non deductible and CRDS separately; one line here (bulletin clarifié).',
    },
  ],
  generalReduction: {
    kind: 'rgdu',
    code: 'rgdu',
    label: 'Réduction générale dégressive unique',
    minCoefficient: '0.02',
    deltaCoefficient: { under50: '0.3781', from50: '0.3821' },
    power: '1.75',
    exitSmicMultiple: '3',
    source:
      'CSS L241-13 as amended by LFSS 2025 and D241-7 as amended for 2026: C = Tmin + Tdelta × (½ × (3 × SMIC / pay − 1))^1.75, nil from 3 SMIC',
  },
};
