/** Workshops: planned by staff, attendance of the CAE's own people only, within the capacity. */
import { describe, expect, it } from 'vitest';
import { entrepreneurOf, funderOf } from '../../support/events.js';
import { expectProblem, newCae, newEmployee } from '../activity/fixtures.js';
import { attendance, workshop, workshops } from './fixtures.js';

const aWorkshop = (overrides: Record<string, unknown> = {}) => ({ title: 'Atelier prix de vente', heldOn: '2026-04-14', durationMinutes: 120, capacity: 3, ...overrides });

describe('workshops', () => {
  it('are planned, attended by the CAE’s people and listed by day', async () => {
    const caeId = await newCae();
    const [a, b] = [await newEmployee(caeId), await newEmployee(caeId)];
    const later = await workshop(caeId, aWorkshop({ heldOn: '2026-06-01' }));
    const created = await workshop(caeId, aWorkshop());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Atelier prix de vente', entrepreneurIds: [], attendance: 0, capacity: 3 });
    const put = await attendance(caeId, created.body.id, { entrepreneurIds: [a, b] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ entrepreneurIds: [a, b], attendance: 2 });
    const list = await workshops(caeId);
    expect(list.body.items.map((w: { id: string }) => w.id)).toEqual([created.body.id, later.body.id]);
  });

  it('show an entrepreneur whether they came, never who else did', async () => {
    const caeId = await newCae();
    const [a, b] = [await newEmployee(caeId), await newEmployee(caeId)];
    const created = await workshop(caeId, aWorkshop());
    await attendance(caeId, created.body.id, { entrepreneurIds: [a, b] });
    const seen = await workshops(caeId, entrepreneurOf(caeId, a));
    expect(seen.body.items[0]).toMatchObject({ entrepreneurIds: [a], attendance: 1 });
    expect(JSON.stringify(seen.body)).not.toContain(b);
    expectProblem(await workshop(caeId, aWorkshop(), entrepreneurOf(caeId, a)), 403);
    expectProblem(await workshops(caeId, funderOf('france')), 403);
  });

  it('refuse another CAE’s person with a 404 naming them, and change nothing', async () => {
    const caeId = await newCae();
    const a = await newEmployee(caeId);
    const stranger = await newEmployee(await newCae());
    const created = await workshop(caeId, aWorkshop());
    await attendance(caeId, created.body.id, { entrepreneurIds: [a] });
    expectProblem(await attendance(caeId, created.body.id, { entrepreneurIds: [a, stranger] }), 404, 'body.entrepreneurIds.1');
    expect((await workshops(caeId)).body.items[0].entrepreneurIds).toEqual([a]);
  });

  it('refuse more people than the capacity (422 over-capacity), a duplicate (400), another CAE’s workshop (404)', async () => {
    const caeId = await newCae();
    const people = [await newEmployee(caeId), await newEmployee(caeId), await newEmployee(caeId), await newEmployee(caeId)];
    const created = await workshop(caeId, aWorkshop());
    expectProblem(await attendance(caeId, created.body.id, { entrepreneurIds: people }), 422, 'body.entrepreneurIds', 'over-capacity');
    expectProblem(await attendance(caeId, created.body.id, { entrepreneurIds: [people[0], people[0]] }), 400, 'body.entrepreneurIds');
    const other = await newCae();
    expectProblem(await attendance(other, created.body.id, { entrepreneurIds: [] }), 404);
  });

  it('refuse a bad workshop with a 400 naming the field', async () => {
    const caeId = await newCae();
    expectProblem(await workshop(caeId, aWorkshop({ title: '' })), 400, 'body.title');
    expectProblem(await workshop(caeId, aWorkshop({ durationMinutes: 0 })), 400, 'body.durationMinutes');
    expectProblem(await workshop(caeId, aWorkshop({ capacity: 0 })), 400, 'body.capacity');
    expectProblem(await workshop(caeId, aWorkshop({ heldOn: '14/04/2026' })), 400, 'body.heldOn');
    expect((await workshops(caeId)).body.items).toEqual([]);
  });
});
