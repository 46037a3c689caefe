/**
 * POST …/entrepreneurs/{id}/interviews (staff): an interview with one of the CAE's people. A `held` interview
 * may not be dated after today (422 `held-in-future`); a held individual one refreshes the CAE's compliance
 * figures of the month (compliance.ts `interviewRecorded`).
 */
import { ulid } from 'ulid';
import { requireCae } from '../shared/auth.js';
import { nowIso, todayInParis } from '../shared/clock.js';
import { RuleViolated } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { countsForCompliance, createInterview, type Interview } from '../shared/repositories/interviews.js';
import { contracts } from './api.js';
import { interviewRecorded } from './compliance.js';
import { interviewView } from './view.js';

export const handler = httpHandler('recordInterview', contracts.recordInterview, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  await getEntrepreneur(params.caeId, params.id);
  const today = todayInParis();
  if (body.status === 'held' && body.heldOn > today) {
    const message = `is after today (${today}): an interview to come is "planned"`;
    throw new RuleViolated('held-in-future', `An interview cannot have been held on ${body.heldOn}.`, [{ path: 'body.heldOn', message }]);
  }
  const interview: Interview = {
    id: ulid(),
    caeId: params.caeId,
    entrepreneurId: params.id,
    heldOn: body.heldOn,
    kind: body.kind,
    mode: body.mode,
    durationMinutes: body.durationMinutes,
    status: body.status,
    ...(body.notes === undefined ? {} : { notes: body.notes }),
    recordedAt: nowIso(),
    recordedBy: caller.sub,
  };
  await createInterview(interview);
  if (countsForCompliance(interview)) await interviewRecorded(params.caeId, interview.heldOn);
  return { body: interviewView(interview, caller) };
});
