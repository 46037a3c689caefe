/**
 * Sums kept by DynamoDB `ADD` are exact decimal numbers (38 digits), but the document client reads numbers as
 * JavaScript numbers, which would round a large sum of cents. The items that hold sums are therefore read with
 * the low-level commands and converted here, every number as its decimal string.
 */
import { type AttributeValue, type DynamoDBClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../dynamo.js';

export type ExactValue = string | boolean | null | string[] | ExactValue[] | { [name: string]: ExactValue };

/** One attribute value, numbers as decimal strings and sets as sorted arrays. */
export function exactValue(value: AttributeValue): ExactValue {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return value.N;
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.SS !== undefined) return [...value.SS].sort();
  if (value.NS !== undefined) return [...value.NS];
  if (value.L !== undefined) return value.L.map(exactValue);
  if (value.M !== undefined) return exactItem(value.M);
  throw new TypeError('an attribute type the aggregates never store');
}

/** An item read with a low-level command, numbers as decimal strings. */
export function exactItem(item: Record<string, AttributeValue>): { [name: string]: ExactValue } {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, exactValue(value)]));
}

/** A decimal string as a DynamoDB number, written exactly (never through a JavaScript number). */
export const exactNumber = (decimal: string) => NumberValue.from(decimal);

/**
 * Every item of a low-level query (all its pages), numbers as decimal strings: the exact counterpart of
 * dynamo.ts `queryAll` for the items that hold sums.
 */
export async function exactQueryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<{ [name: string]: ExactValue }[]> {
  const send = db.send as unknown as DynamoDBClient['send'];
  const items: { [name: string]: ExactValue }[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await send(new QueryCommand({ ...input, TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const raw of out.Items ?? []) items.push(exactItem(raw));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
