/**
 * Expense claims over real HTTP (the local API Gateway adapter): the entrepreneur files and submits, staff
 * validate, the account shows what was approved; roles and tenants; every bad input a 4xx naming its field.
 * Claims are dated in 2026, a year the mileage scales and the payroll rates cover, whatever today is.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../domain/money.js';
import type { LocalApi } from '../../infra/local/server.js';
import { payMonth } from '../integration/activity/fixtures.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, expectProblem, type HttpReply, replyLog, startApi, tokenFor } from '../support/localApi.js';

type Client = ReturnType<typeof client>;

let api: LocalApi;
let asAdmin: Client;
let asStaff: Client;
let asSelf: Client;
let asColleague: Client;
let asOtherStaff: Client;
let asFunder: Client;
let caeId: string;
let otherCaeId: string;
let selfId: string;
let colleagueId: string;
const replies = replyLog();
const tracked = replies.track;

async function newEmployee(staff: Client, cae: string): Promise<string> {
  const person = await staff('POST', `/caes/${cae}/entrepreneurs`, { body: aPerson({ welcomedOn: '2025-12-01' }) });
  const contract = await staff('POST', `/caes/${cae}/entrepreneurs/${person.body.id}/contract`, {
    body: { signedOn: '2026-01-01', startsOn: '2026-01-01', fixedMonthlyGross: '0.00' },
  });
  expect(contract.status).toBe(201);
  return person.body.id;
}

beforeAll(async () => {
  api = await startApi();
  asAdmin = tracked(client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' })));
  caeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  otherCaeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  asStaff = tracked(client(api.url, await tokenFor({ sub: 'staff', role: 'cae_staff', caeId })));
  asOtherStaff = tracked(client(api.url, await tokenFor({ sub: 'other-staff', role: 'cae_staff', caeId: otherCaeId })));
  asFunder = tracked(client(api.url, await tokenFor({ sub: 'funder', role: 'funder', territories: ['departement:69'] })));
  await asStaff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  selfId = await newEmployee(asStaff, caeId);
  colleagueId = await newEmployee(asStaff, caeId);
  asSelf = tracked(client(api.url, await tokenFor({ sub: 'self', role: 'entrepreneur', caeId, entrepreneurId: selfId })));
  asColleague = tracked(client(api.url, await tokenFor({ sub: 'colleague', role: 'entrepreneur', caeId, entrepreneurId: colleagueId })));
}, 60_000);

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

const claims = (id = selfId) => `/caes/${caeId}/entrepreneurs/${id}/expense-claims`;
let keys = 0;
const key = () => ({ 'Idempotency-Key': `e2e-claim-${Date.now()}-${++keys}` });

const expense = (over: Record<string, unknown> = {}) => ({
  kind: 'expense',
  date: '2026-03-12',
  description: 'Printer ink',
  amountExclVat: '45.00',
  vatRate: '0.20',
  category: 'supplies',
  ...over,
});
const trip = (over: Record<string, unknown> = {}) => ({
  kind: 'mileage',
  date: '2026-03-14',
  description: 'Lyon → Villeurbanne, client visit',
  km: 42,
  vehicle: { type: 'car', fiscalPower: 5, electric: false, registration: 'AB-123-CD' },
  ...over,
});

async function fileAndSubmit(c: Client, lines: unknown[], id = selfId): Promise<string> {
  const filed = await c('POST', claims(id), { body: { lines } });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  expect((await c('POST', `${claims(id)}/${filed.body.id}/submission`)).status).toBe(201);
  return filed.body.id;
}

describe('an expense claim over HTTP', () => {
  it('is filed and submitted by the entrepreneur, waits in the staff queue, and once approved shows in the account', async () => {
    const before = (await asSelf('GET', `/caes/${caeId}/entrepreneurs/${selfId}/account?month=2026-03`)).body;
    const filed = await asSelf('POST', claims(), { body: { lines: [expense(), trip()] } });
    expect(filed.status).toBe(201);
    // 42 km on a 5 CV: 42 × 0.636 = 26.712 → 26.71.
    expect(filed.body).toMatchObject({ status: 'draft', totalExclVat: '71.71', vat: '9.00', total: '80.71' });
    expect(filed.body.lines[1]).toMatchObject({ amount: '26.71', kmAlreadyThisYear: 0 });
    const claimId = filed.body.id;
    expect((await asSelf('POST', `${claims()}/${claimId}/submission`)).body.status).toBe('submitted');
    const queue = await asStaff('GET', `/caes/${caeId}/expense-claims?status=submitted`);
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(claimId);
    expectProblem(await asSelf('POST', `${claims()}/${claimId}/approval`, { headers: key() }), 403);
    const approved = await asStaff('POST', `${claims()}/${claimId}/approval`, { headers: key() });
    expect(approved.status).toBe(201);
    expect(approved.body.status).toBe('approved');
    const after = (await asSelf('GET', `/caes/${caeId}/entrepreneurs/${selfId}/account?month=2026-03`)).body;
    expect(new Dec(after.expenses).minus(before.expenses).toFixed(2)).toBe('71.71');
    const own = await asSelf('GET', `${claims()}?status=approved`);
    expect(own.body.items.map((c: { id: string }) => c.id)).toContain(claimId);
    expect((await asStaff('GET', `/caes/${caeId}/expense-claims?status=submitted`)).body.items.map((c: { id: string }) => c.id)).not.toContain(claimId);
  });

  it('answers a second approval with the same claim and posts nothing twice', async () => {
    const claimId = await fileAndSubmit(asSelf, [expense({ date: '2026-04-02', amountExclVat: '10.00' })]);
    const first = await asStaff('POST', `${claims()}/${claimId}/approval`, { headers: key() });
    const again = await asAdmin('POST', `${claims()}/${claimId}/approval`, { headers: key() });
    expect(again).toEqual(first);
    const entries = await asStaff('GET', `/caes/${caeId}/entrepreneurs/${selfId}/transactions?month=2026-04&limit=200`);
    expect(entries.body.items.filter((e: { reference?: string }) => e.reference === claimId)).toHaveLength(1);
  });

  it('keeps a rejected claim with its reason', async () => {
    const claimId = await fileAndSubmit(asSelf, [expense()]);
    expect((await asStaff('POST', `${claims()}/${claimId}/rejection`, { body: { reason: 'The receipt is missing.' } })).status).toBe(201);
    const got = await asSelf('GET', `${claims()}/${claimId}`);
    expect(got.body).toMatchObject({ status: 'rejected', rejectionReason: 'The receipt is missing.' });
    expect(got.body.history.map((h: { status: string }) => h.status)).toEqual(['draft', 'submitted', 'rejected']);
  });

  it('refuses the approval of a claim with a line in a month payroll closed (409), posting nothing', async () => {
    const cae = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
    const staff = tracked(client(api.url, await tokenFor({ sub: 'staff-closing', role: 'cae_staff', caeId: cae })));
    await staff('PUT', `/caes/${cae}/settings`, { body: { requireConventionBeforeContract: false } });
    const id = await newEmployee(staff, cae);
    const path = `/caes/${cae}/entrepreneurs/${id}/expense-claims`;
    const filed = await staff('POST', path, { body: { lines: [expense({ date: '2026-02-10' }), expense({ date: '2026-01-20' })] } });
    await staff('POST', `${path}/${filed.body.id}/submission`);
    await payMonth(cae, '2026-01');
    const refused = await staff('POST', `${path}/${filed.body.id}/approval`, { headers: key() });
    expectProblem(refused, 409, { field: 'body.lines.1.date', type: 'month-closed' });
    expect((await staff('GET', `/caes/${cae}/entrepreneurs/${id}/transactions?month=2026-02`)).body.items).toEqual([]);
    expect((await staff('GET', `${path}/${filed.body.id}`)).body.status).toBe('submitted');
  }, 60_000);
});

describe('who may see and do what', () => {
  let claimId: string;
  beforeAll(async () => {
    claimId = (await asSelf('POST', claims(), { body: { lines: [expense()] } })).body.id;
  });

  it("answers 404 for another entrepreneur's claims and for another CAE's", async () => {
    expectProblem(await asColleague('GET', `${claims()}/${claimId}`), 404);
    expectProblem(await asColleague('GET', claims()), 404);
    expectProblem(await asColleague('POST', claims(), { body: { lines: [expense()] } }), 404);
    expectProblem(await asOtherStaff('GET', `${claims()}/${claimId}`), 404);
    expectProblem(await asOtherStaff('POST', `${claims()}/${claimId}/approval`, { headers: key() }), 404);
    expectProblem(await asOtherStaff('GET', `/caes/${caeId}/expense-claims`), 404);
    expectProblem(await asStaff('GET', `/caes/${caeId}/entrepreneurs/${colleagueId}/expense-claims/${claimId}`), 404);
  });

  it('keeps funders out (403) and the validation queue and decisions for staff', async () => {
    for (const [method, path] of [
      ['GET', claims()],
      ['POST', claims()],
      ['GET', `${claims()}/${claimId}`],
      ['GET', `/caes/${caeId}/expense-claims`],
      ['POST', `/caes/${caeId}/mileage/simulations`],
    ] as const) {
      expectProblem(await asFunder(method, path, method === 'POST' ? { body: {} } : {}), 403);
    }
    expectProblem(await asSelf('GET', `/caes/${caeId}/expense-claims`), 403);
    expectProblem(await asSelf('POST', `${claims()}/${claimId}/rejection`, { body: { reason: 'x' } }), 403);
  });
});

describe('bad input', () => {
  const refused = async (lines: unknown, status: number, field: string, type?: string) => {
    const reply: HttpReply = await asSelf('POST', claims(), { body: { lines } });
    expectProblem(reply, status, { field, ...(type ? { type } : {}) });
  };

  it('refuses negative, zero, fractional, textual and absurd km, naming the line', async () => {
    await refused([trip({ km: -5 })], 400, 'body.lines.0.km');
    await refused([trip({ km: 0 })], 400, 'body.lines.0.km');
    await refused([trip({ km: 12.5 })], 400, 'body.lines.0.km');
    await refused([trip({ km: '42' })], 400, 'body.lines.0.km');
    await refused([expense(), trip({ km: 1e15 })], 422, 'body.lines.1.km', 'mileage-over-daily-limit');
    await refused([trip({ km: 1001 })], 422, 'body.lines.0.km', 'mileage-over-daily-limit');
    await refused([trip({ km: 2 ** 60 })], 400, 'body.lines.0.km');
  });

  it('refuses a fiscal power outside 1–50 or not an integer, and an unknown vehicle type', async () => {
    for (const fiscalPower of [0, 51, 4.5, '5']) {
      await refused([trip({ vehicle: { type: 'car', fiscalPower, electric: false } })], 400, 'body.lines.0.vehicle.fiscalPower');
    }
    await refused([trip({ vehicle: { type: 'truck', fiscalPower: 5, electric: false } })], 400, 'body.lines.0.vehicle.type');
    await refused([trip({ vehicle: { type: 'car', fiscalPower: 5 } })], 400, 'body.lines.0.vehicle.electric');
    await refused([trip({ vehicle: { type: 'car', fiscalPower: 5, electric: false, registration: 'AB#12' } })], 400, 'body.lines.0.vehicle.registration');
  });

  it('refuses a claim without lines, an unknown kind or field, money as a number, a bad receipt id', async () => {
    await refused([], 400, 'body.lines');
    expectProblem(await asSelf('POST', claims(), { body: {} }), 400, { field: 'body.lines' });
    await refused([{ ...expense(), kind: 'gift' }], 400, 'body.lines.0.kind');
    await refused([{ ...expense(), tip: '1.00' }], 400, 'body.lines.0.tip');
    await refused([expense({ amountExclVat: 45 })], 400, 'body.lines.0.amountExclVat');
    await refused([expense({ amountExclVat: '-45.00' })], 400, 'body.lines.0.amountExclVat');
    await refused([expense({ vatRate: '0.19' })], 400, 'body.lines.0.vatRate');
    await refused([expense({ category: 'gifts' })], 400, 'body.lines.0.category');
    await refused([expense({ receiptId: 'not-an-id' })], 400, 'body.lines.0.receiptId');
    await refused([expense({ receiptId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' })], 422, 'body.lines.0.receiptId', 'unknown-receipt');
    await refused([expense({ date: '2026-02-30' })], 400, 'body.lines.0.date');
    await refused([expense({ description: 'line\u0000break' })], 400, 'body.lines.0.description');
  });

  it('requires an Idempotency-Key to approve, and refuses a rejection without a reason', async () => {
    const claimId = await fileAndSubmit(asSelf, [expense()]);
    expectProblem(await asStaff('POST', `${claims()}/${claimId}/approval`), 400, { field: 'headers.idempotency-key' });
    expectProblem(await asStaff('POST', `${claims()}/${claimId}/rejection`, { body: {} }), 400, { field: 'body.reason' });
    expectProblem(await asStaff('POST', `${claims()}/not-an-id/approval`, { headers: key() }), 400, { field: 'path.claimId' });
    expectProblem(await asStaff('POST', `${claims()}/01JZZZZZZZZZZZZZZZZZZZZZZZ/submission`), 404);
  });
});

describe('the mileage simulation', () => {
  const simulate = (c: Client, body: unknown) => c('POST', `/caes/${caeId}/mileage/simulations`, { body });

  it('gives the allowance on the km already driven, with the scale and the formula', async () => {
    const reply = await simulate(asSelf, { date: '2026-06-01', km: 1000, kmAlreadyThisYear: 4500, vehicle: { type: 'car', fiscalPower: 4, electric: true } });
    expect(reply.status).toBe(200);
    // (3,200.00 − 2,727.00) × 1.2
    expect(reply.body).toMatchObject({ amount: '567.60', kmBefore: 4500, kmAfter: 5500, scale: { id: 'FR-2026-provisional', powerClass: '4 CV', electric: true } });
    expect(reply.body.formula).toContain('scale(5500) − scale(4500)');
  });

  it('refuses a date no scale covers (422 naming the date) and bad figures (400)', async () => {
    const vehicle = { type: 'moped', fiscalPower: 1, electric: false };
    expectProblem(await simulate(asStaff, { date: '2023-06-01', km: 10, kmAlreadyThisYear: 0, vehicle }), 422, { field: 'body.date', type: 'no-mileage-scale-for-date' });
    expectProblem(await simulate(asStaff, { date: '2026-06-01', km: 10, kmAlreadyThisYear: -1, vehicle }), 400, { field: 'body.kmAlreadyThisYear' });
    expectProblem(await simulate(asStaff, { date: '2026-06-01', km: 0, kmAlreadyThisYear: 0, vehicle }), 400, { field: 'body.km' });
    expectProblem(await simulate(asOtherStaff, { date: '2026-06-01', km: 10, kmAlreadyThisYear: 0, vehicle }), 404);
  });
});
