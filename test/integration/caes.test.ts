import { describe, expect, it } from 'vitest';
import { handler as createCae } from '../../functions/caes/createCae.js';
import { handler as getCae } from '../../functions/caes/getCae.js';
import { handler as listCaes } from '../../functions/caes/listCaes.js';
import { handler as putSettings } from '../../functions/caes/putSettings.js';
import { aCae } from '../support/builders.js';
import { admin, event, invoke, staffOf } from '../support/events.js';

async function newCae(body = aCae()) {
  const reply = await invoke(createCae, event('POST /caes', { caller: admin, body }));
  expect(reply.status).toBe(201);
  return reply.body;
}

describe('CAEs on DynamoDB', () => {
  it('creates a CAE with the default 10% contribution policy', async () => {
    const cae = await newCae();
    expect(cae.contributionPolicy).toEqual({ kind: 'flat', rate: '0.10', base: 'revenue' });
    expect(cae.settings).toEqual({ requireConventionBeforeContract: true });
    const read = await invoke(getCae, event('GET /caes/{caeId}', { caller: admin, pathParameters: { caeId: cae.id } }));
    expect(read.body).toEqual(cae);
  });

  it('keeps the contribution policy given at creation', async () => {
    const policy = { kind: 'tiered', brackets: [{ upTo: '35000.00', rate: '0.10' }, { upTo: null, rate: '0.08' }] };
    const cae = await newCae(aCae({ contributionPolicy: policy }));
    expect(cae.contributionPolicy).toEqual(policy);
  });

  it('refuses a tiered policy whose brackets do not ascend, naming the field', async () => {
    const policy = { kind: 'tiered', brackets: [{ upTo: '45000.00', rate: '0.10' }, { upTo: '35000.00', rate: '0.08' }, { upTo: null, rate: '0.06' }] };
    const reply = await invoke(createCae, event('POST /caes', { caller: admin, body: aCae({ contributionPolicy: policy }) }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toMatch(/^body\.contributionPolicy\.brackets/);
  });

  it('lets staff read their own CAE and answers 404 for another one', async () => {
    const own = await newCae();
    const other = await newCae();
    const mine = await invoke(getCae, event('GET /caes/{caeId}', { caller: staffOf(own.id), pathParameters: { caeId: own.id } }));
    expect(mine.status).toBe(200);
    const theirs = await invoke(getCae, event('GET /caes/{caeId}', { caller: staffOf(own.id), pathParameters: { caeId: other.id } }));
    expect(theirs.status).toBe(404);
    expect(theirs.headers['content-type']).toBe('application/problem+json');
  });

  it('lists only their own CAE to staff', async () => {
    const own = await newCae();
    await newCae();
    const reply = await invoke(listCaes, event('GET /caes', { caller: staffOf(own.id) }));
    expect(reply.body.items.map((c: { id: string }) => c.id)).toEqual([own.id]);
  });

  it('pages through every CAE for the federation with a cursor', async () => {
    for (let i = 0; i < 3; i++) await newCae();
    const first = await invoke(listCaes, event('GET /caes', { caller: admin, query: { limit: '2' } }));
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await invoke(listCaes, event('GET /caes', { caller: admin, query: { limit: '2', cursor: first.body.nextCursor } }));
    const ids = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses a cursor forged for another partition', async () => {
    const forged = Buffer.from(JSON.stringify({ GSI1PK: 'CAE#X#ENTS', GSI1SK: 'x', PK: 'x', SK: 'x' })).toString('base64url');
    const reply = await invoke(listCaes, event('GET /caes', { caller: admin, query: { cursor: forged } }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('query.cursor');
  });

  it('changes the convention-required setting', async () => {
    const cae = await newCae();
    const reply = await invoke(
      putSettings,
      event('PUT /caes/{caeId}/settings', { caller: staffOf(cae.id), pathParameters: { caeId: cae.id }, body: { requireConventionBeforeContract: false } }),
    );
    expect(reply.status).toBe(200);
    expect(reply.body.settings.requireConventionBeforeContract).toBe(false);
  });

  it('does not let staff create a CAE (403)', async () => {
    const cae = await newCae();
    const reply = await invoke(createCae, event('POST /caes', { caller: staffOf(cae.id), body: aCae() }));
    expect(reply.status).toBe(403);
  });
});
