/**
 * Closing months (docs/domain.md "Salary"; docs/api.md "Payroll"). A month is closed when payroll pays it: its figures
 * are then a stored fact that never changes, and nothing may be dated in it any more. Months close in order:
 * paying a month also closes every earlier open month (no salary is paid in those; their balances carry forward).
 */
import type { Decimal } from 'decimal.js';
import { addMonthsToMonth, type IsoMonth, monthsBetween } from '../calendar.js';
import { type Checked, type Violation, ViolationError, violation } from '../contribution/violation.js';
import type { MonthlyAccount } from './monthlyAccount.js';
import { type MonthlyAccountSnapshot, toSnapshot } from './snapshot.js';

/** 'month-closed' when `month` is at or before the last closed month (the API's 409). */
export function checkMonthOpen(
  month: IsoMonth,
  lastClosedMonth: IsoMonth | null,
  path = 'date',
): Violation<'month-closed'>[] {
  if (lastClosedMonth === null || month > lastClosedMonth) return [];
  return [violation('month-closed', path, `${month} is closed by payroll (last closed month ${lastClosedMonth})`)];
}

/** Throws a ViolationError ('month-closed') when `month` is at or before the last closed month. */
export function assertMonthOpen(month: IsoMonth, lastClosedMonth: IsoMonth | null): void {
  const violations = checkMonthOpen(month, lastClosedMonth, 'month');
  if (violations.length > 0) throw new ViolationError(violations);
}

/**
 * The months that paying `month` closes, oldest first: every month after the last closed one up to `month`.
 * With no month closed yet, the months from `firstOpenMonth` (e.g. the CAE's first month of activity; default
 * `month` itself). Paying the last closed month again closes nothing (an empty list: a re-run is safe);
 * a month before the last closed month is refused with 'month-already-closed' (the API's 409).
 */
export function monthsToClose(
  lastClosedMonth: IsoMonth | null,
  month: IsoMonth,
  firstOpenMonth: IsoMonth = month,
): Checked<IsoMonth[], 'month-already-closed'> {
  if (lastClosedMonth !== null && month < lastClosedMonth) {
    return {
      ok: false,
      violations: [
        violation('month-already-closed', 'month', `${month} is before the last closed month ${lastClosedMonth}`),
      ],
    };
  }
  const from = lastClosedMonth === null ? (firstOpenMonth < month ? firstOpenMonth : month) : addMonthsToMonth(lastClosedMonth, 1);
  return { ok: true, value: monthsBetween(from, month) };
}

/**
 * Closes a month: the account's figures with the employer cost of the month's salary (0 for a month closed
 * without salary), closing balance = envelope − employer cost. The result is the immutable stored fact.
 * Throws a ViolationError ('month-already-closed') for an account that is already closed, and a RangeError
 * for an employer cost that is negative or not in cents.
 */
export function closeMonth(account: MonthlyAccount, employerCost: Decimal): MonthlyAccountSnapshot {
  if (account.closed) {
    throw new ViolationError([violation('month-already-closed', 'month', `${account.month} is already closed`)]);
  }
  if (employerCost.isNegative() || employerCost.decimalPlaces() > 2) {
    throw new RangeError(`employer cost must be a non-negative amount in cents, got ${employerCost.toString()}`);
  }
  return toSnapshot({
    ...account,
    employerCost,
    closingBalance: account.envelope.minus(employerCost),
    closed: true,
  });
}
