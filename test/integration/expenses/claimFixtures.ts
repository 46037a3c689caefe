/**
 * Builders for the expense-claim tests: valid lines, and thin wrappers around the claim handlers. Claims are
 * dated in the activity tests' fixed year `Y` (activity/fixtures.ts), which the mileage scales cover.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { handler as approveClaim } from '../../../functions/expenses/claims/approve.js';
import { handler as createClaim } from '../../../functions/expenses/claims/create.js';
import { handler as getClaim } from '../../../functions/expenses/claims/get.js';
import { handler as listClaims } from '../../../functions/expenses/claims/list.js';
import { handler as queue } from '../../../functions/expenses/claims/queue.js';
import { handler as rejectClaim } from '../../../functions/expenses/claims/reject.js';
import { handler as submitClaim } from '../../../functions/expenses/claims/submit.js';
import { event, invoke, type Reply, staffOf, type TestCaller } from '../../support/events.js';
import { day } from '../activity/fixtures.js';

const CLAIMS = '/caes/{caeId}/entrepreneurs/{id}/expense-claims';

export function anExpenseLine(overrides: Record<string, unknown> = {}) {
  return { kind: 'expense', date: day(3, 12), description: 'Train Lyon–Paris', amountExclVat: '80.00', vatRate: '0.10', category: 'travel', ...overrides };
}

export function aMileageLine(overrides: Record<string, unknown> = {}) {
  return { kind: 'mileage', date: day(3, 14), description: 'Client visit', km: 100, vehicle: { type: 'car', fiscalPower: 4, electric: false }, ...overrides };
}

export function file(caeId: string, id: string, lines: unknown[], caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(createClaim, event(`POST ${CLAIMS}`, { caller, pathParameters: { caeId, id }, body: { lines } }));
}

/** Files a claim and expects a 201; returns it. */
export async function filed(caeId: string, id: string, lines: unknown[], caller?: TestCaller) {
  const reply = await file(caeId, id, lines, caller);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

export function get(caeId: string, id: string, claimId: string, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(getClaim, event(`GET ${CLAIMS}/{claimId}`, { caller, pathParameters: { caeId, id, claimId } }));
}

export function submit(caeId: string, id: string, claimId: string, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(submitClaim, event(`POST ${CLAIMS}/{claimId}/submission`, { caller, pathParameters: { caeId, id, claimId } }));
}

export function approve(caeId: string, id: string, claimId: string, options: { key?: string; caller?: TestCaller } = {}): Promise<Reply> {
  return invoke(
    approveClaim,
    event(`POST ${CLAIMS}/{claimId}/approval`, {
      caller: options.caller ?? staffOf(caeId),
      pathParameters: { caeId, id, claimId },
      headers: { 'idempotency-key': options.key ?? randomUUID() },
    }),
  );
}

export function reject(caeId: string, id: string, claimId: string, reason: string, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(rejectClaim, event(`POST ${CLAIMS}/{claimId}/rejection`, { caller, pathParameters: { caeId, id, claimId }, body: { reason } }));
}

export function list(caeId: string, id: string, query: Record<string, string> = {}, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(listClaims, event(`GET ${CLAIMS}`, { caller, pathParameters: { caeId, id }, query }));
}

export function waiting(caeId: string, query: Record<string, string> = {}, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(queue, event('GET /caes/{caeId}/expense-claims', { caller, pathParameters: { caeId }, query }));
}

/** Files, submits and approves a claim; returns the approved claim. */
export async function approvedClaim(caeId: string, id: string, lines: unknown[]) {
  const claim = await filed(caeId, id, lines);
  expect((await submit(caeId, id, claim.id)).status).toBe(201);
  const reply = await approve(caeId, id, claim.id);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}
