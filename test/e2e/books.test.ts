/**
 * The books over real HTTP (the local API Gateway adapter and the synthesized payroll state machine):
 * transactions and a payroll run booked as they happen, the analytic balance of the activity equal to its
 * account, the FEC refused while months are open and given provisionally, roles, isolation and bad input.
 * Nothing here may give a 5xx.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../domain/money.js';
import { createLocalPayroll } from '../../infra/local/payrollRunner.js';
import type { LocalApi } from '../../infra/local/server.js';
import { LOCAL_STATE_MACHINE_ARN, type LocalStepFunctions, startLocalStepFunctions } from '../../infra/local/stepFunctionsEndpoint.js';
import { aCae, aPerson } from '../support/builders.js';
import { runAsOf } from '../support/clock.js';
import { checkFec } from '../support/fec.js';
import { client, expectProblem, type HttpReply, replyLog, startApi, tokenFor } from '../support/localApi.js';

// Months paid through the real payroll are in 2025, which the rate tables cover, whatever the real date.
runAsOf('2025-06-15');

let api: LocalApi;
let sfn: LocalStepFunctions;
let staff: ReturnType<typeof client>;
let caeId: string;
let employeeId: string;
let token: string;
const replies = replyLog();

beforeAll(async () => {
  sfn = await startLocalStepFunctions(createLocalPayroll());
  process.env.SFN_ENDPOINT = sfn.endpoint;
  process.env.PAYROLL_STATE_MACHINE_ARN = LOCAL_STATE_MACHINE_ARN;
  api = await startApi();
  const admin = client(api.url, await tokenFor({ sub: 'a', role: 'federation_admin' }));
  caeId = (await admin('POST', '/caes', { body: aCae() })).body.id;
  token = await tokenFor({ sub: 's', role: 'cae_staff', caeId });
  staff = replies.track(client(api.url, token));
  await staff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  employeeId = (await staff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: '2025-01-02' }) })).body.id;
  await staff('POST', `/caes/${caeId}/entrepreneurs/${employeeId}/contract`, { body: { signedOn: '2025-01-02', startsOn: '2025-01-02', fixedMonthlyGross: '900.00' } });
  const tx = (body: Record<string, unknown>) => staff('POST', `/caes/${caeId}/entrepreneurs/${employeeId}/transactions`, { headers: { 'idempotency-key': randomUUID() }, body });
  expect((await tx({ type: 'revenue', date: '2025-02-10', amountExclVat: '4000.00', vatRate: '0.20', label: 'Atelier' })).status).toBe(201);
  expect((await tx({ type: 'expense', date: '2025-02-12', amountExclVat: '300.00', vatRate: '0.20', label: 'Logiciel' })).status).toBe(201);
  expect((await staff('POST', `/caes/${caeId}/payroll-runs`, { body: { month: '2025-02' } })).status).toBe(202);
  await sfn.idle();
});

afterAll(async () => {
  await api?.close();
  await sfn?.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

const books = (path: string) => `/caes/${caeId}/accounting/${path}`;

describe('the books over HTTP', () => {
  it("give the activity's analytic result as its account's, after a payroll run", async () => {
    const account = await staff('GET', `/caes/${caeId}/entrepreneurs/${employeeId}/account?month=2025-02`);
    expect(account.body.closed).toBe(true);
    const tb = await staff('GET', books(`trial-balance?from=2025-02-01&to=2025-02-28&activity=${employeeId}`));
    expect(tb.status).toBe(200);
    const { revenue, contribution, expenses, employerCost } = account.body;
    expect(tb.body.totals.result).toBe(new Dec(revenue).minus(contribution).minus(expenses).minus(employerCost).toFixed(2));
  });

  it('list the entries of the period, each balanced', async () => {
    const list = await staff('GET', books('entries?from=2025-02-01&to=2025-02-28'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { journal: string }) => e.journal).sort()).toEqual(['OD', 'OD', 'PA']);
    for (const entry of list.body.items as { lines: { debit: string; credit: string }[] }[]) {
      const sum = (side: 'debit' | 'credit') => entry.lines.reduce((s, l) => s.plus(l[side]), new Dec(0)).toFixed(2);
      expect(sum('debit')).toBe(sum('credit'));
    }
  });

  it('refuse the FEC of a year with open months, naming them', async () => {
    const reply = await staff('GET', books('fec?fiscalYear=2025'));
    expectProblem(reply, 409, { type: 'fiscal-year-open' });
    expect(reply.body.detail).toContain('2025-03');
  });

  it('give a provisional FEC that passes the checker, with its legal name', async () => {
    const res = await fetch(`${api.url}${books('fec?fiscalYear=2025&provisional=true')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="\d{9}FEC20251231_provisoire\.txt"$/);
    const report = checkFec(await res.text());
    expect(report.problems).toEqual([]);
    expect(report.journals).toEqual({ OD: 2, PA: 1 });
  });

  it('give the VAT figures of the month', async () => {
    const reply = await staff('GET', books('vat?month=2025-02'));
    expect(reply.body).toMatchObject({ collected: [{ rate: '0.20', base: '4000.00', amount: '800.00' }], deductible: { goodsAndServices: '60.00' }, netDue: '740.00' });
  });
});

describe('access and bad input over HTTP', () => {
  it('refuse entrepreneurs and funders with a 403', async () => {
    const asSelf = replies.track(client(api.url, await tokenFor({ sub: 'e', role: 'entrepreneur', caeId, entrepreneurId: employeeId })));
    const asFunder = replies.track(client(api.url, await tokenFor({ sub: 'f', role: 'funder', territories: ['france'] })));
    for (const c of [asSelf, asFunder]) {
      for (const path of ['entries?from=2025-01-01&to=2025-12-31', 'trial-balance?from=2025-01-01&to=2025-12-31', 'vat?month=2025-02', 'fec?fiscalYear=2025']) {
        expectProblem(await c('GET', books(path)), 403);
      }
      expectProblem(await c('PUT', `/caes/${caeId}/accounting-settings`, { body: {} }), 403);
    }
  });

  it("answer another CAE's staff with a 404", async () => {
    const other = replies.track(client(api.url, await tokenFor({ sub: 'o', role: 'cae_staff', caeId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' })));
    const replied: HttpReply[] = [await other('GET', books('trial-balance?from=2025-01-01&to=2025-12-31')), await other('GET', books('fec?fiscalYear=2025&provisional=true'))];
    for (const r of replied) expectProblem(r, 404);
  });

  it('answer bad input with a 400 naming the field, and years outside the books with a 404', async () => {
    expectProblem(await staff('PUT', `/caes/${caeId}/accounting-settings`, { body: { accounts: { servicesSold: '999' } } }), 400, { field: 'body.accounts.servicesSold' });
    expectProblem(await staff('GET', books('fec?fiscalYear=abcd')), 400, { field: 'query.fiscalYear' });
    expectProblem(await staff('GET', books('entries?from=2025-02-30&to=2025-03-01')), 400, { field: 'query.from' });
    expectProblem(await staff('GET', books('fec?fiscalYear=2019&provisional=true')), 404);
    expectProblem(await staff('GET', books('fec?fiscalYear=2031&provisional=true')), 404);
  });
});
