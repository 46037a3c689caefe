/**
 * Issuing an invoice under crashes (docs/architecture.md "Gapless numbering"): an SDK middleware makes one write
 * of an issue fail right after DynamoDB applied it (or, for the marks, instead of it), as a Lambda killed between
 * two writes would. Retried with the same Idempotency-Key, the issue finishes with the same number and posts
 * each revenue entry once; never retried, the next issue finishes it. Either way the numbers have no gap.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../functions/shared/dynamo.js';
import type { LocalApi } from '../../../infra/local/server.js';
import { aCae, aPerson } from '../../support/builders.js';
import { aCompany, aLine, settingsFor } from '../../support/invoicing.js';
import { client, startApi, tokenFor } from '../../support/localApi.js';

const Y = 2026;
const FAULT = 'issueFault';
let api: LocalApi;
let asAdmin: ReturnType<typeof client>;

beforeAll(async () => {
  api = await startApi();
  asAdmin = client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' }));
});
afterAll(async () => {
  await api.close();
});
afterEach(() => {
  db.middlewareStack.remove(FAULT);
});

type Write = 'advance' | 'bind' | 'done' | 'invoice' | 'entry' | 'month' | 'finished';

/** Which write a command is, from its marshalled or plain input. */
function writeOf(commandName: string | undefined, input: Record<string, unknown>): Write | undefined {
  const str = (v: unknown) => (typeof v === 'string' ? v : (v as { S?: string } | undefined)?.S);
  const item = input.Item as Record<string, unknown> | undefined;
  const update = input.UpdateExpression as string | undefined;
  const sk = str((input.Key as Record<string, unknown> | undefined)?.SK) ?? str(item?.SK) ?? '';
  if (update?.includes('holder = :holder')) return 'advance';
  if (update === 'SET done = :true') return 'done';
  if (update?.startsWith('SET finished = :true')) return 'finished';
  if (str(item?.type) === 'SEQUENCE_BINDING') return 'bind';
  if (commandName?.startsWith('Put') && sk.startsWith('INVOICE#') && str(item?.status) !== 'draft') return 'invoice';
  if (commandName?.startsWith('Put') && sk.startsWith('TX#')) return 'entry';
  if (update && sk.startsWith('MONTH#')) return 'month';
  return undefined;
}

/** The first write of that kind crashes: after it is applied (the marks: instead). */
function crashAt(write: Write) {
  let crashed = false;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (!crashed && writeOf(context.commandName, args.input as Record<string, unknown>) === write) {
        crashed = true;
        if (write !== 'done' && write !== 'finished') await next(args);
        throw Object.assign(new Error('injected crash'), { name: 'InjectedFault' });
      }
      return next(args);
    },
    { step: 'initialize', name: FAULT },
  );
}

async function anActivity() {
  const cae = aCae();
  const caeId = (await asAdmin('POST', '/caes', { body: cae })).body.id;
  const staff = client(api.url, await tokenFor({ sub: `staff-${caeId}`, role: 'cae_staff', caeId }));
  await staff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  await staff('PUT', `/caes/${caeId}/invoicing-settings`, { body: settingsFor(cae.siret) });
  const person = await staff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: `${Y - 1}-12-01` }) });
  const id = person.body.id;
  await staff('POST', `/caes/${caeId}/entrepreneurs/${id}/contract`, { body: { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' } });
  const base = `/caes/${caeId}/entrepreneurs/${id}`;
  const customerId = (await staff('POST', `${base}/customers`, { body: aCompany })).body.id;
  const draft = async () => (await staff('POST', `${base}/invoices`, { body: { customerId, operationKind: 'services', lines: [aLine('80.00', '0.20'), aLine('100.00', '0.055', '1')] } })).body.id as string;
  const issue = (invoiceId: string, key: string) => staff('POST', `${base}/invoices/${invoiceId}/issue`, { body: { issuedOn: `${Y}-03-10` }, headers: { 'Idempotency-Key': key } });
  const entries = async () => (await staff('GET', `${base}/transactions?month=${Y}-03`)).body.items as { reference: string; amountExclVat: string }[];
  const account = async () => (await staff('GET', `${base}/account?month=${Y}-03`)).body;
  return { draft, issue, entries, account };
}

const WRITES: Write[] = ['advance', 'bind', 'done', 'invoice', 'entry', 'month', 'finished'];

describe('an issue cut between two writes', () => {
  for (const write of WRITES) {
    it(`retried after a crash at its ${write} write, ends with the same number and each entry once`, async () => {
      const a = await anActivity();
      await a.issue(await a.draft(), 'first');
      const invoiceId = await a.draft();
      crashAt(write);
      const crashed = await a.issue(invoiceId, 'second');
      expect(crashed.status).toBeGreaterThanOrEqual(500);
      db.middlewareStack.remove(FAULT);
      const retried = await a.issue(invoiceId, 'second');
      expect(retried.status, JSON.stringify(retried.body)).toBe(201);
      expect(retried.body.number).toBe(`${Y}-000002`);
      expect((await a.issue(await a.draft(), 'third')).body.number).toBe(`${Y}-000003`);
      const references = (await a.entries()).map((e) => e.reference).sort();
      expect(references).toEqual([`${Y}-000001`, `${Y}-000001`, `${Y}-000002`, `${Y}-000002`, `${Y}-000003`, `${Y}-000003`]);
      expect((await a.account()).revenue).toBe('900.00');
    });
  }

  for (const write of ['advance', 'bind', 'invoice', 'entry'] as const) {
    it(`never retried after a crash at its ${write} write, is finished by the next issue`, async () => {
      const a = await anActivity();
      const abandoned = await a.draft();
      crashAt(write);
      expect((await a.issue(abandoned, 'lost')).status).toBeGreaterThanOrEqual(500);
      db.middlewareStack.remove(FAULT);
      await new Promise((r) => setTimeout(r, 2_100)); // the lease of the dead request
      expect((await a.issue(await a.draft(), 'next')).body.number).toBe(`${Y}-000002`);
      const references = (await a.entries()).map((e) => e.reference).sort();
      expect(references).toEqual([`${Y}-000001`, `${Y}-000001`, `${Y}-000002`, `${Y}-000002`]);
      expect((await a.account()).revenue).toBe('600.00');
    });
  }
});
