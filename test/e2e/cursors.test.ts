/**
 * List cursors over real HTTP: a cursor is accepted only from the very list that issued it. A forged one, of any
 * shape, signed or not, or another list's or another CAE's, is a 400 naming `query.cursor`, never a 500
 * (DynamoDB answers a malformed ExclusiveStartKey with a ValidationException).
 *
 * The signed variants are signed with the server's own key (the local key, derived in this process as in the
 * server's): they prove that the shape is checked even behind a valid signature.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayInParis } from '../../functions/shared/clock.js';
import { type CursorScope, encodeCursor } from '../../functions/shared/pagination.js';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, expectProblem, replyLog, startApi, tokenFor } from '../support/localApi.js';

const MONTH = `${Number(todayInParis().slice(0, 4)) - 1}-03`;

let api: LocalApi;
let asAdmin: ReturnType<typeof client>;
let asStaff: ReturnType<typeof client>;
let asOtherStaff: ReturnType<typeof client>;
let caeId: string;
let otherCaeId: string;
let people: string[];
let employeeId: string;
const replies = replyLog();

beforeAll(async () => {
  api = await startApi();
  asAdmin = replies.track(client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' })));
  caeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  otherCaeId = (await asAdmin('POST', '/caes', { body: aCae({ communeCode: '35238' }) })).body.id;
  asStaff = replies.track(client(api.url, await tokenFor({ sub: 'staff', role: 'cae_staff', caeId })));
  asOtherStaff = replies.track(client(api.url, await tokenFor({ sub: 'other-staff', role: 'cae_staff', caeId: otherCaeId })));
  people = [];
  for (let i = 0; i < 3; i++) {
    const welcomedOn = `${Number(MONTH.slice(0, 4)) - 1}-12-01`;
    people.push((await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn }) })).body.id);
    await asOtherStaff('POST', `/caes/${otherCaeId}/entrepreneurs`, { body: aPerson() });
  }
  await asStaff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  employeeId = people[0] as string;
  const year = MONTH.slice(0, 4);
  const contract = await asStaff('POST', `/caes/${caeId}/entrepreneurs/${employeeId}/contract`, {
    body: { signedOn: `${year}-01-01`, startsOn: `${year}-01-01`, fixedMonthlyGross: '0.00' },
  });
  expect(contract.status).toBe(201);
  for (let i = 0; i < 3; i++) {
    const reply = await asStaff('POST', transactions(), {
      body: { type: 'revenue', date: `${MONTH}-1${i}`, amountExclVat: '100.00', vatRate: '0.20', label: `Invoice ${i}` },
      headers: { 'Idempotency-Key': `cursor-test-${i}` },
    });
    expect(reply.status).toBe(201);
  }
});

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

const entrepreneurs = (id = caeId) => `/caes/${id}/entrepreneurs`;
const transactions = () => `/caes/${caeId}/entrepreneurs/${employeeId}/transactions`;
const withCursor = (path: string, cursor: string, more = '') => `${path}?limit=1&cursor=${encodeURIComponent(cursor)}${more}`;

/** The entrepreneurs list: a query on GSI1, partition `CAE#<caeId>#ENTS`. */
const listing = (): CursorScope => ({ index: 'GSI1', partitionAttribute: 'GSI1PK', partition: `CAE#${caeId}#ENTS` });
/** A month's transactions: a query on the table, partition `CAE#<caeId>#ENT#<id>#TX#<month>`. */
const ledger = (): CursorScope => ({ partitionAttribute: 'PK', partition: `CAE#${caeId}#ENT#${employeeId}#TX#${MONTH}` });

/** The key a real page of the entrepreneurs list stops at: the table's keys and GSI1's. */
const listingKey = () => ({
  PK: `CAE#${caeId}#ENT#${people[0]}`,
  SK: 'PROFILE',
  GSI1PK: `CAE#${caeId}#ENTS`,
  GSI1SK: `ENT#${people[0]}`,
});

const unsigned = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The seven shapes of the issue, and a few more: the partition attribute right, the rest of the key not. */
const forgedListingKeys: [string, () => unknown][] = [
  ['the partition attribute alone', () => ({ GSI1PK: listingKey().GSI1PK })],
  ["the index's keys without the table's", () => ({ GSI1PK: listingKey().GSI1PK, GSI1SK: listingKey().GSI1SK })],
  ["the table's keys and the partition, without the index's sort key", () => ({ ...listingKey(), GSI1SK: undefined })],
  ['the partition and the table sort key, without the table partition key', () => ({ ...listingKey(), PK: undefined })],
  ['every key attribute and one more', () => ({ ...listingKey(), extra: 'x' })],
  ["every key attribute and another index's", () => ({ ...listingKey(), GSI2PK: `CAE#${caeId}#STATUS#candidate` })],
  ['a key attribute that is a number', () => ({ ...listingKey(), GSI1SK: 5 })],
  ['a key attribute in DynamoDB typed form', () => ({ ...listingKey(), SK: { S: 'PROFILE' } })],
  ['a key attribute that is empty', () => ({ ...listingKey(), SK: '' })],
  ["another CAE's partition", () => ({ ...listingKey(), GSI1PK: `CAE#${otherCaeId}#ENTS` })],
  ['an array', () => [listingKey()]],
  ['null', () => null],
];

describe('a cursor of the list that issued it', () => {
  it('pages through the list, each item once', async () => {
    const first = await asStaff('GET', `${entrepreneurs()}?limit=2`);
    expect(first.status).toBe(200);
    const second = await asStaff('GET', withCursor(entrepreneurs(), first.body.nextCursor).replace('limit=1', 'limit=2'));
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((e: { id: string }) => e.id);
    expect(ids).toEqual(people);
    expect(second.body.nextCursor).toBeNull();
  });

  it('is accepted when signed by the server for exactly this key and list', async () => {
    const reply = await asStaff('GET', withCursor(entrepreneurs(), encodeCursor(listingKey(), listing()) as string));
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((e: { id: string }) => e.id)).toEqual([people[1]]);
  });
});

describe('a forged entrepreneurs-list cursor (GSI1) is a 400 naming query.cursor', () => {
  for (const [shape, key] of forgedListingKeys) {
    it(`unsigned: ${shape}`, async () => {
      expectProblem(await asStaff('GET', withCursor(entrepreneurs(), unsigned(key()))), 400, { field: 'query.cursor' });
    });
    it(`signed with the server's key: ${shape}`, async () => {
      const cursor = encodeCursor(key() as Record<string, unknown>, listing()) ?? `${unsigned(null)}.x`;
      expectProblem(await asStaff('GET', withCursor(entrepreneurs(), cursor)), 400, { field: 'query.cursor' });
    });
  }
});

describe('a forged transactions cursor (the table) is a 400 naming query.cursor', () => {
  const real = () => ({ PK: ledger().partition, SK: 'TX#01J00000000000000000000000' });
  const shapes: [string, () => Record<string, unknown>][] = [
    ['the partition key alone', () => ({ PK: real().PK })],
    ['the table keys and an index key', () => ({ ...real(), GSI1PK: 'x' })],
    ['the keys of an index query', () => ({ ...real(), GSI1PK: 'x', GSI1SK: 'y' })],
    ['another month', () => ({ ...real(), PK: `CAE#${caeId}#ENT#${employeeId}#TX#${MONTH.slice(0, 5)}04` })],
  ];
  for (const [shape, key] of shapes) {
    it(`signed: ${shape}`, async () => {
      expectProblem(await asStaff('GET', withCursor(transactions(), encodeCursor(key(), ledger()) as string, `&month=${MONTH}`)), 400, {
        field: 'query.cursor',
      });
    });
  }

  it('accepts its real cursor, and the page it gives is the next one', async () => {
    const first = await asStaff('GET', `${transactions()}?month=${MONTH}&limit=2`);
    const second = await asStaff('GET', withCursor(transactions(), first.body.nextCursor, `&month=${MONTH}`));
    expect(second.status).toBe(200);
    expect(second.body.items.map((t: { label: string }) => t.label)).toEqual(['Invoice 2']);
  });
});

describe('a real cursor used elsewhere is a 400', () => {
  it("another CAE's cursor on this CAE's list", async () => {
    const theirs = await asOtherStaff('GET', `${entrepreneurs(otherCaeId)}?limit=1`);
    expect(theirs.body.nextCursor).toEqual(expect.any(String));
    expectProblem(await asStaff('GET', withCursor(entrepreneurs(), theirs.body.nextCursor)), 400, { field: 'query.cursor' });
  });

  it("another list's cursor (transactions) on the entrepreneurs list", async () => {
    const tx = await asStaff('GET', `${transactions()}?month=${MONTH}&limit=1`);
    expectProblem(await asStaff('GET', withCursor(entrepreneurs(), tx.body.nextCursor)), 400, { field: 'query.cursor' });
  });

  it("another month's list", async () => {
    const tx = await asStaff('GET', `${transactions()}?month=${MONTH}&limit=1`);
    const april = `${MONTH.slice(0, 5)}04`;
    expectProblem(await asStaff('GET', withCursor(transactions(), tx.body.nextCursor, `&month=${april}`)), 400, { field: 'query.cursor' });
  });

  it('the CAE list of the federation, replayed on a CAE', async () => {
    const caes = await asAdmin('GET', '/caes?limit=1');
    expectProblem(await asAdmin('GET', withCursor(entrepreneurs(), caes.body.nextCursor)), 400, { field: 'query.cursor' });
  });
});

describe('a tampered cursor is a 400', () => {
  it('with one character of its signature changed', async () => {
    const real = (await asStaff('GET', `${entrepreneurs()}?limit=1`)).body.nextCursor as string;
    const last = real.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${real.slice(0, -2)}${last}${real.slice(-1)}`;
    expect(tampered).not.toBe(real);
    expectProblem(await asStaff('GET', withCursor(entrepreneurs(), tampered)), 400, { field: 'query.cursor' });
  });

  it('with another key under the real signature', async () => {
    const real = (await asStaff('GET', `${entrepreneurs()}?limit=1`)).body.nextCursor as string;
    const signature = real.split('.')[1];
    const key = { ...listingKey(), GSI1SK: `ENT#${people[1]}`, PK: `CAE#${caeId}#ENT#${people[1]}` };
    expectProblem(await asStaff('GET', withCursor(entrepreneurs(), `${unsigned(key)}.${signature}`)), 400, { field: 'query.cursor' });
  });

  it('without its signature', async () => {
    const real = (await asStaff('GET', `${entrepreneurs()}?limit=1`)).body.nextCursor as string;
    expectProblem(await asStaff('GET', withCursor(entrepreneurs(), real.split('.')[0] as string)), 400, { field: 'query.cursor' });
  });
});

describe('garbage is a 400', () => {
  const garbage: [string, string][] = [
    ['not base64', '!!!'],
    ['three parts', 'a.b.c'],
    ['an empty payload', '.abc'],
    ['base64 of something not JSON', `${Buffer.from('{not json').toString('base64url')}.AAAA`],
    ['over-long', 'A'.repeat(4096)],
    ['a control character', 'abc\u0000.def'],
  ];
  for (const [what, cursor] of garbage) {
    it(what, async () => {
      expectProblem(await asStaff('GET', withCursor(entrepreneurs(), cursor)), 400, { field: 'query.cursor' });
    });
  }

  it('the status list refuses a position it never gave', async () => {
    const real = (await asStaff('GET', `${entrepreneurs()}?status=candidate&limit=1`)).body.nextCursor as string;
    expect(real).toMatch(/^\d\./);
    for (const cursor of ['9.', '0.', `9.${real.slice(2)}`, `1.${real.slice(2)}`, real.slice(2)]) {
      expectProblem(await asStaff('GET', withCursor(entrepreneurs(), cursor, '&status=candidate')), 400, { field: 'query.cursor' });
    }
  });
});
