/** GET /caes/{caeId}/payroll-runs/{month} */
import { requireCae } from '../shared/auth.js';
import { NotFound } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { findRun } from '../shared/repositories/payrollRuns.js';
import { contracts } from './api.js';

export const handler = httpHandler('getPayrollRun', contracts.getPayrollRun, async ({ caller, params }) => {
  requireCae(caller, params.caeId);
  const run = await findRun(params.caeId, params.month);
  if (!run) throw new NotFound(`No payroll run for ${params.month}.`);
  const { caeId, error, months, ...view } = run as typeof run & { months?: string[] };
  return { body: view };
});
