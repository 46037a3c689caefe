import { describe, expect, it } from 'vitest';
import { type BuildReportInput, buildReport, type Grant, grantLines, type MonthAggregate, mergeTerritoryMonths, territoryMonthOf } from '../../../domain/reporting/index.js';
import { aGrant, anAggregate } from './builders.js';

const DEP = 'departement:69';

/**
 * The report of CAEs' aggregates and grants, summed as storage sums them (federation-wide months, grant lines);
 * unhidden (the federation admin's), since these specs are about the sums: secrecy.test.ts is about hiding.
 */
function build(
  input: Omit<BuildReportInput, 'months' | 'grants' | 'statisticalSecrecy'> & { aggregates: MonthAggregate[]; grants: Grant[]; months?: BuildReportInput['months'] },
) {
  const { aggregates, grants, months, ...rest } = input;
  return buildReport({ ...rest, months: [...mergeTerritoryMonths(aggregates), ...(months ?? [])], grants: grantLines(grants), statisticalSecrecy: false });
}

describe('buildReport', () => {
  it('sums the figures of every CAE over every month of the period', () => {
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-02',
      aggregates: [
        anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', revenue: '100.00', purchases: '10.00', valueAdded: '90.00', grossSalaries: '50.00' }),
        anAggregate({ territory: DEP, month: '2025-02', caeId: 'A', revenue: '200.00', purchases: '20.00', valueAdded: '180.00', grossSalaries: '60.00' }),
        anAggregate({ territory: DEP, month: '2025-02', caeId: 'B', revenue: '0.50', valueAdded: '0.50' }),
      ],
      grants: [],
    });
    expect(report).toMatchObject({ caes: 2, revenue: '300.50', purchases: '30.00', valueAdded: '270.50', grossSalaries: '110.00' });
  });

  it("ignores another territory's aggregates and months outside the period", () => {
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-01',
      aggregates: [
        anAggregate({ territory: 'departement:38', month: '2025-01', caeId: 'A', revenue: '100.00' }),
        anAggregate({ territory: DEP, month: '2025-02', caeId: 'A', revenue: '100.00' }),
      ],
      grants: [],
    });
    expect(report.revenue).toBe('0.00');
    expect(report.caes).toBe(0);
  });

  it('lists every month of the period, with zeros where nothing was closed', () => {
    const report = build({ territory: DEP, from: '2024-11', to: '2025-02', aggregates: [], grants: [] });
    expect(report.months.map((m) => [m.month, m.revenue])).toEqual([
      ['2024-11', '0.00'],
      ['2024-12', '0.00'],
      ['2025-01', '0.00'],
      ['2025-02', '0.00'],
    ]);
  });

  it("counts people at the end of the period from the period's last month with figures", () => {
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-06',
      aggregates: [
        anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', byStatusAtEnd: { candidate: 9, supported: 9, employee: 9, associate: 9, exited: 0 } }),
        anAggregate({ territory: DEP, month: '2025-03', caeId: 'A', byStatusAtEnd: { candidate: 1, supported: 2, employee: 3, associate: 4, exited: 5 } }),
        anAggregate({ territory: DEP, month: '2025-03', caeId: 'B', byStatusAtEnd: { candidate: 1, supported: 0, employee: 0, associate: 0, exited: 0 } }),
      ],
      grants: [],
    });
    expect(report.entrepreneurs.statusMonth).toBe('2025-03');
    expect(report.entrepreneurs.byStatusAtEnd).toEqual({ candidate: 2, supported: 2, employee: 3, associate: 4 });
  });

  it('sums welcomed, entries and exits by reason over the period', () => {
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-02',
      aggregates: [
        anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', welcomed: 2, entries: 1, exits: { company_created: 1 } as never, companiesCreated: 1 }),
        anAggregate({ territory: DEP, month: '2025-02', caeId: 'A', welcomed: 1, entries: 2, exits: { company_created: 1, training: 1 } as never, companiesCreated: 1 }),
      ],
      grants: [],
    });
    expect(report.entrepreneurs).toMatchObject({ welcomed: 3, entries: 3, exits: { company_created: 2, training: 1, stopped: 0 } });
    expect(report.companiesCreated).toBe(2);
    expect(report.months.map((m) => m.exits)).toEqual([1, 2]);
  });

  it("averages the territory's jobs in FTE over its months from the first closed one to the last", () => {
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-12',
      aggregates: [
        anAggregate({ territory: DEP, month: '2025-02', caeId: 'A', jobsFte: '2.0000' }),
        anAggregate({ territory: DEP, month: '2025-03', caeId: 'A', jobsFte: '1.1660' }),
        anAggregate({ territory: DEP, month: '2025-03', caeId: 'B', jobsFte: '1.0000' }),
      ],
      grants: [],
    });
    // nothing closed in January, nor after March: (2 + 2.166) ÷ 2 = 2.083 → 2.08
    expect(report.jobsFte).toBe('2.08');
    expect(report.months.slice(0, 3).map((m) => m.jobsFte)).toEqual(['0.00', '2.00', '2.17']);
  });

  it('counts a month without any figures between two closed months as zero jobs', () => {
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-12',
      aggregates: [anAggregate({ territory: DEP, month: '2025-02', caeId: 'A', jobsFte: '2.0000' }), anAggregate({ territory: DEP, month: '2025-04', caeId: 'A', jobsFte: '1.0000' })],
      grants: [],
    });
    // (2 + 0 + 1) ÷ 3
    expect(report.jobsFte).toBe('1.00');
  });

  it('counts nobody at the end when the last month closed says the territory is empty', () => {
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-12',
      aggregates: [anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', jobsFte: '1.0000', byStatusAtEnd: { candidate: 0, supported: 0, employee: 1, associate: 0, exited: 0 } })],
      // February: the CAE closed it with nobody left in the territory (storage keeps the month, empty)
      months: [territoryMonthOf(DEP, '2025-02', {}, [], [])],
      grants: [],
    });
    expect(report.entrepreneurs.statusMonth).toBe('2025-02');
    expect(report.entrepreneurs.byStatusAtEnd.employee).toBe(0);
    // one month of one job over two closed months
    expect(report.jobsFte).toBe('0.50');
    expect(report.caes).toBe(1);
    expect(report.months.map((m) => m.caes).slice(0, 2)).toEqual([1, 0]);
  });

  it("counts at the end the people of the CAEs that closed the period's last month, and says how many did", () => {
    const employee = { candidate: 0, supported: 0, employee: 1, associate: 0, exited: 0 };
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-03',
      aggregates: [
        anAggregate({ territory: DEP, month: '2025-02', caeId: 'A', byStatusAtEnd: employee }),
        anAggregate({ territory: DEP, month: '2025-02', caeId: 'B', byStatusAtEnd: employee }),
        anAggregate({ territory: DEP, month: '2025-03', caeId: 'A', byStatusAtEnd: employee }),
      ],
      grants: [],
    });
    expect(report.entrepreneurs.statusMonth).toBe('2025-03');
    expect(report.entrepreneurs.byStatusAtEnd.employee).toBe(1);
    expect(report.months.map((m) => m.caes)).toEqual([0, 2, 1]);
  });

  it('lists one grant line per funder, territory and year, summed over the CAEs it funds', () => {
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-12',
      aggregates: [],
      grants: [
        aGrant({ territory: DEP, year: 2025, amount: '1000.00', caeId: 'A', funder: 'Département du Rhône' }),
        aGrant({ territory: DEP, year: 2025, amount: '500.50', caeId: 'B', funder: 'Département du Rhône' }),
      ],
    });
    expect(report.grants).toEqual([{ funder: 'Département du Rhône', territory: DEP, year: 2025, amount: '1500.50', inPeriod: '1500.50' }]);
    expect(report.caes).toBe(2);
  });

  it('gives null ratios when there is no public funding', () => {
    const report = build({ territory: DEP, from: '2025-01', to: '2025-01', aggregates: [anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', revenue: '10.00', cooperativeContributions: '1.00' })], grants: [] });
    expect(report.perPublicEuro).toEqual({ revenue: null, valueAdded: null, vatCollected: null, grossSalaries: null, socialContributions: null });
    expect(report.selfFinancingRatio).toBeNull();
  });

  it('computes the leverage per public euro and the self-financing ratio to 4 decimals', () => {
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-12',
      aggregates: [
        anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', revenue: '10000.00', valueAdded: '9000.00', grossSalaries: '3000.00', employerContributions: '400.00', employeeContributions: '600.00', cooperativeContributions: '1000.00' }),
      ],
      grants: [aGrant({ territory: DEP, year: 2025, amount: '3000.00' })],
    });
    expect(report.publicFunding).toBe('3000.00');
    expect(report.socialContributions).toBe('1000.00');
    // 10000 ÷ 3000 = 3.33333 → 3.3333; 9000 ÷ 3000 = 3; 3000 ÷ 3000 = 1; 1000 ÷ 3000 = 0.33333 → 0.3333
    expect(report.perPublicEuro).toEqual({ revenue: '3.3333', valueAdded: '3.0000', vatCollected: '0.0000', grossSalaries: '1.0000', socialContributions: '0.3333' });
    // 1000 ÷ (1000 + 3000) = 0.25
    expect(report.selfFinancingRatio).toBe('0.2500');
  });

  it('counts grants of the territory and of territories inside it, not of territories around it', () => {
    const report = build({
      territory: DEP,
      from: '2025-01',
      to: '2025-12',
      aggregates: [],
      grants: [
        aGrant({ territory: DEP, year: 2025, amount: '1000.00' }),
        aGrant({ territory: 'commune:69123', year: 2025, amount: '200.00' }),
        aGrant({ territory: 'region:84', year: 2025, amount: '5000.00' }),
        aGrant({ territory: 'departement:38', year: 2025, amount: '7000.00' }),
      ],
    });
    expect(report.publicFunding).toBe('1200.00');
    expect(report.grants.map((g) => g.territory)).toEqual(['commune:69123', DEP]);
  });

  it('counts a grant listed twice once', () => {
    const grant = aGrant({ territory: DEP, year: 2025, amount: '1200.00' });
    const report = build({ territory: DEP, from: '2025-01', to: '2025-12', aggregates: [], grants: [grant, grant] });
    expect(report.publicFunding).toBe('1200.00');
  });

  it("spreads a grant's share over the months so that the months add up to the total", () => {
    const report = build({ territory: DEP, from: '2025-01', to: '2025-03', aggregates: [], grants: [aGrant({ territory: DEP, year: 2025, amount: '10000.00' })] });
    expect(report.months.map((m) => m.publicFunding)).toEqual(['833.33', '833.34', '833.33']);
    expect(report.publicFunding).toBe('2500.00');
    expect(report.grants[0]?.inPeriod).toBe('2500.00');
  });

  it('counts the CAE of a grant among the CAEs even without figures', () => {
    const report = build({ territory: DEP, from: '2025-01', to: '2025-01', aggregates: [], grants: [aGrant({ territory: DEP, year: 2025, amount: '12.00', caeId: 'Z' })] });
    expect(report.caes).toBe(1);
  });

  it('names the territory and records the dataset vintages of the data', () => {
    const report = build({ territory: DEP, from: '2025-01', to: '2025-01', aggregates: [anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', datasetVintage: 'old@1' })], grants: [] });
    expect(report.territoryName).toBe('Rhône');
    expect(report.dataVintages).toEqual(['old@1']);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => build({ territory: DEP, from: '2025-02', to: '2025-01', aggregates: [], grants: [] })).toThrow(RangeError);
  });
});
