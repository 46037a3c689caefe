/**
 * The ledger of activity accounts: immutable entries (domain/activityAccount `Transaction`), one partition per
 * entrepreneur and month (`CAE#<caeId>#ENT#<id>#TX#<YYYY-MM>`, SK `TX#<ulid>`), so that a month's entries are
 * read with one query. An entry is never updated or deleted; a correction is a reversing entry.
 *
 * Beside each entry, under the entrepreneur's partition (`CAE#<caeId>#ENT#<id>`):
 * - `TXLOC#<txId>`: the entry's month, so that an entry is found by id with two reads;
 * - `TXMONTH#<YYYY-MM>`: the months that have entries, so that an account read skips empty months;
 * - `REVERSAL#<txId>`: the one reversal an entry may have (a conditional write).
 * These are written before the entry itself, so that every visible entry can be found and reversed; all
 * writes are single-item and repeatable (the id comes from the idempotency claim), never a transaction.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Transaction } from '../../../domain/activityAccount/index.js';
import { db, queryAll, queryPage, tableName } from '../dynamo.js';
import * as keys from '../keys.js';

/** A ledger entry as stored and shown: the domain's transaction, whose account, and when it was recorded. */
export type LedgerEntry = Transaction & {
  readonly entrepreneurId: string;
  readonly recordedAt: string;
};

function toItem(caeId: string, entry: LedgerEntry) {
  // `type` is the entry's own field (revenue | expense), so the entity is named by `entity` here.
  return { ...keys.ledgerEntry(caeId, entry.entrepreneurId, entry.month, entry.id), entity: 'TX', ...entry };
}

function fromItem(item: Record<string, unknown>): LedgerEntry {
  const { PK, SK, entity, ...rest } = item;
  return rest as unknown as LedgerEntry;
}

async function getEntry(caeId: string, entrepreneurId: string, month: string, id: string): Promise<LedgerEntry | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.ledgerEntry(caeId, entrepreneurId, month, id), ConsistentRead: true }),
  );
  return out.Item ? fromItem(out.Item) : undefined;
}

/**
 * Appends an entry (and its locator and month index). Writing the same id again writes nothing new and
 * returns the entry stored first: a retried request finishes the work, it never duplicates it.
 */
export async function appendEntry(caeId: string, entry: LedgerEntry): Promise<LedgerEntry> {
  const { entrepreneurId, month, id } = entry;
  await Promise.all([
    db.send(new PutCommand({ TableName: tableName, Item: { ...keys.ledgerActiveMonth(caeId, entrepreneurId, month), type: 'TXMONTH', month } })),
    db.send(new PutCommand({ TableName: tableName, Item: { ...keys.ledgerLocator(caeId, entrepreneurId, id), type: 'TXLOC', month } })),
  ]);
  try {
    await db.send(new PutCommand({ TableName: tableName, Item: toItem(caeId, entry), ConditionExpression: 'attribute_not_exists(PK)' }));
    return entry;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const stored = await getEntry(caeId, entrepreneurId, month, id);
    if (!stored) throw error;
    return stored;
  }
}

/** An entry of this entrepreneur by id; undefined for an unknown id or another entrepreneur's or CAE's entry. */
export async function findEntry(caeId: string, entrepreneurId: string, id: string): Promise<LedgerEntry | undefined> {
  const locator = await db.send(new GetCommand({ TableName: tableName, Key: keys.ledgerLocator(caeId, entrepreneurId, id), ConsistentRead: true }));
  const month = locator.Item?.month;
  return typeof month === 'string' ? getEntry(caeId, entrepreneurId, month, id) : undefined;
}

/** The id of the entry that reverses `originalId`, if it has one. */
export async function reversalOf(caeId: string, entrepreneurId: string, originalId: string): Promise<string | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.ledgerReversal(caeId, entrepreneurId, originalId), ConsistentRead: true }));
  const reversalId = out.Item?.reversalId;
  return typeof reversalId === 'string' ? reversalId : undefined;
}

/**
 * Reserves the one reversal of `originalId` for `reversalId`. False when another reversal holds it; true when
 * this one does (also when it already did: a retry of the same request).
 */
export async function reserveReversal(caeId: string, entrepreneurId: string, originalId: string, reversalId: string): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.ledgerReversal(caeId, entrepreneurId, originalId), type: 'REVERSAL', originalId, reversalId },
        ConditionExpression: 'attribute_not_exists(PK) OR reversalId = :mine',
        ExpressionAttributeValues: { ':mine': reversalId },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** One page of a month's entries, in the order they were recorded. */
export async function listEntries(
  caeId: string,
  entrepreneurId: string,
  month: string,
  limit: number,
  cursor?: string,
): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
  const partition = keys.ledgerMonthPartition(caeId, entrepreneurId, month);
  const page = await queryPage(
    { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :tx)', ExpressionAttributeValues: { ':pk': partition, ':tx': 'TX#' } },
    { attribute: 'PK', value: partition },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}

/** Every entry dated in a month: one query on the month's partition (paged by DynamoDB's 1 MB, not by us). */
export async function entriesOfMonth(caeId: string, entrepreneurId: string, month: string): Promise<LedgerEntry[]> {
  const partition = keys.ledgerMonthPartition(caeId, entrepreneurId, month);
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :tx)',
    ExpressionAttributeValues: { ':pk': partition, ':tx': 'TX#' },
    ConsistentRead: true,
  });
  return items.map(fromItem);
}

/** The months from `from` to `to` (inclusive) in which the entrepreneur has entries, oldest first. */
export async function monthsWithEntries(caeId: string, entrepreneurId: string, from: string, to: string): Promise<string[]> {
  const { PK } = keys.ledgerActiveMonth(caeId, entrepreneurId, from);
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': PK,
      ':from': keys.ledgerActiveMonth(caeId, entrepreneurId, from).SK,
      ':to': keys.ledgerActiveMonth(caeId, entrepreneurId, to).SK,
    },
    ProjectionExpression: '#month',
    ExpressionAttributeNames: { '#month': 'month' },
    ConsistentRead: true,
  });
  return items.flatMap((item) => (typeof item.month === 'string' ? [item.month] : []));
}
