/**
 * Opaque list cursors: the DynamoDB LastEvaluatedKey, base64url-encoded. A cursor is only accepted for
 * the partition it came from, so a cursor forged from another tenant's keys cannot reach their items.
 */
import { ValidationFailed } from './errors.js';

export type Key = Record<string, string>;

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

/** Decodes a cursor, checking that its partition attribute equals the partition being queried. */
export function decodeCursor(cursor: string | undefined, partitionAttribute: string, partition: string): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new ValidationFailed('The cursor is not valid for this list.', [{ path: 'query.cursor', message: 'is not a cursor of this list' }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid();
  const entries = Object.entries(decoded);
  if (entries.length > 6 || entries.some(([, v]) => typeof v !== 'string' || v.length > 512)) throw invalid();
  const key = decoded as Key;
  if (key[partitionAttribute] !== partition) throw invalid();
  return key;
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
