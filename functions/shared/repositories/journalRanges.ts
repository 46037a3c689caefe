/**
 * Gapless ranges of journal numbers (docs/architecture.md "The books"): the typed transactions of an
 * entrepreneur's month are booked together when payroll closes the month, as one batch that takes as many
 * consecutive numbers of the OD journal as it has entries, in one conditional write. A typed transaction has no
 * document of its own to number, and booking each one by itself would queue every request of a CAE on the
 * journal's counter.
 *
 * The protocol is the one of sequences.ts, for a range: the counter (`CAE#<caeId>#BOOKS#RANGE#<journal>` /
 * `YEAR#<yyyy>`) holds the last number given and the batch holding it (its entries, whole), and `done`. Taking
 * a range: read the counter and the batch's binding (`CAE#<caeId>#BOOKS#BATCH#<batchRef>`); bound → finish it
 * again (harmless) and stop; the counter's holder is this batch → finish it; another holder not done → finish
 * it first (roll forward); then advance `last` by the batch's size on condition that it is still what was read,
 * and finish: the entries written (BatchWriteItem, deterministic items), the month totals added once for the
 * batch, the binding written, `done` set. A crash anywhere leaves a state the retry or the next batch completes.
 */
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { db, tableName } from '../dynamo.js';

export interface RangeBatch<E> {
  /** Unique per batch (the entrepreneur and month). */
  batchRef: string;
  entries: E[];
}

export interface RangeRequest<E> {
  caeId: string;
  journal: string;
  fiscalYear: number;
  batch: RangeBatch<E>;
  /** Writes a batch's entries numbered `first`…`first + n − 1`: deterministic, harmless twice. */
  finish: (batch: RangeBatch<E>, first: number) => Promise<void>;
}

const counterKey = (caeId: string, journal: string, fiscalYear: number) => ({ PK: `CAE#${caeId}#BOOKS#RANGE#${journal}`, SK: `YEAR#${fiscalYear}` });
const bindingKey = (caeId: string, batchRef: string) => ({ PK: `CAE#${caeId}#BOOKS#BATCH#${batchRef}`, SK: 'BATCH' });

interface Counter<E> {
  last: number;
  done: boolean;
  holder?: { batch: RangeBatch<E>; first: number };
}

async function complete<E>(request: RangeRequest<E>, batch: RangeBatch<E>, first: number): Promise<void> {
  await request.finish(batch, first);
  await db.send(
    new PutCommand({ TableName: tableName, Item: { ...bindingKey(request.caeId, batch.batchRef), type: 'BOOK_BATCH', journal: request.journal, fiscalYear: request.fiscalYear, first, count: batch.entries.length } }),
  );
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: counterKey(request.caeId, request.journal, request.fiscalYear),
        UpdateExpression: 'SET done = :true',
        ConditionExpression: '#last = :last',
        ExpressionAttributeNames: { '#last': 'last' },
        ExpressionAttributeValues: { ':true': true, ':last': first + batch.entries.length - 1 },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Numbers a batch's entries with consecutive numbers of its journal's year (once: a retry gets the same), and writes them. */
export async function numberRange<E>(request: RangeRequest<E>): Promise<number> {
  const { caeId, journal, fiscalYear, batch } = request;
  if (batch.entries.length === 0) return 0;
  for (let attempt = 0; attempt < 200; attempt++) {
    const [counterOut, bindingOut] = await Promise.all([
      db.send(new GetCommand({ TableName: tableName, Key: counterKey(caeId, journal, fiscalYear), ConsistentRead: true })),
      db.send(new GetCommand({ TableName: tableName, Key: bindingKey(caeId, batch.batchRef), ConsistentRead: true })),
    ]);
    // Bound: finished before its binding was written (what it wrote stays; the entries are never rewritten).
    if (bindingOut.Item) return bindingOut.Item.first as number;
    const counter: Counter<E> = counterOut.Item
      ? { last: counterOut.Item.last as number, done: counterOut.Item.done === true, ...(counterOut.Item.holder ? { holder: counterOut.Item.holder as Counter<E>['holder'] } : {}) }
      : { last: 0, done: true };
    if (counter.holder && counter.holder.batch.batchRef === batch.batchRef) {
      await complete(request, counter.holder.batch, counter.holder.first);
      return counter.holder.first;
    }
    if (counter.holder && !counter.done) await complete(request, counter.holder.batch, counter.holder.first);
    const first = counter.last + 1;
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: counterKey(caeId, journal, fiscalYear),
          UpdateExpression: 'SET #type = :type, #last = :last, holder = :holder, done = :false',
          ConditionExpression: counterOut.Item ? '#last = :read' : 'attribute_not_exists(PK)',
          ExpressionAttributeNames: { '#type': 'type', '#last': 'last' },
          ExpressionAttributeValues: {
            ':type': 'BOOK_RANGE_COUNTER',
            ':last': counter.last + batch.entries.length,
            ':holder': { batch, first },
            ':false': false,
            ...(counterOut.Item ? { ':read': counter.last } : {}),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        await new Promise((r) => setTimeout(r, 2 + Math.floor(Math.random() * 10)));
        continue;
      }
      throw error;
    }
    await complete(request, batch, first);
    return first;
  }
  throw new Error(`journal ${journal} ${fiscalYear}: too many concurrent batches`);
}

/** Puts items in chunks of 25 (BatchWriteItem), retrying what DynamoDB leaves unprocessed. */
export async function putAll(items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept batch writes unprocessed');
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 20));
    }
  }
}

/** The counter item a bulk loader writes after loading `last` entries of a journal's year (the benchmark). */
export function rangeCounterItem(caeId: string, journal: string, fiscalYear: number, last: number) {
  return { ...counterKey(caeId, journal, fiscalYear), type: 'BOOK_RANGE_COUNTER', last, done: true };
}
