/**
 * Free text over real HTTP, on every route that takes some: a control character (NUL, ESC...), a lone surrogate
 * or a noncharacter anywhere in a field is a 400 naming that field, and the request changes nothing (its
 * Idempotency-Key stays free); text typed in any Unicode normalisation is stored, and read back, in NFC.
 *
 * Bodies travel as JSON built by hand with \u escapes, so that a lone surrogate reaches the server as a client
 * would send it (JSON.stringify would escape it the same way; the adapter decodes it back).
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayInParis } from '../../functions/shared/clock.js';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, expectProblem, replyLog, startApi, tokenFor } from '../support/localApi.js';

const Y = Number(todayInParis().slice(0, 4)) - 1;
const MONTH = `${Y}-03`;

let api: LocalApi;
let asAdmin: ReturnType<typeof client>;
let asStaff: ReturnType<typeof client>;
let caeId: string;
let employeeId: string;
let transactionId: string;
const replies = replyLog();

beforeAll(async () => {
  api = await startApi();
  asAdmin = replies.track(client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' })));
  caeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  asStaff = replies.track(client(api.url, await tokenFor({ sub: 'staff', role: 'cae_staff', caeId })));
  await asStaff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  employeeId = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: `${Y - 1}-12-01` }) })).body.id;
  const contract = await asStaff('POST', `/caes/${caeId}/entrepreneurs/${employeeId}/contract`, {
    body: { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' },
  });
  expect(contract.status).toBe(201);
  const tx = await asStaff('POST', transactions(), { body: revenue('Seed'), headers: { 'Idempotency-Key': 'text-seed' } });
  expect(tx.status).toBe(201);
  transactionId = tx.body.id;
});

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

const transactions = () => `/caes/${caeId}/entrepreneurs/${employeeId}/transactions`;
const revenue = (label: string) => ({ type: 'revenue', date: `${MONTH}-05`, amountExclVat: '10.00', vatRate: '0.20', label });

/** JSON with every non-ASCII unit written as \uXXXX: lone surrogates included, as a JSON client may send them. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface TextRoute {
  name: string;
  path: () => string;
  /** A valid body with `value` in `field`. */
  body: (field: string, value: string) => unknown;
  fields: string[];
  idempotent?: boolean;
  /** Only the federation creates CAEs; staff send the rest. */
  byAdmin?: boolean;
  /** Where the stored text is read back, when the route has a read. */
  readBack?: (reply: any) => Promise<Record<string, unknown>>;
}

const routes: TextRoute[] = [
  {
    name: 'createCae',
    path: () => '/caes',
    body: (field, value) => aCae({ [field]: value }),
    fields: ['name'],
    byAdmin: true,
    readBack: async (reply) => (await asAdmin('GET', `/caes/${reply.id}`)).body,
  },
  {
    name: 'createEntrepreneur',
    path: () => `/caes/${caeId}/entrepreneurs`,
    body: (field, value) => aPerson({ [field]: value }),
    fields: ['firstName', 'lastName', 'activity'],
    readBack: async (reply) => (await asStaff('GET', `/caes/${caeId}/entrepreneurs/${reply.id}`)).body,
  },
  {
    name: 'recordTransaction',
    path: transactions,
    body: (field, value) => ({ ...revenue('Invoice'), [field]: value }),
    fields: ['label', 'reference'],
    idempotent: true,
    readBack: async (reply) => {
      const list = await asStaff('GET', `${transactions()}?month=${MONTH}&limit=200`);
      return list.body.items.find((t: { id: string }) => t.id === reply.id);
    },
  },
  {
    name: 'reverseTransaction',
    path: () => `${transactions()}/${transactionId}/reversal`,
    body: (_, value) => ({ date: `${MONTH}-06`, reason: value }),
    fields: ['reason'],
    idempotent: true,
  },
  {
    name: 'createAssembly',
    path: () => `/caes/${caeId}/assemblies`,
    body: (_, value) => ({ heldOn: `${Y}-06-15`, kind: 'ordinary', resolutions: [{ title: value }] }),
    fields: ['resolutions.0.title'],
    readBack: async (reply) => (await asStaff('GET', `/caes/${caeId}/assemblies/${reply.id}`)).body.resolutions[0],
  },
  {
    name: 'createGrant',
    path: () => `/caes/${caeId}/grants`,
    body: (_, value) => ({ funder: value, territory: 'departement:69', year: Y, amount: '1000.00' }),
    fields: ['funder'],
    idempotent: true,
  },
];

const forbidden = fc.oneof(
  fc.constantFrom('\u0000', '\u001b', '\u001b[2J', '\u007f', '\u0085', '\u009b', '\uFFFE'),
  fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x0a && c !== 0x09).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);
const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéü '), minLength: 0, maxLength: 8 });

let keys = 0;
const post = (route: TextRoute, raw: string, key?: string) =>
  (route.byAdmin ? asAdmin : asStaff)('POST', route.path(), { raw, headers: route.idempotent ? { 'Idempotency-Key': key ?? `text-${++keys}` } : {} });

/** The field's leaf name in a body and in a reply (`resolutions.0.title` → `title`). */
const leafOf = (field: string) => field.split('.').at(-1) as string;

describe('a control character, a lone surrogate or a noncharacter in a free-text field', () => {
  for (const route of routes) {
    for (const field of route.fields) {
      it(`${route.name}: is a 400 naming body.${field}`, async () => {
        await fc.assert(
          fc.asyncProperty(word, forbidden, word, async (before, bad, after) => {
            const value = `Ok ${before}${bad}${after}`;
            const reply = await post(route, asciiJson(route.body(leafOf(field), value)));
            expectProblem(reply, 400, { field: `body.${field}` });
          }),
          { numRuns: 12 },
        );
      });
    }
  }

  it('changes nothing: the entrepreneurs list is the same, and the refused Idempotency-Key is still free', async () => {
    const before = (await asStaff('GET', `/caes/${caeId}/entrepreneurs?limit=200`)).body.items.length;
    expectProblem(await post(routes[1] as TextRoute, asciiJson(aPerson({ lastName: 'Nul\u0000' }))), 400, { field: 'body.lastName' });
    expect((await asStaff('GET', `/caes/${caeId}/entrepreneurs?limit=200`)).body.items.length).toBe(before);
    const tx = routes[2] as TextRoute;
    expectProblem(await post(tx, asciiJson(revenue('Esc \u001b[31m')), 'text-reused'), 400, { field: 'body.label' });
    const accepted = await post(tx, asciiJson(revenue('Clean')), 'text-reused');
    expect(accepted.status).toBe(201);
  });
});

describe('text typed in any normalisation', () => {
  const decomposed = 'Cafe\u0301 Ho\u0308rner \u212B';
  const composed = decomposed.normalize('NFC');

  for (const route of routes) {
    for (const field of route.fields) {
      it(`${route.name}: stores body.${field} in NFC${route.readBack ? ', and reads it back so' : ''}`, async () => {
        const value = `${decomposed} ${route.name}`;
        const reply = await post(route, asciiJson(route.body(leafOf(field), value)));
        expect(reply.status, JSON.stringify(reply.body)).toBe(201);
        const echoed = field.startsWith('resolutions') ? reply.body.resolutions[0] : reply.body;
        expect(echoed[leafOf(field)]).toBe(`${composed} ${route.name}`);
        if (route.readBack) expect((await route.readBack(reply.body))[leafOf(field)]).toBe(`${composed} ${route.name}`);
      });
    }
  }

  it('keeps line feeds and tabs in a multi-line reason, CRLF stored as LF, and refuses them in a one-line label', async () => {
    const tx = await post(routes[2] as TextRoute, asciiJson(revenue('To reverse')));
    const reversal = await asStaff('POST', `${transactions()}/${tx.body.id}/reversal`, {
      raw: asciiJson({ date: `${MONTH}-07`, reason: 'Wrong amount:\r\n\tit was 100.00' }),
      headers: { 'Idempotency-Key': `text-${++keys}` },
    });
    expect(reversal.status, JSON.stringify(reversal.body)).toBe(201);
    expect(reversal.body.reason).toBe('Wrong amount:\n\tit was 100.00');
    expectProblem(await post(routes[2] as TextRoute, asciiJson(revenue('Two\nlines'))), 400, { field: 'body.label' });
  });
});
