/**
 * Payroll over HTTP: POST /caes/{caeId}/payroll-runs starts the synthesized state machine through the local
 * Step Functions endpoint, as it would on AWS through the SDK.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markCaeMonthClosed } from '../../functions/shared/repositories/accounts.js';
import { openRunItem } from '../../functions/shared/repositories/payrollBatches.js';
import { createLocalPayroll } from '../../infra/local/payrollRunner.js';
import type { LocalApi } from '../../infra/local/server.js';
import { LOCAL_STATE_MACHINE_ARN, type LocalStepFunctions, startLocalStepFunctions } from '../../infra/local/stepFunctionsEndpoint.js';
import { aCae, aPerson } from '../support/builders.js';
import { runAsOf } from '../support/clock.js';
import { client, startApi, tokenFor } from '../support/localApi.js';

// The CESA from 2025-01-02 without a CAPE has its associate deadline on 2028-01-02: the months paid here are
// judged while it runs, whatever the real date.
runAsOf('2026-06-15');

let api: LocalApi;
let sfn: LocalStepFunctions;
let staff: ReturnType<typeof client>;
let caeId: string;
let employeeId: string;
/** Every CAE execution the local Step Functions endpoint ran, as `caeId/month`. */
const executions: string[] = [];

beforeAll(async () => {
  sfn = await startLocalStepFunctions(createLocalPayroll({ onCaeStarted: (cae, month) => executions.push(`${cae}/${month}`) }));
  process.env.SFN_ENDPOINT = sfn.endpoint;
  process.env.PAYROLL_STATE_MACHINE_ARN = LOCAL_STATE_MACHINE_ARN;
  api = await startApi();
  const admin = client(api.url, await tokenFor({ sub: 'a', role: 'federation_admin' }));
  caeId = (await admin('POST', '/caes', { body: aCae() })).body.id;
  staff = client(api.url, await tokenFor({ sub: 's', role: 'cae_staff', caeId }));
  await staff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  employeeId = (await staff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: '2025-01-02' }) })).body.id;
  await staff('POST', `/caes/${caeId}/entrepreneurs/${employeeId}/contract`, { body: { signedOn: '2025-01-02', startsOn: '2025-01-02', fixedMonthlyGross: '900.00' } });
  const tx = await staff('POST', `/caes/${caeId}/entrepreneurs/${employeeId}/transactions`, {
    headers: { 'idempotency-key': randomUUID() },
    body: { type: 'revenue', date: '2025-02-10', amountExclVat: '4000.00', vatRate: '0.20', label: 'Invoice' },
  });
  expect(tx.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await sfn.close();
  await api.close();
});

describe('payroll runs over HTTP', () => {
  it('starts the run (202), which completes and pays the entrepreneur', async () => {
    const started = await staff('POST', `/caes/${caeId}/payroll-runs`, { body: { month: '2025-02' } });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ month: '2025-02', status: 'running' });
    await sfn.idle();
    const run = await staff('GET', `/caes/${caeId}/payroll-runs/2025-02`);
    expect(run.body).toMatchObject({ month: '2025-02', status: 'completed', entrepreneurs: 1, totals: { revenue: '4000.00', contribution: '400.00' }, unpaid: [] });
    expect(run.body.failure).toBeUndefined();
    expect(run.body.executionArn).toBeUndefined();
    const slip = await staff('GET', `/caes/${caeId}/entrepreneurs/${employeeId}/payslips/2025-02`);
    expect(slip.status).toBe(200);
    expect(slip.body.envelope).toBe('3600.00');
    expect(slip.body.lines.length).toBeGreaterThan(5);
  });

  it('refuses a month before the last closed month (409)', async () => {
    const reply = await staff('POST', `/caes/${caeId}/payroll-runs`, { body: { month: '2025-01' } });
    expect(reply.status).toBe(409);
    expect(reply.body.type).toMatch(/\/month-already-closed$/);
  });

  it('refuses a month that has not begun (422)', async () => {
    const reply = await staff('POST', `/caes/${caeId}/payroll-runs`, { body: { month: '2999-01' } });
    expect(reply.status).toBe(422);
  });

  it('refuses a transaction dated in the paid month (409)', async () => {
    const reply = await staff('POST', `/caes/${caeId}/entrepreneurs/${employeeId}/transactions`, {
      headers: { 'idempotency-key': randomUUID() },
      body: { type: 'revenue', date: '2025-02-20', amountExclVat: '10.00', vatRate: '0.20', label: 'Late' },
    });
    expect(reply.status).toBe(409);
  });

  it('does not let an entrepreneur start a run (403)', async () => {
    const self = client(api.url, await tokenFor({ sub: 'e', role: 'entrepreneur', caeId, entrepreneurId: employeeId }));
    expect((await self('POST', `/caes/${caeId}/payroll-runs`, { body: { month: '2025-03' } })).status).toBe(403);
  });

  it('answers 404 for a month never run', async () => {
    expect((await staff('GET', `/caes/${caeId}/payroll-runs/2024-06`)).status).toBe(404);
  });
});

describe('months paid in order', () => {
  it('refuses to start a month while the month before is still running (409), and accepts it afterwards', async () => {
    const admin = client(api.url, await tokenFor({ sub: 'a2', role: 'federation_admin' }));
    const cae = (await admin('POST', '/caes', { body: aCae() })).body.id;
    const first = await admin('POST', `/caes/${cae}/payroll-runs`, { body: { month: '2025-05' } });
    expect(first.status).toBe(202);
    const next = await admin('POST', `/caes/${cae}/payroll-runs`, { body: { month: '2025-06' } });
    // The first run may already have finished on a fast machine: then the next month is simply accepted.
    const firstRun = await admin('GET', `/caes/${cae}/payroll-runs/2025-05`);
    if (next.status === 409) {
      expect(next.body.type).toMatch(/\/payroll-run-in-progress$/);
      await sfn.idle();
      expect((await admin('POST', `/caes/${cae}/payroll-runs`, { body: { month: '2025-06' } })).status).toBe(202);
    } else {
      expect(next.status).toBe(202);
      expect(firstRun.body.status).toBe('completed');
    }
    await sfn.idle();
    expect((await admin('GET', `/caes/${cae}/payroll-runs/2025-06`)).body.status).toBe('completed');
  });
});

describe('a month whose run was interrupted', () => {
  it('is resumed when the next month is asked for (409 until it completes), then the next month is paid', async () => {
    const admin = client(api.url, await tokenFor({ sub: 'a3', role: 'federation_admin' }));
    const cae = (await admin('POST', '/caes', { body: aCae() })).body.id;
    await admin('PUT', `/caes/${cae}/settings`, { body: { requireConventionBeforeContract: false } });
    const id = (await admin('POST', `/caes/${cae}/entrepreneurs`, { body: aPerson({ welcomedOn: '2025-01-02' }) })).body.id;
    await admin('POST', `/caes/${cae}/entrepreneurs/${id}/contract`, { body: { signedOn: '2025-01-02', startsOn: '2025-01-02', fixedMonthlyGross: '900.00' } });
    // What a runtime killed right after opening 2025-03 leaves: the run says "running", its execution is gone.
    await openRunItem({
      caeId: cae,
      month: '2025-03',
      months: ['2025-03'],
      status: 'running',
      monthsClosedInPassing: [],
      entrepreneurs: 0,
      totals: { revenue: '0.00', contribution: '0.00', gross: '0.00', employerCost: '0.00', net: '0.00' },
      startedAt: '2025-04-01T04:00:00.000Z',
      executionArn: `${LOCAL_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:killed-with-its-runtime`,
    });
    await markCaeMonthClosed(cae, '2025-03');

    const next = await admin('POST', `/caes/${cae}/payroll-runs`, { body: { month: '2025-04' } });
    expect(next.status).toBe(409);
    expect(next.body.type).toMatch(/\/payroll-run-in-progress$/);
    expect(next.body.detail).toContain('resumed');
    await sfn.idle();
    expect(executions.filter((e) => e === `${cae}/2025-03`)).toHaveLength(1);
    expect((await admin('GET', `/caes/${cae}/payroll-runs/2025-03`)).body).toMatchObject({ status: 'completed', entrepreneurs: 1 });
    expect((await admin('GET', `/caes/${cae}/entrepreneurs/${id}/payslips/2025-03`)).body.fixedPart).toBe('900.00');
    expect((await admin('POST', `/caes/${cae}/payroll-runs`, { body: { month: '2025-04' } })).status).toBe(202);
    await sfn.idle();
    expect((await admin('GET', `/caes/${cae}/payroll-runs/2025-04`)).body.status).toBe('completed');
  });

  it('is started once when asked for several times at once', async () => {
    const admin = client(api.url, await tokenFor({ sub: 'a4', role: 'federation_admin' }));
    const cae = (await admin('POST', '/caes', { body: aCae() })).body.id;
    const replies = await Promise.all([1, 2, 3].map(() => admin('POST', `/caes/${cae}/payroll-runs`, { body: { month: '2025-05' } })));
    expect(replies.map((r) => r.status)).toEqual([202, 202, 202]);
    await sfn.idle();
    expect((await admin('GET', `/caes/${cae}/payroll-runs/2025-05`)).body.status).toBe('completed');
    expect(executions.filter((e) => e === `${cae}/2025-05`)).toHaveLength(1);
  });
});
