/**
 * Payroll of a non-executive employee of the French general regime, 2025–2026: dated rate tables
 * (./rates), the payslip of a gross, the inverse searches and the salary of the month.
 */
export { InvalidPayrollInput, NoRatesForDate } from './errors.js';
export { grossForEmployerCost, grossForNet, type InverseInput } from './inverse.js';
export {
  computePayslip,
  type DecimalInput,
  type HoursInput,
  type Payslip,
  type PayslipInput,
  type PayslipLine,
  type PayrollSettings,
} from './payslip.js';
export { coveredPeriods, RATE_TABLES, ratesFor } from './rates/index.js';
export type { RateTable } from './rates/types.js';
export {
  type SalaryFlag,
  type SalaryOfTheMonth,
  type SalaryOfTheMonthInput,
  salaryOfTheMonth,
} from './salaryOfTheMonth.js';
export { type ClosedMonth, closeMonthsToPay, type MonthsToPayInput } from './monthlyPay.js';
export { MAX_PAYROLL_AMOUNT, MAX_SETTING_RATE, MAX_WEEKLY_HOURS, payrollAmountProblem, settingRateProblem } from './bounds.js';
export {
  afterTax,
  MAX_TAX_RATE,
  neutralRate,
  type PayslipAfterTax,
  taxRateFor,
  taxRateProblem,
  type TaxRateVersion,
  type Withholding,
  withholdingOf,
} from './withholding.js';
export { NEUTRAL_GRIDS, neutralGridFor, type NeutralGrid } from './taxRates/index.js';
