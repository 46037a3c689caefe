/**
 * Opens a CAE's payroll run for a month: records the run (or finds it, on a retry or a second run), closes
 * the month to new transactions, and plans the batches the Distributed Map pays. Returns only batch numbers.
 */
import { monthsToClose } from '../../../domain/activityAccount/index.js';
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

export interface OpenedRun extends RunInput {
  batches: number[];
}

/** A month before the CAE's last closed month cannot be paid: its figures are final. */
export class MonthAlreadyClosed extends Error {
  override name = 'MonthAlreadyClosed';
}

function allEntrepreneurs(caeId: string): Promise<Entrepreneur[]> {
  return allPages((cursor) => listEntrepreneurs(caeId, 200, cursor));
}

export async function handler(input: RunInput): Promise<OpenedRun> {
  const { caeId, month } = input;
  const cae = await getCae(caeId);
  const existing = await findRun(caeId, month);
  if (existing?.status === 'completed') return { caeId, month, batches: [] };
  const plannedMonths = monthsToClose(cae.lastClosedMonth ?? null, month);
  if (!plannedMonths.ok && !existing) throw new MonthAlreadyClosed(`${month} is before ${caeId}'s last closed month ${cae.lastClosedMonth}`);
  const months = (existing as { months?: string[] } | undefined)?.months ?? (plannedMonths.ok ? plannedMonths.value : [month]);
  const run = await openRunItem({
    caeId,
    month,
    months,
    status: 'running',
    monthsClosedInPassing: months.slice(0, -1),
    entrepreneurs: 0,
    totals: { revenue: '0.00', contribution: '0.00', gross: '0.00', employerCost: '0.00', net: '0.00' },
    startedAt: nowIso(),
  });
  if (run.status !== 'running') await updateRun(caeId, month, { status: 'running' });
  // From now on nothing can be dated in the month: the figures the batches compute cannot move under them.
  await markCaeMonthClosed(caeId, month);
  const planned = (await allEntrepreneurs(caeId))
    .map((e) => planEntrepreneur(e, run.months))
    .filter((p): p is PlannedEntrepreneur => p !== undefined);
  const batches: PlannedEntrepreneur[][] = [];
  for (let i = 0; i < planned.length; i += BATCH_SIZE) batches.push(planned.slice(i, i + BATCH_SIZE));
  await writeBatches(caeId, month, batches);
  return { caeId, month, batches: batches.map((_, i) => i) };
}
