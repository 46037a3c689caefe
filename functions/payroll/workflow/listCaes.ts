/**
 * First task of the federation's monthly run: the month to pay (from the schedule's time, or given) and
 * the CAEs to pay it for. Ids only, so the state stays far below Step Functions' 256 KB at any federation size
 * this platform targets (a few hundred CAEs × ~30 bytes).
 */
import { isValidMonth } from '../../../domain/calendar.js';
import { findCae, listCaes } from '../../shared/repositories/caes.js';
import { monthToPay } from './schedule.js';
import { allPages } from '../../shared/pagination.js';

export interface ListCaesInput {
  scheduledTime?: string;
  month?: string;
  caeId?: string;
}

export async function handler(input: ListCaesInput): Promise<{ month: string; caes: string[] }> {
  const month = input.month ?? (input.scheduledTime ? monthToPay(input.scheduledTime) : undefined);
  if (!month || !isValidMonth(month)) throw new Error(`No month to pay in ${JSON.stringify(input)}`);
  if (input.caeId) {
    if (!(await findCae(input.caeId))) throw new Error(`No CAE ${input.caeId}`);
    return { month, caes: [input.caeId] };
  }
  const caes = (await allPages((cursor) => listCaes(200, cursor))).map((c) => c.id);
  return { month, caes };
}
