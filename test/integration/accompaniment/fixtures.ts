/** Builders for the accompaniment tests: thin wrappers around its handlers, on the activity fixtures' CAEs and people. */
import { expect } from 'vitest';
import { handler as createWorkshop } from '../../../functions/accompaniment/createWorkshop.js';
import { handler as getCompliance } from '../../../functions/accompaniment/getCompliance.js';
import { handler as listInterviews } from '../../../functions/accompaniment/listInterviews.js';
import { handler as listWorkshops } from '../../../functions/accompaniment/listWorkshops.js';
import { handler as putWorkshopAttendance } from '../../../functions/accompaniment/putWorkshopAttendance.js';
import { handler as recordInterview } from '../../../functions/accompaniment/recordInterview.js';
import { handler as simulateBenefit } from '../../../functions/accompaniment/simulateUnemploymentBenefit.js';
import { handler as signConvention } from '../../../functions/entrepreneurs/signConvention.js';
import { event, invoke, type Reply, staffOf, type TestCaller } from '../../support/events.js';

const ENT = '/caes/{caeId}/entrepreneurs/{id}';

export function anInterview(overrides: Record<string, unknown> = {}) {
  return { heldOn: '2026-02-10', kind: 'individual', mode: 'on_site', durationMinutes: 60, status: 'held', notes: 'Point sur le prévisionnel.', ...overrides };
}

export function interview(caeId: string, id: string, body: unknown, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(recordInterview, event(`POST ${ENT}/interviews`, { caller, pathParameters: { caeId, id }, body }));
}

/** Records interviews and expects each a 201. */
export async function interviewsHeld(caeId: string, id: string, days: readonly string[]): Promise<void> {
  for (const heldOn of days) {
    const reply = await interview(caeId, id, anInterview({ heldOn }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
}

export function interviewsOf(caeId: string, id: string, caller: TestCaller = staffOf(caeId), query: Record<string, string> = {}): Promise<Reply> {
  return invoke(listInterviews, event(`GET ${ENT}/interviews`, { caller, pathParameters: { caeId, id }, query }));
}

export function workshop(caeId: string, body: unknown, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(createWorkshop, event('POST /caes/{caeId}/workshops', { caller, pathParameters: { caeId }, body }));
}

export function attendance(caeId: string, workshopId: string, body: unknown, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(
    putWorkshopAttendance,
    event('PUT /caes/{caeId}/workshops/{workshopId}/attendance', { caller, pathParameters: { caeId, workshopId }, body }),
  );
}

export function workshops(caeId: string, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(listWorkshops, event('GET /caes/{caeId}/workshops', { caller, pathParameters: { caeId } }));
}

export function compliance(caeId: string, query: Record<string, string>, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(getCompliance, event('GET /caes/{caeId}/accompaniment/compliance', { caller, pathParameters: { caeId }, query }));
}

export function benefit(caeId: string, body: unknown, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(simulateBenefit, event('POST /caes/{caeId}/unemployment-benefit/simulations', { caller, pathParameters: { caeId }, body }));
}

export async function conventionSigned(caeId: string, id: string, startsOn: string, endsOn: string): Promise<void> {
  const reply = await invoke(
    signConvention,
    event(`POST ${ENT}/convention`, { caller: staffOf(caeId), pathParameters: { caeId, id }, body: { signedOn: startsOn, startsOn, endsOn } }),
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
}
