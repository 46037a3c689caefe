/**
 * The payroll API over real HTTP (the local API Gateway adapter): payroll settings, salary simulations in the
 * three bases, salary requests, and the bad inputs a client can send. Every refusal is a 4xx problem+json
 * naming the field; nothing here may give a 5xx. The last test runs the monthly workflow to show that it pays
 * what the entrepreneur asked for.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../domain/money.js';
import { computePayslip } from '../../domain/payroll/index.js';
import { createLocalPayroll } from '../../infra/local/payrollRunner.js';
import type { LocalApi } from '../../infra/local/server.js';
import { LOCAL_STATE_MACHINE_ARN, type LocalStepFunctions, startLocalStepFunctions } from '../../infra/local/stepFunctionsEndpoint.js';
import { aCae, aPerson } from '../support/builders.js';
import { runAsOf } from '../support/clock.js';
import { client, type HttpReply, startApi, tokenFor, expectProblem as expectProblemReply, replyLog } from '../support/localApi.js';

// The CESA from 2025-01-02 without a CAPE has its associate deadline on 2028-01-02: the month paid here is
// judged while it runs, whatever the real date.
runAsOf('2026-06-15');

type Client = ReturnType<typeof client>;

let api: LocalApi;
let sfn: LocalStepFunctions;
let asAdmin: Client;
let asStaff: Client;
let asEntrepreneur: Client;
let caeId: string;
let otherCaeId: string;
let entrepreneurId: string;
let colleagueId: string;
const replies = replyLog();
const tracked = replies.track;

beforeAll(async () => {
  sfn = await startLocalStepFunctions(createLocalPayroll());
  process.env.SFN_ENDPOINT = sfn.endpoint;
  process.env.PAYROLL_STATE_MACHINE_ARN = LOCAL_STATE_MACHINE_ARN;
  api = await startApi();
  asAdmin = tracked(client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' })));
  caeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  otherCaeId = (await asAdmin('POST', '/caes', { body: aCae({ communeCode: '35238' }) })).body.id;
  asStaff = tracked(client(api.url, await tokenFor({ sub: 'staff', role: 'cae_staff', caeId })));
  await asStaff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  entrepreneurId = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: '2025-01-02' }) })).body.id;
  colleagueId = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: '2025-01-02' }) })).body.id;
  asEntrepreneur = tracked(client(api.url, await tokenFor({ sub: 'ent', role: 'entrepreneur', caeId, entrepreneurId })));
}, 60_000);

afterAll(async () => {
  await sfn.close();
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

function expectProblem(reply: HttpReply, status: number, field?: string, type?: string) {
  expectProblemReply(reply, status, { ...(field ? { field } : {}), ...(type ? { type } : {}) });
}

const d = (x: string) => new Dec(x);
const simulate = (c: Client, body: unknown, id = caeId) => c('POST', `/caes/${id}/payroll/simulations`, { body });
const SETTINGS = { headcount: 20, atMpRate: '0.031', healthInsurance: { monthlyAmount: '60.00', employerShare: '0.75' }, mobilityRate: '0.0295' };

describe('payroll settings over HTTP', () => {
  it('lets staff set them and shows them back', async () => {
    const reply = await asStaff('PUT', `/caes/${caeId}/payroll-settings`, { body: SETTINGS });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ caeId, ...SETTINGS });
  });

  it('forbids an entrepreneur (403)', async () => {
    expectProblem(await asEntrepreneur('PUT', `/caes/${caeId}/payroll-settings`, { body: { headcount: 1 } }), 403);
  });

  it.each([
    ['headcount 0', { headcount: 0 }, 'body.headcount'],
    ['a fractional headcount', { headcount: 2.5 }, 'body.headcount'],
    ['a headcount as a string', { headcount: '20' }, 'body.headcount'],
    ['an AT/MP rate as a number', { headcount: 20, atMpRate: 0.031 }, 'body.atMpRate'],
    ['an AT/MP rate above payroll’s bound', { headcount: 20, atMpRate: '0.500001' }, 'body.atMpRate'],
    ['a health insurance premium above payroll’s bound', { headcount: 20, healthInsurance: { monthlyAmount: '1000000.01', employerShare: '0.50' } }, 'body.healthInsurance.monthlyAmount'],
  ])('refuses %s with 400 and keeps the settings', async (_, body, field) => {
    expectProblem(await asStaff('PUT', `/caes/${caeId}/payroll-settings`, { body }), 400, field);
    const s = await simulate(asStaff, { date: '2026-03-15', basis: 'gross', amount: '2500.00' });
    expect(s.body.settings).toEqual(SETTINGS);
  });
});

describe('salary simulations over HTTP', () => {
  it('simulates from a gross, with the lines of a payslip on the CAE settings', async () => {
    const reply = await simulate(asStaff, { date: '2026-03-15', basis: 'gross', amount: '2500.00' });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^application\/json/);
    const s = reply.body;
    expect(d(s.employerCost).equals(d(s.gross).plus(s.employerContributions))).toBe(true);
    expect(d(s.net).equals(d(s.gross).minus(s.employeeContributions))).toBe(true);
    const engine = computePayslip({ date: '2026-03-15', gross: '2500.00', settings: SETTINGS });
    expect(s.employerCost).toBe(engine.employerCost.toFixed(2));
    expect(s.net).toBe(engine.net.toFixed(2));
    expect(s.lines.find((l: { code: string }) => l.code === 'accidents-du-travail').employerRate).toBe('0.031');
  });

  it('simulates from an employer cost: the largest gross that fits', async () => {
    const reply = await simulate(asEntrepreneur, { date: '2026-03-15', basis: 'employerCost', amount: '3000.00' });
    expect(reply.status).toBe(200);
    expect(d(reply.body.employerCost).lessThanOrEqualTo('3000.00')).toBe(true);
    const next = computePayslip({ date: '2026-03-15', gross: d(reply.body.gross).plus('0.01').toFixed(2), settings: SETTINGS });
    expect(next.employerCost.greaterThan('3000.00')).toBe(true);
  });

  it('simulates from a net, part time', async () => {
    const reply = await simulate(asEntrepreneur, { date: '2025-09-15', basis: 'net', amount: '1000.00', weeklyHours: '17.5' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ net: '1000.00', weeklyHours: '17.5' });
  });

  it.each([
    ['an amount as a number', { amount: 2500 }, 400, 'body.amount'],
    ['a negative amount', { amount: '-2500.00' }, 400, 'body.amount'],
    ['an absurd amount', { amount: '1000000.01' }, 400, 'body.amount'],
    ['weekly hours of 0', { weeklyHours: '0' }, 400, 'body.weeklyHours'],
    ['weekly hours above 35', { weeklyHours: '40' }, 400, 'body.weeklyHours'],
    ['an unknown basis', { basis: 'cost' }, 400, 'body.basis'],
    ['a date before the first rate table', { date: '2024-06-30' }, 422, 'body.date'],
    ['a date after the last rate table', { date: '2030-01-01' }, 422, 'body.date'],
  ])('refuses %s', async (_, change, status, field) => {
    const reply = await simulate(asStaff, { date: '2026-03-15', basis: 'gross', amount: '2500.00', ...change });
    expectProblem(reply, status, field);
    if (status === 422) {
      expect(reply.body.type).toMatch(/\/no-rates-for-date$/);
      expect(reply.body.detail).toContain((change as { date: string }).date);
    }
  });

  it('refuses malformed JSON with 400', async () => {
    expectProblem(await asStaff('POST', `/caes/${caeId}/payroll/simulations`, { raw: '{"basis": "gross", ' }), 400);
  });

  it("answers 404 for another CAE's simulations", async () => {
    expectProblem(await simulate(asEntrepreneur, { date: '2026-03-15', basis: 'gross', amount: '2500.00' }, otherCaeId), 404);
  });

  it('lists the three routes in /openapi.json', async () => {
    const doc = (await client(api.url)('GET', '/openapi.json')).body;
    expect(doc.paths['/caes/{caeId}/payroll/simulations'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['date', 'basis', 'amount']),
    );
    expect(doc.paths['/caes/{caeId}/payroll-settings'].put).toBeDefined();
    expect(doc.paths['/caes/{caeId}/entrepreneurs/{id}/salary-request'].put).toBeDefined();
  });
});

describe('a CESA payroll could not pay', () => {
  it('is refused at signature: a fixed part above 1,000,000.00 is a 400 naming the field, and no contract is stored', async () => {
    const id = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: '2025-01-02' }) })).body.id;
    const contract = { signedOn: '2025-01-02', startsOn: '2025-01-02' };
    const refused = await asStaff('POST', `/caes/${caeId}/entrepreneurs/${id}/contract`, { body: { ...contract, fixedMonthlyGross: '1000000.01' } });
    expectProblem(refused, 400, 'body.fixedMonthlyGross');
    expect(refused.body.errors[0].message).toContain('1000000.00');
    expect((await asStaff('GET', `/caes/${caeId}/entrepreneurs/${id}`)).body.contract).toBeUndefined();
    expect((await asStaff('POST', `/caes/${caeId}/entrepreneurs/${id}/contract`, { body: { ...contract, fixedMonthlyGross: '1000000.00' } })).status).toBe(201);
  });
});

describe('salary requests over HTTP', () => {
  it('lets the entrepreneur ask for their own month', async () => {
    const reply = await asEntrepreneur('PUT', `/caes/${caeId}/entrepreneurs/${entrepreneurId}/salary-request`, {
      body: { month: '2026-09', maxGross: '2000.00' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ entrepreneurId, month: '2026-09', maxGross: '2000.00' });
  });

  it("answers 404 for a colleague's salary", async () => {
    expectProblem(
      await asEntrepreneur('PUT', `/caes/${caeId}/entrepreneurs/${colleagueId}/salary-request`, { body: { month: '2026-09', maxGross: '2000.00' } }),
      404,
    );
  });

  it('refuses a maxGross above payroll’s bound (400)', async () => {
    expectProblem(
      await asEntrepreneur('PUT', `/caes/${caeId}/entrepreneurs/${entrepreneurId}/salary-request`, { body: { month: '2026-09', maxGross: '1000000.01' } }),
      400,
      'body.maxGross',
    );
  });

  it('refuses a maxGross as a number (400)', async () => {
    expectProblem(
      await asEntrepreneur('PUT', `/caes/${caeId}/entrepreneurs/${entrepreneurId}/salary-request`, { body: { month: '2026-09', maxGross: 2000 } }),
      400,
      'body.maxGross',
    );
  });

  it('is paid by the monthly workflow, then its month is closed (409 month-closed)', async () => {
    const contract = await asStaff('POST', `/caes/${caeId}/entrepreneurs/${entrepreneurId}/contract`, {
      body: { signedOn: '2025-01-02', startsOn: '2025-01-02', fixedMonthlyGross: '0.00' },
    });
    expect(contract.status).toBe(201);
    const tx = await asStaff('POST', `/caes/${caeId}/entrepreneurs/${entrepreneurId}/transactions`, {
      headers: { 'idempotency-key': randomUUID() },
      body: { type: 'revenue', date: '2025-02-10', amountExclVat: '4000.00', vatRate: '0.20', label: 'Invoice' },
    });
    expect(tx.status).toBe(201);
    const asked = await asEntrepreneur('PUT', `/caes/${caeId}/entrepreneurs/${entrepreneurId}/salary-request`, {
      body: { month: '2025-02', maxGross: '1000.00' },
    });
    expect(asked.status).toBe(200);

    expect((await asStaff('POST', `/caes/${caeId}/payroll-runs`, { body: { month: '2025-02' } })).status).toBe(202);
    await sfn.idle();
    const slip = await asEntrepreneur('GET', `/caes/${caeId}/entrepreneurs/${entrepreneurId}/payslips/2025-02`);
    expect(slip.status).toBe(200);
    // the envelope (3,600.00 after the 10% contribution) would pay more: the request caps it
    expect(slip.body.gross).toBe('1000.00');

    expectProblem(
      await asEntrepreneur('PUT', `/caes/${caeId}/entrepreneurs/${entrepreneurId}/salary-request`, { body: { month: '2025-02', maxGross: '3000.00' } }),
      409,
      'body.month',
      'month-closed',
    );
  });
});
