/**
 * The API over real HTTP (the local API Gateway adapter), with the bad inputs a client can send.
 * Every refusal is a 4xx problem+json naming the field, writes nothing, and nothing here may give a 5xx.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, type HttpReply, startApi, TEST_SECRET, tokenFor, expectProblem as expectProblemReply, replyLog } from '../support/localApi.js';

let api: LocalApi;
let asAdmin: ReturnType<typeof client>;
let asStaff: ReturnType<typeof client>;
let caeId: string;
let otherCaeId: string;
const replies = replyLog();
const tracked = replies.track;

beforeAll(async () => {
  api = await startApi();
  asAdmin = tracked(client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' })));
  caeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  otherCaeId = (await asAdmin('POST', '/caes', { body: aCae({ communeCode: '35238' }) })).body.id;
  asStaff = tracked(client(api.url, await tokenFor({ sub: 'staff', role: 'cae_staff', caeId })));
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

async function entrepreneurCount(id = caeId): Promise<number> {
  const reply = await asAdmin('GET', `/caes/${id}/entrepreneurs?limit=200`);
  return reply.body.items.length;
}

describe('service routes', () => {
  it('answers /health without a token', async () => {
    const reply = await client(api.url)('GET', '/health');
    expect(reply).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('serves an OpenAPI 3.1 document with every route', async () => {
    const reply = await client(api.url)('GET', '/openapi.json');
    expect(reply.body.openapi).toBe('3.1.0');
    expect(Object.keys(reply.body.paths)).toContain('/caes/{caeId}/entrepreneurs/{id}/contract');
    expect(reply.body.paths['/caes'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['name', 'siret', 'communeCode']),
    );
  });

  it('answers an unknown path with a 404 problem', async () => {
    expectProblem(await asStaff('GET', '/nowhere'), 404);
  });
});

describe('identity', () => {
  it('refuses a request without a token (401)', async () => {
    expectProblem(await client(api.url)('GET', '/caes'), 401);
  });

  it('refuses a token signed with another secret (401)', async () => {
    const forged = await tokenFor({ sub: 'x', role: 'federation_admin' }, `${TEST_SECRET}-not`);
    expectProblem(await client(api.url, forged)('GET', '/caes'), 401);
  });

  it('refuses a malformed token (401)', async () => {
    expectProblem(await client(api.url, 'not.a.jwt')('GET', '/caes'), 401);
  });

  it('refuses a token with an unknown role (401)', async () => {
    const token = await tokenFor({ sub: 'x', role: 'superuser' as 'funder' });
    expectProblem(await client(api.url, token)('GET', '/caes'), 401);
  });

  it('forbids a funder from reading CAEs (403)', async () => {
    const funder = client(api.url, await tokenFor({ sub: 'f', role: 'funder', territories: ['departement:69'] }));
    expectProblem(await funder('GET', '/caes'), 403);
  });
});

describe('bad input on POST /caes/{caeId}/entrepreneurs changes nothing', () => {
  const cases: [string, (base: Record<string, unknown>) => { raw?: string; body?: unknown }, number, string?][] = [
    ['malformed JSON', () => ({ raw: '{"firstName": ' }), 400],
    ['a JSON array', () => ({ raw: '[]' }), 400],
    ['a wrong type', (b) => ({ body: { ...b, firstName: 42 } }), 400, 'body.firstName'],
    ['an unknown field', (b) => ({ body: { ...b, isAdmin: true } }), 400, 'body.isAdmin'],
    ['a missing field', ({ lastName, ...rest }) => ({ body: rest }), 400, 'body.lastName'],
    ['an invalid email', (b) => ({ body: { ...b, email: 'nobody' } }), 400, 'body.email'],
    ['a commune code that does not exist', (b) => ({ body: { ...b, communeCode: '69999' } }), 400, 'body.communeCode'],
    ['a malformed commune code', (b) => ({ body: { ...b, communeCode: '6912' } }), 400, 'body.communeCode'],
    ['a date that does not exist', (b) => ({ body: { ...b, birthDate: '2025-02-29' } }), 400, 'body.birthDate'],
    ['an oversized string', (b) => ({ body: { ...b, activity: 'x'.repeat(201) } }), 400, 'body.activity'],
    ['an unknown situation at entry', (b) => ({ body: { ...b, situationAtEntry: 'retired' } }), 400, 'body.situationAtEntry'],
    ['an oversized body', (b) => ({ body: { ...b, padding: 'x'.repeat(70_000) } }), 413],
  ];
  for (const [what, build, status, field] of cases) {
    it(`refuses ${what} with ${status}`, async () => {
      const before = await entrepreneurCount();
      expectProblem(await asStaff('POST', `/caes/${caeId}/entrepreneurs`, build(aPerson())), status, field);
      expect(await entrepreneurCount()).toBe(before);
    });
  }
});

describe('bad input on POST /caes', () => {
  it('refuses a SIRET with a wrong check digit', async () => {
    const good = aCae().siret;
    const bad = `${good.slice(0, 13)}${(Number(good[13]) + 1) % 10}`;
    expectProblem(await asAdmin('POST', '/caes', { body: aCae({ siret: bad }) }), 400, 'body.siret');
  });

  it('refuses a SIRET that is not 14 digits', async () => {
    expectProblem(await asAdmin('POST', '/caes', { body: aCae({ siret: '1234' }) }), 400, 'body.siret');
  });

  it('refuses a JSON number where a rate is expected', async () => {
    expectProblem(await asAdmin('POST', '/caes', { body: aCae({ contributionPolicy: { kind: 'flat', rate: 0.1 } }) }), 400, 'body.contributionPolicy.rate');
  });

  it('refuses a JSON number where money is expected', async () => {
    const policy = { kind: 'flat', rate: '0.10', monthlyFloor: 40 };
    expectProblem(await asAdmin('POST', '/caes', { body: aCae({ contributionPolicy: policy }) }), 400, 'body.contributionPolicy.monthlyFloor');
  });
});

describe('career-path rules over HTTP', () => {
  it('names the rule of a refused transition in the problem type (422)', async () => {
    const person = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson() })).body;
    const reply = await asStaff('POST', `/caes/${caeId}/entrepreneurs/${person.id}/membership`, {
      body: { effectiveOn: '2025-06-01', capitalSubscribed: '100.00' },
    });
    expectProblem(reply, 422);
    expect(reply.body.type).toMatch(/\/invalid-transition$/);
  });

  it('refuses a date that does not exist in a command (400)', async () => {
    const person = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson() })).body;
    const reply = await asStaff('POST', `/caes/${caeId}/entrepreneurs/${person.id}/convention`, {
      body: { signedOn: '2025-13-01', startsOn: '2025-02-01', endsOn: '2025-12-31' },
    });
    expectProblem(reply, 400, 'body.signedOn');
  });

  it('refuses an asOf that is not a date (400)', async () => {
    const person = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson() })).body;
    expectProblem(await asStaff('GET', `/caes/${caeId}/entrepreneurs/${person.id}/status?asOf=yesterday`), 400, 'query.asOf');
  });
});

describe('tenant isolation', () => {
  it("answers 404 to staff who name another CAE's entrepreneur, and writes nothing", async () => {
    const theirs = (await asAdmin('POST', `/caes/${otherCaeId}/entrepreneurs`, { body: aPerson({ communeCode: '35238' }) })).body;
    expectProblem(await asStaff('GET', `/caes/${otherCaeId}/entrepreneurs/${theirs.id}`), 404);
    expectProblem(await asStaff('GET', `/caes/${caeId}/entrepreneurs/${theirs.id}`), 404);
    const before = await entrepreneurCount(otherCaeId);
    expectProblem(await asStaff('POST', `/caes/${otherCaeId}/entrepreneurs`, { body: aPerson() }), 404);
    expectProblem(
      await asStaff('POST', `/caes/${otherCaeId}/entrepreneurs/${theirs.id}/exit`, { body: { effectiveOn: '2026-01-01', reason: 'other' } }),
      404,
    );
    expect(await entrepreneurCount(otherCaeId)).toBe(before);
    const read = await asAdmin('GET', `/caes/${otherCaeId}/entrepreneurs/${theirs.id}`);
    expect(read.body.status).toBe('candidate');
  });

  it('answers 400 to an id that cannot be one', async () => {
    expectProblem(await asStaff('GET', `/caes/${caeId}/entrepreneurs/not-an-id`), 400, 'path.id');
  });
});
