/**
 * The rates of tax withheld at source of one entrepreneur (PUT …/tax-withholding): one item under
 * keys.taxWithholding holding every dated version, oldest first, with an optimistic `version`. The monthly
 * workflow (functions/payroll/workflow/payBatch.ts) reads it in its BatchGetItem and takes the version in force
 * in the paid month (domain/payroll taxRateFor); none: the neutral grid.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TaxRateVersion } from '../../../domain/payroll/index.js';
import { db, tableName } from '../dynamo.js';
import * as keys from '../keys.js';
import { ConcurrentChange } from '../optimistic.js';

export interface TaxWithholding {
  caeId: string;
  entrepreneurId: string;
  versions: TaxRateVersion[];
  version: number;
}

/** The versions stored on an item read elsewhere (a BatchGetItem); none when absent. */
export function versionsOf(item: Record<string, unknown> | undefined): TaxRateVersion[] {
  return (item?.versions as TaxRateVersion[] | undefined) ?? [];
}

export async function findTaxWithholding(caeId: string, entrepreneurId: string): Promise<TaxWithholding> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.taxWithholding(caeId, entrepreneurId) }));
  return { caeId, entrepreneurId, versions: versionsOf(out.Item), version: (out.Item?.version as number | undefined) ?? 0 };
}

/** Writes the versions on the condition that nobody wrote since `read` (version 0: not yet written). */
export async function saveTaxWithholding(read: TaxWithholding, versions: TaxRateVersion[]): Promise<TaxWithholding> {
  const next = { ...read, versions, version: read.version + 1 };
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.taxWithholding(read.caeId, read.entrepreneurId), type: 'TAX_WITHHOLDING', ...next },
        ConditionExpression: read.version === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
        ...(read.version === 0 ? {} : { ExpressionAttributeValues: { ':v': read.version } }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChange();
    throw error;
  }
  return next;
}
