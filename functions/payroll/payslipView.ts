/** A stored month result as the API's payslip (docs/api.md "Payroll", "Documents"). */
import type { MonthResult, StoredPayslip } from '../shared/repositories/payrollRuns.js';

/**
 * The after-tax figures of a stored payslip. A payslip closed before tax was withheld at source withheld
 * nothing: its net was paid, and its net social is its net (gross minus employee contributions).
 */
export function afterTaxOf(payslip: StoredPayslip) {
  return {
    netSocial: payslip.netSocial ?? payslip.net,
    netTaxable: payslip.netTaxable ?? payslip.net,
    taxRate: payslip.taxRate ?? '0',
    taxRateSource: payslip.taxRateSource ?? 'none',
    taxWithheld: payslip.taxWithheld ?? '0.00',
    netPaid: payslip.netPaid ?? payslip.net,
  };
}

export function payslipView(result: MonthResult & { payslip: NonNullable<MonthResult['payslip']> }) {
  const { fullTimeSmicGross, weeklyHours, ...payslip } = result.payslip;
  return {
    entrepreneurId: result.entrepreneurId,
    month: result.month,
    ...payslip,
    ...afterTaxOf(result.payslip),
    envelope: result.account.envelope,
    closingBalance: result.account.closingBalance,
  };
}
