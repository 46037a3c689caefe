/**
 * Closes a CAE's run: totals from the month's results (one query on the run's index), status completed.
 * Recomputing totals from what is stored makes it idempotent: a second run writes the same totals.
 */
import { Dec, formatMoney, sum } from '../../../domain/money.js';
import { nowIso } from '../../shared/clock.js';
import { updateRun } from '../../shared/repositories/payrollBatches.js';
import { allMonthResults, findRun } from '../../shared/repositories/payrollRuns.js';
import type { RunInput } from './openRun.js';

export async function handler(input: RunInput): Promise<RunInput & { entrepreneurs: number; months: string[] }> {
  const { caeId, month } = input;
  const results = await allMonthResults(caeId, month);
  const payslips = results.flatMap((r) => (r.payslip ? [r.payslip] : []));
  const total = (values: string[]) => formatMoney(sum(values.map((v) => new Dec(v))));
  const run = await findRun(caeId, month);
  await updateRun(caeId, month, {
    status: 'completed',
    entrepreneurs: results.length,
    totals: {
      revenue: total(results.map((r) => r.account.revenue)),
      contribution: total(results.map((r) => r.account.contribution)),
      gross: total(payslips.map((p) => p.gross)),
      employerCost: total(payslips.map((p) => p.employerCost)),
      net: total(payslips.map((p) => p.net)),
    },
    completedAt: run?.completedAt ?? nowIso(),
  });
  // The months this run closed: each gets its territorial aggregates next.
  return { caeId, month, entrepreneurs: results.length, months: (run as { months?: string[] } | undefined)?.months ?? [month] };
}
