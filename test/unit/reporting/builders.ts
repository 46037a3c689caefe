/** Small builders for the reporting specs: people, a month's figures, aggregates and grants. */
import type { CareerCommand } from '../../../domain/careerPath/index.js';
import { Dec } from '../../../domain/money.js';
import { type Grant, MONEY_FIGURES, type MonthAggregate, type MonthFigures, type PersonInput, SECRET_SUMS } from '../../../domain/reporting/index.js';
import { datasetVintage } from '../../../domain/territory/index.js';
import { pathOf } from '../careerPath/builders.js';

export const LYON = '69123';
export const VILLEURBANNE = '69266';
export const GRENOBLE = '38185';
export const RENNES = '35238';
export const LYON_METROPOLE = '200046977';

let counter = 0;

export function person(communeCode: string, commands: readonly CareerCommand[], id?: string): PersonInput {
  counter += 1;
  return { id: id ?? `P${counter}`, communeCode, path: pathOf(commands, { requireConventionBeforeContract: false }) };
}

export function figures(
  entrepreneurId: string,
  communeCode: string,
  account: Partial<MonthFigures['account']> = {},
  payslip?: Partial<NonNullable<MonthFigures['payslip']>>,
): MonthFigures {
  return {
    entrepreneurId,
    communeCode,
    account: { revenue: '0.00', purchases: '0.00', vatCollected: '0.00', contribution: '0.00', ...account, expenses: account.expenses ?? account.purchases ?? '0.00' },
    ...(payslip
      ? {
          payslip: {
            gross: '0.00',
            employerContributions: '0.00',
            employeeContributions: '0.00',
            fullTimeSmicGross: '1801.80',
            ...payslip,
          },
        }
      : {}),
  };
}

const zeroStatuses = { candidate: 0, supported: 0, employee: 0, associate: 0, exited: 0 };
const zeroExits = { company_created: 0, salaried_job: 0, training: 0, stopped: 0, other: 0, associate_deadline: 0 };
const zeroContributors = Object.fromEntries(MONEY_FIGURES.map((f) => [f, 0])) as MonthAggregate['contributors'];

/**
 * An aggregate with the given figures. Unless given, the dominance figures say what is safe to assume of sums
 * built by hand: one person may hold each whole sum (largest = |sum|, squares = sum²).
 */
export function anAggregate(overrides: Partial<MonthAggregate> & Pick<MonthAggregate, 'territory' | 'month' | 'caeId'>): MonthAggregate {
  const base = anAggregateWithoutDominance(overrides);
  const value = (f: (typeof SECRET_SUMS)[number]) => new Dec(base[f]);
  return {
    largest: Object.fromEntries(SECRET_SUMS.map((f) => [f, value(f).abs().toFixed()])) as MonthAggregate['largest'],
    squares: Object.fromEntries(SECRET_SUMS.map((f) => [f, value(f).times(value(f)).toFixed()])) as MonthAggregate['squares'],
    people: {},
    ...base,
  };
}

/** An aggregate as written before the dominance figures and breakdowns were kept. */
export function anAggregateWithoutDominance(overrides: Partial<MonthAggregate> & Pick<MonthAggregate, 'territory' | 'month' | 'caeId'>): MonthAggregate {
  return {
    datasetVintage,
    welcomed: 0,
    entries: 0,
    companiesCreated: 0,
    payslips: 0,
    jobsFte: '0.0000',
    revenue: '0.00',
    purchases: '0.00',
    valueAdded: '0.00',
    vatCollected: '0.00',
    grossSalaries: '0.00',
    employerContributions: '0.00',
    employeeContributions: '0.00',
    cooperativeContributions: '0.00',
    ...overrides,
    byStatusAtEnd: { ...zeroStatuses, ...overrides.byStatusAtEnd },
    exits: { ...zeroExits, ...overrides.exits },
    contributors: { ...zeroContributors, ...overrides.contributors },
  };
}

export function aGrant(overrides: Partial<Grant> & Pick<Grant, 'territory' | 'year' | 'amount'>): Grant {
  counter += 1;
  return { id: `G${counter}`, caeId: 'CAE-A', funder: 'Financeur public', ...overrides };
}
