/**
 * What paying one batch reads and writes, shaped for few requests: everything keyed per entrepreneur is read
 * with BatchGetItem (100 keys a request), a month's ledger with one query where the month has entries, and each
 * closed month written as one conditional put. A closed month already written is never written again.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MonthlyAccountSnapshot } from '../../../domain/activityAccount/index.js';
import type { OverrideVersion } from '../../../domain/contribution/index.js';
import { db, tableName } from '../dynamo.js';
import * as keys from '../keys.js';
import { type MonthResult, resultFromItem, resultToItem } from './payrollRuns.js';

type Key = { PK: string; SK: string };

/** Reads many items by key, retrying what DynamoDB leaves unprocessed; returns them by `PK|SK`. */
export async function getMany(keyList: Key[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Map(keyList.map((k) => [`${k.PK}|${k.SK}`, k])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Key[] = unique.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept batch reads unprocessed');
      const out = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      for (const item of out.Responses?.[tableName] ?? []) found.set(`${item.PK}|${item.SK}`, item);
      pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 20));
    }
  }
  return found;
}

export const keyOf = (k: Key) => `${k.PK}|${k.SK}`;

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
