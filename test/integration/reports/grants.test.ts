import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caeGrants, createGrant, territoryGrantLines } from '../../../functions/shared/repositories/grants.js';
import { admin, entrepreneurOf, funderOf, staffOf } from '../../support/events.js';
import { grant, newCae, report } from './fixtures.js';

// Grants of 2017 in Corse-du-Sud: no other test counts them.
const body = { funder: 'Collectivité de Corse', territory: 'departement:2A', year: 2017, amount: '1200.00' };

describe('POST /caes/{caeId}/grants', () => {
  it('records a grant with the territories whose reports count it', async () => {
    const caeId = await newCae();
    const reply = await grant(caeId, body);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ caeId, ...body, countsIn: ['departement:2A', 'france', 'region:94'] });
    expect(reply.body.id).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('returns the first response again for the same key and body, and records one grant', async () => {
    const caeId = await newCae();
    const key = randomUUID();
    const first = await grant(caeId, body, staffOf(caeId), key);
    const again = await grant(caeId, body, staffOf(caeId), key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await caeGrants(caeId, 2017)).toHaveLength(1);
  });

  it('answers 409 to the same key with another body, and records nothing more', async () => {
    const caeId = await newCae();
    const key = randomUUID();
    await grant(caeId, body, staffOf(caeId), key);
    const other = await grant(caeId, { ...body, amount: '1300.00' }, staffOf(caeId), key);
    expect(other.status).toBe(409);
    expect(await caeGrants(caeId, 2017)).toHaveLength(1);
  });

  it('requires an Idempotency-Key', async () => {
    const caeId = await newCae();
    const { invoke, event } = await import('../../support/events.js');
    const { handler } = await import('../../../functions/grants/createGrant.js');
    const reply = await invoke(handler, event('POST /caes/{caeId}/grants', { caller: staffOf(caeId), pathParameters: { caeId }, body }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('headers.idempotency-key');
  });

  it('refuses an amount given as a JSON number, naming the field', async () => {
    const caeId = await newCae();
    const reply = await grant(caeId, { ...body, amount: 1200 });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.amount']);
  });

  it('refuses a territory that does not exist, naming the field', async () => {
    const caeId = await newCae();
    const reply = await grant(caeId, { ...body, territory: 'departement:96' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.territory']);
  });

  it('refuses unknown fields', async () => {
    const caeId = await newCae();
    expect((await grant(caeId, { ...body, note: 'x' })).status).toBe(400);
  });

  it("answers 404 to another CAE's staff, and lets a federation admin record it", async () => {
    const caeId = await newCae();
    const other = await newCae();
    expect((await grant(caeId, body, staffOf(other))).status).toBe(404);
    expect((await grant(caeId, body, admin)).status).toBe(201);
  });

  it('refuses an entrepreneur and a funder with 403', async () => {
    const caeId = await newCae();
    expect((await grant(caeId, body, entrepreneurOf(caeId, '01J00000000000000000000000'))).status).toBe(403);
    expect((await grant(caeId, body, funderOf('departement:2A'))).status).toBe(403);
  });

  it("adds the grant to its funder's line in each enclosing territory's partition, read with one query", async () => {
    const caeId = await newCae();
    const funder = `Commune d'Ajaccio ${randomUUID()}`;
    await grant(caeId, { ...body, funder, territory: 'commune:2A004', year: 2016 });
    for (const territory of ['commune:2A004', 'departement:2A', 'region:94', 'france']) {
      const lines = (await territoryGrantLines(territory, 2016, 2016)).filter((l) => l.funder === funder);
      expect(lines, territory).toEqual([{ funder, territory: 'commune:2A004', year: 2016, amount: '1200.00', caes: [caeId] }]);
    }
    expect((await territoryGrantLines('departement:2B', 2016, 2016)).map((l) => l.funder)).not.toContain(funder);
  });

  it("sums one funder's grants to several CAEs in one line, whatever the number of CAEs", async () => {
    const [a, b] = await Promise.all([newCae(), newCae()]);
    const funder = `Collectivité de Corse ${randomUUID()}`;
    await Promise.all([grant(a, { ...body, funder, amount: '1000.10' }), grant(b, { ...body, funder, amount: '0.20' }), grant(b, { ...body, funder, amount: '99.70' })]);
    const lines = (await territoryGrantLines('departement:2A', 2017, 2017)).filter((l) => l.funder === funder);
    expect(lines).toEqual([{ funder, territory: 'departement:2A', year: 2017, amount: '1100.00', caes: [a, b].sort() }]);
  });

  it('counts a grant written twice (a request taken over after a crash) once', async () => {
    const caeId = await newCae();
    const funder = `Office de Corse ${randomUUID()}`;
    const stored = { id: `G${randomUUID()}`, caeId, ...body, funder, countsIn: ['departement:2A', 'france', 'region:94'], datasetVintage: 'test', createdAt: '2017-01-02T00:00:00.000Z' };
    await createGrant(stored);
    await createGrant(stored);
    const lines = (await territoryGrantLines('france', 2017, 2017)).filter((l) => l.funder === funder);
    expect(lines.map((l) => l.amount)).toEqual(['1200.00']);
  });

  it("counts a recorded grant in the funder's territory report", async () => {
    const caeId = await newCae();
    await grant(caeId, { ...body, territory: 'commune:2A247', year: 2015, amount: '2400.00' });
    const reply = await report('commune:2A247', { from: '2015-01', to: '2015-06' }, funderOf('departement:2A'));
    expect(reply.body.publicFunding).toBe('1200.00');
  });
});
