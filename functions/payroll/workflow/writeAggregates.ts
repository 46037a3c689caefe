/**
 * The workflow's last step: adds one closed month of one CAE to the federation-wide months of its territories
 * (domain/reporting aggregateMonth, then repositories/aggregates addMonthAggregates). Reports read only those.
 *
 * What it reads: the CAE's entrepreneurs (their career paths, communes and the values funders' breakdowns count
 * by: birth date, gender, situation and education at entry, priority neighbourhood; one GSI query per 500) and the
 * month's results, the closed accounts with their payslips (`allMonthResults`: one query on the run's index).
 * Nothing else: no ledger entry, no run item.
 *
 * Idempotent: the aggregates are a pure function of what is stored, and the repository counts a CAE's month
 * once however often it is added (a retry, the month run twice); run again after history was recorded in a
 * closed month, it replaces the CAE's figures by the new ones exactly.
 * The output is small on purpose (Step Functions passes it on).
 */
import { aggregateMonth, type PersonInput } from '../../../domain/reporting/index.js';
import { isValidMonth } from '../../../domain/calendar.js';
import { logger } from '../../shared/logger.js';
import { addMonthAggregates } from '../../shared/repositories/aggregates.js';
import { listEntrepreneurs } from '../../shared/repositories/entrepreneurs.js';
import { allMonthResults } from '../../shared/repositories/payrollRuns.js';
import { allPages } from '../../shared/pagination.js';

export interface WriteAggregatesInput {
  caeId: string;
  month: string;
  [key: string]: unknown;
}

export interface WriteAggregatesOutput {
  caeId: string;
  month: string;
  /** Territories the CAE's month counts in. */
  aggregates: number;
}

const PAGE = 500;

async function allPeople(caeId: string): Promise<PersonInput[]> {
  const everyone = await allPages((cursor) => listEntrepreneurs(caeId, PAGE, cursor));
  // Only what aggregation counts by: never a name or an email (aggregates are published to funders).
  return everyone.map((e) => ({
    id: e.id,
    communeCode: e.communeCode,
    path: e.path,
    ...(e.birthDate === undefined ? {} : { birthDate: e.birthDate }),
    ...(e.gender === undefined ? {} : { gender: e.gender }),
    ...(e.situationAtEntry === undefined ? {} : { situationAtEntry: e.situationAtEntry }),
    ...(e.educationLevel === undefined ? {} : { educationLevel: e.educationLevel }),
    ...(e.priorityNeighbourhood === undefined ? {} : { priorityNeighbourhood: e.priorityNeighbourhood }),
  }));
}

export async function handler(input: WriteAggregatesInput): Promise<WriteAggregatesOutput> {
  const { caeId, month } = input;
  if (typeof caeId !== 'string' || caeId.length === 0 || typeof month !== 'string' || !isValidMonth(month)) {
    throw new TypeError(`writeAggregates needs { caeId, month: YYYY-MM }, got ${JSON.stringify({ caeId, month })}`);
  }
  logger.appendKeys({ caeId, month });
  const [entrepreneurs, results] = await Promise.all([allPeople(caeId), allMonthResults(caeId, month)]);
  const { aggregates, unplaced } = aggregateMonth({ caeId, month, entrepreneurs, results });
  if (unplaced.length > 0) {
    // Commune codes are validated on entry; an unknown one means the dataset changed under the data.
    logger.warn('people counted in no territory: commune unknown to the territory dataset', { count: unplaced.length });
  }
  const { territories, updated, generation } = await addMonthAggregates(caeId, month, aggregates);
  logger.info('territorial aggregates added', { territories, updated, generation, results: results.length });
  return { caeId, month, aggregates: territories };
}
