/**
 * No input a client can send produces a 5xx: every route of the route table, over real HTTP, with random JSON
 * bodies, random path ids and query strings (fast-check), as an admin and as a CAE's staff.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeList } from '../../functions/routes.js';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, startApi, tokenFor } from '../support/localApi.js';

let api: LocalApi;
let callers: ReturnType<typeof client>[];
let caeId: string;
let entrepreneurId: string;

beforeAll(async () => {
  api = await startApi();
  const admin = client(api.url, await tokenFor({ sub: 'fuzz-admin', role: 'federation_admin' }));
  caeId = (await admin('POST', '/caes', { body: aCae() })).body.id;
  entrepreneurId = (await admin('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson() })).body.id;
  const staff = client(api.url, await tokenFor({ sub: 'fuzz-staff', role: 'cae_staff', caeId }));
  const self = client(api.url, await tokenFor({ sub: 'fuzz-self', role: 'entrepreneur', caeId, entrepreneurId }));
  callers = [admin, staff, self];
});

afterAll(async () => {
  await api.close();
});

/** A path parameter: a real id, a well-formed id of nothing, or anything at all. */
const idLike = (real: () => string) =>
  fc.oneof(fc.constant(null).map(() => real()), fc.constant('01ARZ3NDEKTSV4RRFFQ69G5FAV'), fc.string({ maxLength: 40 }), fc.constant('2025-13'));

describe('random requests to every route', () => {
  for (const route of routeList()) {
    it(`${route.method} ${route.path} never answers 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            caeId: idLike(() => caeId),
            id: idLike(() => entrepreneurId),
            other: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('2025-03'), fc.constant('departement:69')),
            body: fc.oneof(fc.json({ maxDepth: 3 }).map((j) => ({ raw: j })), fc.anything({ maxDepth: 2 }).map((v) => ({ body: v }))),
            query: fc.dictionary(fc.constantFrom('limit', 'cursor', 'month', 'asOf', 'status', 'from', 'to', 'format'), fc.string({ maxLength: 12 })),
            caller: fc.integer({ min: 0, max: 2 }),
            key: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
          }),
          async ({ caeId: cae, id, other, body, query, caller, key }) => {
            const path = route.path
              .replace('{caeId}', encodeURIComponent(cae))
              .replace('{id}', encodeURIComponent(id))
              .replace(/\{\w+\}/g, encodeURIComponent(other));
            const search = new URLSearchParams(query).toString();
            const send = callers[caller] as ReturnType<typeof client>;
            const reply = await send(route.method, `${path}${search ? `?${search}` : ''}`, {
              ...(route.method === 'GET' ? {} : body),
              ...(key ? { headers: { 'idempotency-key': key } } : {}),
            });
            expect(reply.status, `${route.method} ${path} → ${JSON.stringify(reply.body).slice(0, 300)}`).toBeLessThan(500);
          },
        ),
        { numRuns: 40 },
      );
    });
  }
});
