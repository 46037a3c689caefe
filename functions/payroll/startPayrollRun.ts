/**
 * POST /caes/{caeId}/payroll-runs: runs the same state machine as the schedule, for one CAE. Safe to repeat:
 * every step is idempotent, so a month already paid changes nothing. Months close in order: a month before the
 * CAE's last closed month is a 409, and so is a month after one whose run is still going; a month that has not
 * begun cannot be paid (422).
 */
import { monthsToClose } from '../../domain/activityAccount/index.js';
import { requireCae } from '../shared/auth.js';
import { nowIso, todayInParis } from '../shared/clock.js';
import { Conflict, RuleViolated } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { markCaeMonthClosed } from '../shared/repositories/accounts.js';
import { getCae } from '../shared/repositories/caes.js';
import { openRunItem } from '../shared/repositories/payrollBatches.js';
import { findRun } from '../shared/repositories/payrollRuns.js';
import { startPayrollExecution } from '../shared/workflow.js';
import { contracts } from './api.js';

export const handler = httpHandler('startPayrollRun', contracts.startPayrollRun, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  const cae = await getCae(params.caeId);
  if (body.month > todayInParis().slice(0, 7)) {
    throw new RuleViolated('month-not-started', `${body.month} has not begun: it cannot be paid yet.`, [{ path: 'body.month', message: 'is in the future' }]);
  }
  const existing = await findRun(params.caeId, body.month);
  if (existing?.status === 'running') return { body: { month: body.month, status: 'running' } };
  // Months are paid in order: the next month opens from this one's closing balances, so it waits for them.
  const previous = cae.lastClosedMonth && cae.lastClosedMonth < body.month ? await findRun(params.caeId, cae.lastClosedMonth) : undefined;
  if (previous?.status === 'running') {
    throw new Conflict('payroll-run-in-progress', `The payroll of ${previous.month} is still running; ${body.month} can be paid once it completes.`);
  }
  const months = monthsToClose(cae.lastClosedMonth ?? null, body.month);
  if (!months.ok && !existing) {
    throw new Conflict('month-already-closed', `${body.month} is before the last closed month ${cae.lastClosedMonth}: its figures are final.`);
  }
  if (!existing) {
    await openRunItem({
      caeId: params.caeId,
      month: body.month,
      months: months.ok ? months.value : [body.month],
      status: 'running',
      monthsClosedInPassing: months.ok ? months.value.slice(0, -1) : [],
      entrepreneurs: 0,
      totals: { revenue: '0.00', contribution: '0.00', gross: '0.00', employerCost: '0.00', net: '0.00' },
      startedAt: nowIso(),
    });
  }
  // The month closes to new transactions as soon as its payroll is asked for (the workflow's OpenRun does it
  // too): the figures cannot move under the run, and a later month cannot start before this one is done.
  await markCaeMonthClosed(params.caeId, body.month);
  await startPayrollExecution(params.caeId, body.month);
  return { body: { month: body.month, status: existing?.status === 'completed' ? 'completed' : 'running' } };
});
