import { describe, expect, it } from 'vitest';
import { aggregateMonth, fteOf, personMonth } from '../../../domain/reporting/index.js';
import { datasetVintage } from '../../../domain/territory/index.js';
import { contract, convention, exitOn, membership, welcome } from '../careerPath/builders.js';
import { figures, GRENOBLE, LYON, LYON_METROPOLE, person, VILLEURBANNE } from './builders.js';

const MONTH = '2025-03';

function only(territory: string, input: Parameters<typeof aggregateMonth>[0]) {
  const found = aggregateMonth(input).aggregates.filter((a) => a.territory === territory);
  expect(found).toHaveLength(1);
  return found[0] as (typeof found)[number];
}

describe('aggregateMonth: where people count', () => {
  it('counts a person of Lyon in the commune, the Métropole, the Rhône, Auvergne-Rhône-Alpes and France', () => {
    const p = person(LYON, [welcome('2025-01-06')]);
    const { aggregates } = aggregateMonth({ caeId: 'C', month: MONTH, entrepreneurs: [p], results: [] });
    expect(aggregates.map((a) => a.territory)).toEqual(['commune:69123', `epci:${LYON_METROPOLE}`, 'departement:69', 'france', 'region:84'].sort());
  });

  it('counts a municipal arrondissement in itself and in its commune', () => {
    const p = person('69381', [welcome('2025-01-06')]);
    const territories = aggregateMonth({ caeId: 'C', month: MONTH, entrepreneurs: [p], results: [] }).aggregates.map((a) => a.territory);
    expect(territories).toContain('commune:69381');
    expect(territories).toContain('commune:69123');
  });

  it("uses the commune recorded on the month's result over the one on the record", () => {
    const p = person(LYON, [welcome('2025-01-06'), convention('2025-01-06', '2025-12-31')]);
    const out = aggregateMonth({ caeId: 'C', month: MONTH, entrepreneurs: [p], results: [figures(p.id, GRENOBLE, { revenue: '100.00' })] });
    expect(out.aggregates.some((a) => a.territory === 'departement:38')).toBe(true);
    expect(out.aggregates.some((a) => a.territory === 'departement:69')).toBe(false);
  });

  it('places a person whose commune the dataset does not know nowhere, and says so', () => {
    const p = person('99999', [welcome('2025-03-03')], 'UNKNOWN');
    const out = aggregateMonth({ caeId: 'C', month: MONTH, entrepreneurs: [p], results: [] });
    expect(out.aggregates).toEqual([]);
    expect(out.unplaced).toEqual(['UNKNOWN']);
  });

  it('writes nothing for someone who left before the month', () => {
    const p = person(LYON, [welcome('2024-01-08'), convention('2024-01-08', '2024-12-31'), exitOn('2024-06-01', 'training')]);
    expect(aggregateMonth({ caeId: 'C', month: MONTH, entrepreneurs: [p], results: [] }).aggregates).toEqual([]);
  });

  it('writes nothing for someone welcomed after the month', () => {
    const p = person(LYON, [welcome('2025-04-01')]);
    expect(aggregateMonth({ caeId: 'C', month: MONTH, entrepreneurs: [p], results: [] }).aggregates).toEqual([]);
  });

  it("keeps the money of a result whose entrepreneur was not listed", () => {
    const a = only('departement:69', { caeId: 'C', month: MONTH, entrepreneurs: [], results: [figures('X', LYON, { revenue: '10.00' })] });
    expect(a.revenue).toBe('10.00');
  });
});

describe('aggregateMonth: people figures', () => {
  it('counts as welcomed only a person whose first stage starts in the month', () => {
    const before = person(LYON, [welcome('2025-02-28')]);
    const during = person(LYON, [welcome('2025-03-01')]);
    expect(only('france', { caeId: 'C', month: MONTH, entrepreneurs: [before, during], results: [] }).welcomed).toBe(1);
  });

  it('counts a CAPE signed by a candidate as an entry', () => {
    expect(personMonth(person(LYON, [welcome('2025-02-03'), convention('2025-03-03', '2026-02-28')]), MONTH).entries).toBe(1);
  });

  it('counts a CAPE signed the day of the accueil as one entry', () => {
    expect(personMonth(person(LYON, [welcome('2025-03-03'), convention('2025-03-03', '2026-02-28')]), MONTH).entries).toBe(1);
  });

  it('does not count moving on from a CAPE to a CESA as an entry', () => {
    const p = person(LYON, [welcome('2024-10-01'), convention('2024-10-01', '2025-09-30'), contract('2025-03-01')]);
    expect(personMonth(p, MONTH).entries).toBe(0);
  });

  it('counts a CESA signed straight after the accueil, where the CAE allows it, as an entry', () => {
    const p = person(LYON, [welcome('2025-02-03'), contract('2025-03-01')]);
    expect(personMonth(p, MONTH).entries).toBe(1);
  });

  it('counts a come-back after an exit as an entry', () => {
    const p = person(LYON, [welcome('2024-01-08'), convention('2024-01-08', '2024-12-31'), exitOn('2024-06-01', 'training'), convention('2025-03-10', '2026-03-09')]);
    expect(personMonth(p, MONTH).entries).toBe(1);
  });

  it('counts a CESA signed by someone whose CAPE ran out as an entry', () => {
    const p = person(LYON, [welcome('2024-01-08'), convention('2024-01-08', '2024-12-31'), contract('2025-03-01')]);
    expect(personMonth(p, MONTH).entries).toBe(1);
  });

  it('counts people by their status on the last day of the month', () => {
    const candidate = person(LYON, [welcome('2025-01-06')]);
    const supported = person(LYON, [welcome('2025-01-06'), convention('2025-01-06', '2025-12-31')]);
    const employee = person(LYON, [welcome('2024-10-01'), convention('2024-10-01', '2025-09-30'), contract('2025-03-31')]);
    const associate = person(LYON, [welcome('2024-01-08'), convention('2024-01-08', '2024-06-30'), contract('2024-07-01'), membership('2025-03-15')]);
    const a = only('france', { caeId: 'C', month: MONTH, entrepreneurs: [candidate, supported, employee, associate], results: [] });
    expect(a.byStatusAtEnd).toEqual({ candidate: 1, supported: 1, employee: 1, associate: 1, exited: 0 });
  });

  it('sees a CAPE that ended in the month with nothing after it as a candidate again', () => {
    const p = person(LYON, [welcome('2024-03-16'), convention('2024-03-16', '2025-03-15')]);
    expect(personMonth(p, MONTH).status).toBe('candidate');
  });

  it('counts exits of the month by reason, and company creations', () => {
    const created = person(LYON, [welcome('2025-01-06'), convention('2025-01-06', '2025-12-31'), exitOn('2025-03-15', 'company_created')]);
    const job = person(LYON, [welcome('2025-01-06'), convention('2025-01-06', '2025-12-31'), exitOn('2025-03-20', 'salaried_job')]);
    const a = only('france', { caeId: 'C', month: MONTH, entrepreneurs: [created, job], results: [] });
    expect(a.exits).toMatchObject({ company_created: 1, salaried_job: 1, training: 0 });
    expect(a.companiesCreated).toBe(1);
    expect(a.byStatusAtEnd.exited).toBe(2);
  });

  it('counts a CESA that ends at the associate deadline as an exit of the month after the deadline', () => {
    // CAPE 2022-03-01 → 2023-02-28 (12 months), CESA from 2023-03-01: deadline 36 − 12 = 24 months later, 2025-03-01.
    const p = person(LYON, [welcome('2022-03-01'), convention('2022-03-01', '2023-02-28'), contract('2023-03-01')]);
    const month = personMonth(p, MONTH);
    expect(month.exits).toEqual(['associate_deadline']);
    expect(month.status).toBe('exited');
  });
});

describe('aggregateMonth: money and jobs', () => {
  it('sums the accounts and payslips of the month (only purchases for resale as expenses here: value added = gross margin)', () => {
    const a = only('departement:69', {
      caeId: 'C',
      month: MONTH,
      entrepreneurs: [],
      results: [
        figures('A', LYON, { revenue: '3000.00', purchases: '500.00', vatCollected: '600.00', contribution: '300.00' }, { gross: '1801.80', employerContributions: '200.00', employeeContributions: '400.00' }),
        figures('B', VILLEURBANNE, { revenue: '1000.55', purchases: '0.45', vatCollected: '200.11', contribution: '100.06' }),
      ],
    });
    expect(a).toMatchObject({
      revenue: '4000.55',
      purchases: '500.45',
      valueAdded: '3500.10',
      vatCollected: '800.11',
      cooperativeContributions: '400.06',
      grossSalaries: '1801.80',
      employerContributions: '200.00',
      employeeContributions: '400.00',
      payslips: 1,
      jobsFte: '1.0000',
    });
  });

  it('takes value added as revenue minus every expense of the account, and keeps purchases for resale apart', () => {
    // A: 3000 revenue, 500 purchases for resale + 700 other expenses (supplies, travel, fees…); B: 1000, 100 fees
    const a = only('departement:69', {
      caeId: 'C',
      month: MONTH,
      entrepreneurs: [],
      results: [
        figures('A', LYON, { revenue: '3000.00', purchases: '500.00', expenses: '1200.00' }, { gross: '1801.80', employerContributions: '200.00' }),
        figures('B', VILLEURBANNE, { revenue: '1000.00', expenses: '100.00' }),
      ],
    });
    // value added 4000 − 1300 = 2700 (salaries and contributions are not intermediate consumption);
    // gross margin would be 4000 − 500 = 3500: purchases stay 500 so a reader can compute it
    expect(a).toMatchObject({ revenue: '4000.00', purchases: '500.00', valueAdded: '2700.00', grossSalaries: '1801.80' });
  });

  it('counts for each sum the people who contribute to it, for statistical secrecy', () => {
    const a = only('departement:69', {
      caeId: 'C',
      month: MONTH,
      entrepreneurs: [],
      results: [
        figures('A', LYON, { revenue: '3000.00', purchases: '500.00' }, { gross: '1801.80' }),
        figures('B', VILLEURBANNE, { revenue: '1000.00' }),
        figures('C', VILLEURBANNE, { expenses: '40.00' }),
      ],
    });
    expect(a?.contributors).toMatchObject({ revenue: 2, purchases: 1, valueAdded: 3, grossSalaries: 1, employerContributions: 0 });
  });

  it('counts a gross at or above the full-time SMIC as one job, below it pro rata to 4 decimals', () => {
    expect(fteOf('2500.00', '1801.80').toFixed(4)).toBe('1.0000');
    expect(fteOf('900.90', '1801.80').toFixed(4)).toBe('0.5000');
    // 1200 ÷ 1801.80 = 0.666000666… → 0.6660
    expect(fteOf('1200.00', '1801.80').toFixed(4)).toBe('0.6660');
  });

  it('refuses a payslip without a full-time SMIC to compare with', () => {
    expect(() => fteOf('1000.00', '0.00')).toThrow(RangeError);
  });

  it('records the territory dataset vintage in every aggregate', () => {
    const p = person(LYON, [welcome('2025-03-03')]);
    const { aggregates } = aggregateMonth({ caeId: 'C', month: MONTH, entrepreneurs: [p], results: [] });
    expect(new Set(aggregates.map((a) => a.datasetVintage))).toEqual(new Set([datasetVintage]));
  });

  it('gives the same aggregates for the same inputs, whatever their order', () => {
    const lyon = person(LYON, [welcome('2025-03-03')]);
    const grenoble = person(GRENOBLE, [welcome('2025-03-04')]);
    const people = [lyon, grenoble];
    const results = [figures(lyon.id, LYON, { revenue: '1.00' }), figures(grenoble.id, GRENOBLE, { revenue: '2.00' })];
    const one = aggregateMonth({ caeId: 'C', month: MONTH, entrepreneurs: people, results });
    const two = aggregateMonth({ caeId: 'C', month: MONTH, entrepreneurs: [...people].reverse(), results: [...results].reverse() });
    expect(two).toEqual(one);
  });

  it('holds no entrepreneur id, name or commune of a person in an aggregate', () => {
    const p = person(LYON, [welcome('2025-03-03')], 'SECRET-ID');
    const { aggregates } = aggregateMonth({ caeId: 'C', month: MONTH, entrepreneurs: [p], results: [figures('SECRET-ID', LYON, { revenue: '5.00' })] });
    expect(JSON.stringify(aggregates)).not.toContain('SECRET-ID');
  });
});
