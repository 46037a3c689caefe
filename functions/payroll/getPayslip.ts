/** GET /caes/{caeId}/entrepreneurs/{id}/payslips/{month}: staff, or the entrepreneur themselves. */
import { requireEntrepreneur } from '../shared/auth.js';
import { NotFound } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { findMonthResult } from '../shared/repositories/payrollRuns.js';
import { contracts } from './api.js';
import { payslipView } from './payslipView.js';

export const handler = httpHandler('getPayslip', contracts.getPayslip, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const result = await findMonthResult(params.caeId, params.id, params.month);
  if (!result?.payslip) throw new NotFound(`No payslip for ${params.month}.`);
  return { body: payslipView({ ...result, payslip: result.payslip }) };
});
