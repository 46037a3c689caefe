/**
 * Territorial aggregates in the single table: one item per (territory, month, CAE) under the territory's
 * partition (`TERR#departement:69` / `2025-03#CAE#<caeId>`), written when payroll closes a month, so that a
 * report over a period reads one partition with one query whose size grows with months × CAEs, never with
 * entrepreneurs or transactions.
 *
 * Writing a CAE's month is deterministic and idempotent: the items have fixed keys and the figures are a pure
 * function of the stored month, so running the workflow twice writes the same items. A manifest per CAE and
 * month (`CAE#<caeId>#AGGREGATES` / `MONTH#<month>`) lists the territories written, so that a rewrite deletes
 * the items of territories the CAE no longer has anyone in that month (a commune corrected after the fact).
 * The manifest is widened before the items are written and narrowed after the stale ones are deleted, so a
 * crash at any point leaves nothing that a rerun cannot find. Last, a federation-wide marker says the CAE's
 * month is aggregated (`FED#AGGREGATED_MONTHS` / `<month>#CAE#<caeId>`), so a report can tell a closed month
 * with nobody in its territory from a month not closed yet.
 */
import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MonthAggregate } from '../../../domain/reporting/index.js';
import { db, queryAll, tableName } from '../dynamo.js';
import * as keys from '../keys.js';

const BATCH_WRITE_MAX = 25;
const BATCH_GET_MAX = 100;
const MAX_ATTEMPTS = 8;

export function aggregateToItem(aggregate: MonthAggregate) {
  return {
    ...keys.territoryAggregate(aggregate.territory, aggregate.month, aggregate.caeId),
    type: 'AGGREGATE',
    ...aggregate,
  };
}

export function aggregateFromItem(item: Record<string, unknown>): MonthAggregate {
  const { PK, SK, type, ...aggregate } = item;
  return aggregate as unknown as MonthAggregate;
}

const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, string> } };

/** BatchWrite in chunks of 25, retrying unprocessed items with backoff. */
async function batchWrite(requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH_WRITE_MAX) {
    let pending: WriteRequest[] = requests.slice(i, i + BATCH_WRITE_MAX);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`BatchWrite left ${pending.length} items unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 0) await backoff(attempt);
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
}

/** BatchGet in chunks of 100, retrying unprocessed keys; items in no particular order. */
async function batchGet(keyList: Record<string, string>[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keyList.length; i += BATCH_GET_MAX) {
    let pending = keyList.slice(i, i + BATCH_GET_MAX);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`BatchGet left ${pending.length} keys unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 0) await backoff(attempt);
      const out = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      items.push(...((out.Responses?.[tableName] ?? []) as Record<string, unknown>[]));
      pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, string>[];
    }
  }
  return items;
}

async function readManifest(caeId: string, month: string): Promise<string[]> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.aggregateManifest(caeId, month), ConsistentRead: true }));
  return (out.Item?.territories as string[] | undefined) ?? [];
}

async function writeManifest(caeId: string, month: string, territories: string[]): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.aggregateManifest(caeId, month), type: 'AGGREGATE_MANIFEST', caeId, month, territories: [...territories].sort() },
    }),
  );
}

/**
 * Replaces a CAE's aggregates of a month by `aggregates` (all of that CAE and month). Returns how many
 * territories it wrote and how many stale ones it deleted.
 */
export async function replaceMonthAggregates(
  caeId: string,
  month: string,
  aggregates: readonly MonthAggregate[],
): Promise<{ written: number; deleted: number }> {
  for (const a of aggregates) {
    if (a.caeId !== caeId || a.month !== month) throw new Error(`aggregate of ${a.caeId} ${a.month} given for ${caeId} ${month}`);
  }
  const previous = await readManifest(caeId, month);
  const next = [...new Set(aggregates.map((a) => a.territory))];
  const widened = [...new Set([...previous, ...next])];
  const stale = widened.filter((t) => !next.includes(t));
  if (widened.length !== previous.length) await writeManifest(caeId, month, widened);
  await batchWrite(aggregates.map((a) => ({ PutRequest: { Item: aggregateToItem(a) } })));
  await batchWrite(stale.map((t) => ({ DeleteRequest: { Key: keys.territoryAggregate(t, month, caeId) } })));
  if (widened.length !== next.length) await writeManifest(caeId, month, next);
  return { written: aggregates.length, deleted: stale.length };
}

/**
 * A territory's aggregates from `from` to `to` (months, inclusive), every CAE: one query on the territory's
 * partition (followed over its pages when the result exceeds 1 MB).
 */
export async function territoryAggregates(territory: string, from: string, to: string): Promise<MonthAggregate[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.territoryPartition(territory), ':from': from, ':to': `${to}#~` },
  });
  return items.map(aggregateFromItem);
}

/** Marks a CAE's month as aggregated (after its items are written): what reports count as closed. */
export async function markMonthAggregated(caeId: string, month: string, territories: number): Promise<void> {
  await db.send(
    new PutCommand({ TableName: tableName, Item: { ...keys.monthAggregated(month, caeId), type: 'MONTH_AGGREGATED', caeId, month, territories } }),
  );
}

/** Every CAE month aggregated from `from` to `to`, federation-wide: one query (a small item per CAE and month). */
export async function aggregatedMonths(from: string, to: string): Promise<{ caeId: string; month: string }[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.monthAggregated(from, '').PK, ':from': from, ':to': `${to}#~` },
    ProjectionExpression: 'caeId, #month',
    ExpressionAttributeNames: { '#month': 'month' },
  });
  return items.map((item) => ({ caeId: item.caeId as string, month: item.month as string }));
}

/** The aggregates of one territory and month for the given CAEs (those that have one), by CAE id. */
export async function aggregatesOfCaes(territory: string, month: string, caeIds: readonly string[]): Promise<Map<string, MonthAggregate>> {
  const items = await batchGet(caeIds.map((caeId) => keys.territoryAggregate(territory, month, caeId)));
  return new Map(items.map(aggregateFromItem).map((a) => [a.caeId, a]));
}
