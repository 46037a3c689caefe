/**
 * First task of the federation's monthly run: the month to pay (from the schedule's time, or given), the CAEs
 * to pay it for, and each CAE's earlier run that is not finished (interrupted, or failed): the schedule resumes
 * those first, since a month opens from the closing balances of the one before. Ids only, so the state stays
 * far below Step Functions' 256 KB at any federation size this platform targets (a few hundred CAEs × ~30 bytes).
 */
import { isValidMonth } from '../../../domain/calendar.js';
import { type Cae, findCae, listCaes } from '../../shared/repositories/caes.js';
import { findRun } from '../../shared/repositories/payrollRuns.js';
import { monthToPay } from './schedule.js';
import { allPages } from '../../shared/pagination.js';

export interface ListCaesInput {
  scheduledTime?: string;
  month?: string;
  caeId?: string;
}

export interface CaeMonth {
  caeId: string;
  month: string;
}

export interface ListCaesOutput {
  month: string;
  caes: string[];
  /** Runs of earlier months left running or failed, resumed before the month is paid. */
  unfinished: CaeMonth[];
}

/** Reads of earlier runs at a time: a few hundred CAEs stay a few seconds. */
const PARALLEL_READS = 16;

async function unfinishedRuns(caes: Cae[], month: string): Promise<CaeMonth[]> {
  const earlier = caes.filter((c) => c.lastClosedMonth !== undefined && c.lastClosedMonth < month);
  const found: CaeMonth[] = [];
  for (let i = 0; i < earlier.length; i += PARALLEL_READS) {
    const runs = await Promise.all(earlier.slice(i, i + PARALLEL_READS).map((c) => findRun(c.id, c.lastClosedMonth as string)));
    for (const run of runs) if (run && run.status !== 'completed') found.push({ caeId: run.caeId, month: run.month });
  }
  return found;
}

export async function handler(input: ListCaesInput): Promise<ListCaesOutput> {
  const month = input.month ?? (input.scheduledTime ? monthToPay(input.scheduledTime) : undefined);
  if (!month || !isValidMonth(month)) throw new Error(`No month to pay in ${JSON.stringify(input)}`);
  let caes: Cae[];
  if (input.caeId) {
    const cae = await findCae(input.caeId);
    if (!cae) throw new Error(`No CAE ${input.caeId}`);
    caes = [cae];
  } else {
    caes = await allPages((cursor) => listCaes(200, cursor));
  }
  return { month, caes: caes.map((c) => c.id), unfinished: await unfinishedRuns(caes, month) };
}
