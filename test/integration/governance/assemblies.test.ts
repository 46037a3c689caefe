import { beforeAll, describe, expect, it } from 'vitest';
import { handler as createAssembly } from '../../../functions/governance/createAssembly.js';
import { handler as createEntrepreneur } from '../../../functions/entrepreneurs/createEntrepreneur.js';
import { handler as getAssembly } from '../../../functions/governance/getAssembly.js';
import { aPerson } from '../../support/builders.js';
import { admin, entrepreneurOf, event, invoke, staffOf, type TestCaller } from '../../support/events.js';
import { anAssociate, anEmployee, convene, leave, newCae, tallies, vote } from './people.js';

const ASSEMBLIES = 'POST /caes/{caeId}/assemblies';
const ASSEMBLY = 'GET /caes/{caeId}/assemblies/{assemblyId}';

function create(caeId: string, body: unknown, caller: TestCaller = staffOf(caeId)) {
  return invoke(createAssembly, event(ASSEMBLIES, { caller, pathParameters: { caeId }, body }));
}

function read(caeId: string, assemblyId: string, caller: TestCaller) {
  return invoke(getAssembly, event(ASSEMBLY, { caller, pathParameters: { caeId, assemblyId } }));
}

const valid = { heldOn: '2026-01-15', kind: 'ordinary', resolutions: [{ title: 'Approve the 2025 accounts' }] };

describe('convening an assembly', () => {
  let caeId: string;
  let member: string;
  let joinsLater: string;
  let leftBefore: string;
  let employee: string;
  beforeAll(async () => {
    caeId = await newCae();
    member = await anAssociate(caeId, { joinedOn: '2025-06-01', capital: '150.00' });
    joinsLater = await anAssociate(caeId, { joinedOn: '2026-02-01' });
    leftBefore = await anAssociate(caeId, { joinedOn: '2025-06-01', exitOn: '2025-12-01' });
    employee = await anEmployee(caeId);
  });

  it('answers 201 with the resolutions numbered r1, r2… in the order given', async () => {
    const reply = await create(caeId, { ...valid, kind: 'extraordinary', resolutions: [{ title: 'Amend the statutes' }, { title: ' Move the seat ' }] });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      heldOn: '2026-01-15',
      kind: 'extraordinary',
      resolutions: [
        { id: 'r1', title: 'Amend the statutes' },
        { id: 'r2', title: 'Move the seat' },
      ],
    });
  });

  it('sets the electorate to the associates on the day the assembly is held', async () => {
    const reply = await create(caeId, valid);
    expect(reply.body.electorate).toEqual([
      expect.objectContaining({ entrepreneurId: member, since: '2025-06-01', capitalSubscribed: '150.00', votes: 1 }),
    ]);
    for (const outsider of [joinsLater, leftBefore, employee]) {
      expect(reply.body.electorate.map((a: { entrepreneurId: string }) => a.entrepreneurId)).not.toContain(outsider);
    }
  });

  it('returns the stored assembly to staff, with a tally per resolution and no vote yet', async () => {
    const created = await create(caeId, valid);
    const reply = await read(caeId, created.body.id, staffOf(caeId));
    expect(reply.status).toBe(200);
    const { tallies: counts, ...assembly } = reply.body;
    expect(assembly).toEqual(created.body);
    expect(counts).toEqual([
      { resolutionId: 'r1', title: 'Approve the 2025 accounts', for: 0, against: 0, abstain: 0, votesCast: 0, voters: 0, electorate: 1, outcome: 'rejected' },
    ]);
  });

  it('lets an associate of its electorate and a federation admin read an assembly, electorate included', async () => {
    const created = await create(caeId, valid);
    for (const caller of [entrepreneurOf(caeId, member), admin]) {
      const reply = await read(caeId, created.body.id, caller);
      expect(reply.status).toBe(200);
      expect(reply.body.electorate).toEqual(created.body.electorate);
    }
  });

  it('answers 404, as for no assembly, to any other entrepreneur of the CAE: employee, later associate, associate who left', async () => {
    const created = await create(caeId, valid);
    const candidate = (
      await invoke(createEntrepreneur, event('POST /caes/{caeId}/entrepreneurs', { caller: staffOf(caeId), pathParameters: { caeId }, body: aPerson() }))
    ).body.id as string;
    const missing = await read(caeId, '01J00000000000000000000000', staffOf(caeId));
    for (const outsider of [candidate, employee, joinsLater, leftBefore, '01J00000000000000000000000']) {
      const reply = await read(caeId, created.body.id, entrepreneurOf(caeId, outsider));
      expect(reply.status, outsider).toBe(404);
      expect(JSON.stringify(reply.body)).not.toContain('capitalSubscribed');
      expect(reply.body.title).toBe(missing.body.title);
    }
  });

  it("answers 404 to an entrepreneur of another CAE reading this CAE's assembly", async () => {
    const created = await create(caeId, valid);
    const other = await newCae();
    const reply = await read(caeId, created.body.id, entrepreneurOf(other, employee));
    expect(reply.status).toBe(404);
  });

  it("answers 404 for another CAE's assembly id read under one's own CAE", async () => {
    const other = await newCae();
    const theirs = await convene(other);
    const reply = await read(caeId, theirs.id, staffOf(caeId));
    expect(reply.status).toBe(404);
  });

  it('answers 404 for an assembly that does not exist', async () => {
    const reply = await read(caeId, '01J00000000000000000000000', staffOf(caeId));
    expect(reply.status).toBe(404);
  });

  it('does not let an entrepreneur convene an assembly (403)', async () => {
    const reply = await create(caeId, valid, entrepreneurOf(caeId, member));
    expect(reply.status).toBe(403);
  });

  it("answers 404 to staff convening an assembly in another CAE", async () => {
    const other = await newCae();
    const reply = await create(caeId, valid, staffOf(other));
    expect(reply.status).toBe(404);
  });

  it('refuses an assembly without resolutions, naming the field (400)', async () => {
    const reply = await create(caeId, { ...valid, resolutions: [] });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.resolutions');
  });

  it('refuses a blank resolution title, naming it (400)', async () => {
    const reply = await create(caeId, { ...valid, resolutions: [{ title: 'Accounts' }, { title: '  ' }] });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.resolutions.1.title');
  });

  it('refuses a kind other than ordinary or extraordinary (400)', async () => {
    const reply = await create(caeId, { ...valid, kind: 'annual' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.kind');
  });

  it('refuses a date that does not exist (400)', async () => {
    const reply = await create(caeId, { ...valid, heldOn: '2026-02-29' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.heldOn');
  });

  it('refuses an unknown field, such as an electorate chosen by the client (400)', async () => {
    const reply = await create(caeId, { ...valid, electorate: [employee] });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.electorate');
  });
});

describe('the electorate is frozen at creation', () => {
  it('does not let a person whose membership is recorded afterwards vote, even back-dated before the assembly (403)', async () => {
    const caeId = await newCae();
    await anAssociate(caeId);
    const assembly = await convene(caeId, { heldOn: '2026-01-15' });
    const latecomer = await anAssociate(caeId, { joinedOn: '2025-12-01' });
    const reply = await vote(caeId, assembly.id, latecomer, { resolutionId: 'r1', choice: 'for' });
    expect(reply.status).toBe(403);
    expect((await tallies(caeId, assembly.id))[0]?.voters).toBe(0);
  });

  it('keeps an associate who exits after the assembly was convened in its electorate', async () => {
    const caeId = await newCae();
    const member = await anAssociate(caeId);
    const assembly = await convene(caeId, { heldOn: '2026-01-15' });
    await leave(caeId, member, '2026-01-10');
    const reply = await vote(caeId, assembly.id, member, { resolutionId: 'r1', choice: 'for' });
    expect(reply.status).toBe(201);
    expect((await read(caeId, assembly.id, entrepreneurOf(caeId, member))).status).toBe(200);
  });
});
