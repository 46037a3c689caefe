/**
 * Target of the EventBridge rule on the CAE run's executions that end FAILED, TIMED_OUT or ABORTED: marks the
 * run failed with how its execution ended, independently of the state machine's Catch (which a timeout, a
 * StopExecution or a failing MarkRunFailed never reaches). Only a run still "running" under this very
 * execution is marked, so a late event never fails a run that a newer execution resumed or completed.
 * The local runtime calls it the same way when an execution fails (infra/local/payrollRunner.ts).
 */
import { isValidMonth } from '../../../domain/calendar.js';
import { nowIso } from '../../shared/clock.js';
import { logger } from '../../shared/logger.js';
import { failRun } from '../../shared/repositories/payrollBatches.js';

/** The part of a "Step Functions Execution Status Change" event this reads. */
export interface ExecutionStatusChange {
  detail: {
    executionArn: string;
    status: string;
    /** The execution's input, as a JSON string. */
    input?: string | null;
    error?: string | null;
    cause?: string | null;
  };
}

const ENDED = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

function runOf(input: string | null | undefined): { caeId: string; month: string } | undefined {
  try {
    const parsed = JSON.parse(input ?? '') as { caeId?: unknown; month?: unknown };
    if (typeof parsed.caeId === 'string' && typeof parsed.month === 'string' && isValidMonth(parsed.month)) return { caeId: parsed.caeId, month: parsed.month };
  } catch {
    // not a CAE run's input
  }
  return undefined;
}

export async function handler(event: ExecutionStatusChange): Promise<{ marked: boolean }> {
  const { executionArn, status, input, error } = event.detail;
  const run = runOf(input);
  if (!ENDED.has(status) || !run) return { marked: false };
  const reason = `The payroll execution ended ${status}${error ? ` (${error})` : ''}; running the month again resumes it.`;
  const marked = await failRun(run.caeId, run.month, { reason, at: nowIso() }, executionArn);
  logger.info('payroll execution ended', { ...run, status, marked });
  return { marked };
}
