/** Interviews: recorded by staff, notes never reaching the entrepreneur, other CAEs' people 404, bad input 400. */
import { describe, expect, it } from 'vitest';
import { runAsOf } from '../../support/clock.js';
import { entrepreneurOf, funderOf, staffOf } from '../../support/events.js';
import { expectProblem, newCae, newCandidate, newEmployee } from '../activity/fixtures.js';
import { anInterview, interview, interviewsOf } from './fixtures.js';

// Interviews are held on fixed days of 2026: today is set after them, so that none is "held in the future".
runAsOf('2026-11-20');

describe('interviews', () => {
  it('are recorded by staff and listed by day, with their notes for staff', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    expect((await interview(caeId, id, anInterview({ heldOn: '2026-03-02', mode: 'remote' }))).status).toBe(201);
    const first = await interview(caeId, id, anInterview({ heldOn: '2026-01-15' }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ entrepreneurId: id, heldOn: '2026-01-15', kind: 'individual', status: 'held', notes: 'Point sur le prévisionnel.' });
    const list = await interviewsOf(caeId, id);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { heldOn: string }) => i.heldOn)).toEqual(['2026-01-15', '2026-03-02']);
    expect(list.body.items[0].notes).toBe('Point sur le prévisionnel.');
  });

  it('are read by the entrepreneur without notes, and a colleague’s are a 404', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const colleague = await newEmployee(caeId);
    await interview(caeId, id, anInterview({ notes: 'Difficultés personnelles, à suivre.' }));
    const own = await interviewsOf(caeId, id, entrepreneurOf(caeId, id));
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.items[0]).not.toHaveProperty('notes');
    expect(JSON.stringify(own.body)).not.toContain('Difficultés');
    expectProblem(await interviewsOf(caeId, id, entrepreneurOf(caeId, colleague)), 404);
  });

  it('are refused to funders (403) and to entrepreneurs recording one (403)', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    expectProblem(await interviewsOf(caeId, id, funderOf('france')), 403);
    expectProblem(await interview(caeId, id, anInterview(), entrepreneurOf(caeId, id)), 403);
  });

  it('of another CAE’s person are a 404, and nothing is written', async () => {
    const caeId = await newCae();
    const other = await newCae();
    const stranger = await newEmployee(other);
    expectProblem(await interview(caeId, stranger, anInterview()), 404);
    expectProblem(await interview(other, stranger, anInterview(), staffOf(caeId)), 404);
    expect((await interviewsOf(other, stranger)).body.items).toEqual([]);
  });

  it('refuse bad input with a 400 naming the field', async () => {
    const caeId = await newCae();
    const id = await newCandidate(caeId);
    expectProblem(await interview(caeId, id, anInterview({ durationMinutes: 0 })), 400, 'body.durationMinutes');
    expectProblem(await interview(caeId, id, anInterview({ durationMinutes: 12.5 })), 400, 'body.durationMinutes');
    expectProblem(await interview(caeId, id, anInterview({ durationMinutes: '60' })), 400, 'body.durationMinutes');
    expectProblem(await interview(caeId, id, anInterview({ heldOn: '2026-02-30' })), 400, 'body.heldOn');
    expectProblem(await interview(caeId, id, anInterview({ kind: 'group' })), 400, 'body.kind');
    expectProblem(await interview(caeId, id, anInterview({ mode: 'visio' })), 400, 'body.mode');
    expectProblem(await interview(caeId, id, anInterview({ status: 'done' })), 400, 'body.status');
    expectProblem(await interview(caeId, id, anInterview({ notes: 'a\u0000b' })), 400, 'body.notes');
    expectProblem(await interview(caeId, id, anInterview({ notes: 'x'.repeat(4001) })), 400, 'body.notes');
    expectProblem(await interview(caeId, id, anInterview({ extra: 1 })), 400, 'body');
    expect((await interviewsOf(caeId, id)).body.items).toEqual([]);
  });

  it('refuse a held interview dated after today (422 held-in-future), but take a planned one', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    expectProblem(await interview(caeId, id, anInterview({ heldOn: '2999-01-01' })), 422, 'body.heldOn', 'held-in-future');
    expect((await interview(caeId, id, anInterview({ heldOn: '2999-01-01', status: 'planned' }))).status).toBe(201);
  });
});
