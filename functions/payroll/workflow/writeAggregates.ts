/**
 * The workflow's last step: writes the territorial aggregates of one closed month of one CAE (domain/reporting
 * aggregateMonth) from the month's stored results and the CAE's entrepreneurs. Reports read only these.
 *
 * Idempotent: the aggregates are a pure function of what is stored and their keys are fixed, so a retry or a
 * second run of the month writes the same items (and removes those of territories no longer concerned).
 * The output is small on purpose (Step Functions passes it on).
 */
import { aggregateMonth, type PersonInput } from '../../../domain/reporting/index.js';
import { isValidMonth } from '../../../domain/calendar.js';
import { logger } from '../../shared/logger.js';
import { markMonthAggregated, replaceMonthAggregates } from '../../shared/repositories/aggregates.js';
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
  /** Territories written for the month. */
  aggregates: number;
}

const PAGE = 500;

async function allPeople(caeId: string): Promise<PersonInput[]> {
  const everyone = await allPages((cursor) => listEntrepreneurs(caeId, PAGE, cursor));
  return everyone.map((e) => ({ id: e.id, communeCode: e.communeCode, path: e.path }));
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
  const { written, deleted } = await replaceMonthAggregates(caeId, month, aggregates);
  await markMonthAggregated(caeId, month, written);
  logger.info('territorial aggregates written', { written, deleted, results: results.length });
  return { caeId, month, aggregates: written };
}
