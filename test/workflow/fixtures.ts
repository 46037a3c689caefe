/**
 * Builders for the workflow tests: a CAE whose entrepreneurs have real career paths and ledgers, built
 * through the handlers, and the synthesized payroll state machines run locally.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { handler as recordTransaction } from '../../functions/activity/recordTransaction.js';
import { handler as createCae } from '../../functions/caes/createCae.js';
import { handler as createEntrepreneur } from '../../functions/entrepreneurs/createEntrepreneur.js';
import { handler as renewConvention } from '../../functions/entrepreneurs/renewConvention.js';
import { handler as signContract } from '../../functions/entrepreneurs/signContract.js';
import { handler as signConvention } from '../../functions/entrepreneurs/signConvention.js';
import { openRunItem } from '../../functions/shared/repositories/payrollBatches.js';
import type { PayrollRun } from '../../functions/shared/repositories/payrollRuns.js';
import { aCae, aPerson } from '../support/builders.js';
import { admin, event, invoke, staffOf } from '../support/events.js';

const ENT = '/caes/{caeId}/entrepreneurs/{id}';

/**
 * The day the workflow tests run as (test/support/clock.ts): the people below are active on it (the CAPE
 * runs to 2026-12-31, the CESAs' associate deadline is 2027-11-01) and the months paid (2025) are over, so
 * no test depends on the real date.
 */
export const WORKFLOW_TODAY = '2026-06-15';

export async function newCae(): Promise<string> {
  const reply = await invoke(createCae, event('POST /caes', { caller: admin, body: aCae() }));
  expect(reply.status).toBe(201);
  return reply.body.id;
}

async function welcome(caeId: string): Promise<string> {
  const reply = await invoke(
    createEntrepreneur,
    event('POST /caes/{caeId}/entrepreneurs', { caller: staffOf(caeId), pathParameters: { caeId }, body: aPerson({ welcomedOn: '2024-10-01' }) }),
  );
  expect(reply.status).toBe(201);
  return reply.body.id;
}

/** Supported since 2025-01-01: a 12-month CAPE renewed to the end of 2026 (still supported on WORKFLOW_TODAY). */
export async function newSupported(caeId: string): Promise<string> {
  const id = await welcome(caeId);
  const staff = staffOf(caeId);
  const signed = await invoke(
    signConvention,
    event(`POST ${ENT}/convention`, { caller: staff, pathParameters: { caeId, id }, body: { signedOn: '2025-01-01', startsOn: '2025-01-01', endsOn: '2025-12-31' } }),
  );
  expect(signed.status).toBe(201);
  const renewed = await invoke(renewConvention, event(`POST ${ENT}/convention/renewals`, { caller: staff, pathParameters: { caeId, id }, body: { endsOn: '2026-12-31' } }));
  expect(renewed.status).toBe(201);
  return id;
}

/** An employee: CAPE for November 2024, CESA from 2024-12-01 with this fixed part. */
export async function newEmployee(caeId: string, fixedMonthlyGross: string): Promise<string> {
  const id = await welcome(caeId);
  const staff = staffOf(caeId);
  expect(
    (await invoke(signConvention, event(`POST ${ENT}/convention`, { caller: staff, pathParameters: { caeId, id }, body: { signedOn: '2024-11-01', startsOn: '2024-11-01', endsOn: '2024-11-30' } }))).status,
  ).toBe(201);
  expect(
    (await invoke(signContract, event(`POST ${ENT}/contract`, { caller: staff, pathParameters: { caeId, id }, body: { signedOn: '2024-12-01', startsOn: '2024-12-01', fixedMonthlyGross } }))).status,
  ).toBe(201);
  return id;
}

export async function record(caeId: string, id: string, type: 'revenue' | 'expense', date: string, amountExclVat: string, vatRate = '0.20') {
  return invoke(
    recordTransaction,
    event(`POST ${ENT}/transactions`, {
      caller: staffOf(caeId),
      pathParameters: { caeId, id },
      headers: { 'idempotency-key': randomUUID() },
      body: { type, date, amountExclVat, vatRate, label: `${type} ${date}` },
    }),
  );
}

/** A run of a new CAE stored as "running" under `executionArn`, as an interrupted or live run leaves it. */
export async function aRunningRun(month: string, executionArn: string, heartbeatAt: string): Promise<PayrollRun> {
  const caeId = await newCae();
  return openRunItem({
    caeId,
    month,
    months: [month],
    status: 'running',
    monthsClosedInPassing: [],
    entrepreneurs: 0,
    totals: { revenue: '0.00', contribution: '0.00', gross: '0.00', employerCost: '0.00', net: '0.00' },
    startedAt: heartbeatAt,
    executionArn,
    heartbeatAt,
  });
}

