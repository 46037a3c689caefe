import { describe, expect, it } from 'vitest';
import { ageAtEndOf, aggregateMonth, birthBucket, buildReport, mergeTerritoryMonths } from '../../../domain/reporting/index.js';
import { contract, convention, exitOn, welcome } from '../careerPath/builders.js';
import { LYON, person } from './builders.js';

const COMMUNE = 'commune:69123';

describe('the age on the last day of a month, from the birth month', () => {
  it('counts the birthday as reached by the end of the birth month, whatever the day', () => {
    expect(ageAtEndOf('2000-06', '2026-05')).toBe(25);
    expect(ageAtEndOf('2000-06', '2026-06')).toBe(26); // born 30 June 2000: 26 on 30 June 2026
    expect(ageAtEndOf('2000-02', '2026-02')).toBe(26); // born 29 February 2000: 26 by 28 February 2026
  });

  it('stores the birth month, or 55_and_over once the person is 55 at the month end (they stay so), or unknown', () => {
    expect(birthBucket('1990-04-17', '2025-03')).toBe('1990-04');
    expect(birthBucket('1970-03-31', '2025-03')).toBe('55_and_over');
    expect(birthBucket('1970-04-01', '2025-03')).toBe('1970-04');
    expect(birthBucket(undefined, '2025-03')).toBe('unknown');
    expect(birthBucket('2030-01-01', '2025-03')).toBe('unknown');
  });
});

/** People of Lyon, employees through 2025, closed month by month, and their unhidden report. */
function reportOf(people: ReturnType<typeof person>[], from: string, to: string) {
  const months = [];
  for (let m = Number(from.slice(5, 7)); m <= Number(to.slice(5, 7)); m++) months.push(`2025-${String(m).padStart(2, '0')}`);
  const aggregates = months.flatMap((month) => aggregateMonth({ caeId: 'C', month, entrepreneurs: people, results: [] }).aggregates);
  return buildReport({ territory: COMMUNE, from, to, months: mergeTerritoryMonths(aggregates), grants: [], statisticalSecrecy: false });
}

const employee = [welcome('2024-01-08'), contract('2024-01-08')] as const;

describe('breakdowns of a report', () => {
  it('bands the age on the period’s last day, not on the month the people were counted', () => {
    // Turns 26 in June 2025: under 26 at the end of May, 26–44 at the end of June, though June is not closed.
    const p = { ...person(LYON, employee), birthDate: '1999-06-20' };
    const closedToMay = (to: string) => {
      const aggregates = aggregateMonth({ caeId: 'C', month: '2025-05', entrepreneurs: [p], results: [] }).aggregates;
      return buildReport({ territory: COMMUNE, from: '2025-05', to, months: mergeTerritoryMonths(aggregates), grants: [], statisticalSecrecy: false });
    };
    const band = (to: string) => closedToMay(to).breakdowns.ageBand.filter((c) => c.peopleAtEnd === 1).map((c) => c.value);
    expect(band('2025-05')).toEqual(['under_26']);
    expect(band('2025-06')).toEqual(['26_44']);
  });

  it('counts each value, "unknown" among them, for the people at the end and for the entries, adding up to each total', () => {
    const people = [
      { ...person(LYON, employee), gender: 'female' as const, birthDate: '1980-01-01', educationLevel: 'bac_5' as const, priorityNeighbourhood: true },
      { ...person(LYON, employee), gender: 'male' as const, situationAtEntry: 'jobseeker' as const, priorityNeighbourhood: false },
      { ...person(LYON, [welcome('2025-01-06'), convention('2025-02-03', '2025-12-31')]), gender: 'female' as const, birthDate: '2001-09-09' },
      person(LYON, [welcome('2024-01-08'), convention('2024-01-08', '2024-12-31'), exitOn('2025-01-15', 'stopped')]),
    ];
    const report = reportOf(people, '2025-01', '2025-03');
    const of = (name: keyof typeof report.breakdowns) => Object.fromEntries(report.breakdowns[name].map((c) => [c.value, [c.peopleAtEnd, c.entries]]));
    expect(of('gender')).toEqual({ female: [2, 1], male: [1, 0], other: [0, 0], unknown: [0, 0] });
    expect(of('ageBand')).toEqual({ under_26: [1, 1], '26_44': [0, 0], '45_54': [1, 0], '55_and_over': [0, 0], unknown: [1, 0] });
    expect(of('priorityNeighbourhood')).toEqual({ yes: [1, 0], no: [1, 0], unknown: [1, 1] });
    expect(of('situationAtEntry').jobseeker).toEqual([1, 0]);
    expect(of('educationLevel').bac_5).toEqual([1, 0]);
    for (const name of Object.keys(report.breakdowns) as (keyof typeof report.breakdowns)[]) {
      const cells = report.breakdowns[name];
      expect(cells.reduce((n, c) => n + (c.peopleAtEnd ?? 0), 0), name).toBe(3);
      expect(cells.reduce((n, c) => n + (c.entries ?? 0), 0), name).toBe(report.entrepreneurs.entries);
    }
  });

  it('counts people of aggregates written before breakdowns were kept as unknown', () => {
    const [month] = mergeTerritoryMonths(aggregateMonth({ caeId: 'C', month: '2025-03', entrepreneurs: [person(LYON, employee)], results: [] }).aggregates.filter((a) => a.territory === COMMUNE));
    const old = { ...(month as NonNullable<typeof month>), people: {} };
    const report = buildReport({ territory: COMMUNE, from: '2025-03', to: '2025-03', months: [old], grants: [], statisticalSecrecy: false });
    expect(report.breakdowns.gender.find((c) => c.value === 'unknown')?.peopleAtEnd).toBe(1);
  });
});
