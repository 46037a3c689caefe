/**
 * Activity accounts over real HTTP (the local API Gateway adapter): transactions with Idempotency-Key, the
 * monthly account, contribution policies, and the refusals a client can cause. Nothing here may give a 5xx.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApi } from '../../infra/local/server.js';
import { todayInParis } from '../../functions/shared/clock.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, type HttpReply, startApi, tokenFor, expectProblem as expectProblemReply, replyLog } from '../support/localApi.js';

const Y = Number(todayInParis().slice(0, 4)) - 1;
const MARCH = `${Y}-03`;

let api: LocalApi;
let asStaff: ReturnType<typeof client>;
let asSelf: ReturnType<typeof client>;
let asColleague: ReturnType<typeof client>;
let caeId: string;
let selfId: string;
let colleagueId: string;
const replies = replyLog();
const tracked = replies.track;

async function newEmployee(): Promise<string> {
  const person = await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: `${Y - 1}-12-01` }) });
  const contract = await asStaff('POST', `/caes/${caeId}/entrepreneurs/${person.body.id}/contract`, {
    body: { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' },
  });
  expect(contract.status).toBe(201);
  return person.body.id;
}

beforeAll(async () => {
  api = await startApi();
  const asAdmin = client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' }));
  caeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  asStaff = tracked(client(api.url, await tokenFor({ sub: 'staff', role: 'cae_staff', caeId })));
  await asStaff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  selfId = await newEmployee();
  colleagueId = await newEmployee();
  asSelf = tracked(client(api.url, await tokenFor({ sub: 'self', role: 'entrepreneur', caeId, entrepreneurId: selfId })));
  asColleague = tracked(client(api.url, await tokenFor({ sub: 'colleague', role: 'entrepreneur', caeId, entrepreneurId: colleagueId })));
});

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

function expectProblem(reply: HttpReply, status: number, field?: string) {
  expectProblemReply(reply, status, field ? { field } : {});
}

const tx = (id: string) => `/caes/${caeId}/entrepreneurs/${id}/transactions`;
const post = (c: ReturnType<typeof client>, id: string, body: unknown, key?: string) =>
  c('POST', tx(id), { body, headers: key ? { 'Idempotency-Key': key } : {} });
const revenue = (amountExclVat: string, date = `${MARCH}-10`) => ({ type: 'revenue', date, amountExclVat, vatRate: '0.20', label: 'Invoice' });

async function entryCount(id: string, month = MARCH): Promise<number> {
  return (await asStaff('GET', `${tx(id)}?month=${month}&limit=200`)).body.items.length;
}

describe('an activity account over HTTP', () => {
  it("gives docs/domain.md's example account to the entrepreneur", async () => {
    const id = await newEmployee();
    const self = tracked(client(api.url, await tokenFor({ sub: `e-${id}`, role: 'entrepreneur', caeId, entrepreneurId: id })));
    expect((await post(self, id, revenue('5000.00'), 'e2e-r1')).status).toBe(201);
    const expense = { type: 'expense', date: `${MARCH}-20`, amountExclVat: '600.00', vatRate: '0.20', label: 'Rent' };
    expect((await post(asStaff, id, expense, 'e2e-e1')).status).toBe(201);
    const reply = await self('GET', `/caes/${caeId}/entrepreneurs/${id}/account?month=${MARCH}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ revenue: '5000.00', contribution: '500.00', expenses: '600.00', envelope: '3900.00', vatCollected: '1000.00', closingBalance: '3900.00' });
  });

  it('replays the first response for a repeated Idempotency-Key, and 409 for the key with another body', async () => {
    const before = await entryCount(selfId);
    const first = await post(asSelf, selfId, revenue('120.00'), 'e2e-replay');
    const again = await post(asSelf, selfId, revenue('120.00'), 'e2e-replay');
    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    expectProblem(await post(asSelf, selfId, revenue('121.00'), 'e2e-replay'), 409);
    expect(await entryCount(selfId)).toBe(before + 1);
  });

  it('applies a tiered policy set by PUT to the account', async () => {
    const id = await newEmployee();
    const policy = { kind: 'tiered', brackets: [{ upTo: '35000.00', rate: '0.10' }, { upTo: '45000.00', rate: '0.08' }, { upTo: null, rate: '0.06' }] };
    // This CAE's other tests read March at the default 10%: the tiered version starts in a later month.
    expect((await asStaff('PUT', `/caes/${caeId}/contribution-policy`, { body: { effectiveFrom: `${Y}-07`, policy } })).status).toBe(200);
    await post(asStaff, id, revenue('33000.00', `${Y}-07-01`), `tier-${id}-1`);
    await post(asStaff, id, revenue('5000.00', `${Y}-08-01`), `tier-${id}-2`);
    const august = await asStaff('GET', `/caes/${caeId}/entrepreneurs/${id}/account?month=${Y}-08`);
    expect(august.body.contribution).toBe('440.00');
  });

  it('reverses a transaction with a new entry that nets it out', async () => {
    const id = await newEmployee();
    const original = (await post(asStaff, id, revenue('400.00'), `rev-${id}`)).body;
    const reversal = await asStaff('POST', `${tx(id)}/${original.id}/reversal`, {
      body: { date: `${MARCH}-11`, reason: 'cancelled' },
      headers: { 'Idempotency-Key': `rev-${id}-undo` },
    });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({ amountExclVat: '-400.00', reverses: original.id });
    const account = await asStaff('GET', `/caes/${caeId}/entrepreneurs/${id}/account?month=${MARCH}`);
    expect(account.body).toMatchObject({ revenue: '0.00', envelope: '0.00' });
  });
});

describe('refusals over HTTP change nothing', () => {
  it('refuses a POST without Idempotency-Key (400)', async () => {
    const before = await entryCount(selfId);
    expectProblem(await post(asSelf, selfId, revenue('10.00')), 400, 'headers.idempotency-key');
    expect(await entryCount(selfId)).toBe(before);
  });

  it('refuses an amount sent as a JSON number (400)', async () => {
    const before = await entryCount(selfId);
    expectProblem(await post(asSelf, selfId, { ...revenue('10.00'), amountExclVat: 10 }, 'e2e-number'), 400, 'body.amountExclVat');
    expect(await entryCount(selfId)).toBe(before);
  });

  it('refuses malformed JSON (400)', async () => {
    const before = await entryCount(selfId);
    expectProblem(await asSelf('POST', tx(selfId), { raw: '{"type": ', headers: { 'Idempotency-Key': 'e2e-raw' } }), 400);
    expect(await entryCount(selfId)).toBe(before);
  });

  it("answers 404 to an entrepreneur who posts on or reads a colleague's account", async () => {
    const before = await entryCount(colleagueId);
    expectProblem(await post(asSelf, colleagueId, revenue('10.00'), 'e2e-other'), 404);
    expectProblem(await asSelf('GET', `/caes/${caeId}/entrepreneurs/${colleagueId}/account?month=${MARCH}`), 404);
    expectProblem(await asSelf('GET', `${tx(colleagueId)}?month=${MARCH}`), 404);
    expect(await entryCount(colleagueId)).toBe(before);
  });

  it("answers 404 to a reversal of a colleague's transaction", async () => {
    const theirs = (await post(asColleague, colleagueId, revenue('10.00'), 'e2e-theirs')).body;
    const before = await entryCount(colleagueId);
    const reply = await asSelf('POST', `${tx(selfId)}/${theirs.id}/reversal`, {
      body: { date: `${MARCH}-12`, reason: 'x' },
      headers: { 'Idempotency-Key': 'e2e-steal' },
    });
    expectProblem(reply, 404);
    expect(await entryCount(colleagueId)).toBe(before);
  });

  it('forbids an entrepreneur from setting the contribution policy (403)', async () => {
    expectProblem(await asSelf('PUT', `/caes/${caeId}/contribution-policy`, { body: { effectiveFrom: `${Y}-09`, policy: { kind: 'flat', rate: '0.01' } } }), 403);
  });
});

describe('the OpenAPI document', () => {
  it('documents the transaction routes and their Idempotency-Key header', async () => {
    const doc = (await client(api.url)('GET', '/openapi.json')).body;
    const postTx = doc.paths['/caes/{caeId}/entrepreneurs/{id}/transactions'].post;
    expect(postTx.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/caes/{caeId}/entrepreneurs/{id}/account', '/caes/{caeId}/contribution-policy']));
  });
});
