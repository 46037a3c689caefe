/**
 * Opaque list cursors: the DynamoDB LastEvaluatedKey of one query, signed.
 *
 * A cursor is `<payload>.<mac>`: the key as base64url JSON, and an HMAC-SHA256 (truncated to 128 bits) over
 * the payload and the list it belongs to (the index queried and the partition). So a cursor cannot be forged,
 * nor replayed on another list or another tenant's partition: the MAC would not match. The decoded key is still
 * checked against the exact key attributes of the table or index queried, in the caller's partition, so that
 * nothing but a well-formed ExclusiveStartKey ever reaches DynamoDB (a malformed one is a ValidationException,
 * which would be a 500). Anything else is a 400 naming `query.cursor`.
 *
 * The key: `CURSOR_SECRET` (on AWS, set by the CDK from a generated Secrets Manager secret); locally, when it
 * is not set, derived from `LOCAL_JWT_SECRET` (or the local default), see docs/architecture.md.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from './env.js';
import { ValidationFailed } from './errors.js';

export type Key = Record<string, string>;

/** Which list a cursor belongs to: the index queried (none: the table) and the partition of the query. */
export interface CursorScope {
  index?: string | undefined;
  partitionAttribute: string;
  partition: string;
}

/** The local fallback of the secret: only in local mode (a DynamoDB endpoint is set), never on AWS (env.ts). */
const LOCAL_DEFAULT_SECRET = 'local-dev-secret';
const cursorKey: Buffer = env.CURSOR_SECRET
  ? Buffer.from(env.CURSOR_SECRET, 'utf8')
  : createHmac('sha256', env.LOCAL_JWT_SECRET ?? LOCAL_DEFAULT_SECRET).update('cae-list-cursors').digest();

const MAC_BYTES = 16;
/** Longer than any key this table holds; a cursor beyond it was not made here. */
const MAX_ATTRIBUTE_LENGTH = 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The key attributes of a query's LastEvaluatedKey: the table's (`PK`, `SK`), plus the index's own
 * (`GSI1PK`, `GSI1SK`) for a query on an index (the generic names of the data stack).
 */
export function keyAttributesOf(index: string | undefined): string[] {
  return index ? ['PK', 'SK', `${index}PK`, `${index}SK`] : ['PK', 'SK'];
}

function mac(scope: CursorScope, payload: string): Buffer {
  return createHmac('sha256', cursorKey)
    .update(`${scope.index ?? 'table'}\n${scope.partition}\n${payload}`)
    .digest()
    .subarray(0, MAC_BYTES);
}

/** The 400 of a cursor this list did not issue. */
export function invalidCursor(): ValidationFailed {
  return new ValidationFailed('The cursor is not valid for this list.', [{ path: 'query.cursor', message: 'is not a cursor of this list' }]);
}

/** The cursor of the next page, or null on the last page. */
export function encodeCursor(key: Record<string, unknown> | undefined, scope: CursorScope): string | null {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  return `${payload}.${mac(scope, payload).toString('base64url')}`;
}

/** The ExclusiveStartKey a cursor stands for, or a 400 unless this very list issued it. */
export function decodeCursor(cursor: string | undefined, scope: CursorScope): Key | undefined {
  if (cursor === undefined) return undefined;
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length > 0 || !BASE64URL.test(payload) || !BASE64URL.test(signature)) throw invalidCursor();
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(scope, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!isKeyOf(decoded, scope)) throw invalidCursor();
  return decoded;
}

/** Exactly the key attributes of the table or index queried, strings, in the partition queried. */
function isKeyOf(value: unknown, scope: CursorScope): value is Key {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const expected = keyAttributesOf(scope.index);
  const names = Object.keys(value);
  if (names.length !== expected.length || !expected.every((name) => Object.hasOwn(value, name))) return false;
  const record = value as Record<string, unknown>;
  const wellFormed = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= MAX_ATTRIBUTE_LENGTH;
  if (!expected.every((name) => wellFormed(record[name]))) return false;
  return record[scope.partitionAttribute] === scope.partition;
}

/** Every item of a paged list, page after page (for the workflow and tools, which want whole lists). */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    all.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
