/**
 * What paying one batch reads and writes, shaped for few requests: everything keyed per entrepreneur is read
 * with BatchGetItem (100 keys a request); each month's ledger totals are closed and read in one request
 * (`closeLedgerMonths`: the fence that keeps later entries out); each closed month's account is written as one
 * conditional put, never again once written. This module is the one writer of the closed accounts
 * (`ACCOUNT#<YYYY-MM>`, with the payslip); the ledger (ledger.ts) is the one writer of the month totals.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MonthlyAccountSnapshot, MonthTotals } from '../../../domain/activityAccount/index.js';
import { addMonthsToMonth, previousMonth } from '../../../domain/calendar.js';
import type { OverrideVersion } from '../../../domain/contribution/index.js';
import { db, tableName } from '../dynamo.js';
import * as keys from '../keys.js';
import { closeMonthTotals, monthsBetween } from './ledger.js';
import { type MonthResult, resultFromItem, resultToItem } from './payrollRuns.js';

/** Reads many items by key (BatchGetItem, 100 keys a request); see dynamo.ts. */
export { getMany, keyOf } from '../dynamo.js';

/** The latest closed account of an entrepreneur before `month`, when the month before has none (a gap). */
export async function latestClosedBefore(caeId: string, entrepreneurId: string, month: string): Promise<MonthlyAccountSnapshot | null> {
  const { PK } = keys.closedAccount(caeId, entrepreneurId, month);
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': PK, ':from': 'ACCOUNT#', ':to': `ACCOUNT#${month}` },
      ScanIndexForward: false,
      Limit: 2,
    }),
  );
  const item = (out.Items ?? []).find((i) => (i.SK as string) < `ACCOUNT#${month}`);
  return item ? resultFromItem(item).account : null;
}

/**
 * Closes an entrepreneur's ledger months for a payroll run and returns their final totals by month, what the
 * run computes the accounts from: each month the run closes (`months`; its item is created closed when the
 * entrepreneur had no entry), and every month with entries since `base` (their latest closed account) that
 * is before them: months closed for the CAE before this entrepreneur had an account to close.
 */
export async function closeLedgerMonths(
  caeId: string,
  entrepreneurId: string,
  months: readonly string[],
  base: MonthlyAccountSnapshot | null,
): Promise<Map<string, MonthTotals>> {
  const totals = new Map<string, MonthTotals>();
  const first = months[0];
  if (first === undefined) return totals;
  if (!base || base.month < previousMonth(first)) {
    const since = base ? addMonthsToMonth(base.month, 1) : '0000-01';
    for (const m of await monthsBetween(caeId, entrepreneurId, since, previousMonth(first))) {
      totals.set(m.month, m.closed ? m.totals : await closeMonthTotals(caeId, entrepreneurId, m.month));
    }
  }
  const closed = await Promise.all(months.map((m) => closeMonthTotals(caeId, entrepreneurId, m)));
  months.forEach((m, i) => {
    totals.set(m, closed[i] as MonthTotals);
  });
  return totals;
}

export function overridesOf(item: Record<string, unknown> | undefined): OverrideVersion[] {
  return (item?.versions as OverrideVersion[] | undefined) ?? [];
}

/**
 * Writes a closed month once. If it was written before (a retried batch, a second run), the stored one is
 * kept and returned: the work is done exactly once, and what follows builds on what was stored.
 */
export async function writeClosedMonth(result: MonthResult): Promise<{ written: boolean; result: MonthResult }> {
  try {
    await db.send(new PutCommand({ TableName: tableName, Item: resultToItem(result), ConditionExpression: 'attribute_not_exists(PK)' }));
    return { written: true, result };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const out = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.closedAccount(result.caeId, result.entrepreneurId, result.month), ConsistentRead: true }),
    );
    return { written: false, result: resultFromItem(out.Item as Record<string, unknown>) };
  }
}
