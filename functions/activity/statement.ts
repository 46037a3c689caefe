/**
 * The activity account statement over a period (docs/api.md "Activity"; docs/domain.md "Salary", the account
 * statement the law asks the CAE for: L7332-3): for each month, the lines of the monthly account in their order,
 * the contribution with the policy it was computed with, the employer cost of the month's payslip, and the
 * ledger entries behind the figures, each with where it comes from and its reference (an invoice number, a
 * claim id), so that every invoice and every claim can be found.
 *
 * What it reads: the entrepreneur and the CAE (names), the closed accounts of the period (one query: payroll
 * stored them with their payslip), the account of each month not closed for this person (repositories/
 * accounts.ts `accountOfMonth`, ≤ 3 requests each: the same figures as GET …/account), and each month's entries
 * (ledger.ts `listEntries`, 200 a page). A period is at most STATEMENT_MAX_MONTHS months.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MonthlyAccountSnapshot, TransactionType } from '../../domain/activityAccount/index.js';
import { monthsBetween } from '../../domain/calendar.js';
import type { ContributionPolicy } from '../../domain/contribution/index.js';
import { Dec, formatMoney } from '../../domain/money.js';
import { db, tableName } from '../shared/dynamo.js';
import * as keys from '../shared/keys.js';
import { accountOfMonth } from '../shared/repositories/accounts.js';
import { getCae } from '../shared/repositories/caes.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { type LedgerEntry, listEntries } from '../shared/repositories/ledger.js';
import { type MonthResult, resultFromItem } from '../shared/repositories/payrollRuns.js';
import { originLabel, policyLabel } from './statementLabels.js';

/** The longest period a statement covers: two years, so that one request stays bounded. */
export const STATEMENT_MAX_MONTHS = 24;

export interface StatementEntry {
  id: string;
  date: string;
  /** 'collection': a payment received on an invoice (it counts in the collected base only, not in revenue). */
  type: TransactionType;
  origin: string;
  originLabel: string;
  label: string;
  reference?: string;
  category?: string;
  amountExclVat: string;
  vatRate: string;
  vatAmount: string;
  reverses?: string;
}

export interface StatementMonth {
  month: string;
  openingBalance: string;
  revenue: string;
  contribution: string;
  contributionPolicy: ContributionPolicy;
  contributionPolicyLabel: string;
  expenses: string;
  envelope: string;
  employerCost: string;
  closingBalance: string;
  vatCollected: string;
  vatDeductible: string;
  closed: boolean;
  /** The month's payslip (closed months with a salary): its gross, net and employer cost. */
  payslip: { gross: string; net: string; employerCost: string } | null;
  entries: StatementEntry[];
}

export interface Statement {
  entrepreneurId: string;
  name: string;
  tradeName?: string;
  caeName: string;
  from: string;
  to: string;
  openingBalance: string;
  closingBalance: string;
  totals: { revenue: string; contribution: string; expenses: string; employerCost: string };
  months: StatementMonth[];
}

function entryView(e: LedgerEntry): StatementEntry {
  const origin = e.origin ?? (e.reverses ? 'reversal' : 'transaction');
  return {
    id: e.id,
    date: e.date,
    type: e.type,
    origin,
    originLabel: originLabel(origin),
    label: e.label,
    ...(e.reference === undefined ? {} : { reference: e.reference }),
    ...(e.category === undefined ? {} : { category: e.category }),
    amountExclVat: e.amountExclVat,
    vatRate: e.vatRate,
    vatAmount: e.vatAmount,
    ...(e.reverses === undefined ? {} : { reverses: e.reverses }),
  };
}

/** Every counted entry of a month, in the order recorded (all pages). */
async function entriesOf(caeId: string, entrepreneurId: string, month: string): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await listEntries(caeId, entrepreneurId, month, 200, cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** The closed months of the period that payroll stored for this person, by month (one query). */
async function closedResults(caeId: string, entrepreneurId: string, from: string, to: string): Promise<Map<string, MonthResult>> {
  const { PK, SK: lo } = keys.closedAccount(caeId, entrepreneurId, from);
  const { SK: hi } = keys.closedAccount(caeId, entrepreneurId, to);
  const out = new Map<string, MonthResult>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': PK, ':lo': lo, ':hi': hi },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const result = resultFromItem(item);
      out.set(result.month, result);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

function monthOfStatement(account: MonthlyAccountSnapshot, result: MonthResult | undefined, entries: LedgerEntry[]): StatementMonth {
  const p = result?.payslip;
  return {
    month: account.month,
    openingBalance: account.openingBalance,
    revenue: account.revenue,
    contribution: account.contribution,
    contributionPolicy: account.policy,
    contributionPolicyLabel: policyLabel(account.policy),
    expenses: account.expenses,
    envelope: account.envelope,
    employerCost: account.employerCost,
    closingBalance: account.closingBalance,
    vatCollected: account.vatCollected,
    vatDeductible: account.vatDeductible,
    closed: account.closed,
    payslip: p ? { gross: p.gross, net: p.net, employerCost: p.employerCost } : null,
    entries: entries.map(entryView),
  };
}

const total = (months: StatementMonth[], field: 'revenue' | 'contribution' | 'expenses' | 'employerCost') =>
  formatMoney(months.reduce((t, m) => t.plus(m[field]), new Dec(0)));

/** The statement of one person's activity account from `from` to `to` (months, inclusive; at most 24). */
export async function statementOf(caeId: string, entrepreneurId: string, from: string, to: string): Promise<Statement> {
  const [entrepreneur, cae, closed] = await Promise.all([
    getEntrepreneur(caeId, entrepreneurId),
    getCae(caeId),
    closedResults(caeId, entrepreneurId, from, to),
  ]);
  const months = await Promise.all(
    monthsBetween(from, to).map(async (month) => {
      const result = closed.get(month);
      const [account, entries] = await Promise.all([
        result ? Promise.resolve(result.account) : accountOfMonth(caeId, entrepreneurId, month),
        entriesOf(caeId, entrepreneurId, month),
      ]);
      return monthOfStatement(account, result, entries);
    }),
  );
  return {
    entrepreneurId,
    name: `${entrepreneur.firstName} ${entrepreneur.lastName}`,
    ...(entrepreneur.tradeName ? { tradeName: entrepreneur.tradeName } : {}),
    caeName: cae.name,
    from,
    to,
    openingBalance: months[0]?.openingBalance ?? '0.00',
    closingBalance: months.at(-1)?.closingBalance ?? '0.00',
    totals: {
      revenue: total(months, 'revenue'),
      contribution: total(months, 'contribution'),
      expenses: total(months, 'expenses'),
      employerCost: total(months, 'employerCost'),
    },
    months,
  };
}
