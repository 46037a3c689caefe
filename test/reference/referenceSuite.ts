/**
 * The body of the reference tests: one year of dates swept against modele-social (see grid.ts).
 */
import { expect, it } from 'vitest';
import { Dec } from '../../domain/money.js';
import { computePayslip, ratesFor } from '../../domain/payroll/index.js';
import {
  compareBudget,
  compareForward,
  compareNet,
  type Gap,
  GROSS_TOLERANCE,
  grossesFor,
  HEADCOUNTS,
  report,
  seeded,
  TOTAL_TOLERANCE,
  WEEKLY_HOURS,
} from './grid.js';
import { referenceLabel, referenceVersionFor } from './modeleSocial.js';

/** Random grosses away from every jump of the employer cost (reduced rates, end of the reduction). */
function smoothGross(date: string, weeklyHours: number, random: () => number): string {
  const table = ratesFor(date);
  const jumps: Dec[] = [
    new Dec(table.smicHourly.value).times(table.generalReduction.exitSmicMultiple),
    ...table.contributions
      .filter((c) => c.employerReducedRate)
      .map((c) => new Dec(c.employerReducedRate?.smicHourlyOfReference ?? 0).times(c.employerReducedRate?.belowSmicMultiple ?? 0)),
  ].map((x) => x.times(weeklyHours).times(52).div(12));
  for (;;) {
    const g = new Dec(600).plus(new Dec(random()).times(14000)).toDecimalPlaces(2);
    if (jumps.every((j) => g.minus(j).abs().greaterThan(j.times('0.03')))) return g.toFixed(2);
  }
}

export function referenceSuite(year: '2025' | '2026', dates: string[], seed: number): void {
  const version = referenceVersionFor(dates[0] as string);
  const label = `${year} (${referenceLabel(version)})`;
  const random = seeded(seed);

  it(`agrees with ${referenceLabel(version)} on every total within ${TOTAL_TOLERANCE} € over the ${year} grid`, () => {
    const gaps: Gap[] = [];
    dates.forEach((date, d) => {
      // the three bands (under 11, under 50, 50 and more); 50 and 250 (apprenticeship surcharge) take turns
      const headcounts = HEADCOUNTS.filter((h) => h < 50 || h === (d % 2 === 0 ? 50 : 250));
      for (const weeklyHours of WEEKLY_HOURS) {
        const grosses = grossesFor(date, weeklyHours, random, 1);
        for (const headcount of headcounts) {
          for (const gross of grosses) gaps.push(...compareForward({ date, weeklyHours, headcount }, gross));
        }
      }
    });
    console.log(report(`forward ${label}`, gaps));
    expect(gaps.filter((g) => g.gap > TOTAL_TOLERANCE)).toEqual([]);
  }, 300_000); // ≈30 s alone; several times that when the whole suite runs on two busy cores

  it(`agrees with ${referenceLabel(version)} with non-default payroll settings`, () => {
    const date = dates[0] as string;
    const gaps: Gap[] = [];
    const settings = [
      { atMpRate: '0.015', mobilityRate: '0.0295', headcount: 20 },
      { healthInsurance: { monthlyAmount: '60.00', employerShare: '0.60' }, headcount: 5 },
      // an employer health share above its social exemption (6% PSS + 1.5% gross): the excess is contribution base
      { healthInsurance: { monthlyAmount: '300.00', employerShare: '1' }, headcount: 60, atMpRate: '0.03' },
      // an employee health share above what is deductible from taxable pay (5% PSS + 2% gross): the excess is taxable
      { healthInsurance: { monthlyAmount: '900.00', employerShare: '0.50' }, headcount: 30 },
    ];
    for (const s of settings) {
      for (const gross of ['1801.80', '2222.22', '4567.89']) gaps.push(...compareForward({ date, weeklyHours: 35, ...s }, gross));
      gaps.push(...compareForward({ date, weeklyHours: 24, ...s }, '1500.00'));
    }
    console.log(report(`settings ${label}`, gaps));
    expect(gaps.filter((g) => g.gap > TOTAL_TOLERANCE)).toEqual([]);
  });

  it(`finds the gross of an employer cost and of a net within ${GROSS_TOLERANCE} € of ${referenceLabel(version)}`, () => {
    const gaps: Gap[] = [];
    for (const date of dates) {
      for (const weeklyHours of WEEKLY_HOURS) {
        const headcount = HEADCOUNTS[Math.floor(random() * HEADCOUNTS.length)] as number;
        const c = { date, weeklyHours, headcount };
        const g1 = smoothGross(date, weeklyHours, random);
        const budget = computePayslip({ date, gross: g1, weeklyHours: String(weeklyHours), settings: { headcount } })
          .employerCost.plus(new Dec(random()).times('0.5'))
          .toDecimalPlaces(2)
          .toFixed(2);
        gaps.push(compareBudget(c, budget));
        const g2 = smoothGross(date, weeklyHours, random);
        const net = computePayslip({ date, gross: g2, weeklyHours: String(weeklyHours), settings: { headcount } }).net.toFixed(2);
        gaps.push(compareNet(c, net));
      }
    }
    console.log(report(`inverse ${label}`, gaps));
    expect(gaps.filter((g) => g.gap > GROSS_TOLERANCE)).toEqual([]);
  }, 180_000);
}
