/**
 * The Catch of the run: records why it failed so staff see it; running the month again resumes the work.
 * Its own failure is not hidden: the execution then fails with that error, and the rule on failed executions
 * (executionEnded.ts) marks the run failed instead.
 */
import { nowIso } from '../../shared/clock.js';
import { logger } from '../../shared/logger.js';
import { failRun } from '../../shared/repositories/payrollBatches.js';
import { failureReason } from './failureReason.js';

export interface MarkRunFailedInput {
  caeId: string;
  month: string;
  /** `$$.Execution.Id`: only this execution's run is marked, never one a newer execution took over. */
  executionArn?: string;
  error?: { Error?: string; Cause?: string };
}

export async function handler(input: MarkRunFailedInput) {
  const reason = failureReason(input.error);
  const marked = await failRun(input.caeId, input.month, { reason, at: nowIso() }, input.executionArn);
  if (!marked) logger.info('payroll run not marked failed: not running, or taken over by another execution', { caeId: input.caeId, month: input.month });
  return { caeId: input.caeId, month: input.month, status: 'failed', error: reason, marked };
}
