/**
 * Statistical secrecy (docs/domain.md "Statistical secrecy"): the rules one by one, then two properties over
 * random populations closed through the real aggregation (aggregateMonth → the federation-wide months →
 * buildReport): no published figure of fewer than 3 people or dominated by one, and no hidden figure that is
 * the difference of published ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../domain/money.js';
import {
  aggregateMonth,
  BREAKDOWN_NAMES,
  buildReport,
  buildReportWithSecrecy,
  type Cell,
  hiddenCells,
  MONEY_FIGURES,
  type MonthFigures,
  mergeTerritoryMonths,
  type PersonInput,
  primarySecret,
  type TerritoryReport,
} from '../../../domain/reporting/index.js';
import { contract, welcome } from '../careerPath/builders.js';
import { anAggregateWithoutDominance, figures, LYON, person } from './builders.js';

const COMMUNE = 'commune:69123';
const sum = (value: string, contributors: number, largest: string): Cell => ({ kind: 'sum', value: new Dec(value), contributors, largest: new Dec(largest) });

describe('primary secrecy', () => {
  it('hides a count of 1 or 2 people and shows 0 and 3', () => {
    expect([0, 1, 2, 3].map((value) => primarySecret({ kind: 'count', value }))).toEqual([false, true, true, false]);
  });

  it('hides a sum of fewer than 3 contributors, and one where a contributor may make 85% or more', () => {
    expect(primarySecret(sum('300.00', 2, '150.00'))).toBe(true);
    expect(primarySecret(sum('300.00', 3, '254.99'))).toBe(false);
    expect(primarySecret(sum('300.00', 3, '255.00'))).toBe(true);
    expect(primarySecret(sum('-300.00', 3, '255.00'))).toBe(true); // a negative value added: its size counts
    expect(primarySecret(sum('0.00', 0, '0'))).toBe(false);
  });
});

describe('secondary secrecy', () => {
  it('hides the next smallest part when one part of a published total is hidden', () => {
    const cells = new Map<string, Cell>([
      ['total', { kind: 'count', value: 20 }],
      ['a', { kind: 'count', value: 2 }],
      ['b', { kind: 'count', value: 0 }],
      ['c', { kind: 'count', value: 5 }],
      ['d', { kind: 'count', value: 13 }],
    ]);
    expect([...hiddenCells({ cells, relations: [{ total: 'total', parts: ['a', 'b', 'c', 'd'] }] })].sort()).toEqual(['a', 'c']);
  });

  it('hides a part when the total is hidden and every part would show it', () => {
    const cells = new Map<string, Cell>([
      ['total', sum('1000.00', 2, '900.00')],
      ['jan', sum('400.00', 2, '400.00')],
      ['feb', sum('600.00', 2, '500.00')],
    ]);
    expect(hiddenCells({ cells, relations: [{ total: 'total', parts: ['jan', 'feb'] }] }).size).toBe(3);
    const months = new Map<string, Cell>([
      ['total', sum('1000.00', 4, '900.00')],
      ['jan', sum('400.00', 3, '100.00')],
      ['feb', sum('600.00', 3, '250.00')],
    ]);
    expect([...hiddenCells({ cells: months, relations: [{ total: 'total', parts: ['jan', 'feb'] }] })].sort()).toEqual(['jan', 'total']);
  });

  it('hides linked figures together', () => {
    const cells = new Map<string, Cell>([
      ['revenue', sum('1000.00', 2, '600.00')],
      ['vat', sum('200.00', 3, '40.00')],
    ]);
    expect(hiddenCells({ cells, relations: [], linked: [['revenue', 'vat']] })).toEqual(new Set(['revenue', 'vat']));
  });
});

const employee = [welcome('2024-01-08'), contract('2024-01-08')] as const;
const MONTHS = ['2025-01', '2025-02', '2025-03'];

/** A territory's report from people and their results, closed month by month by one CAE. */
function report(people: PersonInput[], results: Record<string, MonthFigures[]>, statisticalSecrecy: boolean, months = MONTHS): TerritoryReport {
  const aggregates = months.flatMap((month) => aggregateMonth({ caeId: 'C', month, entrepreneurs: people, results: results[month] ?? [] }).aggregates);
  return buildReport({ territory: COMMUNE, from: months[0] as string, to: months.at(-1) as string, months: mergeTerritoryMonths(aggregates), grants: [], statisticalSecrecy });
}

describe('a report under statistical secrecy', () => {
  const people = [0, 1, 2].map(() => person(LYON, employee));
  const revenue = (id: string, amount: string) => figures(id, LYON, { revenue: amount });

  it('shows a sum of three comparable contributors, and hides it with one at 85%', () => {
    const even = report(people, { '2025-01': people.map((p) => revenue(p.id, '1000.00')) }, true, ['2025-01']);
    expect(even.revenue).toBe('3000.00');
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    const dominated = report(people, { '2025-01': [revenue(a, '8500.00'), revenue(b, '750.00'), revenue(c, '750.00')] }, true, ['2025-01']);
    expect(dominated.revenue).toBeNull();
    expect(dominated).toMatchObject({ secret: true });
    expect(dominated.secretFields).toContain('revenue');
    expect(dominated.months[0]).toMatchObject({ revenue: null, secret: true });
  });

  it('counts a contributor across months once: the same two people every month stay hidden over the period', () => {
    const [a, b] = people.map((p) => p.id) as [string, string];
    const results = Object.fromEntries(MONTHS.map((m) => [m, [revenue(a, '1000.00'), revenue(b, '1000.00')]]));
    const r = report(people, results, true);
    expect(r.revenue).toBeNull();
    expect(r.months.map((m) => m.revenue)).toEqual([null, null, null]);
  });

  it('hides the figures of a month written before the dominance figures were kept', () => {
    const old = mergeTerritoryMonths([
      anAggregateWithoutDominance({ territory: COMMUNE, month: '2025-01', caeId: 'C', revenue: '3000.00', contributors: { revenue: 3 } as never }),
    ]);
    const r = buildReport({ territory: COMMUNE, from: '2025-01', to: '2025-01', months: old, grants: [], statisticalSecrecy: true });
    expect(r.revenue).toBeNull();
  });

  it('shows the federation admin every figure', () => {
    const r = report(people.slice(0, 1), { '2025-01': [revenue(people[0]?.id as string, '1234.00')] }, false, ['2025-01']);
    expect(r).toMatchObject({ statisticalSecrecy: false, revenue: '1234.00' });
    expect(r.secret).toBeUndefined();
  });

  it('hides a ratio to public funding with its numerator', () => {
    const [a, b] = people.map((p) => p.id) as [string, string];
    const aggregates = aggregateMonth({ caeId: 'C', month: '2025-01', entrepreneurs: people, results: [revenue(a, '100.00'), revenue(b, '200.00')] }).aggregates;
    const grants = [{ funder: 'Ville de Lyon', territory: COMMUNE, year: 2025, amount: '1200.00', caes: ['C'] }];
    const r = buildReport({ territory: COMMUNE, from: '2025-01', to: '2025-01', months: mergeTerritoryMonths(aggregates), grants, statisticalSecrecy: true });
    expect(r.publicFunding).toBe('100.00');
    expect(r.perPublicEuro).toMatchObject({ revenue: null, secret: true });
    expect(r.perPublicEuro.secretFields).toContain('revenue');
    expect(r.selfFinancingRatio).not.toBeNull(); // nobody paid a contribution: 0.00 reveals no one
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

const amount = fc.oneof(
  { weight: 2, arbitrary: fc.constant('0.00') },
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 500_000 }).map((c) => (c / 100).toFixed(2)) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000_000, max: 5_000_000 }).map((c) => (c / 100).toFixed(2)) },
);
const monthResult = fc.option(
  fc.record({
    revenue: amount,
    expenses: amount,
    vatCollected: amount,
    contribution: amount,
    gross: fc.option(amount, { nil: undefined }),
  }),
  { nil: undefined, freq: 3 },
);
const population = fc.array(
  fc.record({
    gender: fc.constantFrom('female', 'male', 'other', undefined),
    birthYear: fc.option(fc.integer({ min: 1955, max: 2005 }), { nil: undefined }),
    neighbourhood: fc.constantFrom(true, false, undefined),
    entersIn: fc.option(fc.constantFrom(...MONTHS), { nil: undefined }),
    months: fc.tuple(monthResult, monthResult, monthResult),
  }),
  { minLength: 1, maxLength: 7 },
);
type Population = typeof population extends fc.Arbitrary<infer T> ? T : never;

/** One person's amounts of a figure, month by month, and whether they contribute to it each month. */
interface Own {
  amounts: Dec[];
  contributes: boolean[];
}

function build(pop: Population) {
  const people: PersonInput[] = pop.map((p, i) => ({
    ...person(LYON, p.entersIn ? [welcome('2024-06-03'), contract(`${p.entersIn}-10`)] : employee, `P${i}`),
    ...(p.gender ? { gender: p.gender as 'female' } : {}),
    ...(p.birthYear ? { birthDate: `${p.birthYear}-05-12` } : {}),
    ...(p.neighbourhood === undefined ? {} : { priorityNeighbourhood: p.neighbourhood }),
  }));
  const results: Record<string, MonthFigures[]> = {};
  const perPerson: Record<string, Record<string, Own>> = {};
  MONTHS.forEach((month, m) => {
    results[month] = [];
    pop.forEach((p, i) => {
      const r = p.months[m];
      if (!r) return;
      const mf = figures(`P${i}`, LYON, { revenue: r.revenue, expenses: r.expenses, vatCollected: r.vatCollected, contribution: r.contribution }, r.gross ? { gross: r.gross } : undefined);
      results[month]?.push(mf);
      const own: Record<string, Dec> = {
        revenue: new Dec(r.revenue),
        valueAdded: new Dec(r.revenue).minus(r.expenses),
        vatCollected: new Dec(r.vatCollected),
        cooperativeContributions: new Dec(r.contribution),
        grossSalaries: new Dec(r.gross ?? 0),
      };
      for (const [figure, value] of Object.entries(own)) {
        const byPerson = perPerson[figure] ?? {};
        perPerson[figure] = byPerson;
        const row = byPerson[`P${i}`] ?? { amounts: MONTHS.map(() => new Dec(0)), contributes: MONTHS.map(() => false) };
        byPerson[`P${i}`] = row;
        row.amounts[m] = value;
        // Value added: anyone with revenue or an expense contributes (aggregateMonth.ts), even when they cancel out.
        row.contributes[m] = figure === 'valueAdded' ? r.revenue !== '0.00' || r.expenses !== '0.00' : !value.isZero();
      }
    });
  });
  return { people, results, perPerson };
}

/** Whether the sum of these per-person amounts must be hidden by the primary rule, judged on the people. */
function mustHide(amounts: Dec[], contributes: boolean[]): boolean {
  const contributors = contributes.filter(Boolean).length;
  if (contributors === 0) return false;
  if (contributors < 3) return true;
  const total = amounts.reduce((a, b) => a.plus(b), new Dec(0));
  const largest = amounts.reduce((a, b) => (b.abs().greaterThan(a) ? b.abs() : a), new Dec(0));
  return largest.greaterThanOrEqualTo(total.abs().times('0.85'));
}

describe('statistical secrecy, over random populations', () => {
  it('never publishes a sum of fewer than 3 people, or one that a person makes 85% or more of, nor a count of 1 or 2', () => {
    fc.assert(
      fc.property(population, (pop) => {
        const { people, results, perPerson } = build(pop);
        const published = report(people, results, true);
        const truth = report(people, results, false);
        for (const [figure, byPerson] of Object.entries(perPerson)) {
          const rows = Object.values(byPerson);
          const period = rows.map((row) => row.amounts.reduce((a, b) => a.plus(b), new Dec(0)));
          if (mustHide(period, rows.map((row) => row.contributes.some(Boolean)))) expect(published[figure as 'revenue'], `period ${figure}`).toBeNull();
          MONTHS.forEach((month, m) => {
            const hide = mustHide(
              rows.map((row) => row.amounts[m] as Dec),
              rows.map((row) => row.contributes[m] as boolean),
            );
            if (hide) expect(published.months[m]?.[figure as 'revenue'], `${month} ${figure}`).toBeNull();
          });
        }
        const counts = (r: TerritoryReport) => [
          r.entrepreneurs.welcomed,
          r.entrepreneurs.entries,
          ...(['candidate', 'supported', 'employee', 'associate'] as const).map((st) => r.entrepreneurs.byStatusAtEnd[st]),
          ...BREAKDOWN_NAMES.flatMap((n) => r.breakdowns[n].flatMap((c) => [c.peopleAtEnd, c.entries])),
          ...r.months.flatMap((m) => [m.welcomed, m.entries, m.exits]),
        ];
        const shown = counts(published);
        counts(truth).forEach((n, i) => {
          if (n === 1 || n === 2) expect(shown[i]).toBeNull();
          else if (n === 0) expect(shown[i]).toBe(0); // a count of 0 is shown
        });
      }),
      { numRuns: 200 },
    );
  });

  it('never leaves a hidden figure that is a published total minus the published rest', () => {
    fc.assert(
      fc.property(population, (pop) => {
        const { people, results } = build(pop);
        const published = report(people, results, true);
        const truth = report(people, results, false);
        const relations: [string, (string | number | null)[]][] = [];
        for (const f of [...MONEY_FIGURES, 'socialContributions'] as const) relations.push([f, [published[f], ...published.months.map((m) => m[f])]]);
        relations.push(['social = employer + employee', [published.socialContributions, published.employerContributions, published.employeeContributions]]);
        for (const m of published.months) relations.push([`${m.month} social`, [m.socialContributions, m.employerContributions, m.employeeContributions]]);
        relations.push(['entries', [published.entrepreneurs.entries, ...published.months.map((m) => m.entries)]]);
        relations.push(['welcomed', [published.entrepreneurs.welcomed, ...published.months.map((m) => m.welcomed)]]);
        // The people at the end are known to a reader whenever any breakdown is fully shown: take them as known.
        const atEnd = Object.values(truth.entrepreneurs.byStatusAtEnd).reduce((a: number, n) => a + (n ?? 0), 0);
        const statuses = Object.entries(published.entrepreneurs.byStatusAtEnd).filter(([k]) => k !== 'secret' && k !== 'secretFields').map(([, n]) => n as number | null);
        if (atEnd >= 3) relations.push(['byStatusAtEnd', [atEnd, ...statuses]]);
        for (const name of BREAKDOWN_NAMES) {
          if (atEnd >= 3) relations.push([`${name} at end`, [atEnd, ...published.breakdowns[name].map((c) => c.peopleAtEnd)]]);
          relations.push([`${name} entries`, [published.entrepreneurs.entries, ...published.breakdowns[name].map((c) => c.entries)]]);
        }
        for (const [name, members] of relations) expect(members.filter((v) => v === null).length, name).not.toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * Which hidden cells a reader can work out exactly from every relation at once (not only one by one): Gaussian
 * elimination on the relations, the published cells moved to the right-hand side. A hidden cell is determined
 * when the row space of the hidden columns contains its unit vector.
 */
function determined(relations: readonly { total: string; parts: readonly string[] }[], hidden: ReadonlySet<string>): string[] {
  const unknowns = [...hidden];
  const index = new Map(unknowns.map((id, i) => [id, i]));
  const rows = relations
    .map((r) => {
      const row = new Array<number>(unknowns.length).fill(0);
      const at = (id: string, c: number) => {
        const i = index.get(id);
        if (i !== undefined) row[i] = (row[i] as number) + c;
      };
      at(r.total, 1);
      for (const p of r.parts) at(p, -1);
      return row;
    })
    .filter((row) => row.some((c) => c !== 0));
  // Reduced row echelon form.
  let lead = 0;
  const pivots: number[] = [];
  for (let col = 0; col < unknowns.length && lead < rows.length; col++) {
    const pivot = rows.findIndex((row, i) => i >= lead && Math.abs(row[col] as number) > 1e-9);
    if (pivot < 0) continue;
    [rows[lead], rows[pivot]] = [rows[pivot] as number[], rows[lead] as number[]];
    const p = rows[lead] as number[];
    const scale = p[col] as number;
    for (let k = 0; k < p.length; k++) p[k] = (p[k] as number) / scale;
    for (const [i, row] of rows.entries()) {
      if (i === lead || Math.abs(row[col] as number) < 1e-9) continue;
      const f = row[col] as number;
      for (let k = 0; k < row.length; k++) row[k] = (row[k] as number) - f * (p[k] as number);
    }
    pivots.push(col);
    lead += 1;
  }
  // A variable is determined when its pivot row has no other non-zero entry.
  return rows
    .slice(0, lead)
    .filter((row) => row.filter((c) => Math.abs(c) > 1e-9).length === 1)
    .map((row) => unknowns[row.findIndex((c) => Math.abs(c) > 1e-9)] as string);
}

describe('secondary secrecy against a reader who combines every sum', () => {
  it('has an audit that finds a figure determined by two sums together', () => {
    // a = T − b and b hidden with c in another sum where c is published: b = U − c, then a = T − U + c.
    const relations = [
      { total: 'T', parts: ['a', 'b'] },
      { total: 'U', parts: ['b', 'c'] },
    ];
    expect(determined(relations, new Set(['a', 'b'])).sort()).toEqual(['a', 'b']);
    expect(determined(relations, new Set(['a', 'b', 'c']))).toEqual([]);
  });

  it('leaves no hidden figure of a year of salaries determined by the months, the parts and the totals together', () => {
    const month = fc.record({ employer: fc.integer({ min: 0, max: 5 }), employee: fc.integer({ min: 0, max: 5 }), big: fc.boolean() });
    fc.assert(
      fc.property(fc.array(month, { minLength: 2, maxLength: 12 }), (months) => {
        const cells = new Map<string, Cell>();
        const relations: { total: string; parts: string[] }[] = [];
        const totals = { employer: new Dec(0), employee: new Dec(0) };
        const periodContributors = { employer: 0, employee: 0 };
        months.forEach((m, i) => {
          for (const part of ['employer', 'employee'] as const) {
            const contributors = m[part];
            const value = new Dec(contributors * (m.big ? 1000 : 100));
            totals[part] = totals[part].plus(value);
            periodContributors[part] = Math.max(periodContributors[part], contributors);
            cells.set(`${i}:${part}`, { kind: 'sum', value, contributors, largest: value.dividedBy(Math.max(1, contributors)) });
          }
          const e = cells.get(`${i}:employer`) as Extract<Cell, { kind: 'sum' }>;
          const ee = cells.get(`${i}:employee`) as Extract<Cell, { kind: 'sum' }>;
          cells.set(`${i}:social`, { kind: 'sum', value: e.value.plus(ee.value), contributors: Math.max(e.contributors, ee.contributors), largest: e.largest.plus(ee.largest) });
          relations.push({ total: `${i}:social`, parts: [`${i}:employer`, `${i}:employee`] });
        });
        for (const part of ['employer', 'employee'] as const) {
          cells.set(part, { kind: 'sum', value: totals[part], contributors: periodContributors[part], largest: totals[part].dividedBy(3) });
        }
        cells.set('social', { kind: 'sum', value: totals.employer.plus(totals.employee), contributors: 3, largest: new Dec(0) });
        for (const f of ['employer', 'employee', 'social']) relations.push({ total: f, parts: months.map((_, i) => `${i}:${f}`) });
        relations.push({ total: 'social', parts: ['employer', 'employee'] });
        const hidden = hiddenCells({ cells, relations });
        expect(determined(relations, hidden)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a whole report against a reader who combines every sum', () => {
  it('leaves no hidden figure determined by all its sums together (months, totals, breakdowns, parts)', () => {
    fc.assert(
      fc.property(population, (pop) => {
        const { people, results } = build(pop);
        const aggregates = MONTHS.flatMap((month) => aggregateMonth({ caeId: 'C', month, entrepreneurs: people, results: results[month] ?? [] }).aggregates);
        const { table, hidden } = buildReportWithSecrecy({ territory: COMMUNE, from: '2025-01', to: '2025-03', months: mergeTerritoryMonths(aggregates), grants: [], statisticalSecrecy: true });
        expect(determined(table.relations, hidden)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
