/** The Catch of the run: records the failure on the run so staff see it; a later run resumes the work. */
import { updateRun } from '../../shared/repositories/payrollBatches.js';

export async function handler(input: { caeId: string; month: string; error?: { Error?: string; Cause?: string } }) {
  const reason = input.error?.Error ?? 'unknown error';
  await updateRun(input.caeId, input.month, { status: 'failed', error: reason.slice(0, 500) }).catch(() => undefined);
  return { caeId: input.caeId, month: input.month, status: 'failed', error: reason };
}
