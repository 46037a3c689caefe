/** GET /caes/{caeId}/payroll-runs/{month}/payslips: one query on the run's index. */
import { requireCae } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { listMonthResults, type MonthResult } from '../shared/repositories/payrollRuns.js';
import { contracts } from './api.js';
import { payslipView } from './payslipView.js';

export const handler = httpHandler('listPayslips', contracts.listPayslips, async ({ caller, params, query }) => {
  requireCae(caller, params.caeId);
  const page = await listMonthResults(params.caeId, params.month, query.limit, query.cursor);
  const items = page.items.filter((r): r is MonthResult & { payslip: NonNullable<MonthResult['payslip']> } => r.payslip !== undefined);
  return { body: { items: items.map(payslipView), nextCursor: page.nextCursor } };
});
