import { beforeAll, describe, expect, it } from 'vitest';
import { handler as putSettings } from '../../../functions/caes/putSettings.js';
import { handler as signContract } from '../../../functions/entrepreneurs/signContract.js';
import { handler as listAssociates } from '../../../functions/governance/listAssociates.js';
import { todayInParis } from '../../../functions/shared/clock.js';
import { admin, entrepreneurOf, event, invoke, staffOf, type TestCaller } from '../../support/events.js';
import { anAssociate, anEmployee, join, leave, newCae } from './people.js';

function register(caeId: string, query?: Record<string, string>, caller: TestCaller = staffOf(caeId)) {
  return invoke(listAssociates, event('GET /caes/{caeId}/associates', { caller, pathParameters: { caeId }, ...(query ? { query } : {}) }));
}

async function idsOn(caeId: string, asOf: string): Promise<string[]> {
  const reply = await register(caeId, { asOf });
  expect(reply.status).toBe(200);
  return reply.body.items.map((a: { entrepreneurId: string }) => a.entrepreneurId);
}

describe('the associates register', () => {
  // One member from 2025-06-01 who left on 2026-03-01 (first day out), and one employee who never joined.
  let caeId: string;
  let member: string;
  let employee: string;
  beforeAll(async () => {
    caeId = await newCae();
    member = await anAssociate(caeId, { firstName: 'Camille', lastName: 'Roux', capital: '250.00', joinedOn: '2025-06-01', exitOn: '2026-03-01' });
    employee = await anEmployee(caeId);
  });

  it('does not list a person before their membership takes effect', async () => {
    expect(await idsOn(caeId, '2025-05-31')).toEqual([]);
  });

  it('lists an associate from the day their membership takes effect, with their capital and one vote', async () => {
    const reply = await register(caeId, { asOf: '2025-06-01' });
    expect(reply.body).toEqual({
      asOf: '2025-06-01',
      items: [{ entrepreneurId: member, name: 'Camille Roux', since: '2025-06-01', capitalSubscribed: '250.00', votes: 1 }],
    });
  });

  it('lists an associate during their membership, up to the day before their exit', async () => {
    expect(await idsOn(caeId, '2025-12-01')).toEqual([member]);
    expect(await idsOn(caeId, '2026-02-28')).toEqual([member]);
  });

  it('no longer lists an associate from the day of their exit', async () => {
    expect(await idsOn(caeId, '2026-03-01')).toEqual([]);
  });

  it('never lists an employee who did not become an associate', async () => {
    expect(await idsOn(caeId, '2025-12-01')).not.toContain(employee);
  });

  it('lists each associate once, sorted by name, whatever their capital', async () => {
    const other = await newCae();
    const zoe = await anAssociate(other, { firstName: 'Zoé', lastName: 'Aubert', capital: '50000.00' });
    const adele = await anAssociate(other, { firstName: 'Adèle', lastName: 'Morel', capital: '20.00' });
    const reply = await register(other, { asOf: '2025-07-01' });
    expect(reply.body.items.map((a: { entrepreneurId: string; votes: number }) => [a.entrepreneurId, a.votes])).toEqual([
      [adele, 1],
      [zoe, 1],
    ]);
  });

  it('starts a returning associate at their re-entry date', async () => {
    const other = await newCae();
    const id = await anAssociate(other, { joinedOn: '2025-06-01', exitOn: '2025-09-01' });
    // Re-entry: a new path segment, here straight into a CESA once the CAE no longer requires a CAPE first.
    await invoke(putSettings, event('PUT /caes/{caeId}/settings', { caller: staffOf(other), pathParameters: { caeId: other }, body: { requireConventionBeforeContract: false } }));
    const contract = await invoke(
      signContract,
      event('POST /caes/{caeId}/entrepreneurs/{id}/contract', {
        caller: staffOf(other),
        pathParameters: { caeId: other, id },
        body: { signedOn: '2025-10-01', startsOn: '2025-10-01', fixedMonthlyGross: '1800.00' },
      }),
    );
    expect(contract.status, JSON.stringify(contract.body)).toBe(201);
    await join(other, id, '2025-11-01', '300.00');
    const reply = await register(other, { asOf: '2025-12-01' });
    expect(reply.body.items).toMatchObject([{ entrepreneurId: id, since: '2025-11-01', capitalSubscribed: '300.00' }]);
    expect(await idsOn(other, '2025-10-15')).toEqual([]);
  });

  it('reads the register on today in Europe/Paris when no date is given', async () => {
    const reply = await register(caeId);
    expect(reply.status).toBe(200);
    expect(reply.body.asOf).toBe(todayInParis());
  });

  it('lets a federation admin read the register', async () => {
    const reply = await register(caeId, { asOf: '2025-12-01' }, admin);
    expect(reply.status).toBe(200);
  });

  it('refuses a date that does not exist, naming the query field (400)', async () => {
    const reply = await register(caeId, { asOf: '2025-02-30' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('query.asOf');
  });

  it('refuses an unknown query parameter (400)', async () => {
    const reply = await register(caeId, { asOf: '2025-12-01', weighted: 'true' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('query.weighted');
  });

  it('does not show the register to an entrepreneur (403)', async () => {
    const reply = await register(caeId, { asOf: '2025-12-01' }, entrepreneurOf(caeId, member));
    expect(reply.status).toBe(403);
  });

  it("answers 404 to staff asking for another CAE's register", async () => {
    const other = await newCae();
    const reply = await register(caeId, { asOf: '2025-12-01' }, staffOf(other));
    expect(reply.status).toBe(404);
  });
});

describe('an exit recorded after the register was read', () => {
  it('removes the associate from the register from the exit date on', async () => {
    const caeId = await newCae();
    const id = await anAssociate(caeId);
    expect(await idsOn(caeId, '2025-08-01')).toEqual([id]);
    await leave(caeId, id, '2025-08-01');
    expect(await idsOn(caeId, '2025-08-01')).toEqual([]);
    expect(await idsOn(caeId, '2025-07-31')).toEqual([id]);
  });
});
