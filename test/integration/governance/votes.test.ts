import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../../functions/shared/dynamo.js';
import * as keys from '../../../functions/shared/keys.js';
import { admin, staffOf } from '../../support/events.js';
import { anAssociate, anEmployee, convene, newCae, tallies, vote } from './people.js';

/** The votes stored for one voter on one resolution, read straight from the table. */
async function storedVotes(caeId: string, assemblyId: string, resolutionId: string, voterId: string) {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': keys.assemblyPartition(caeId, assemblyId), ':sk': `VOTE#${resolutionId}#${voterId}` },
    }),
  );
  return out.Items ?? [];
}

describe('voting in an assembly', () => {
  let caeId: string;
  let small: string;
  let large: string;
  let employee: string;
  beforeAll(async () => {
    caeId = await newCae();
    small = await anAssociate(caeId, { capital: '20.00' });
    large = await anAssociate(caeId, { capital: '50000.00' });
    employee = await anEmployee(caeId);
  });

  it('records an associate’s vote (201) and counts it in the tally', async () => {
    const assembly = await convene(caeId);
    const reply = await vote(caeId, assembly.id, small, { resolutionId: 'r1', choice: 'for' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ assemblyId: assembly.id, resolutionId: 'r1', voterId: small, choice: 'for' });
    expect((await tallies(caeId, assembly.id))[0]).toMatchObject({ for: 1, against: 0, abstain: 0, voters: 1, electorate: 2 });
  });

  it('gives one voice to each associate whatever their capital (20.00 against 50000.00: 1 for, 1 against)', async () => {
    const assembly = await convene(caeId);
    await vote(caeId, assembly.id, small, { resolutionId: 'r1', choice: 'for' });
    await vote(caeId, assembly.id, large, { resolutionId: 'r1', choice: 'against' });
    expect((await tallies(caeId, assembly.id))[0]).toMatchObject({ for: 1, against: 1, votesCast: 2, outcome: 'rejected' });
  });

  it('counts an abstention as taking part but not as a vote cast', async () => {
    const assembly = await convene(caeId);
    await vote(caeId, assembly.id, small, { resolutionId: 'r1', choice: 'for' });
    await vote(caeId, assembly.id, large, { resolutionId: 'r1', choice: 'abstain' });
    expect((await tallies(caeId, assembly.id))[0]).toMatchObject({ for: 1, abstain: 1, votesCast: 1, voters: 2, outcome: 'adopted' });
  });

  it('tallies each resolution on its own', async () => {
    const assembly = await convene(caeId);
    await vote(caeId, assembly.id, small, { resolutionId: 'r1', choice: 'for' });
    await vote(caeId, assembly.id, small, { resolutionId: 'r2', choice: 'against' });
    const [r1, r2] = await tallies(caeId, assembly.id);
    expect(r1).toMatchObject({ resolutionId: 'r1', for: 1, against: 0 });
    expect(r2).toMatchObject({ resolutionId: 'r2', for: 0, against: 1 });
  });

  it('refuses a second vote by the same person on the same resolution (409) and keeps the first', async () => {
    const assembly = await convene(caeId);
    await vote(caeId, assembly.id, small, { resolutionId: 'r1', choice: 'for' });
    const second = await vote(caeId, assembly.id, small, { resolutionId: 'r1', choice: 'against' });
    expect(second.status).toBe(409);
    expect(second.body.type).toMatch(/already-voted$/);
    expect((await tallies(caeId, assembly.id))[0]).toMatchObject({ for: 1, against: 0 });
  });

  it('stores exactly one of many concurrent votes by the same person on the same resolution', async () => {
    const assembly = await convene(caeId);
    const choices = ['for', 'against', 'abstain', 'for', 'against', 'abstain', 'for', 'against'];
    const replies = await Promise.all(choices.map((choice) => vote(caeId, assembly.id, large, { resolutionId: 'r1', choice })));
    const accepted = replies.filter((r) => r.status === 201);
    expect(accepted).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(choices.length - 1);
    const stored = await storedVotes(caeId, assembly.id, 'r1', large);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.choice).toBe(accepted[0]?.body.choice);
  });

  it('refuses an entrepreneur who is not an associate (403)', async () => {
    const assembly = await convene(caeId);
    const reply = await vote(caeId, assembly.id, employee, { resolutionId: 'r1', choice: 'for' });
    expect(reply.status).toBe(403);
  });

  it('refuses a vote from a staff token, even naming an associate (403)', async () => {
    const assembly = await convene(caeId);
    const reply = await vote(caeId, assembly.id, small, { resolutionId: 'r1', choice: 'for' }, staffOf(caeId));
    expect(reply.status).toBe(403);
  });

  it('refuses a vote from a federation admin (403)', async () => {
    const assembly = await convene(caeId);
    const reply = await vote(caeId, assembly.id, small, { resolutionId: 'r1', choice: 'for' }, admin);
    expect(reply.status).toBe(403);
  });

  it('refuses an associate of another CAE (403)', async () => {
    const assembly = await convene(caeId);
    const other = await newCae();
    const outsider = await anAssociate(other);
    const reply = await vote(caeId, assembly.id, outsider, { resolutionId: 'r1', choice: 'for' }, { role: 'entrepreneur', caeId: other, entrepreneurId: outsider });
    expect(reply.status).toBe(403);
    expect((await tallies(caeId, assembly.id))[0]?.voters).toBe(0);
  });

  it('answers an associate of another CAE the same 403 whether the assembly exists or not', async () => {
    const other = await newCae();
    const stranger = '01J00000000000000000000009';
    const reply = await vote(caeId, '01J00000000000000000000000', stranger, { resolutionId: 'r1', choice: 'for' }, { role: 'entrepreneur', caeId: other, entrepreneurId: stranger });
    expect(reply.status).toBe(403);
  });

  it('answers 404 to an associate voting in an assembly that does not exist', async () => {
    const reply = await vote(caeId, '01J00000000000000000000000', small, { resolutionId: 'r1', choice: 'for' });
    expect(reply.status).toBe(404);
  });

  it('refuses a resolution the assembly does not have (422 unknown-resolution)', async () => {
    const assembly = await convene(caeId);
    const reply = await vote(caeId, assembly.id, small, { resolutionId: 'r9', choice: 'for' });
    expect(reply.status).toBe(422);
    expect(reply.body.type).toMatch(/unknown-resolution$/);
    expect(reply.body.errors[0].path).toBe('body.resolutionId');
  });

  it('refuses a choice other than for, against or abstain, naming the field (400)', async () => {
    const assembly = await convene(caeId);
    const reply = await vote(caeId, assembly.id, small, { resolutionId: 'r1', choice: 'yes' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.choice');
  });

  it('refuses a weight or any other unknown field (400)', async () => {
    const assembly = await convene(caeId);
    const reply = await vote(caeId, assembly.id, large, { resolutionId: 'r1', choice: 'for', votes: 500 });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.votes');
    expect((await tallies(caeId, assembly.id))[0]?.voters).toBe(0);
  });
});
