/**
 * Which key signs list cursors (functions/shared/pagination.ts): CURSOR_SECRET when set, required outside local
 * mode (a Lambda without it fails its cold start, not its first list); locally, a key derived from the local
 * token secret, so that `npm start` needs no more configuration.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const scope = { index: 'GSI1', partitionAttribute: 'GSI1PK', partition: 'FED#CAES' };
const key = { PK: 'CAE#A', SK: 'CAE', GSI1PK: 'FED#CAES', GSI1SK: 'CAE#A' };

async function pagination(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  return import('../../../functions/shared/pagination.js');
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the cursor key', () => {
  it('is required outside local mode', async () => {
    await expect(pagination({ DYNAMODB_ENDPOINT: undefined, CURSOR_SECRET: undefined })).rejects.toThrow(/CURSOR_SECRET/);
  });

  it('must be long enough to be a key', async () => {
    await expect(pagination({ DYNAMODB_ENDPOINT: undefined, CURSOR_SECRET: 'short' })).rejects.toThrow(/CURSOR_SECRET/);
  });

  it('signs with CURSOR_SECRET when set: a cursor of another deployment is refused', async () => {
    const one = await pagination({ CURSOR_SECRET: 'a'.repeat(32) });
    const cursor = one.encodeCursor(key, scope) as string;
    expect(one.decodeCursor(cursor, scope)).toEqual(key);
    const other = await pagination({ CURSOR_SECRET: 'b'.repeat(32) });
    expect(() => other.decodeCursor(cursor, scope)).toThrow('The cursor is not valid for this list.');
  });

  it('is derived from LOCAL_JWT_SECRET locally, so that another local secret gives other cursors', async () => {
    const one = await pagination({ CURSOR_SECRET: undefined, LOCAL_JWT_SECRET: 'one' });
    const cursor = one.encodeCursor(key, scope) as string;
    const same = await pagination({ CURSOR_SECRET: undefined, LOCAL_JWT_SECRET: 'one' });
    expect(same.decodeCursor(cursor, scope)).toEqual(key);
    const other = await pagination({ CURSOR_SECRET: undefined, LOCAL_JWT_SECRET: 'two' });
    expect(() => other.decodeCursor(cursor, scope)).toThrow('The cursor is not valid for this list.');
  });
});
