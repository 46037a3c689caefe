/**
 * Local tokens over real HTTP: the local verifier stands in for API Gateway's JWT authorizer, and refuses (401
 * problem+json) a token whose claims are not of their types, or that has no `exp`, rather than coercing them: a
 * one-element array is not a role, and a token without expiry is not a credential.
 */
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, expectProblem, replyLog, startApi, TEST_SECRET, tokenFor } from '../support/localApi.js';

let api: LocalApi;
let caeId: string;
let entrepreneurId: string;
const replies = replyLog();

beforeAll(async () => {
  api = await startApi();
  const admin = client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' }));
  caeId = (await admin('POST', '/caes', { body: aCae() })).body.id;
  entrepreneurId = (await admin('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson() })).body.id;
});

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

/** A token with exactly these claims (iss and aud of the local tokens), signed with the server's secret. */
async function signed(claims: Record<string, unknown>, { exp = '1h' as string | number | null } = {}) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('cae-local').setAudience('cae-api').setIssuedAt();
  if (exp !== null) jwt.setExpirationTime(exp);
  return jwt.sign(new TextEncoder().encode(TEST_SECRET));
}

const as = (token: string) => replies.track(client(api.url, token));

describe('a well-typed local token', () => {
  it('authenticates (the control case of the refusals below)', async () => {
    const reply = await as(await signed({ sub: 'a', role: 'federation_admin' }))('GET', '/caes?limit=1');
    expect(reply.status).toBe(200);
  });

  it("authenticates an entrepreneur for their own record, staff's territories claim as an array", async () => {
    const self = await signed({ sub: 'e', role: 'entrepreneur', caeId, entrepreneurId });
    expect((await as(self)('GET', `/caes/${caeId}/entrepreneurs/${entrepreneurId}`)).status).toBe(200);
    const funder = await signed({ sub: 'f', role: 'funder', territories: ['departement:69'] });
    expect((await as(funder)('GET', '/reports/territories/departement:69?from=2025-01&to=2025-02')).status).toBe(200);
  });
});

describe('a local token whose claims are not of their types is a 401 problem', () => {
  const cases: [string, () => Record<string, unknown>][] = [
    ['role as a one-element array', () => ({ sub: 'x', role: ['federation_admin'] })],
    ['role as a number', () => ({ sub: 'x', role: 1 })],
    ['caeId as a one-element array', () => ({ sub: 'x', role: 'cae_staff', caeId: [caeId] })],
    ['entrepreneurId as a one-element array', () => ({ sub: 'x', role: 'entrepreneur', caeId, entrepreneurId: [entrepreneurId] })],
    ['entrepreneurId as a number', () => ({ sub: 'x', role: 'entrepreneur', caeId, entrepreneurId: 7 })],
    ['territories as a string', () => ({ sub: 'x', role: 'funder', territories: 'departement:69' })],
    ['territories holding a number', () => ({ sub: 'x', role: 'funder', territories: [69] })],
    ['a territory smuggling a second one', () => ({ sub: 'x', role: 'funder', territories: ['departement:38,departement:69'] })],
    ['no sub', () => ({ role: 'federation_admin' })],
    ['sub as an array', () => ({ sub: ['x'], role: 'federation_admin' })],
  ];
  for (const [what, claims] of cases) {
    it(what, async () => {
      expectProblem(await as(await signed(claims()))('GET', '/caes'), 401, { type: 'unauthenticated' });
    });
  }

  it('a token without exp', async () => {
    expectProblem(await as(await signed({ sub: 'x', role: 'federation_admin' }, { exp: null }))('GET', '/caes'), 401, { type: 'unauthenticated' });
  });

  it('a token whose exp has passed', async () => {
    const past = Math.floor(Date.now() / 1000) - 60;
    expectProblem(await as(await signed({ sub: 'x', role: 'federation_admin' }, { exp: past }))('GET', '/caes'), 401, { type: 'unauthenticated' });
  });

  it('a token whose exp is a string', async () => {
    const token = await signed({ sub: 'x', role: 'federation_admin', exp: String(Math.floor(Date.now() / 1000) + 3600) }, { exp: null });
    expectProblem(await as(token)('GET', '/caes'), 401, { type: 'unauthenticated' });
  });
});

describe('claims a local token may not smuggle', () => {
  it('a custom:role beside its role does not make an entrepreneur an admin', async () => {
    const token = await signed({ sub: 'x', role: 'entrepreneur', caeId, entrepreneurId, 'custom:role': 'federation_admin' });
    expectProblem(await as(token)('GET', '/caes'), 403);
  });
});
