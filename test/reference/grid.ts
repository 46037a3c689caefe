/**
 * The grid swept against modele-social, and the comparison itself. Shared by the 2025 and 2026 reference
 * tests (two files so that vitest runs them in parallel: publicodes takes ≈70 ms a case).
 *
 * Grosses from 300 to 15,000: fixed points, a few seeded random amounts with cents, and the cents just below
 * and above every threshold of the year (1.6, 2.25, 3.3 SMIC in 2025; 3 SMIC in 2026; 1 and 4 PSS), all
 * prorated by the working time. A threshold itself is left to the unit tests: the law compares exact amounts,
 * the reference compares floating-point ones, so exactly at it either side may win in the reference.
 */
import { Dec } from '../../domain/money.js';
import {
  computePayslip,
  grossForEmployerCost,
  grossForNet,
  type Payslip,
  type PayrollSettings,
  ratesFor,
} from '../../domain/payroll/index.js';
import {
  type ReferenceCase,
  type ReferenceTotals,
  referenceGrossForEmployerCost,
  referenceGrossForNet,
  referencePayslip,
} from './modeleSocial.js';

export const TOTALS = ['net', 'employeeContributions', 'employerContributions', 'generalReduction', 'employerCost', 'netSocial', 'netTaxable'] as const;
export const TOTAL_TOLERANCE = 0.05;
export const GROSS_TOLERANCE = 0.1;

export const WEEKLY_HOURS = [35, 24, 17.5];
export const HEADCOUNTS = [5, 20, 50, 250];

/** A small deterministic generator, so that a failure can be replayed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function cents(x: Dec): string {
  return x.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

/** The SMIC multiples where the law of the date changes a rate or the reduction. */
function thresholdsOf(date: string, weeklyHours: number): Dec[] {
  const table = ratesFor(date);
  const monthly = (hourly: string, multiple: string) =>
    new Dec(hourly).times(multiple).times(weeklyHours).times(52).div(12);
  const out: Dec[] = [];
  const r = table.generalReduction;
  out.push(monthly(table.smicHourly.value, r.exitSmicMultiple));
  for (const c of table.contributions) {
    if (c.employerReducedRate) {
      out.push(monthly(c.employerReducedRate.smicHourlyOfReference, c.employerReducedRate.belowSmicMultiple));
    }
  }
  const pss = new Dec(table.pss.value).times(weeklyHours).div(35);
  out.push(pss, pss.times(4));
  return out;
}

/** Grosses for one (date, working time): fixed points, thresholds ± a cent, and `randomCount` random ones. */
export function grossesFor(date: string, weeklyHours: number, random: () => number, randomCount: number): string[] {
  const smic = new Dec(ratesFor(date).smicHourly.value).times(weeklyHours).times(52).div(12);
  const set = new Set<string>(['300.00', cents(smic), '2500.00', '4000.00', '7000.00', '15000.00']);
  for (const t of thresholdsOf(date, weeklyHours)) {
    if (t.lessThan(300) || t.greaterThan(15000)) continue;
    set.add(cents(t.toDecimalPlaces(2, Dec.ROUND_FLOOR).minus('0.01')));
    set.add(cents(t.toDecimalPlaces(2, Dec.ROUND_CEIL).plus('0.01')));
  }
  for (let i = 0; i < randomCount; i += 1) set.add(cents(new Dec(300).plus(new Dec(random()).times(14700))));
  return [...set];
}

export interface Gap {
  what: string;
  gap: number;
  ours: string;
  reference: number;
  at: string;
}

function settingsOf(c: ReferenceCase): PayrollSettings {
  return {
    headcount: c.headcount,
    ...(c.atMpRate ? { atMpRate: c.atMpRate } : {}),
    ...(c.mobilityRate ? { mobilityRate: c.mobilityRate } : {}),
    ...(c.healthInsurance ? { healthInsurance: c.healthInsurance } : {}),
  };
}

function describe(c: ReferenceCase, extra: string): string {
  const s = [`${c.date}`, `${c.weeklyHours}h`, `headcount ${c.headcount}`, extra];
  if (c.atMpRate) s.push(`AT/MP ${c.atMpRate}`);
  if (c.mobilityRate) s.push(`mobility ${c.mobilityRate}`);
  if (c.healthInsurance) s.push(`health ${c.healthInsurance.monthlyAmount}×${c.healthInsurance.employerShare}`);
  return s.join(', ');
}

function totalGaps(ours: Payslip, ref: ReferenceTotals, at: string): Gap[] {
  return TOTALS.map((k) => ({
    what: k,
    gap: Math.abs(Number(ours[k].toFixed(2)) - ref[k]),
    ours: ours[k].toFixed(2),
    reference: ref[k],
    at,
  }));
}

/** Our payslip and the reference's, total by total. */
export function compareForward(c: ReferenceCase, gross: string): Gap[] {
  const ours = computePayslip({
    date: c.date,
    gross,
    weeklyHours: String(c.weeklyHours),
    settings: settingsOf(c),
  });
  return totalGaps(ours, referencePayslip({ ...c, gross }), describe(c, `gross ${gross}`));
}

/** Our gross for an employer-cost budget and the reference's inversion. */
export function compareBudget(c: ReferenceCase, budget: string): Gap {
  const ours = grossForEmployerCost({ date: c.date, budget, weeklyHours: String(c.weeklyHours), settings: settingsOf(c) });
  const ref = referenceGrossForEmployerCost({ ...c, budget, near: ours.gross.toNumber() });
  return {
    what: 'gross for employer cost',
    gap: Math.abs(Number(ours.gross.toFixed(2)) - ref),
    ours: ours.gross.toFixed(2),
    reference: ref,
    at: describe(c, `budget ${budget}`),
  };
}

/** Our gross for a net pay and the reference's inversion. */
export function compareNet(c: ReferenceCase, net: string): Gap {
  const ours = grossForNet({ date: c.date, net, weeklyHours: String(c.weeklyHours), settings: settingsOf(c) });
  const ref = referenceGrossForNet({ ...c, net, near: ours.gross.toNumber() });
  return {
    what: 'gross for net',
    gap: Math.abs(Number(ours.gross.toFixed(2)) - ref),
    ours: ours.gross.toFixed(2),
    reference: ref,
    at: describe(c, `net ${net}`),
  };
}

export function largest(gaps: Gap[]): Gap | undefined {
  return gaps.reduce<Gap | undefined>((a, g) => (!a || g.gap > a.gap ? g : a), undefined);
}

export function report(label: string, gaps: Gap[]): string {
  const lines = [`${label}: ${gaps.length} comparisons`];
  const kinds = [...new Set(gaps.map((g) => g.what))];
  for (const k of kinds) {
    const worst = largest(gaps.filter((g) => g.what === k));
    if (worst) lines.push(`  ${k}: largest gap ${worst.gap.toFixed(4)} at ${worst.at} (ours ${worst.ours}, reference ${worst.reference.toFixed(4)})`);
  }
  return lines.join('\n');
}
