/**
 * Idempotency records in the single table (docs/api.md "Conventions": `Idempotency-Key`). One item per
 * (account, caller, key) under `CAE#<caeId>#IDEMPOTENCY#<scope>#<hash>`; every write is a
 * single-item conditional write, so concurrent requests with the same key race on one item and one wins.
 * functions/shared/idempotency.ts holds the protocol; this module only stores.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../dynamo.js';
import * as keys from '../keys.js';

export interface IdempotencyKeyRef {
  caeId: string;
  /** An entrepreneur's id, or a CAE-level scope such as `grants`. */
  scope: string;
  /** sha256 of the caller and the header value. */
  scopeHash: string;
}

export interface IdempotencyRecord {
  /** sha256 of the route, its path parameters and the validated body. */
  fingerprint: string;
  status: 'in_progress' | 'completed';
  /** The id of the record the request creates, chosen when the key is first claimed and kept on takeover. */
  resourceId: string;
  /** Who holds the claim now: only they may complete or release it. */
  claimToken: string;
  /** Epoch ms after which a claim still in progress is deemed abandoned (a crashed Lambda) and may be taken over. */
  leaseUntil: number;
  responseStatus?: number;
  /** The first response's body, exactly as sent. */
  responseBody?: string;
  createdAt: string;
  /** Epoch seconds: for a TTL on the table (not configured yet; dynalite has no TTL). */
  expiresAt: number;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

function fromItem(item: Record<string, unknown>): IdempotencyRecord {
  const { PK, SK, type, ...rest } = item;
  return rest as unknown as IdempotencyRecord;
}

/** Writes a new claim unless the key already has a record; false when it has. */
export async function putNewClaim(ref: IdempotencyKeyRef, record: IdempotencyRecord): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.idempotencyRecord(ref.caeId, ref.scope, ref.scopeHash), type: 'IDEMPOTENCY', ...record },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The key's record, read strongly consistent (a claim just written must be seen). */
export async function findRecord(ref: IdempotencyKeyRef): Promise<IdempotencyRecord | undefined> {
  const out = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.idempotencyRecord(ref.caeId, ref.scope, ref.scopeHash), ConsistentRead: true }),
  );
  return out.Item ? fromItem(out.Item) : undefined;
}

/** Takes over an abandoned claim, if it is still the one that was read (same token, still in progress). */
export async function takeOverClaim(ref: IdempotencyKeyRef, record: IdempotencyRecord, previousToken: string): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.idempotencyRecord(ref.caeId, ref.scope, ref.scopeHash), type: 'IDEMPOTENCY', ...record },
        ConditionExpression: 'claimToken = :previous AND #status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':previous': previousToken, ':inProgress': 'in_progress' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Stores the response of the request that holds the claim; false if the claim was lost meanwhile. */
export async function completeClaim(ref: IdempotencyKeyRef, claimToken: string, status: number, body: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.idempotencyRecord(ref.caeId, ref.scope, ref.scopeHash),
        UpdateExpression: 'SET #status = :completed, responseStatus = :code, responseBody = :body',
        ConditionExpression: 'claimToken = :token AND #status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':completed': 'completed', ':code': status, ':body': body, ':token': claimToken, ':inProgress': 'in_progress' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Ends a claim's lease now, keeping its record id: after a failure mid-way, the next request with the same
 * key takes the claim over at once and finishes the work under the same id.
 */
export async function expireClaim(ref: IdempotencyKeyRef, claimToken: string): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.idempotencyRecord(ref.caeId, ref.scope, ref.scopeHash),
        UpdateExpression: 'SET leaseUntil = :now',
        ConditionExpression: 'claimToken = :token AND #status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':now': 0, ':token': claimToken, ':inProgress': 'in_progress' },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Frees the key after a refused request, so that the same key may be tried again. */
export async function releaseClaim(ref: IdempotencyKeyRef, claimToken: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName,
        Key: keys.idempotencyRecord(ref.caeId, ref.scope, ref.scopeHash),
        ConditionExpression: 'claimToken = :token AND #status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':token': claimToken, ':inProgress': 'in_progress' },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
