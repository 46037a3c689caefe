/**
 * The shape of a dated table of French social contribution rates, for a non-executive employee of the
 * general regime (docs/domain.md, "Social contributions"). A table is data a person can review line by line:
 * every figure is a decimal string and carries its legal source. The engine (../payslip.ts) only
 * interprets these tables; no rate lives in code.
 */
import type { IsoDate } from '../../calendar.js';

/** A figure and where the law (or the published reference) says it. */
export interface Sourced<T = string> {
  value: T;
  source: string;
}

/**
 * What a contribution line is computed on, before rounding. "PSS" is the monthly social security ceiling
 * prorated by the working-time ratio (weeklyHours ÷ 35) for part-time contracts, as modele-social does
 * ('salarié . temps de travail . plafond sécurité sociale').
 * - gross: the whole contribution base (gross pay, plus the employer health share above the social exemption).
 * - tranche1: the base up to 1 PSS.
 * - tranche2: the part of the base between 1 and 8 PSS (AGIRC-ARRCO T2).
 * - upTo4Pss: the base up to 4 PSS (unemployment insurance, AGS).
 * - upTo8PssWhenAbovePss: the base up to 8 PSS, only when the base exceeds 1 PSS (CET).
 * - csg: 98.25% of the gross up to 4 PSS, 100% above, plus the employer health-insurance share (CSS L136-1-1).
 * - healthInsurance: the monthly health-insurance (mutuelle) premium itself.
 * - healthEmployerShare: the employer part of that premium (forfait social).
 */
export type BaseKind =
  | 'gross'
  | 'tranche1'
  | 'tranche2'
  | 'upTo4Pss'
  | 'upTo8PssWhenAbovePss'
  | 'csg'
  | 'healthInsurance'
  | 'healthEmployerShare';

/** Headcount condition: the line applies when minHeadcount ≤ headcount and headcount < belowHeadcount. */
export interface HeadcountCondition {
  minHeadcount?: number;
  belowHeadcount?: number;
}

/**
 * A rate: a decimal string ("0.0690" = 6.90%), or a rate taken from the CAE's payroll settings
 * (AT/MP rate, mobility rate), or the health-insurance split (employer share and its complement).
 */
export type RateSpec =
  | string
  | { setting: 'atMpRate' | 'mobilityRate' }
  | { health: 'employerShare' | 'employeeShare' };

/**
 * An employer rate that drops to a reduced rate while the contribution base stays strictly below a
 * multiple of the SMIC (2025: health 7% under 2.25 SMIC, family 3.45% under 3.3 SMIC). The SMIC is the
 * monthly full-time SMIC of a reference date, times the working-time ratio.
 */
export interface ReducedRate {
  rate: string;
  belowSmicMultiple: string;
  smicHourlyOfReference: string;
  source: string;
}

export interface ContributionRule {
  /** Stable identifier of the line on the payslip. */
  code: string;
  /** Label as printed on a French payslip. */
  label: string;
  base: BaseKind;
  employeeRate?: RateSpec;
  employerRate?: RateSpec;
  employerReducedRate?: ReducedRate;
  when?: HeadcountCondition;
  /**
   * Contributions printed together on one payslip line, as the "bulletin clarifié" does (arrêté du
   * 25 février 2016): rules of the same group and base become one line whose rate is the sum of theirs,
   * rounded once.
   */
  group?: { code: string; label: string };
  /**
   * An employee contribution that is not deductible from income: it is added back to the net to make the
   * net taxable pay (CSG non deductible and CRDS, CGI 154 quinquies; docs/domain.md "Payslips").
   */
  addedToTaxableNet?: true;
  /** Legal source of the rate and base. */
  source: string;
  /** Where our line deliberately differs from modele-social's split, or anything a reviewer should know. */
  note?: string;
}

/** 2025: réduction générale "Fillon", maximal at the SMIC, nil from 1.6 SMIC (CSS L241-13, D241-7). */
export interface FillonReduction {
  kind: 'fillon';
  code: string;
  label: string;
  /** Maximal coefficient T by headcount band (FNAL 0.10% under 50 employees, 0.50% from 50). */
  maxCoefficient: { under50: string; from50: string };
  /** Coefficient = T / 0.6 × (1.6 × SMIC / base − 1), floored at 0, capped at T, rounded to 4 decimals. */
  exitSmicMultiple: string;
  divisor: string;
  source: string;
}

/**
 * 2026: réduction générale dégressive unique (RGDU): coefficient = Tmin + Tdelta × (½ × (3 × SMIC / base − 1))^P,
 * capped at Tmin + Tdelta, rounded to 4 decimals, nil from 3 SMIC.
 */
export interface RgduReduction {
  kind: 'rgdu';
  code: string;
  label: string;
  minCoefficient: string;
  deltaCoefficient: { under50: string; from50: string };
  power: string;
  exitSmicMultiple: string;
  source: string;
}

export type GeneralReductionRule = FillonReduction | RgduReduction;

export interface RateTable {
  /** The rules version carried by every payslip computed with this table. */
  id: string;
  /** First and last day (inclusive) this table applies to. */
  validFrom: IsoDate;
  validTo: IsoDate;
  /** The published reference this table was checked against (test/reference/). */
  reference: string;
  smicHourly: Sourced;
  /** Monthly hours of the legal working week: 35 h × 52 ÷ 12 (151.67 h), kept exact. */
  legalWeeklyHours: Sourced;
  pss: Sourced;
  defaults: {
    atMpRate: Sourced;
    healthInsurance: { monthlyAmount: string; employerShare: string; source: string };
    mobilityRate: Sourced;
  };
  /**
   * The employer health share that is exempt from social contributions: 6% of the PSS + 1.5% of gross,
   * capped at 12% of the PSS (CSS L242-1 and D242-1); the excess is added to the contribution base.
   */
  healthExemption: { pssRate: string; grossRate: string; capPssRate: string; source: string };
  /**
   * The employee's health-insurance share deductible from taxable pay: 5% of the PSS + 2% of gross, capped at
   * 2% of 8 PSS (CGI 83 1° quater); the excess is taxable. The PSS is the full one, as modele-social has it.
   */
  healthDeduction: { pssRate: string; grossRate: string; capPssRate: string; source: string };
  /** CSG/CRDS base: 98.25% of gross within 4 PSS (CSS L136-1-1 III 1°). */
  csgAllowance: { rate: string; withinPss: string; source: string };
  contributions: ContributionRule[];
  generalReduction: GeneralReductionRule;
}
