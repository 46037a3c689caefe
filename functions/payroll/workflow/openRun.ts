/**
 * Opens a CAE's payroll run for a month: records the run (or finds it, on a retry, a resumption or a second
 * run) with the execution working on it, closes the month to new transactions, and plans the batches the
 * Distributed Map pays. Returns only batch numbers.
 */
import { monthsToClose } from '../../../domain/activityAccount/index.js';
import { previousMonth } from '../../../domain/calendar.js';
import { nowIso } from '../../shared/clock.js';
import { markCaeMonthClosed } from '../../shared/repositories/accounts.js';
import { getCae } from '../../shared/repositories/caes.js';
import { type Entrepreneur, listEntrepreneurs } from '../../shared/repositories/entrepreneurs.js';
import { BATCH_SIZE, openRunItem, type PlannedEntrepreneur, updateRun, writeBatches } from '../../shared/repositories/payrollBatches.js';
import { findRun } from '../../shared/repositories/payrollRuns.js';
import { planEntrepreneur } from './plan.js';
import { allPages } from '../../shared/pagination.js';

export interface RunInput {
  caeId: string;
  month: string;
}

export interface OpenRunInput extends RunInput {
  /** `$$.Execution.Id`: the execution that now works on the run. */
  executionArn?: string;
}

export interface OpenedRun extends RunInput {
  batches: number[];
}

/** A month before the CAE's last closed month cannot be paid: its figures are final. */
export class MonthAlreadyClosed extends Error {
  override name = 'MonthAlreadyClosed';
}

/** The month opens from the previous run's closing balances: that run must be finished first. */
export class PreviousMonthUnfinished extends Error {
  override name = 'PreviousMonthUnfinished';
}

function allEntrepreneurs(caeId: string): Promise<Entrepreneur[]> {
  return allPages((cursor) => listEntrepreneurs(caeId, 200, cursor));
}

export async function handler(input: OpenRunInput): Promise<OpenedRun> {
  const { caeId, month } = input;
  const cae = await getCae(caeId);
  const existing = await findRun(caeId, month);
  if (existing?.status === 'completed' && !existing.unpaid?.length) return { caeId, month, batches: [] };
  const plannedMonths = monthsToClose(cae.lastClosedMonth ?? null, month);
  if (!plannedMonths.ok && !existing) throw new MonthAlreadyClosed(`${month} is before ${caeId}'s last closed month ${cae.lastClosedMonth}`);
  const months = existing?.months ?? (plannedMonths.ok ? plannedMonths.value : [month]);
  const now = nowIso();
  const execution = input.executionArn ? { executionArn: input.executionArn } : {};
  const run = await openRunItem({
    caeId,
    month,
    months,
    status: 'running',
    monthsClosedInPassing: months.slice(0, -1),
    entrepreneurs: 0,
    totals: { revenue: '0.00', contribution: '0.00', gross: '0.00', employerCost: '0.00', net: '0.00' },
    startedAt: now,
    ...execution,
    heartbeatAt: now,
  });
  await updateRun(caeId, month, { status: 'running', ...execution, heartbeatAt: now }, ['failure']);
  const previous = await findRun(caeId, previousMonth(run.months[0] as string));
  if (previous && previous.status !== 'completed') {
    throw new PreviousMonthUnfinished(`the payroll of ${previous.month} is ${previous.status}: ${month} opens from its closing balances, run ${previous.month} first`);
  }
  // From now on nothing can be dated in the month: the figures the batches compute cannot move under them.
  await markCaeMonthClosed(caeId, month);
  // Whom the previous run could not pay waits for it: their earlier month is still open.
  const waiting = new Set((previous?.unpaid ?? []).map((u) => u.entrepreneurId));
  const planned = (await allEntrepreneurs(caeId))
    .map((e) => planEntrepreneur(e, run.months))
    .filter((p): p is PlannedEntrepreneur => p !== undefined)
    .map((p) => (waiting.has(p.id) && previous ? { ...p, unpaidIn: previous.month } : p));
  const batches: PlannedEntrepreneur[][] = [];
  for (let i = 0; i < planned.length; i += BATCH_SIZE) batches.push(planned.slice(i, i + BATCH_SIZE));
  await writeBatches(caeId, month, batches);
  await updateRun(caeId, month, { batches: batches.length });
  return { caeId, month, batches: batches.map((_, i) => i) };
}
