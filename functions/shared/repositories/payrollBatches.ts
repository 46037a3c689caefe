/**
 * The plan of a payroll run: the run item (status, months it closes) and its batches of ≤ 100 entrepreneurs,
 * written when the run opens. The Distributed Map hands each child the number of one batch, so no state
 * carries a list of entrepreneurs, whatever the CAE's size.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../dynamo.js';
import * as keys from '../keys.js';
import type { PayrollRun } from './payrollRuns.js';

/** What a batch needs of an entrepreneur, read once when the run opens. */
export interface PlannedEntrepreneur {
  id: string;
  communeCode: string;
  /** The CESA's fixed monthly gross in the paid month; null: no payslip (supported, or no CESA that month). */
  fixedMonthlyGross: string | null;
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

export async function updateRun(caeId: string, month: string, fields: Partial<PayrollRun>): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(fields).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:v${i}`] = value;
    return `#f${i} = :v${i}`;
  });
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.payrollRun(caeId, month),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ConditionExpression: 'attribute_exists(PK)',
    }),
  );
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
