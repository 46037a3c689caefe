/**
 * The salary of the month of an entrepreneur salarié (docs/domain.md, "Salary", law: Code du travail L7332-3):
 * the largest gross whose employer cost fits the envelope of the activity account, never below the fixed
 * part of the contract (owed even when the envelope is short: the account then goes negative and the payslip
 * is flagged for the staff), never above what the entrepreneur asked for that month.
 */
import { Decimal } from 'decimal.js';
import type { IsoDate } from '../calendar.js';
import { Dec } from '../money.js';
import { InvalidPayrollInput } from './errors.js';
import { grossForEmployerCostOnPlan } from './inverse.js';
import {
  checkedAmount,
  MAX_AMOUNT,
  type DecimalInput,
  type HoursInput,
  type Payslip,
  type PayrollSettings,
  payrollPlan,
  toPayslip,
} from './payslip.js';

/**
 * Why a payslip needs the staff's eye:
 * - envelope-empty: the envelope was zero or negative; only the fixed part (if any) is paid;
 * - envelope-short: the employer cost of the pay exceeds the envelope (the fixed part is owed), so the
 *   activity account goes negative;
 * - request-below-fixed: the entrepreneur asked for less than the fixed part, which is owed anyway;
 * - capped-by-request: the envelope allowed more than the entrepreneur asked for;
 * - negative-net: the health-insurance share exceeds what is left of a very small pay;
 * - no-pay: the gross is 0 (no fixed part and nothing in the envelope, or a request of 0).
 */
export type SalaryFlag =
  | 'envelope-empty'
  | 'envelope-short'
  | 'request-below-fixed'
  | 'capped-by-request'
  | 'negative-net'
  | 'no-pay';

export interface SalaryOfTheMonthInput {
  date: IsoDate;
  /** What the activity account can pay this month (may be negative). */
  envelope: DecimalInput;
  /** The fixed monthly gross set in the CESA (0 allowed). */
  fixedMonthlyGross: DecimalInput;
  /** The most the entrepreneur wants paid this month; absent: as much as the envelope allows. */
  requestedMaxGross?: DecimalInput;
  weeklyHours?: HoursInput;
  settings: PayrollSettings;
}

export interface SalaryOfTheMonth extends Payslip {
  envelope: Decimal;
  fixedPart: Decimal;
  /** gross − fixedPart, never negative. */
  variablePart: Decimal;
  flags: SalaryFlag[];
}

export function salaryOfTheMonth(input: SalaryOfTheMonthInput): SalaryOfTheMonth {
  const plan = payrollPlan(input.date, input.settings, input.weeklyHours);
  // The envelope is an account figure, not an input to bound: any sign and size (a long negative run included).
  const envelope = new Dec(input.envelope);
  if (!envelope.isFinite()) throw new InvalidPayrollInput('envelope', 'not a number');
  const fixed = checkedAmount('fixedMonthlyGross', input.fixedMonthlyGross);
  const request =
    input.requestedMaxGross === undefined ? null : checkedAmount('requestedMaxGross', input.requestedMaxGross);
  const flags: SalaryFlag[] = [];

  const affordable = envelope.greaterThan(0) ? grossForEmployerCostOnPlan(plan, Decimal.min(envelope, MAX_AMOUNT)) : new Dec(0);
  let gross = affordable;
  if (request?.lessThan(gross)) gross = request;
  if (gross.lessThan(fixed)) gross = fixed;

  if (!envelope.greaterThan(0)) flags.push('envelope-empty');
  if (request?.lessThan(affordable) && !request.lessThan(fixed)) flags.push('capped-by-request');
  if (request?.lessThan(fixed)) flags.push('request-below-fixed');
  const payslip = toPayslip(plan, input.date, gross);
  if (payslip.employerCost.greaterThan(envelope) && gross.greaterThan(0)) flags.push('envelope-short');
  if (payslip.net.isNegative()) flags.push('negative-net');
  if (gross.isZero()) flags.push('no-pay');

  return {
    ...payslip,
    envelope,
    fixedPart: fixed,
    variablePart: Decimal.max(gross.minus(fixed), new Dec(0)),
    flags,
  };
}
