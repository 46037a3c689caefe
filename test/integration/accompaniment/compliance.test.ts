/**
 * The compliance view and the federation summary's share (docs/domain.md "Accompaniment"): everyone supported or
 * employed on asOf, their held individual interviews of the 12 months before, pro rata in their first year.
 */
import { describe, expect, it } from 'vitest';
import { runAsOf } from '../../support/clock.js';
import { complianceSummaries } from '../../../functions/accompaniment/compliance.js';
import { handler as getSummary } from '../../../functions/federation/getSummary.js';
import { complianceFiguresOf } from '../../../functions/shared/repositories/compliance.js';
import { admin, entrepreneurOf, event, funderOf, invoke } from '../../support/events.js';
import { expectProblem, newCae, newCandidate, newEmployee, newExited } from '../activity/fixtures.js';
import { anInterview, compliance, conventionSigned, interview, interviewsHeld } from './fixtures.js';

// Interviews are held on fixed days of 2026: today is set after them, so that none is "held in the future".
runAsOf('2026-11-20');

const AS_OF = '2026-10-31';

/** A: compliant (2 held); B: none that count; D: a CAPE of a month (nothing owed yet); a candidate; someone who left. */
async function aCaeOfFive() {
  const caeId = await newCae();
  const a = await newEmployee(caeId);
  const b = await newEmployee(caeId);
  const candidate = await newCandidate(caeId);
  const d = await newCandidate(caeId);
  await conventionSigned(caeId, d, '2026-10-01', '2027-09-30');
  const left = await newExited(caeId);
  await interviewsHeld(caeId, a, ['2026-03-10', '2026-09-01']);
  await interviewsHeld(caeId, left, ['2026-03-10', '2026-05-01']);
  // B: a collective one, a missed one and a planned one do not count
  for (const body of [anInterview({ kind: 'collective' }), anInterview({ status: 'missed' }), anInterview({ heldOn: '2026-10-20', status: 'planned' })]) {
    expect((await interview(caeId, b, body)).status).toBe(201);
  }
  return { caeId, a, b, candidate, d, left };
}

describe('GET /caes/{caeId}/accompaniment/compliance', () => {
  it('lists everyone supported or employed on asOf, compliant or not, with the next due day', async () => {
    const { caeId, a, b, d } = await aCaeOfFive();
    const reply = await compliance(caeId, { asOf: AS_OF });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ asOf: AS_OF, people: 3, compliant: 2, share: '0.6667' });
    const byId = Object.fromEntries(reply.body.items.map((i: { entrepreneurId: string }) => [i.entrepreneurId, i]));
    expect(Object.keys(byId).sort()).toEqual([a, b, d].sort());
    // A is in their tenth month: one owed, two held; the first leaves the window on 2027-03-10
    expect(byId[a]).toMatchObject({ status: 'employee', accompaniedSince: '2026-01-01', individualInterviews12m: 2, required: 1, compliant: true, nextDueOn: '2027-03-10' });
    expect(byId[b]).toMatchObject({ individualInterviews12m: 0, required: 1, compliant: false, nextDueOn: AS_OF });
    expect(byId[d]).toMatchObject({ status: 'supported', required: 0, compliant: true, nextDueOn: '2027-04-01' });
  });

  it('counts only the 12 months before asOf: ten months later, A’s March interview is gone', async () => {
    const { caeId, a } = await aCaeOfFive();
    const reply = await compliance(caeId, { asOf: '2027-08-15' });
    const row = reply.body.items.find((i: { entrepreneurId: string }) => i.entrepreneurId === a);
    expect(row).toMatchObject({ individualInterviews12m: 1, required: 2, compliant: false });
  });

  it('is for the CAE’s staff: an entrepreneur and a funder are 403, another CAE 404; a bad date 400', async () => {
    const { caeId, a } = await aCaeOfFive();
    const other = await newCae();
    expectProblem(await compliance(caeId, { asOf: AS_OF }, entrepreneurOf(caeId, a)), 403);
    expectProblem(await compliance(caeId, { asOf: AS_OF }, funderOf('france')), 403);
    expectProblem(await compliance(caeId, { asOf: AS_OF }, { role: 'cae_staff', caeId: other }), 404);
    expectProblem(await compliance(caeId, { asOf: '2026-13-01' }), 400, 'query.asOf');
  });
});

describe('the compliance share of the federation summary', () => {
  it('shows each CAE’s share on the month’s last day, taken once and kept', async () => {
    const { caeId } = await aCaeOfFive();
    expect((await complianceFiguresOf([caeId], '2026-10')).get(caeId)).toBeUndefined();
    const first = await complianceSummaries([caeId], '2026-10');
    expect(first.get(caeId)).toEqual({ asOf: AS_OF, people: 3, compliant: 2, share: '0.6667' });
    expect((await complianceFiguresOf([caeId], '2026-10')).get(caeId)).toMatchObject({ asOf: AS_OF, people: 3, compliant: 2 });
  });

  it('takes the figures again after an interview recorded after the fact in that month', async () => {
    const { caeId, b } = await aCaeOfFive();
    expect((await complianceSummaries([caeId], '2026-10')).get(caeId)?.compliant).toBe(2);
    await interviewsHeld(caeId, b, ['2026-10-05']);
    expect((await complianceSummaries([caeId], '2026-10')).get(caeId)).toMatchObject({ people: 3, compliant: 3, share: '1.0000' });
  });

  it('is a column of GET /federation/summary', async () => {
    const { caeId } = await aCaeOfFive();
    let row: Record<string, unknown> | undefined;
    let cursor: string | undefined;
    do {
      const reply = await invoke(getSummary, event('GET /federation/summary', { caller: admin, query: { month: '2026-10', limit: '200', ...(cursor ? { cursor } : {}) } }));
      expect(reply.status).toBe(200);
      row = reply.body.items.find((r: { caeId: string }) => r.caeId === caeId);
      cursor = reply.body.nextCursor ?? undefined;
    } while (!row && cursor);
    expect(row?.accompaniment).toEqual({ asOf: AS_OF, people: 3, compliant: 2, share: '0.6667' });
  });

  it('is null for a month that has not begun', async () => {
    const { caeId } = await aCaeOfFive();
    expect((await complianceSummaries([caeId], '2999-01')).get(caeId)).toBeNull();
  });
});
