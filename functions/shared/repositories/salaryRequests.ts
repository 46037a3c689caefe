/**
 * Salary requests: the most an entrepreneur wants paid in a month (PUT …/salary-request), one item per
 * entrepreneur and month under keys.salaryRequest. The monthly workflow (functions/payroll/workflow/payBatch.ts)
 * reads the item's `maxGross` when it pays that month. A plain put: the last request wins.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../dynamo.js';
import * as keys from '../keys.js';

export interface SalaryRequest {
  caeId: string;
  entrepreneurId: string;
  /** 'YYYY-MM'. */
  month: string;
  /** A money string, "2500.00". */
  maxGross: string;
  requestedAt: string;
  /** The `sub` of whoever made the request (the entrepreneur, or staff for them). */
  requestedBy: string;
}

export async function putSalaryRequest(request: SalaryRequest): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.salaryRequest(request.caeId, request.entrepreneurId, request.month), type: 'SALARY_REQUEST', ...request },
    }),
  );
}

export async function findSalaryRequest(caeId: string, entrepreneurId: string, month: string): Promise<SalaryRequest | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.salaryRequest(caeId, entrepreneurId, month) }));
  if (!out.Item) return undefined;
  const { PK, SK, type, ...rest } = out.Item;
  return rest as SalaryRequest;
}
