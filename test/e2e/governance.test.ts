import { randomUUID } from 'node:crypto';
/**
 * Cooperative governance over real HTTP (the local API Gateway adapter, real tokens): the associates register,
 * an assembly with its frozen electorate, one voice per associate, and a year's surplus under the Scop rules.
 * Nothing here may give a 5xx.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, type HttpReply, startApi, tokenFor, expectProblem as expectProblemReply, replyLog } from '../support/localApi.js';

type Client = ReturnType<typeof client>;

let api: LocalApi;
let asAdmin: Client;
let asStaff: Client;
let caeId: string;
let otherCaeId: string;
const replies = replyLog();
const tracked = replies.track;

async function asEntrepreneur(cae: string, entrepreneurId: string): Promise<Client> {
  return tracked(client(api.url, await tokenFor({ sub: `ent-${entrepreneurId}`, role: 'entrepreneur', caeId: cae, entrepreneurId })));
}

async function ok(reply: Promise<HttpReply>, status = 201) {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

/** A person employed from 2025-03-01 who becomes an associate on `joinedOn` with `capital`, as staff records it. */
async function associate(staff: Client, cae: string, lastName: string, capital: string, joinedOn = '2025-06-01'): Promise<string> {
  const { id } = await ok(staff('POST', `/caes/${cae}/entrepreneurs`, { body: aPerson({ firstName: 'Dominique', lastName }) }));
  const base = `/caes/${cae}/entrepreneurs/${id}`;
  await ok(staff('POST', `${base}/convention`, { body: { signedOn: '2025-01-02', startsOn: '2025-01-02', endsOn: '2025-06-30' } }));
  await ok(staff('POST', `${base}/contract`, { body: { signedOn: '2025-03-01', startsOn: '2025-03-01', fixedMonthlyGross: '1800.00' } }));
  await ok(staff('POST', `${base}/membership`, { body: { effectiveOn: joinedOn, capitalSubscribed: capital } }));
  return id;
}

function expectProblem(reply: HttpReply, status: number, type?: string) {
  expectProblemReply(reply, status, type ? { type } : {});
}

let modest: string;
let wealthy: string;
let outsider: string;

beforeAll(async () => {
  api = await startApi();
  asAdmin = tracked(client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' })));
  caeId = (await ok(asAdmin('POST', '/caes', { body: aCae() }))).id;
  otherCaeId = (await ok(asAdmin('POST', '/caes', { body: aCae() }))).id;
  asStaff = tracked(client(api.url, await tokenFor({ sub: 'staff', role: 'cae_staff', caeId })));
  const otherStaff = tracked(client(api.url, await tokenFor({ sub: 'other-staff', role: 'cae_staff', caeId: otherCaeId })));
  modest = await associate(asStaff, caeId, 'Petit', '20.00');
  wealthy = await associate(asStaff, caeId, 'Grand', '80000.00');
  outsider = await associate(otherStaff, otherCaeId, 'Ailleurs', '100.00');
});

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

describe('the associates register over HTTP', () => {
  it('lists the associates on a date, one vote each', async () => {
    const register = await ok(asStaff('GET', `/caes/${caeId}/associates?asOf=2025-07-01`), 200);
    expect(register.items).toEqual([
      { entrepreneurId: wealthy, name: 'Dominique Grand', since: '2025-06-01', capitalSubscribed: '80000.00', votes: 1 },
      { entrepreneurId: modest, name: 'Dominique Petit', since: '2025-06-01', capitalSubscribed: '20.00', votes: 1 },
    ]);
  });

  it('lists nobody before the first membership', async () => {
    const register = await ok(asStaff('GET', `/caes/${caeId}/associates?asOf=2025-05-31`), 200);
    expect(register.items).toEqual([]);
  });

  it('refuses a request without a token (401)', async () => {
    expectProblem(await client(api.url)('GET', `/caes/${caeId}/associates`), 401);
  });
});

describe('an assembly over HTTP', () => {
  let assemblyId: string;
  beforeAll(async () => {
    const created = await ok(
      asStaff('POST', `/caes/${caeId}/assemblies`, {
        body: { heldOn: '2026-01-15', kind: 'ordinary', resolutions: [{ title: 'Approve the 2025 accounts' }, { title: 'Allocate the 2025 surplus' }] },
      }),
    );
    assemblyId = created.id;
    expect(created.electorate.map((a: { entrepreneurId: string }) => a.entrepreneurId).sort()).toEqual([modest, wealthy].sort());
  });

  it('gives each associate one voice whatever their capital', async () => {
    await ok((await asEntrepreneur(caeId, modest))('POST', `/caes/${caeId}/assemblies/${assemblyId}/votes`, { body: { resolutionId: 'r1', choice: 'for' } }));
    await ok((await asEntrepreneur(caeId, wealthy))('POST', `/caes/${caeId}/assemblies/${assemblyId}/votes`, { body: { resolutionId: 'r1', choice: 'against' } }));
    const read = await ok((await asEntrepreneur(caeId, modest))('GET', `/caes/${caeId}/assemblies/${assemblyId}`), 200);
    expect(read.tallies[0]).toMatchObject({ resolutionId: 'r1', for: 1, against: 1, voters: 2, electorate: 2, outcome: 'rejected' });
  });

  it('refuses a second vote on the same resolution (409)', async () => {
    const voter = await asEntrepreneur(caeId, modest);
    await ok(voter('POST', `/caes/${caeId}/assemblies/${assemblyId}/votes`, { body: { resolutionId: 'r2', choice: 'for' } }));
    expectProblem(await voter('POST', `/caes/${caeId}/assemblies/${assemblyId}/votes`, { body: { resolutionId: 'r2', choice: 'against' } }), 409, 'already-voted');
  });

  it('stores one of two concurrent votes by the same person', async () => {
    const voter = await asEntrepreneur(caeId, wealthy);
    const replies = await Promise.all(
      ['for', 'against'].map((choice) => voter('POST', `/caes/${caeId}/assemblies/${assemblyId}/votes`, { body: { resolutionId: 'r2', choice } })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const read = await ok(asStaff('GET', `/caes/${caeId}/assemblies/${assemblyId}`), 200);
    expect(read.tallies[1].voters).toBe(2);
  });

  it("hides the electorate's names and capital from a candidate of the CAE (404, as for no assembly)", async () => {
    const candidate = await ok(asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson() }));
    const reply = await (await asEntrepreneur(caeId, candidate.id))('GET', `/caes/${caeId}/assemblies/${assemblyId}`);
    expectProblem(reply, 404);
    expect(JSON.stringify(reply.body)).not.toContain('80000.00');
  });

  it('refuses an associate of another CAE (403)', async () => {
    const voter = await asEntrepreneur(otherCaeId, outsider);
    expectProblem(await voter('POST', `/caes/${caeId}/assemblies/${assemblyId}/votes`, { body: { resolutionId: 'r1', choice: 'for' } }), 403);
  });

  it('refuses a staff token (403)', async () => {
    expectProblem(await asStaff('POST', `/caes/${caeId}/assemblies/${assemblyId}/votes`, { body: { resolutionId: 'r1', choice: 'for' } }), 403);
  });

  it('refuses a choice given as a weight (400 naming the field)', async () => {
    const voter = await asEntrepreneur(caeId, modest);
    const reply = await voter('POST', `/caes/${caeId}/assemblies/${assemblyId}/votes`, { body: { resolutionId: 'r1', choice: 1 } });
    expectProblem(reply, 400);
    expect(reply.body.errors[0].path).toBe('body.choice');
  });
});

describe("a year's surplus over HTTP", () => {
  const valid = {
    year: 2025,
    surplus: '10000.00',
    legalReserve: '1500.00',
    developmentFund: '5000.00',
    workersShare: '2500.00',
    capitalInterest: '1000.00',
    legalReserveBalance: '0.00',
    highestCapital: '50000.00',
  };

  it('refuses a workers’ share under 25% with a 422 naming the rule', async () => {
    const reply = await asStaff('POST', `/caes/${caeId}/surplus-allocations`, { headers: { 'idempotency-key': randomUUID() }, body: { ...valid, workersShare: '2000.00', developmentFund: '5500.00' } });
    expectProblem(reply, 422, 'workers-share-below-25-percent');
    expect(reply.body.errors[0].path).toBe('body.workersShare');
  });

  it('refuses money sent as a JSON number (400 naming the field)', async () => {
    const reply = await asStaff('POST', `/caes/${caeId}/surplus-allocations`, { headers: { 'idempotency-key': randomUUID() }, body: { ...valid, legalReserve: 1500 } });
    expectProblem(reply, 400);
    expect(reply.body.errors[0].path).toBe('body.legalReserve');
  });

  it('records a lawful allocation once per year (201, then 409)', async () => {
    await ok(asStaff('POST', `/caes/${caeId}/surplus-allocations`, { headers: { 'idempotency-key': randomUUID() }, body: valid }));
    expectProblem(await asStaff('POST', `/caes/${caeId}/surplus-allocations`, { headers: { 'idempotency-key': randomUUID() }, body: valid }), 409, 'surplus-already-allocated');
  });
});
