/**
 * Forward payroll: from a gross monthly pay to the payslip (every contribution line, the general reduction,
 * the net pay before income tax and the employer cost), with the rate table in force on the date.
 *
 * Rules (docs/domain.md "Money", "Social contributions"):
 * - every line is base × rate rounded half-up to the cent; the payslip totals are the sums of its lines;
 * - part-time: the SMIC and the PSS are prorated by weeklyHours ÷ 35 (as modele-social does);
 * - gross 0 is a month without pay: every total is 0 and the payslip has no line.
 */
import { Decimal } from 'decimal.js';
import type { IsoDate } from '../calendar.js';
import { Dec } from '../money.js';
import { MAX_PAYROLL_AMOUNT, MAX_SETTING_RATE, MAX_WEEKLY_HOURS, payrollAmountProblem, settingRateProblem } from './bounds.js';
import { InvalidPayrollInput } from './errors.js';
import { ratesFor } from './rates/index.js';
import type { BaseKind, ContributionRule, RateSpec, RateTable } from './rates/types.js';

type D = Decimal;
/** Amounts and rates come in as decimal.js values or decimal strings ("2500.00", "0.0212"), never as numbers. */
export type DecimalInput = Decimal | string;
/** Weekly hours may also be a number (35, 17.5): they are not money. */
export type HoursInput = Decimal | string | number;

/** A CAE's payroll settings (docs/api.md, payroll-settings). Absent values take the defaults of the rate table. */
export interface PayrollSettings {
  /** Number of employees of the CAE (a positive integer): thresholds 11, 50 and 250. */
  headcount: number;
  /** AT/MP rate of the establishment, e.g. "0.0212". Default: the national average of the date. */
  atMpRate?: DecimalInput;
  /** Health insurance (mutuelle): monthly premium and the employer's share of it. Default 40.00 and 0.50. */
  healthInsurance?: { monthlyAmount: DecimalInput; employerShare: DecimalInput };
  /** Versement mobilité rate of the commune, e.g. "0.0295". Default 0. */
  mobilityRate?: DecimalInput;
}

export interface PayslipInput {
  date: IsoDate;
  gross: DecimalInput;
  /** Contractual weekly hours, in (0, 35]. Default 35. */
  weeklyHours?: HoursInput;
  settings: PayrollSettings;
}

export interface PayslipLine {
  code: string;
  label: string;
  base: Decimal;
  employeeRate: Decimal | null;
  employeeAmount: Decimal;
  employerRate: Decimal | null;
  employerAmount: Decimal;
}

export interface Payslip {
  date: IsoDate;
  gross: Decimal;
  /** Net pay before income tax. */
  net: Decimal;
  employeeContributions: Decimal;
  /** What the employer pays after the general reduction, health-insurance share included. */
  employerContributions: Decimal;
  /** The general reduction (2025 Fillon, 2026 RGDU), a positive amount; its line carries it negated. */
  generalReduction: Decimal;
  /** gross + employerContributions. */
  employerCost: Decimal;
  lines: PayslipLine[];
  /** The id of the rate table used, e.g. "FR-2026-01". */
  rulesVersion: string;
  weeklyHours: Decimal;
  /**
   * Montant net social: gross minus every employee contribution (docs/domain.md "Payslips"; modele-social
   * `salarié . rémunération . montant net social`).
   */
  netSocial: Decimal;
  /**
   * Net taxable pay, the base of the tax withheld at source: the net plus the non-deductible CSG and CRDS, the
   * employer's health-insurance share and the employee's share above its deduction (CGI 83 1° quater);
   * modele-social `salarié . rémunération . net . imposable`.
   */
  netTaxable: Decimal;
}

export const MAX_AMOUNT = new Dec(MAX_PAYROLL_AMOUNT);
const ZERO = new Dec(0);
const ONE = new Dec(1);
const HALF = new Dec('0.5');
/** Coefficients are ratios, rounded to 4 decimals: 20 significant digits are plenty and much faster. */
const Ratio = Dec.clone({ precision: 20, rounding: Decimal.ROUND_HALF_UP });

function cents(value: D): D {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

// ---------------------------------------------------------------------------------------------------------
// Input checks (the API validates first; the domain refuses what it cannot compute).

function toDecimal(field: string, value: HoursInput): D {
  try {
    const d = new Dec(value);
    if (!d.isFinite()) throw new Error('not finite');
    return d;
  } catch {
    throw new InvalidPayrollInput(field, `not a number: ${String(value)}`);
  }
}

/** An amount of money as the payroll takes it: 0 ≤ amount ≤ 1,000,000.00, at most 2 decimals. */
export function checkedAmount(field: string, value: DecimalInput, { allowNegative = false } = {}): D {
  const d = toDecimal(field, value);
  const problem = payrollAmountProblem(d, { allowNegative });
  if (problem) throw new InvalidPayrollInput(field, problem);
  return d;
}

function checkedRate(field: string, value: DecimalInput, max: string): D {
  const d = toDecimal(field, value);
  const problem = settingRateProblem(d, max);
  if (problem) throw new InvalidPayrollInput(field, problem);
  return d;
}

export function checkedWeeklyHours(value: HoursInput | undefined): D {
  if (value === undefined) return new Dec(MAX_WEEKLY_HOURS);
  const d = toDecimal('weeklyHours', value);
  if (d.lessThanOrEqualTo(0) || d.greaterThan(MAX_WEEKLY_HOURS)) throw new InvalidPayrollInput('weeklyHours', `must be in (0, ${MAX_WEEKLY_HOURS}]`);
  return d;
}

function checkedHeadcount(value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidPayrollInput('settings.headcount', 'must be a positive integer');
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Compilation: a rate table, the settings and the working time become Decimal constants, once.

interface CompiledLine {
  code: string;
  label: string;
  base: BaseKind;
  employeeRate: D | null;
  employerRate: D | null;
  reduced: { rate: D; threshold: D } | null;
  /** The health-insurance line: amounts are the precomputed shares, not base × rate. */
  health: boolean;
}

type CompiledReduction =
  | { kind: 'fillon'; code: string; label: string; max: D; slope: D; exit: D }
  | { kind: 'rgdu'; code: string; label: string; min: D; delta: D; minF: number; deltaF: number; cap: D; exit: D };

export interface PayrollPlan {
  table: RateTable;
  weeklyHours: D;
  pssProrated: D;
  pss4: D;
  pss8: D;
  smicProrated: D;
  csgAllowanceRate: D;
  healthAmount: D;
  healthEmployer: D;
  healthEmployee: D;
  /** Set when the employer health share can exceed its social exemption (then part of it is contribution base). */
  healthExemption: { pssPart: D; grossRate: D; cap: D } | null;
  lines: CompiledLine[];
  /** The same lines, split by who pays, for the searches that need one side only. */
  employerLines: CompiledLine[];
  employeeLines: CompiledLine[];
  reduction: CompiledReduction;
  /** For the net inverse: the sum of employee rates (the exact net grows at least at 1 − this). */
  employeeRateSum: D;
  /** First-guess slopes of the employer cost and of the net against the gross (the searches refine them). */
  costSlopeHint: D;
  netSlopeHint: D;
  /** The codes of the lines whose employee amount is added back to the net taxable pay. */
  addedToTaxableNet: ReadonlySet<string>;
}

function resolveRate(
  spec: RateSpec | undefined,
  settings: { atMpRate: D; mobilityRate: D; employerShare: D },
): D | null {
  if (spec === undefined) return null;
  if (typeof spec === 'string') return new Dec(spec);
  if ('setting' in spec) return spec.setting === 'atMpRate' ? settings.atMpRate : settings.mobilityRate;
  return spec.health === 'employerShare' ? settings.employerShare : ONE.minus(settings.employerShare);
}

function applies(rule: ContributionRule, headcount: number): boolean {
  const { minHeadcount, belowHeadcount } = rule.when ?? {};
  if (minHeadcount !== undefined && headcount < minHeadcount) return false;
  if (belowHeadcount !== undefined && headcount >= belowHeadcount) return false;
  return true;
}

const planCache = new Map<string, PayrollPlan>();

/** Builds (or reuses) the compiled rules for a date, settings and working time. */
export function payrollPlan(date: IsoDate, settings: PayrollSettings, weeklyHoursInput?: HoursInput): PayrollPlan {
  const table = ratesFor(date);
  const weeklyHours = checkedWeeklyHours(weeklyHoursInput);
  const headcount = checkedHeadcount(settings.headcount);
  const atMpRate = checkedRate('settings.atMpRate', settings.atMpRate ?? table.defaults.atMpRate.value, MAX_SETTING_RATE.atMpRate);
  const mobilityRate = checkedRate('settings.mobilityRate', settings.mobilityRate ?? table.defaults.mobilityRate.value, MAX_SETTING_RATE.mobilityRate);
  const health = settings.healthInsurance ?? table.defaults.healthInsurance;
  const healthAmount = checkedAmount('settings.healthInsurance.monthlyAmount', health.monthlyAmount);
  const employerShare = checkedRate('settings.healthInsurance.employerShare', health.employerShare, MAX_SETTING_RATE.employerShare);
  const key = [table.id, weeklyHours, headcount, atMpRate, mobilityRate, healthAmount, employerShare].join('|');
  const cached = planCache.get(key);
  if (cached) return cached;

  // Multiplications first and one division last, so that thresholds that are exact in law stay exact
  // (3 × SMIC = 5,469.10 in 2026, 3.3 × SMIC = 5,945.94 in 2025): the comparisons at them are strict.
  const legalHours = new Dec(table.legalWeeklyHours.value);
  const pss = new Dec(table.pss.value);
  /** n × PSS prorated by weeklyHours ÷ 35. */
  const pssTimes = (n: number): D => pss.times(n).times(weeklyHours).div(legalHours);
  /** n × the monthly SMIC (hourly × weekly hours × 52 ÷ 12) of an hourly rate. */
  const smicTimes = (n: DecimalInput | number, hourly: DecimalInput): D =>
    new Dec(hourly).times(n).times(weeklyHours).times(52).div(12);
  const pssProrated = Decimal.max(pssTimes(1), ONE);
  const smicProrated = smicTimes(1, table.smicHourly.value);
  const healthEmployer = cents(healthAmount.times(employerShare));
  const exemption = table.healthExemption;
  const pssPart = pss.times(exemption.pssRate);
  const healthExemption = healthEmployer.greaterThan(pssPart)
    ? { pssPart, grossRate: new Dec(exemption.grossRate), cap: pss.times(exemption.capPssRate) }
    : null;

  const resolved = { atMpRate, mobilityRate, employerShare };
  const addedToTaxableNet = new Set<string>();
  const lines: CompiledLine[] = [];
  let employeeRateSum = ZERO;
  let employerRateSum = ZERO;
  for (const rule of table.contributions) {
    if (!applies(rule, headcount)) continue;
    const employeeRate = resolveRate(rule.employeeRate, resolved);
    const employerRate = resolveRate(rule.employerRate, resolved);
    if (!employeeRate?.greaterThan(0) && !employerRate?.greaterThan(0)) continue;
    if (rule.addedToTaxableNet) addedToTaxableNet.add(rule.group?.code ?? rule.code);
    const isHealth = rule.base === 'healthInsurance';
    if (isHealth && healthAmount.isZero()) continue;
    const reducedRule = rule.employerReducedRate;
    const reduced = reducedRule
      ? {
          rate: new Dec(reducedRule.rate),
          threshold: smicTimes(reducedRule.belowSmicMultiple, reducedRule.smicHourlyOfReference),
        }
      : null;
    if (rule.group) {
      const { code, label } = rule.group;
      const existing = lines.find((l) => l.code === code && l.base === rule.base);
      const add = (a: D | null, b: D | null): D | null => (a && b ? a.plus(b) : (a ?? b));
      if (existing) {
        existing.employeeRate = add(existing.employeeRate, employeeRate);
        existing.employerRate = add(existing.employerRate, employerRate);
      } else {
        lines.push({ code, label, base: rule.base, employeeRate, employerRate, reduced: null, health: false });
      }
    }
    if (employerRate && !isHealth && rule.base !== 'tranche2' && rule.base !== 'healthEmployerShare') {
      employerRateSum = employerRateSum.plus(employerRate);
    }
    if (employeeRate?.greaterThan(0) && !isHealth) {
      employeeRateSum = employeeRateSum.plus(employeeRate);
    }
    if (!rule.group) {
      lines.push({ code: rule.code, label: rule.label, base: rule.base, employeeRate, employerRate, reduced, health: isHealth });
    }
  }

  const rule = table.generalReduction;
  const band = headcount < 50 ? 'under50' : 'from50';
  let reduction: CompiledReduction;
  if (rule.kind === 'fillon') {
    const max = new Dec(rule.maxCoefficient[band]);
    reduction = {
      kind: 'fillon',
      code: rule.code,
      label: rule.label,
      max,
      slope: new Ratio(max).div(rule.divisor),
      exit: smicTimes(rule.exitSmicMultiple, table.smicHourly.value),
    };
  } else {
    if (rule.power !== '1.75') throw new Error(`unsupported RGDU power ${rule.power} in ${table.id}`);
    const min = new Dec(rule.minCoefficient);
    const delta = new Dec(rule.deltaCoefficient[band]);
    reduction = {
      kind: 'rgdu',
      code: rule.code,
      label: rule.label,
      min,
      delta,
      minF: min.toNumber(),
      deltaF: delta.toNumber(),
      cap: min.plus(delta),
      exit: smicTimes(rule.exitSmicMultiple, table.smicHourly.value),
    };
  }

  const plan: PayrollPlan = {
    table,
    weeklyHours,
    pssProrated,
    pss4: Decimal.max(pssTimes(4), ONE),
    pss8: Decimal.max(pssTimes(8), ONE),
    smicProrated,
    csgAllowanceRate: new Dec(table.csgAllowance.rate),
    healthAmount,
    healthEmployer,
    healthEmployee: healthAmount.minus(healthEmployer),
    healthExemption,
    lines,
    employerLines: lines.filter((l) => l.health || l.employerRate?.greaterThan(0)),
    employeeLines: lines.filter((l) => l.health || l.employeeRate?.greaterThan(0)),
    reduction,
    employeeRateSum,
    costSlopeHint: ONE.plus(employerRateSum),
    netSlopeHint: Decimal.max(ONE.minus(employeeRateSum), new Dec('0.5')),
    addedToTaxableNet,
  };
  if (planCache.size > 500) planCache.clear();
  planCache.set(key, plan);
  return plan;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation.

/** x^1.75 as x · √x · ⁴√x: exact algebra, and two square roots are far cheaper than a general power. */
function pow175(x: D): D {
  const root = x.sqrt();
  return x.times(root).times(root.sqrt());
}

const TEN_THOUSANDTH = new Dec('0.0001');

/**
 * Tmin + Tdelta × x^1.75 rounded half-up to 4 decimals. The power is first taken in floating point, on a
 * dimensionless ratio (no euro amount is ever a JavaScript number): when that value is not within 1e-6 of a
 * rounding tie at the 4th decimal, its rounding is certain (floating-point error is ~1e-15) and equals the
 * decimal one; otherwise decimal.js computes it. Same result as pure decimal.js, ~20 times faster.
 */
function rgduPowerCoefficient(min: D, delta: D, minF: number, deltaF: number, x: D): D {
  const scaled = (minF + deltaF * x.toNumber() ** 1.75) * 10_000;
  const frac = scaled - Math.floor(scaled);
  if (Math.abs(frac - 0.5) > 1e-6) return new Dec(Math.floor(scaled + 0.5)).times(TEN_THOUSANDTH);
  return pow175(x).times(delta).plus(min).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}

/** The general reduction coefficient for a contribution base (rounded to 4 decimals), 0 when none. */
export function reductionCoefficient(plan: PayrollPlan, base: D): D {
  const r = plan.reduction;
  if (base.isZero() || base.greaterThanOrEqualTo(r.exit)) return ZERO;
  if (r.kind === 'fillon') {
    // T / 0.6 × (1.6 × SMIC / base − 1), within [0, T]
    const c = new Ratio(r.exit).div(base).minus(ONE).times(r.slope);
    return Decimal.min(c, r.max).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  }
  // Tmin + Tdelta × (½ × (3 × SMIC / base − 1))^1.75, capped at Tmin + Tdelta
  const x = new Ratio(r.exit).div(base).minus(ONE).times(HALF);
  if (x.greaterThanOrEqualTo(ONE)) return r.cap;
  return Decimal.min(rgduPowerCoefficient(r.min, r.delta, r.minF, r.deltaF, x), r.cap);
}

export interface PayslipTotals {
  gross: D;
  net: D;
  employeeContributions: D;
  employerContributions: D;
  generalReduction: D;
  employerCost: D;
}

/** The contribution base: gross plus the employer health share above its social exemption. */
export function contributionBase(plan: PayrollPlan, gross: D): D {
  const ex = plan.healthExemption;
  if (!ex) return gross;
  const exempt = Decimal.min(ex.pssPart.plus(gross.times(ex.grossRate)), ex.cap);
  const excess = plan.healthEmployer.minus(exempt);
  return excess.greaterThan(0) ? gross.plus(cents(excess)) : gross;
}

/** 98.25% of the gross within 4 PSS (rounded to the cent), 100% above, plus the employer health share. */
function csgBaseOf(plan: PayrollPlan, gross: D): D {
  const within = gross.lessThan(plan.pss4) ? gross : plan.pss4;
  const above = gross.greaterThan(plan.pss4) ? gross.minus(plan.pss4) : ZERO;
  return cents(within.times(plan.csgAllowanceRate)).plus(above).plus(plan.healthEmployer);
}

function baseOf(plan: PayrollPlan, kind: BaseKind, base: D, gross: D): D {
  switch (kind) {
    case 'gross':
      return base;
    case 'tranche1':
      return base.lessThan(plan.pssProrated) ? base : plan.pssProrated;
    case 'tranche2':
      if (!base.greaterThan(plan.pssProrated)) return ZERO;
      return Decimal.min(base, plan.pss8).minus(plan.pssProrated);
    case 'upTo4Pss':
      return base.lessThan(plan.pss4) ? base : plan.pss4;
    case 'upTo8PssWhenAbovePss':
      return base.greaterThan(plan.pssProrated) ? Decimal.min(base, plan.pss8) : ZERO;
    case 'csg':
      return csgBaseOf(plan, gross);
    case 'healthInsurance':
      return plan.healthAmount;
    case 'healthEmployerShare':
      return plan.healthEmployer;
  }
}

const NO_PAY = (gross: D): PayslipTotals => ({
  gross,
  net: ZERO,
  employeeContributions: ZERO,
  employerContributions: ZERO,
  generalReduction: ZERO,
  employerCost: ZERO,
});

/**
 * Computes a payslip for a gross on a compiled plan: the totals, and the lines when asked for (the inverse
 * searches call this many times and only need the totals, which are the same either way).
 */
export function evaluatePlan(plan: PayrollPlan, gross: D, lines?: PayslipLine[]): PayslipTotals {
  if (gross.isZero()) return NO_PAY(gross);
  const base = contributionBase(plan, gross);
  let employee = ZERO;
  let employer = ZERO;
  for (const line of plan.lines) {
    const lineBase = baseOf(plan, line.base, base, gross);
    let employeeAmount = ZERO;
    let employerAmount = ZERO;
    let employerRate = line.employerRate;
    if (line.health) {
      employeeAmount = plan.healthEmployee;
      employerAmount = plan.healthEmployer;
    } else {
      if (line.reduced && base.lessThan(line.reduced.threshold)) employerRate = line.reduced.rate;
      if (line.employeeRate) employeeAmount = cents(lineBase.times(line.employeeRate));
      if (employerRate) employerAmount = cents(lineBase.times(employerRate));
    }
    employee = employee.plus(employeeAmount);
    employer = employer.plus(employerAmount);
    if (lines && !(lineBase.isZero() && employeeAmount.isZero() && employerAmount.isZero())) {
      lines.push({
        code: line.code,
        label: line.label,
        base: lineBase,
        employeeRate: line.employeeRate,
        employeeAmount,
        employerRate,
        employerAmount,
      });
    }
  }

  const coefficient = reductionCoefficient(plan, base);
  let reduction = ZERO;
  if (coefficient.greaterThan(0)) {
    reduction = cents(base.times(coefficient));
    employer = employer.minus(reduction);
    lines?.push({
      code: plan.reduction.code,
      label: plan.reduction.label,
      base,
      employeeRate: null,
      employeeAmount: ZERO,
      employerRate: coefficient.negated(),
      employerAmount: reduction.negated(),
    });
  }

  return {
    gross,
    net: gross.minus(employee),
    employeeContributions: employee,
    employerContributions: employer,
    generalReduction: reduction,
    employerCost: gross.plus(employer),
  };
}

/** How fast a base grows with the contribution base at this point: 1 below its caps, 0 above. */
function growsWithBase(plan: PayrollPlan, kind: BaseKind, base: D): boolean {
  switch (kind) {
    case 'gross':
    case 'csg':
      return true;
    case 'tranche1':
      return base.lessThan(plan.pssProrated);
    case 'tranche2':
    case 'upTo8PssWhenAbovePss':
      return base.greaterThan(plan.pssProrated) && base.lessThan(plan.pss8);
    case 'upTo4Pss':
      return base.lessThan(plan.pss4);
    case 'healthInsurance':
    case 'healthEmployerShare':
      return false;
  }
}

/** A search point: the value at a gross and how fast it grows there (ignoring rounding and jumps). */
export interface SearchPoint {
  value: D;
  slope: D;
}

/** The employer cost only (employer lines and the reduction), with its local slope, for budget → gross. */
export function evaluateEmployerCost(plan: PayrollPlan, gross: D): SearchPoint {
  if (gross.isZero()) return { value: ZERO, slope: plan.costSlopeHint };
  const base = contributionBase(plan, gross);
  let employer = gross;
  let slope = ONE;
  for (const line of plan.employerLines) {
    if (line.health) {
      employer = employer.plus(plan.healthEmployer);
      continue;
    }
    const rate = line.reduced && base.lessThan(line.reduced.threshold) ? line.reduced.rate : line.employerRate;
    if (!rate) continue;
    employer = employer.plus(cents(baseOf(plan, line.base, base, gross).times(rate)));
    if (growsWithBase(plan, line.base, base)) slope = slope.plus(rate);
  }
  const coefficient = reductionCoefficient(plan, base);
  if (coefficient.isZero()) return { value: employer, slope };
  // on a step of the rounded coefficient, the reduction grows like the base times that coefficient
  return { value: employer.minus(cents(base.times(coefficient))), slope: slope.minus(coefficient) };
}

/**
 * The net pay only (employee lines), for net → gross: the net, its local slope, and the net before line
 * rounding (`exact`, line amounts unrounded, the CSG base as printed) to bound where rounding can reach.
 */
export function evaluateNet(plan: PayrollPlan, gross: D): SearchPoint & { exact: D; roundedLines: number } {
  if (gross.isZero()) return { value: ZERO, slope: plan.netSlopeHint, exact: ZERO, roundedLines: 0 };
  const base = contributionBase(plan, gross);
  let net = gross;
  let exact = gross;
  let slope = ONE;
  let roundedLines = 0;
  for (const line of plan.employeeLines) {
    if (line.health) {
      net = net.minus(plan.healthEmployee);
      exact = exact.minus(plan.healthEmployee);
      continue;
    }
    if (!line.employeeRate) continue;
    const lineBase = baseOf(plan, line.base, base, gross);
    if (lineBase.isZero()) continue;
    const amount = lineBase.times(line.employeeRate);
    net = net.minus(cents(amount));
    exact = exact.minus(amount);
    roundedLines += 1;
    if (growsWithBase(plan, line.base, base)) slope = slope.minus(line.employeeRate);
  }
  return { value: net, slope, exact, roundedLines };
}

/** The employee's health-insurance share above what is deductible from taxable pay (CGI 83 1° quater). */
function taxableHealthShare(plan: PayrollPlan, gross: D): D {
  if (!plan.healthEmployee.greaterThan(0)) return ZERO;
  const rule = plan.table.healthDeduction;
  const pss = new Dec(plan.table.pss.value);
  const deductible = Decimal.min(pss.times(rule.pssRate).plus(gross.times(rule.grossRate)), pss.times(rule.capPssRate));
  const excess = plan.healthEmployee.minus(deductible);
  return excess.greaterThan(0) ? cents(excess) : ZERO;
}

/** Wraps evaluated totals into a payslip, with its net social and net taxable pay. */
export function toPayslip(plan: PayrollPlan, date: IsoDate, gross: D): Payslip {
  const lines: PayslipLine[] = [];
  const totals = evaluatePlan(plan, gross, lines);
  let netTaxable = ZERO;
  if (!gross.isZero()) {
    netTaxable = totals.net.plus(plan.healthEmployer).plus(taxableHealthShare(plan, gross));
    for (const line of lines) if (plan.addedToTaxableNet.has(line.code)) netTaxable = netTaxable.plus(line.employeeAmount);
  }
  return {
    date,
    ...totals,
    lines,
    rulesVersion: plan.table.id,
    weeklyHours: plan.weeklyHours,
    netSocial: totals.gross.minus(totals.employeeContributions),
    netTaxable,
  };
}

/**
 * The payslip of a gross monthly pay on a date, for a non-executive employee on the CAE's payroll settings.
 * Throws NoRatesForDate when no rate table covers the date, InvalidPayrollInput on bad input.
 */
export function computePayslip(input: PayslipInput): Payslip {
  const plan = payrollPlan(input.date, input.settings, input.weeklyHours);
  const gross = checkedAmount('gross', input.gross);
  return toPayslip(plan, input.date, gross);
}

