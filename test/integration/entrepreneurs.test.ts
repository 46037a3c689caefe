import { afterEach, describe, expect, it } from 'vitest';
import { handler as createCae } from '../../functions/caes/createCae.js';
import { handler as putSettings } from '../../functions/caes/putSettings.js';
import { handler as becomeAssociate } from '../../functions/entrepreneurs/becomeAssociate.js';
import { handler as createEntrepreneur } from '../../functions/entrepreneurs/createEntrepreneur.js';
import { handler as exit } from '../../functions/entrepreneurs/exit.js';
import { handler as getEntrepreneur } from '../../functions/entrepreneurs/getEntrepreneur.js';
import { handler as getStatus } from '../../functions/entrepreneurs/getStatus.js';
import { handler as listEntrepreneurs } from '../../functions/entrepreneurs/listEntrepreneurs.js';
import { handler as renewConvention } from '../../functions/entrepreneurs/renewConvention.js';
import { handler as signContract } from '../../functions/entrepreneurs/signContract.js';
import { handler as signConvention } from '../../functions/entrepreneurs/signConvention.js';
import { setClock } from '../../functions/shared/clock.js';
import { aCae, aPerson } from '../support/builders.js';
import { admin, entrepreneurOf, event, invoke, staffOf } from '../support/events.js';

const ENT = '/caes/{caeId}/entrepreneurs/{id}';

async function newCae() {
  return (await invoke(createCae, event('POST /caes', { caller: admin, body: aCae() }))).body as { id: string };
}

async function newPerson(caeId: string, overrides: Record<string, unknown> = {}) {
  const reply = await invoke(
    createEntrepreneur,
    event('POST /caes/{caeId}/entrepreneurs', { caller: staffOf(caeId), pathParameters: { caeId }, body: aPerson(overrides) }),
  );
  expect(reply.status).toBe(201);
  return reply.body as { id: string; status: string };
}

function command(handler: Parameters<typeof invoke>[0], suffix: string, caeId: string, id: string, body: unknown, caller = staffOf(caeId)) {
  return invoke(handler, event(`POST ${ENT}${suffix}`, { caller, pathParameters: { caeId, id }, body }));
}

describe('career paths through the handlers', () => {
  afterEach(() => setClock(undefined));

  it('welcomes a candidate', async () => {
    const cae = await newCae();
    const person = await newPerson(cae.id);
    expect(person.status).toBe('candidate');
  });

  it("computes docs/domain.md's associate deadline: CAPE 2023 → CESA 2024-01-01 gives 2026-01-01", async () => {
    const cae = await newCae();
    const p = await newPerson(cae.id, { welcomedOn: '2022-12-01' });
    expect((await command(signConvention, '/convention', cae.id, p.id, { signedOn: '2023-01-01', startsOn: '2023-01-01', endsOn: '2023-12-31' })).status).toBe(201);
    const contract = await command(signContract, '/contract', cae.id, p.id, { signedOn: '2024-01-01', startsOn: '2024-01-01', fixedMonthlyGross: '500.00' });
    expect(contract.status).toBe(201);
    expect(contract.body.associateDeadline).toBe('2026-01-01');
  });

  it('refuses a 13-month CAPE with 422 convention-too-long and leaves the path unchanged', async () => {
    const cae = await newCae();
    const p = await newPerson(cae.id);
    const reply = await command(signConvention, '/convention', cae.id, p.id, { signedOn: '2025-02-01', startsOn: '2025-02-01', endsOn: '2026-02-28' });
    expect(reply.status).toBe(422);
    expect(reply.body.type).toMatch(/\/convention-too-long$/);
    const read = await invoke(getEntrepreneur, event(`GET ${ENT}`, { caller: staffOf(cae.id), pathParameters: { caeId: cae.id, id: p.id } }));
    expect(read.body.path).toHaveLength(1);
  });

  it('refuses a third renewal', async () => {
    const cae = await newCae();
    const p = await newPerson(cae.id);
    await command(signConvention, '/convention', cae.id, p.id, { signedOn: '2025-02-01', startsOn: '2025-02-01', endsOn: '2025-04-30' });
    expect((await command(renewConvention, '/convention/renewals', cae.id, p.id, { endsOn: '2025-06-30' })).status).toBe(201);
    expect((await command(renewConvention, '/convention/renewals', cae.id, p.id, { endsOn: '2025-08-31' })).status).toBe(201);
    const third = await command(renewConvention, '/convention/renewals', cae.id, p.id, { endsOn: '2025-10-31' });
    expect(third.status).toBe(422);
    expect(third.body.type).toMatch(/\/too-many-renewals$/);
  });

  it('requires a CAPE before a CESA by default, and not once the CAE turns the setting off', async () => {
    const cae = await newCae();
    const p = await newPerson(cae.id);
    const contract = { signedOn: '2025-03-01', startsOn: '2025-03-01', fixedMonthlyGross: '0.00' };
    const refused = await command(signContract, '/contract', cae.id, p.id, contract);
    expect(refused.status).toBe(422);
    expect(refused.body.type).toMatch(/\/convention-required$/);
    await invoke(putSettings, event('PUT /caes/{caeId}/settings', { caller: staffOf(cae.id), pathParameters: { caeId: cae.id }, body: { requireConventionBeforeContract: false } }));
    expect((await command(signContract, '/contract', cae.id, p.id, contract)).status).toBe(201);
  });

  it('refuses a trial period longer than 8 months minus the CAPE', async () => {
    const cae = await newCae();
    const p = await newPerson(cae.id);
    await command(signConvention, '/convention', cae.id, p.id, { signedOn: '2025-02-01', startsOn: '2025-02-01', endsOn: '2025-07-31' });
    const reply = await command(signContract, '/contract', cae.id, p.id, { signedOn: '2025-08-01', startsOn: '2025-08-01', fixedMonthlyGross: '0.00', trialMonths: 3 });
    expect(reply.status).toBe(422);
    expect(reply.body.type).toMatch(/\/trial-period-too-long$/);
  });

  it('refuses membership after the deadline and accepts it on the deadline', async () => {
    const cae = await newCae();
    const p = await newPerson(cae.id, { welcomedOn: '2022-12-01' });
    await command(signConvention, '/convention', cae.id, p.id, { signedOn: '2023-01-01', startsOn: '2023-01-01', endsOn: '2023-12-31' });
    await command(signContract, '/contract', cae.id, p.id, { signedOn: '2024-01-01', startsOn: '2024-01-01', fixedMonthlyGross: '500.00' });
    const late = await command(becomeAssociate, '/membership', cae.id, p.id, { effectiveOn: '2026-01-02', capitalSubscribed: '100.00' });
    expect(late.status).toBe(422);
    expect(late.body.type).toMatch(/\/associate-deadline-passed$/);
    const onTime = await command(becomeAssociate, '/membership', cae.id, p.id, { effectiveOn: '2026-01-01', capitalSubscribed: '100.00' });
    expect(onTime.status).toBe(201);
  });

  it('keeps the history across an exit and a re-entry, and answers the status on any date', async () => {
    // The path is shown as of today: a day inside the re-entry CAPE, which ends by itself on 2027-02-28.
    setClock('2026-06-15');
    const cae = await newCae();
    const p = await newPerson(cae.id, { welcomedOn: '2024-01-02' });
    await command(signConvention, '/convention', cae.id, p.id, { signedOn: '2024-02-01', startsOn: '2024-02-01', endsOn: '2024-12-31' });
    await command(exit, '/exit', cae.id, p.id, { effectiveOn: '2024-06-01', reason: 'salaried_job' });
    const back = await command(signConvention, '/convention', cae.id, p.id, { signedOn: '2026-03-01', startsOn: '2026-03-01', endsOn: '2027-02-28' });
    expect(back.status).toBe(201);
    expect(back.body.path.map((s: { stage: string }) => s.stage)).toEqual(['candidate', 'supported', 'exited', 'supported']);
    const statusOn = async (asOf: string) =>
      (await invoke(getStatus, event(`GET ${ENT}/status`, { caller: staffOf(cae.id), pathParameters: { caeId: cae.id, id: p.id }, query: { asOf } }))).body.status;
    expect(await statusOn('2023-12-31')).toBe('none');
    expect(await statusOn('2024-01-15')).toBe('candidate');
    expect(await statusOn('2024-05-31')).toBe('supported');
    expect(await statusOn('2024-06-01')).toBe('exited');
    expect(await statusOn('2025-03-01')).toBe('exited');
    expect(await statusOn('2026-03-01')).toBe('supported');
  });

  it('lists entrepreneurs by status', async () => {
    // Status today: a day inside b's CAPE (2026-06-01 → 2027-05-31), after which b is a candidate again.
    setClock('2026-09-15');
    const cae = await newCae();
    const a = await newPerson(cae.id);
    const b = await newPerson(cae.id);
    await command(signConvention, '/convention', cae.id, b.id, { signedOn: '2026-06-01', startsOn: '2026-06-01', endsOn: '2027-05-31' });
    const list = async (status: string) =>
      (await invoke(listEntrepreneurs, event('GET /caes/{caeId}/entrepreneurs', { caller: staffOf(cae.id), pathParameters: { caeId: cae.id }, query: { status } }))).body;
    expect((await list('candidate')).items.map((e: { id: string }) => e.id)).toEqual([a.id]);
    expect((await list('supported')).items.map((e: { id: string }) => e.id)).toEqual([b.id]);
  });

  it('counts someone whose CAPE has ended, with nothing after it, as a candidate again', async () => {
    const cae = await newCae();
    const p = await newPerson(cae.id, { welcomedOn: '2024-01-02' });
    await command(signConvention, '/convention', cae.id, p.id, { signedOn: '2024-02-01', startsOn: '2024-02-01', endsOn: '2024-12-31' });
    const reply = await invoke(listEntrepreneurs, event('GET /caes/{caeId}/entrepreneurs', { caller: staffOf(cae.id), pathParameters: { caeId: cae.id }, query: { status: 'candidate' } }));
    expect(reply.body.items.map((e: { id: string }) => e.id)).toEqual([p.id]);
  });

  it('lets an entrepreneur read their own record but not a colleague’s (404)', async () => {
    const cae = await newCae();
    const me = await newPerson(cae.id);
    const colleague = await newPerson(cae.id);
    const own = await invoke(getEntrepreneur, event(`GET ${ENT}`, { caller: entrepreneurOf(cae.id, me.id), pathParameters: { caeId: cae.id, id: me.id } }));
    expect(own.status).toBe(200);
    const other = await invoke(getEntrepreneur, event(`GET ${ENT}`, { caller: entrepreneurOf(cae.id, me.id), pathParameters: { caeId: cae.id, id: colleague.id } }));
    expect(other.status).toBe(404);
  });

  it("answers 404 and writes nothing when staff use another CAE's ids", async () => {
    const mine = await newCae();
    const theirs = await newCae();
    const p = await newPerson(theirs.id);
    const reply = await command(signConvention, '/convention', theirs.id, p.id, { signedOn: '2025-02-01', startsOn: '2025-02-01', endsOn: '2025-12-31' }, staffOf(mine.id));
    expect(reply.status).toBe(404);
    const read = await invoke(getEntrepreneur, event(`GET ${ENT}`, { caller: staffOf(theirs.id), pathParameters: { caeId: theirs.id, id: p.id } }));
    expect(read.body.status).toBe('candidate');
  });

  it('serialises concurrent commands: of two CAPEs signed at once, exactly one is recorded', async () => {
    const cae = await newCae();
    const p = await newPerson(cae.id);
    const body = { signedOn: '2025-02-01', startsOn: '2025-02-01', endsOn: '2025-12-31' };
    const replies = await Promise.all([1, 2].map(() => command(signConvention, '/convention', cae.id, p.id, body)));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 422]);
    const read = await invoke(getEntrepreneur, event(`GET ${ENT}`, { caller: staffOf(cae.id), pathParameters: { caeId: cae.id, id: p.id } }));
    expect(read.body.path.filter((s: { stage: string }) => s.stage === 'supported')).toHaveLength(1);
  });
});
