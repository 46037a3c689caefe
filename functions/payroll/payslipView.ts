/** A stored month result as the API's payslip (docs/api.md "Payroll"). */
import type { MonthResult } from '../shared/repositories/payrollRuns.js';

export function payslipView(result: MonthResult & { payslip: NonNullable<MonthResult['payslip']> }) {
  const { fullTimeSmicGross, ...payslip } = result.payslip;
  return {
    entrepreneurId: result.entrepreneurId,
    month: result.month,
    ...payslip,
    envelope: result.account.envelope,
    closingBalance: result.account.closingBalance,
  };
}
