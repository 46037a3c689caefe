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
import { executionStatus, newPayrollExecution, startPayrollExecution } from '../shared/workflow.js';

/** Longer than the longest step (a batch: 10 minutes), so that a live run's heartbeat is never stale. */
export const RUN_LEASE_MS = 15 * 60 * 1000;

function heartbeatIsFresh(run: PayrollRun): boolean {
  const last = Date.parse(run.heartbeatAt ?? run.startedAt);
  return Number.isFinite(last) && Date.parse(nowIso()) - last < RUN_LEASE_MS;
}

export async function executionIsLive(run: PayrollRun): Promise<boolean> {
  if (!run.executionArn) return heartbeatIsFresh(run);
  try {
    return (await executionStatus(run.executionArn)) === 'RUNNING';
  } catch (error) {
    // Step Functions did not answer: trust the heartbeat rather than start a second execution blindly.
    logger.warn('could not describe the payroll execution; judging by its heartbeat', { error: (error as Error).name });
    return heartbeatIsFresh(run);
  }
}

/**
 * Resumes a running run whose execution is gone: a new execution takes it over (every step is idempotent, so
 * each payslip is still written once). Returns false when the run is alive, or when a concurrent request
 * resumed it first.
 */
export async function resumeIfInterrupted(run: PayrollRun): Promise<boolean> {
  if (run.status !== 'running' || (await executionIsLive(run))) return false;
  const next = newPayrollExecution(run.caeId, run.month);
  if (!(await claimRun(run.caeId, run.month, run.executionArn, next.executionArn, nowIso()))) return false;
  logger.warn('resuming an interrupted payroll run', { caeId: run.caeId, month: run.month, interrupted: run.executionArn ?? null });
  await startPayrollExecution(run.caeId, run.month, next.name);
  return true;
}
