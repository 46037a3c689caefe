/**
 * Is someone still working on a running payroll run? A run records the execution that works on it and a
 * heartbeat that each step refreshes. The execution's own status decides (Step Functions on AWS, the local
 * endpoint here, which knows nothing of a runtime that was killed); only when it cannot be described does a
 * fresh heartbeat count as alive. A running run with no live execution was interrupted (a crash, a timeout, a
 * stop, a Catch that itself failed) and is resumed by handing it to a new execution.
 */
import { nowIso } from '../shared/clock.js';
import { logger } from '../shared/logger.js';
import { claimRun } from '../shared/repositories/payrollBatches.js';
import type { PayrollRun } from '../shared/repositories/payrollRuns.js';
import { type ExecutionStatus, executionNameOf, executionStatus, newPayrollExecution, startPayrollExecution } from '../shared/workflow.js';

/** Longer than the longest step (a batch: 10 minutes), so that a live run's heartbeat is never stale. */
export const RUN_LEASE_MS = 15 * 60 * 1000;

function heartbeatIsFresh(run: PayrollRun): boolean {
  const last = Date.parse(run.heartbeatAt ?? run.startedAt);
  return Number.isFinite(last) && Date.parse(nowIso()) - last < RUN_LEASE_MS;
}

/** The recorded execution's status; undefined when Step Functions cannot answer. */
async function describedStatus(run: PayrollRun): Promise<ExecutionStatus | undefined> {
  if (!run.executionArn) return undefined;
  try {
    return await executionStatus(run.executionArn);
  } catch (error) {
    logger.warn('could not describe the payroll execution; judging by its heartbeat', { error: (error as Error).name });
    return undefined;
  }
}

/**
 * Resumes a running run whose execution is gone: a new execution takes it over (every step is idempotent, so
 * each payslip is still written once). Returns false when the run is alive, or when a concurrent request
 * resumed it first.
 */
export async function resumeIfInterrupted(run: PayrollRun): Promise<boolean> {
  if (run.status !== 'running') return false;
  const status = await describedStatus(run);
  if (run.executionArn && status === 'NOT_FOUND') {
    // Never started (its starter crashed, or its start is still in flight) or started by a runtime that was
    // killed: start it under its recorded name. A start in flight and this one give one execution (same name,
    // same input), so concurrent requests cannot start two.
    logger.warn('starting the payroll execution a run recorded but Step Functions does not know', { caeId: run.caeId, month: run.month });
    await startPayrollExecution(run.caeId, run.month, executionNameOf(run.executionArn));
    return true;
  }
  // Step Functions did not answer (or no execution is recorded): trust the heartbeat rather than start a second
  // execution blindly.
  if (status === undefined ? heartbeatIsFresh(run) : status === 'RUNNING') return false;
  const next = newPayrollExecution(run.caeId, run.month);
  if (!(await claimRun(run.caeId, run.month, run.executionArn, next.executionArn, nowIso()))) return false;
  logger.warn('resuming an interrupted payroll run', { caeId: run.caeId, month: run.month, interrupted: run.executionArn ?? null });
  await startPayrollExecution(run.caeId, run.month, next.name);
  return true;
}
