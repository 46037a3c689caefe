/**
 * The DynamoDB document client, built once per Lambda at module scope, and one more per tenant when requests are
 * confined to their CAE by IAM (tenantScope.ts): `db.send` picks the client of the current request.
 */
import { type AttributeValue, BatchGetItemCommand, DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { env } from './env.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import { currentTenant } from './tenantScope.js';

const base: DynamoDBClientConfig = {
  region: env.AWS_REGION,
  ...(env.DYNAMODB_ENDPOINT
    ? { endpoint: env.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
};
const translate = { marshallOptions: { removeUndefinedValues: true } };

const functionClient = DynamoDBDocumentClient.from(new DynamoDBClient(base), translate);

/** Clients with tenant-scoped credentials, by CAE id; credentials refresh themselves before they expire. */
const tenantClients = new Map<string, DynamoDBDocumentClient>();
const MAX_TENANT_CLIENTS = 200;

function tenantClient(caeId: string, roleArn: string): DynamoDBDocumentClient {
  let found = tenantClients.get(caeId);
  if (!found) {
    if (tenantClients.size >= MAX_TENANT_CLIENTS) {
      const oldest = tenantClients.keys().next().value as string;
      tenantClients.get(oldest)?.destroy();
      tenantClients.delete(oldest);
    }
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: roleArn, RoleSessionName: `cae-${caeId}`, DurationSeconds: 900, Tags: [{ Key: 'caeId', Value: caeId }] },
      clientConfig: { region: env.AWS_REGION },
    });
    found = DynamoDBDocumentClient.from(new DynamoDBClient({ ...base, credentials }), translate);
    tenantClients.set(caeId, found);
  }
  return found;
}

/** The client for the current request: tenant-scoped when a tenant role is configured and a tenant is set. */
export function clientForCurrentRequest(): DynamoDBDocumentClient {
  const caeId = currentTenant();
  return caeId && env.TENANT_ROLE_ARN ? tenantClient(caeId, env.TENANT_ROLE_ARN) : functionClient;
}

/**
 * What repositories call: `db.send(command)` goes to the current request's client. The middleware stack is the
 * function client's (tests inject faults there; tenant clients exist only on AWS).
 */
export const db = {
  send: ((command: never, ...rest: never[]) => clientForCurrentRequest().send(command, ...rest)) as DynamoDBDocumentClient['send'],
  middlewareStack: functionClient.middlewareStack,
};

export const tableName = env.TABLE_NAME;

/**
 * Every item of one query, following LastEvaluatedKey: DynamoDB pages by 1 MB (or `Limit`), the callers of this
 * want the whole partition range.
 */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * One page of a query on one partition (of the table or of an index), with the API's opaque cursor: a cursor
 * is accepted only from the very list that issued it (signed, and shaped as this query's key: pagination.ts).
 */
export async function queryPage(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  partition: { attribute: string; value: string },
  limit: number,
  cursor: string | undefined,
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const scope = { index: input.IndexName, partitionAttribute: partition.attribute, partition: partition.value };
  const out = await db.send(
    new QueryCommand({
      ...input,
      TableName: tableName,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, scope),
    }),
  );
  return { items: out.Items ?? [], nextCursor: encodeCursor(out.LastEvaluatedKey, scope) };
}

/**
 * An item from DynamoDB's attribute values, as the document client would give it, except that with
 * `exactNumbers` a number stays the decimal string DynamoDB stores (its numbers are exact decimals; a
 * JavaScript number would not be): the ledger keeps money totals as numbers so that ADD can add them.
 */
export function fromAttributeValues(item: Record<string, AttributeValue>, exactNumbers = false): Record<string, unknown> {
  const value = (v: AttributeValue): unknown => {
    if (v.S !== undefined) return v.S;
    if (v.N !== undefined) return exactNumbers ? v.N : Number(v.N);
    if (v.BOOL !== undefined) return v.BOOL;
    if (v.NULL !== undefined) return null;
    if (v.M !== undefined) return fromAttributeValues(v.M, exactNumbers);
    if (v.L !== undefined) return v.L.map(value);
    if (v.SS !== undefined) return new Set(v.SS);
    if (v.NS !== undefined) return new Set(v.NS.map((n) => (exactNumbers ? n : Number(n))));
    if (v.B !== undefined) return v.B;
    if (v.BS !== undefined) return new Set(v.BS);
    throw new TypeError('unknown DynamoDB attribute value');
  };
  return Object.fromEntries(Object.entries(item).map(([name, v]) => [name, value(v)]));
}

/** The primary key of an item of the table. */
export type Key = { PK: string; SK: string };

/** `PK|SK`: how `getMany` returns items. */
export const keyOf = (k: Key) => `${k.PK}|${k.SK}`;

export interface ReadOptions {
  /** Strongly consistent reads (what was just written is seen). */
  consistent?: boolean;
  /** Only these attributes of each item (the keys must be among them for the results to be matched). */
  attributes?: readonly string[];
}

/**
 * Reads many items by key with BatchGetItem (100 keys a request), retrying what DynamoDB leaves unprocessed;
 * returns them by `PK|SK` as DynamoDB's attribute values, so that each caller unmarshalls its own items (the
 * ledger reads its money totals as exact decimals, not as JavaScript numbers).
 */
export async function getManyRaw(keyList: readonly Key[], options: ReadOptions = {}): Promise<Map<string, Record<string, AttributeValue>>> {
  // A projection names every attribute through a placeholder: many attribute names are reserved words.
  const projection = options.attributes
    ? {
        ProjectionExpression: options.attributes.map((_, i) => `#p${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(options.attributes.map((name, i) => [`#p${i}`, name])),
      }
    : {};
  const found = new Map<string, Record<string, AttributeValue>>();
  const unique = [...new Map(keyList.map((k) => [keyOf(k), k])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, AttributeValue>[] = unique.slice(i, i + 100).map((k) => ({ PK: { S: k.PK }, SK: { S: k.SK } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept batch reads unprocessed');
      const out = await db.send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistent ?? false, ...projection } } }) as never);
      const { Responses, UnprocessedKeys } = out as { Responses?: Record<string, Record<string, AttributeValue>[]>; UnprocessedKeys?: Record<string, { Keys?: Record<string, AttributeValue>[] }> };
      for (const item of Responses?.[tableName] ?? []) found.set(`${item.PK?.S}|${item.SK?.S}`, item);
      pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 20));
    }
  }
  return found;
}

/** `getManyRaw`, each item unmarshalled as the document client would. */
export async function getMany(keyList: readonly Key[], options: ReadOptions = {}): Promise<Map<string, Record<string, unknown>>> {
  const raw = await getManyRaw(keyList, options);
  return new Map([...raw].map(([k, item]) => [k, fromAttributeValues(item)]));
}
