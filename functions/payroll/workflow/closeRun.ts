/**
 * Closes a CAE's run: totals from the month's results (one query on the run's index), the people its batches
 * could not pay, status completed. Recomputing both from what is stored makes it idempotent: a second run
 * writes the same totals, and a run again after a fix lists only who is still unpaid.
 */
import { Dec, formatMoney, sum } from '../../../domain/money.js';
import { nowIso } from '../../shared/clock.js';
import { logger } from '../../shared/logger.js';
import { unpaidOfRun, updateRun } from '../../shared/repositories/payrollBatches.js';
import { allMonthResults, findRun } from '../../shared/repositories/payrollRuns.js';
import { UNPAID_METRIC } from './metrics.js';
import type { RunInput } from './openRun.js';


export async function handler(input: RunInput): Promise<RunInput & { entrepreneurs: number; months: string[]; unpaid: number }> {
  const { caeId, month } = input;
  const [results, run] = await Promise.all([allMonthResults(caeId, month), findRun(caeId, month)]);
  const unpaid = await unpaidOfRun(caeId, month, run?.batches ?? 0);
  const payslips = results.flatMap((r) => (r.payslip ? [r.payslip] : []));
  const total = (values: string[]) => formatMoney(sum(values.map((v) => new Dec(v))));
  const now = nowIso();
  await updateRun(
    caeId,
    month,
    {
      status: 'completed',
      entrepreneurs: results.length,
      totals: {
        revenue: total(results.map((r) => r.account.revenue)),
        contribution: total(results.map((r) => r.account.contribution)),
        gross: total(payslips.map((p) => p.gross)),
        employerCost: total(payslips.map((p) => p.employerCost)),
        net: total(payslips.map((p) => p.net)),
      },
      unpaid,
      completedAt: run?.completedAt ?? now,
      heartbeatAt: now,
    },
    ['failure'],
  );
  // One line that is also the metric the unpaid-entrepreneurs alarm watches (embedded metric format).
  logger.info('payroll run closed', {
    caeId,
    month,
    [UNPAID_METRIC.name]: unpaid.length,
    _aws: {
      Timestamp: Date.parse(now),
      CloudWatchMetrics: [{ Namespace: UNPAID_METRIC.namespace, Dimensions: [[]], Metrics: [{ Name: UNPAID_METRIC.name, Unit: 'Count' }] }],
    },
  });
  // The months this run closed: each gets its territorial aggregates next.
  return { caeId, month, entrepreneurs: results.length, months: run?.months ?? [month], unpaid: unpaid.length };
}
