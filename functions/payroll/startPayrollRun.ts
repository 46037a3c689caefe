/**
 * POST /caes/{caeId}/payroll-runs: runs the same state machine as the schedule, for one CAE. Safe to repeat:
 * every step is idempotent, so a month already paid changes nothing, and a month whose run was interrupted (its
 * execution is gone while the run says "running") is resumed. Months close in order: a month before the CAE's
 * last closed month is a 409, and so is a month after one whose run is not finished (an interrupted one is
 * resumed on the way); a month that has not begun cannot be paid (422).
 */
import { monthsToClose } from '../../domain/activityAccount/index.js';
import { requireCae } from '../shared/auth.js';
import { nowIso, todayInParis } from '../shared/clock.js';
import { Conflict, RuleViolated } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { markCaeMonthClosed } from '../shared/repositories/accounts.js';
import { getCae } from '../shared/repositories/caes.js';
import { openRunItem, updateRun } from '../shared/repositories/payrollBatches.js';
import { findRun } from '../shared/repositories/payrollRuns.js';
import { newPayrollExecution, startPayrollExecution } from '../shared/workflow.js';
import { contracts } from './api.js';
import { resumeIfInterrupted } from './runExecution.js';

export const handler = httpHandler('startPayrollRun', contracts.startPayrollRun, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  const cae = await getCae(params.caeId);
  if (body.month > todayInParis().slice(0, 7)) {
    throw new RuleViolated('month-not-started', `${body.month} has not begun: it cannot be paid yet.`, [{ path: 'body.month', message: 'is in the future' }]);
  }
  const existing = await findRun(params.caeId, body.month);
  if (existing?.status === 'running') {
    await resumeIfInterrupted(existing);
    return { body: { month: body.month, status: 'running' } };
  }
  // Months are paid in order: the next month opens from this one's closing balances, so it waits for them.
  const previous = cae.lastClosedMonth && cae.lastClosedMonth < body.month ? await findRun(params.caeId, cae.lastClosedMonth) : undefined;
  if (previous?.status === 'running') {
    const resumed = await resumeIfInterrupted(previous);
    throw new Conflict(
      'payroll-run-in-progress',
      `The payroll of ${previous.month} is ${resumed ? 'resumed (it was interrupted)' : 'still running'}; ${body.month} can be paid once it completes.`,
    );
  }
  if (previous?.status === 'failed') {
    throw new Conflict('payroll-run-in-progress', `The payroll of ${previous.month} failed; run it again first: ${body.month} opens from its closing balances.`);
  }
  const months = monthsToClose(cae.lastClosedMonth ?? null, body.month);
  if (!months.ok && !existing) {
    throw new Conflict('month-already-closed', `${body.month} is before the last closed month ${cae.lastClosedMonth}: its figures are final.`);
  }
  const execution = newPayrollExecution(params.caeId, body.month);
  if (!existing) {
    const opened = await openRunItem({
      caeId: params.caeId,
      month: body.month,
      months: months.ok ? months.value : [body.month],
      status: 'running',
      monthsClosedInPassing: months.ok ? months.value.slice(0, -1) : [],
      entrepreneurs: 0,
      totals: { revenue: '0.00', contribution: '0.00', gross: '0.00', employerCost: '0.00', net: '0.00' },
      startedAt: nowIso(),
      executionArn: execution.executionArn,
      heartbeatAt: nowIso(),
    });
    // A concurrent request opened it first and starts its own execution.
    if (opened.executionArn !== execution.executionArn) return { body: { month: body.month, status: 'running' } };
  } else {
    // Recorded before the start: a crash in between leaves an execution that does not exist, which resumes.
    await updateRun(params.caeId, body.month, { executionArn: execution.executionArn, heartbeatAt: nowIso() });
  }
  // The month closes to new transactions as soon as its payroll is asked for (the workflow's OpenRun does it
  // too): the figures cannot move under the run, and a later month cannot start before this one is done.
  await markCaeMonthClosed(params.caeId, body.month);
  await startPayrollExecution(params.caeId, body.month, execution.name);
  const done = existing?.status === 'completed' && !existing.unpaid?.length;
  return { body: { month: body.month, status: done ? 'completed' : 'running' } };
});
