/**
 * Closing an entrepreneur's months for payroll: the activity account of each month to close, rolled forward
 * from the last closed one, and in the month paid, the salary of the month (docs/domain.md "Salary"): the largest
 * gross whose employer cost fits the envelope, at least the contract's fixed part, at most the request.
 * Months closed in passing (before the paid month) carry their balance forward with no salary.
 */
import type { Decimal } from 'decimal.js';
import {
  accountFromTotals,
  closeMonth,
  type MonthlyAccountSnapshot,
  type MonthTotals,
  NO_TOTALS,
  openingFigures,
  toSnapshot,
} from '../activityAccount/index.js';
import { addMonthsToMonth, firstDayOf, type IsoMonth } from '../calendar.js';
import { type OverrideVersion, type PolicyVersion, policyFor } from '../contribution/index.js';
import { Dec, ZERO } from '../money.js';
import type { PayrollSettings } from './payslip.js';
import { type SalaryOfTheMonth, salaryOfTheMonth } from './salaryOfTheMonth.js';

export interface MonthsToPayInput {
  /** The months to close, ascending and consecutive; the last one is paid. */
  months: readonly IsoMonth[];
  /** The latest closed account before `months[0]`, or null when there is none. */
  base: MonthlyAccountSnapshot | null;
  /** The ledger's month totals (closed), for every month after `base` up to the paid month (absent: no entries). */
  totalsByMonth: ReadonlyMap<IsoMonth, MonthTotals>;
  policies: readonly PolicyVersion[];
  overrides: readonly OverrideVersion[];
  /** The CESA's fixed monthly gross in the paid month; null when there is no CESA that month (no payslip). */
  fixedMonthlyGross: string | null;
  /** The most the entrepreneur asked to be paid that month; absent: as much as the envelope allows. */
  requestedMaxGross?: string;
  settings: PayrollSettings;
}

export interface ClosedMonth {
  account: MonthlyAccountSnapshot;
  /** Only in the paid month, for an entrepreneur under a CESA. */
  salary?: SalaryOfTheMonth;
}

/**
 * Closes `months` for one entrepreneur. Months between `base` and `months[0]` are rolled (their entries
 * count) but not returned: they were closed for the CAE before this entrepreneur had an account to close.
 */
export function closeMonthsToPay(input: MonthsToPayInput): ClosedMonth[] {
  const first = input.months[0];
  const paid = input.months[input.months.length - 1];
  if (first === undefined || paid === undefined) return [];
  let previous = input.base;
  // Without a closed account before, the account starts with the first month that has entries.
  const earliestEntries = [...input.totalsByMonth.keys()].sort()[0];
  const start = input.base
    ? addMonthsToMonth(input.base.month, 1)
    : earliestEntries !== undefined && earliestEntries < first
      ? earliestEntries
      : first;
  const closed: ClosedMonth[] = [];
  for (let month = start; month <= paid; month = addMonthsToMonth(month, 1)) {
    const account = accountFromTotals({
      month,
      opening: openingFigures(month, previous),
      totals: input.totalsByMonth.get(month) ?? NO_TOTALS,
      policy: policyFor(input.policies, month, input.overrides),
    });
    if (month < first) {
      previous = toSnapshot(account);
      continue;
    }
    let employerCost: Decimal = ZERO;
    let salary: SalaryOfTheMonth | undefined;
    if (month === paid && input.fixedMonthlyGross !== null) {
      salary = salaryOfTheMonth({
        date: firstDayOf(month),
        envelope: account.envelope,
        fixedMonthlyGross: new Dec(input.fixedMonthlyGross),
        ...(input.requestedMaxGross !== undefined ? { requestedMaxGross: new Dec(input.requestedMaxGross) } : {}),
        settings: input.settings,
      });
      employerCost = salary.employerCost;
    }
    const snapshot = closeMonth(account, employerCost);
    closed.push(salary ? { account: snapshot, salary } : { account: snapshot });
    previous = snapshot;
  }
  return closed;
}
