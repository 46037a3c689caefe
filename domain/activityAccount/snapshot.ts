/**
 * The stored figures of a month's account, as decimal strings: what a closed month keeps for ever, and what
 * the next month opens from. `accountView` gives the API's account shape.
 */
import type { IsoMonth } from '../calendar.js';
import type { ContributionPolicy } from '../contribution/policy.js';
import { formatMoney } from '../money.js';
import type { MonthlyAccount } from './monthlyAccount.js';

/** A month's account as stored: every amount a money string ("3900.00"). */
export interface MonthlyAccountSnapshot {
  readonly month: IsoMonth;
  readonly openingBalance: string;
  readonly revenue: string;
  readonly contribution: string;
  readonly expenses: string;
  readonly envelope: string;
  readonly employerCost: string;
  readonly closingBalance: string;
  readonly vatCollected: string;
  readonly vatDeductible: string;
  readonly purchases: string;
  readonly margin: string;
  readonly contributionBase: string;
  readonly cumulatedRevenue: string;
  readonly cumulatedMargin: string;
  readonly cumulatedBase: string;
  readonly cumulatedContribution: string;
  /** Only when something was collected this year (invoices paid): other accounts keep the shape they had. */
  readonly collected?: string;
  readonly cumulatedCollected?: string;
  readonly policy: ContributionPolicy;
  readonly closed: boolean;
}

/** The fields of `GET …/account?month=` (docs/api.md "Activity"): the snapshot without its year-to-date figures. */
const ACCOUNT_VIEW_FIELDS = [
  'month',
  'openingBalance',
  'revenue',
  'contribution',
  'expenses',
  'envelope',
  'employerCost',
  'closingBalance',
  'vatCollected',
  'vatDeductible',
  'closed',
] as const satisfies readonly (keyof MonthlyAccountSnapshot)[];

/** The account of `GET …/account?month=` (docs/api.md "Activity"). */
export type AccountView = Pick<MonthlyAccountSnapshot, (typeof ACCOUNT_VIEW_FIELDS)[number]>;

/** The stored form of an account (closed or not; `closeMonth` gives the closed one). */
export function toSnapshot(account: MonthlyAccount): MonthlyAccountSnapshot {
  return Object.freeze({
    month: account.month,
    openingBalance: formatMoney(account.openingBalance),
    revenue: formatMoney(account.revenue),
    contribution: formatMoney(account.contribution),
    expenses: formatMoney(account.expenses),
    envelope: formatMoney(account.envelope),
    employerCost: formatMoney(account.employerCost),
    closingBalance: formatMoney(account.closingBalance),
    vatCollected: formatMoney(account.vatCollected),
    vatDeductible: formatMoney(account.vatDeductible),
    purchases: formatMoney(account.purchases),
    margin: formatMoney(account.margin),
    contributionBase: formatMoney(account.contributionBase),
    cumulatedRevenue: formatMoney(account.cumulatedRevenue),
    cumulatedMargin: formatMoney(account.cumulatedMargin),
    cumulatedBase: formatMoney(account.cumulatedBase),
    cumulatedContribution: formatMoney(account.cumulatedContribution),
    ...(account.cumulatedCollected.isZero() && account.collected.isZero()
      ? {}
      : { collected: formatMoney(account.collected), cumulatedCollected: formatMoney(account.cumulatedCollected) }),
    policy: account.policy,
    closed: account.closed,
  });
}

/** The API's account fields of a snapshot (extra stored figures left out). */
export function accountView(snapshot: MonthlyAccountSnapshot): AccountView {
  return Object.fromEntries(ACCOUNT_VIEW_FIELDS.map((field) => [field, snapshot[field]])) as unknown as AccountView;
}
