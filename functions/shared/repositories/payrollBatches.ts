/**
 * The plan of a payroll run: the run item (status, months it closes) and its batches of ≤ 100 entrepreneurs,
 * written when the run opens. The Distributed Map hands each child the number of one batch, so no state
 * carries a list of entrepreneurs, whatever the CAE's size.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryAll, tableName } from '../dynamo.js';
import * as keys from '../keys.js';
import type { PayrollRun, RunFailure, UnpaidEntrepreneur } from './payrollRuns.js';

/** What a batch needs of an entrepreneur, read once when the run opens. */
export interface PlannedEntrepreneur {
  id: string;
  communeCode: string;
  /** The CESA's fixed monthly gross in the paid month; null: no payslip (supported, or no CESA that month). */
  fixedMonthlyGross: string | null;
  /** Set when the previous run could not pay this person: their months wait for that run to pay them first. */
  unpaidIn?: string;
}

export const BATCH_SIZE = 100;

/** Creates the run item unless it exists; returns the stored run either way. */
export async function openRunItem(run: PayrollRun & { months: string[] }): Promise<PayrollRun & { months: string[] }> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.payrollRun(run.caeId, run.month), type: 'RUN', ...run },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return run;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.payrollRun(run.caeId, run.month), ConsistentRead: true }));
    const { PK, SK, type, ...stored } = out.Item as Record<string, unknown>;
    return stored as unknown as PayrollRun & { months: string[] };
  }
}

/** Sets `fields` on the run (and removes `remove`); the run must exist. */
export async function updateRun(caeId: string, month: string, fields: Partial<PayrollRun>, remove: (keyof PayrollRun)[] = []): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(fields).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:v${i}`] = value;
    return `#f${i} = :v${i}`;
  });
  const removes = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.payrollRun(caeId, month),
      UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
      ExpressionAttributeNames: names,
      ...(sets.length ? { ExpressionAttributeValues: values } : {}),
      ConditionExpression: 'attribute_exists(PK)',
    }),
  );
}

async function conditionally(update: () => Promise<unknown>): Promise<boolean> {
  try {
    await update();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Hands a running run whose execution is gone to a new execution, unless another request did it first
 * (compare-and-set on the execution ARN): of concurrent resumptions, one starts an execution.
 */
export function claimRun(caeId: string, month: string, from: string | undefined, to: string, at: string): Promise<boolean> {
  return conditionally(() =>
    db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.payrollRun(caeId, month),
        UpdateExpression: 'SET executionArn = :to, heartbeatAt = :at',
        ConditionExpression: `#status = :running AND ${from ? 'executionArn = :from' : 'attribute_not_exists(executionArn)'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':to': to, ':at': at, ':running': 'running', ...(from ? { ':from': from } : {}) },
      }),
    ),
  );
}

/**
 * Marks a running run failed with its reason, only if `executionArn` (when given) is still the run's
 * execution: a late report of an execution that was replaced never fails the run that replaced it.
 * Returns false when there was nothing to mark (no run, not running, another execution's).
 */
export function failRun(caeId: string, month: string, failure: RunFailure, executionArn?: string): Promise<boolean> {
  return conditionally(() =>
    db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.payrollRun(caeId, month),
        UpdateExpression: 'SET #status = :failed, failure = :failure',
        ConditionExpression: `#status = :running${executionArn ? ' AND (attribute_not_exists(executionArn) OR executionArn = :arn)' : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':failed': 'failed', ':running': 'running', ':failure': failure, ...(executionArn ? { ':arn': executionArn } : {}) },
      }),
    ),
  );
}

/** A step of the run's execution reports progress. */
export async function beatRun(caeId: string, month: string, at: string): Promise<void> {
  await updateRun(caeId, month, { heartbeatAt: at });
}

/** Writes the batches (25 per request, as BatchWriteItem allows); deterministic, so rewriting is harmless. */
export async function writeBatches(caeId: string, month: string, batches: PlannedEntrepreneur[][]): Promise<void> {
  const items = batches.map((entrepreneurs, batch) => ({
    PutRequest: { Item: { ...keys.payrollBatch(caeId, month, batch), type: 'BATCH', entrepreneurs } },
  }));
  for (let i = 0; i < items.length; i += 25) {
    let requests: typeof items | undefined = items.slice(i, i + 25);
    for (let attempt = 0; requests && requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept batch writes unprocessed');
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = out.UnprocessedItems?.[tableName] as typeof items | undefined;
      if (requests?.length) await new Promise((r) => setTimeout(r, 2 ** attempt * 20));
    }
  }
}

export async function readBatch(caeId: string, month: string, batch: number): Promise<PlannedEntrepreneur[]> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.payrollBatch(caeId, month, batch) }));
  if (!out.Item) throw new Error(`No batch ${batch} for ${caeId} ${month}`);
  return out.Item.entrepreneurs as PlannedEntrepreneur[];
}

/** Records who a batch could not pay (replacing what an earlier attempt of the batch recorded). */
export async function recordBatchUnpaid(caeId: string, month: string, batch: number, unpaid: UnpaidEntrepreneur[]): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.payrollBatch(caeId, month, batch),
      UpdateExpression: 'SET unpaid = :unpaid',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':unpaid': unpaid },
    }),
  );
}

/**
 * Everyone the run's `batches` batches could not pay: one query on the run's partition, the batches'
 * `unpaid` only (a batch numbered beyond the current plan belongs to an older plan and is ignored).
 */
export async function unpaidOfRun(caeId: string, month: string, batches: number): Promise<UnpaidEntrepreneur[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :last',
    ExpressionAttributeValues: {
      ':pk': keys.payrollRun(caeId, month).PK,
      ':first': keys.payrollBatch(caeId, month, 0).SK,
      ':last': keys.payrollBatch(caeId, month, Math.max(batches - 1, 0)).SK,
    },
    ProjectionExpression: 'unpaid',
  });
  if (batches === 0) return [];
  return items.flatMap((item) => (item.unpaid as UnpaidEntrepreneur[] | undefined) ?? []).sort((a, b) => a.entrepreneurId.localeCompare(b.entrepreneurId));
}
