/**
 * Builders for the activity tests: a CAE, entrepreneurs in the statuses the ledger cares about, and thin
 * wrappers around the activity handlers. Every test activity happens in the fixed year `Y`; a CESA signed on
 * Y-01-01 runs until Y+3, and entries are judged on their own dates, whatever today is.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { handler as getAccount } from '../../../functions/activity/getAccount.js';
import { handler as listTransactions } from '../../../functions/activity/listTransactions.js';
import { handler as putOverride } from '../../../functions/activity/putContributionOverride.js';
import { handler as recordTransaction } from '../../../functions/activity/recordTransaction.js';
import { handler as reverseTransaction } from '../../../functions/activity/reverseTransaction.js';
import { handler as createCae } from '../../../functions/caes/createCae.js';
import { handler as putPolicy } from '../../../functions/caes/putContributionPolicy.js';
import { handler as putSettings } from '../../../functions/caes/putSettings.js';
import { handler as createEntrepreneur } from '../../../functions/entrepreneurs/createEntrepreneur.js';
import { handler as exit } from '../../../functions/entrepreneurs/exit.js';
import { handler as signContract } from '../../../functions/entrepreneurs/signContract.js';
import { handler as closeRun } from '../../../functions/payroll/workflow/closeRun.js';
import { handler as openRun } from '../../../functions/payroll/workflow/openRun.js';
import { handler as payBatch } from '../../../functions/payroll/workflow/payBatch.js';
import { aCae, aPerson } from '../../support/builders.js';
import { admin, event, invoke, type Reply, staffOf, type TestCaller } from '../../support/events.js';

/**
 * The year every test activity is dated in: a fixed year that the payroll rate tables cover, since some tests
 * close months through the real payroll workflow (rates end with the last dated table: a year taken relative
 * to today would have none from 2028 on). Entries are judged on their own dates, so today does not matter.
 */
export const Y = 2026;
/** `month(3)` is March of Y. */
export const month = (n: number) => `${Y}-${String(n).padStart(2, '0')}`;
/** `day(3, 15)` is 15 March of Y. */
export const day = (m: number, d: number) => `${month(m)}-${String(d).padStart(2, '0')}`;

const ENT = '/caes/{caeId}/entrepreneurs/{id}';

/** A CAE whose staff may sign a CESA without a CAPE first (it keeps the builders short). */
export async function newCae(body: Record<string, unknown> = {}): Promise<string> {
  const created = await invoke(createCae, event('POST /caes', { caller: admin, body: aCae(body) }));
  expect(created.status).toBe(201);
  const caeId = created.body.id as string;
  const settings = await invoke(
    putSettings,
    event('PUT /caes/{caeId}/settings', { caller: staffOf(caeId), pathParameters: { caeId }, body: { requireConventionBeforeContract: false } }),
  );
  expect(settings.status).toBe(200);
  return caeId;
}

/** A candidate, welcomed before Y. */
export async function newCandidate(caeId: string): Promise<string> {
  const reply = await invoke(
    createEntrepreneur,
    event('POST /caes/{caeId}/entrepreneurs', { caller: staffOf(caeId), pathParameters: { caeId }, body: aPerson({ welcomedOn: `${Y - 1}-12-01` }) }),
  );
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

/** An entrepreneur salarié whose CESA started on 1 January of Y. */
export async function newEmployee(caeId: string): Promise<string> {
  const id = await newCandidate(caeId);
  const reply = await invoke(
    signContract,
    event(`POST ${ENT}/contract`, {
      caller: staffOf(caeId),
      pathParameters: { caeId, id },
      body: { signedOn: day(1, 1), startsOn: day(1, 1), fixedMonthlyGross: '0.00' },
    }),
  );
  expect(reply.status).toBe(201);
  return id;
}

/** A former employee, who left at the end of June of Y. */
export async function newExited(caeId: string): Promise<string> {
  const id = await newEmployee(caeId);
  const reply = await invoke(
    exit,
    event(`POST ${ENT}/exit`, { caller: staffOf(caeId), pathParameters: { caeId, id }, body: { effectiveOn: day(7, 1), reason: 'salaried_job' } }),
  );
  expect(reply.status).toBe(201);
  return id;
}

/** A valid revenue request; override what the test is about. */
export function aRevenue(overrides: Record<string, unknown> = {}) {
  return { type: 'revenue', date: day(3, 10), amountExclVat: '100.00', vatRate: '0.20', label: 'Invoice', ...overrides };
}

export function anExpense(overrides: Record<string, unknown> = {}) {
  return { type: 'expense', date: day(3, 12), amountExclVat: '50.00', vatRate: '0.20', label: 'Software', ...overrides };
}

interface CallOptions {
  caller?: TestCaller;
  /** The Idempotency-Key header; a fresh one unless given; `null` sends none. */
  key?: string | null;
}

function keyHeader(key: string | null | undefined): Record<string, string> {
  if (key === null) return {};
  return { 'idempotency-key': key ?? randomUUID() };
}

export function record(caeId: string, id: string, body: unknown, options: CallOptions = {}): Promise<Reply> {
  return invoke(
    recordTransaction,
    event(`POST ${ENT}/transactions`, { caller: options.caller ?? staffOf(caeId), pathParameters: { caeId, id }, body, headers: keyHeader(options.key) }),
  );
}

/** Records and expects a 201; returns the entry. */
export async function recorded(caeId: string, id: string, body: unknown, options: CallOptions = {}) {
  const reply = await record(caeId, id, body, options);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

export function reverse(caeId: string, id: string, txId: string, body: unknown, options: CallOptions = {}): Promise<Reply> {
  return invoke(
    reverseTransaction,
    event(`POST ${ENT}/transactions/{txId}/reversal`, {
      caller: options.caller ?? staffOf(caeId),
      pathParameters: { caeId, id, txId },
      body,
      headers: keyHeader(options.key),
    }),
  );
}

export function list(caeId: string, id: string, query: Record<string, string>, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(listTransactions, event(`GET ${ENT}/transactions`, { caller, pathParameters: { caeId, id }, query }));
}

/** Every entry of a month, as staff see them (all pages). */
export async function ledgerOf(caeId: string, id: string, m: string): Promise<{ id: string; amountExclVat: string }[]> {
  const items: { id: string; amountExclVat: string }[] = [];
  let cursor: string | undefined;
  do {
    const reply = await list(caeId, id, { month: m, limit: '200', ...(cursor ? { cursor } : {}) });
    expect(reply.status).toBe(200);
    items.push(...reply.body.items);
    cursor = reply.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The first entry of a month; fails the test when there is none. */
export async function firstEntry(caeId: string, id: string, m: string): Promise<{ id: string; amountExclVat: string }> {
  const [entry] = await ledgerOf(caeId, id, m);
  if (!entry) throw new Error(`no entry in ${m}`);
  return entry;
}

export function account(caeId: string, id: string, m: string, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(getAccount, event(`GET ${ENT}/account`, { caller, pathParameters: { caeId, id }, query: { month: m } }));
}

/** The account of a month, expecting a 200. */
export async function accountOf(caeId: string, id: string, m: string) {
  const reply = await account(caeId, id, m);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

export function putContributionPolicy(caeId: string, body: unknown, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(putPolicy, event('PUT /caes/{caeId}/contribution-policy', { caller, pathParameters: { caeId }, body }));
}

export function putContributionOverride(caeId: string, id: string, body: unknown, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(putOverride, event(`PUT ${ENT}/contribution-override`, { caller, pathParameters: { caeId, id }, body }));
}

/** Asserts a problem: its status, its content type, and (when given) that an error names `field`. */
export function expectProblem(reply: Reply, status: number, field?: string, type?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.headers['content-type']).toBe('application/problem+json');
  if (field) expect(reply.body.errors?.map((e: { path: string }) => e.path).join(' ')).toContain(field);
  if (type) expect(reply.body.type).toMatch(new RegExp(`/${type}$`));
}

/**
 * Pays a month as the monthly workflow does, step by step with its own handlers (open the run, pay every
 * batch, close the run): the production path that closes months and stores their accounts.
 */
export async function payMonth(caeId: string, m: string): Promise<void> {
  const opened = await openRun({ caeId, month: m });
  for (const batch of opened.batches) await payBatch({ BatchInput: { caeId, month: m }, Items: [batch] });
  await closeRun({ caeId, month: m });
}
