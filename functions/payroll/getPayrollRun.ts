/** GET /caes/{caeId}/payroll-runs/{month}: status, totals, why it failed, who it could not pay. */
import { requireCae } from '../shared/auth.js';
import { NotFound } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { findRun } from '../shared/repositories/payrollRuns.js';
import { contracts } from './api.js';

export const handler = httpHandler('getPayrollRun', contracts.getPayrollRun, async ({ caller, params }) => {
  requireCae(caller, params.caeId);
  const run = await findRun(params.caeId, params.month);
  if (!run) throw new NotFound(`No payroll run for ${params.month}.`);
  // The execution and its bookkeeping are the workflow's, not the contract's.
  const { caeId, months, executionArn, heartbeatAt, batches, unpaid, failure, ...view } = run as typeof run & { error?: string };
  const { error, ...rest } = view as typeof view & { error?: string };
  const legacyFailure = error ? { reason: error, at: run.completedAt ?? run.startedAt } : undefined;
  const shownFailure = run.status === 'failed' ? (failure ?? legacyFailure) : undefined;
  return { body: { ...rest, unpaid: unpaid ?? [], ...(shownFailure ? { failure: shownFailure } : {}) } };
});
