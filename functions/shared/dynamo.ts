/**
 * The DynamoDB document client, built once per Lambda at module scope, and one more per tenant when requests are
 * confined to their CAE by IAM (tenantScope.ts): `db.send` picks the client of the current request.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
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
