/**
 * Governance in the single table (docs/api.md "Cooperative governance"):
 * - the associates register is not stored: it is derived from the career paths of the CAE's entrepreneurs,
 *   read through their GSI1 listing (one bounded partition: a CAE has at most a few hundred people), so it can
 *   never disagree with the paths it comes from;
 * - an assembly is one item holding its resolutions and its frozen electorate; its votes live in the same
 *   partition, one item per (resolution, voter), so the tally is one query on one partition;
 * - a surplus allocation is one item per (CAE, year).
 * Every write is a single conditional put: a duplicate is refused by the store, not by a read before it.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { addDays } from '../../../domain/calendar.js';
import { type CareerPath, timeline } from '../../../domain/careerPath/index.js';
import type { Associate, AssemblyKind, Membership, Resolution, SurplusAllocation, SurplusRequirements, VoteChoice } from '../../../domain/governance/index.js';
import { db, queryAll, tableName } from '../dynamo.js';
import { Conflict, NotFound } from '../errors.js';
import * as keys from '../keys.js';



// ── Associates register ──────────────────────────────────────────────────────────────────────────────────

/**
 * The periods of membership of a person, from their career path: one per associate stage, from its first day
 * to the day after its last (exclusive `until`), or open while it lasts. A stage that lasted no day (an
 * associate who exited the day they joined) gives a period that covers no date.
 */
export function membershipsOf(person: { id: string; name: string; path: CareerPath }): Membership[] {
  return timeline(person.path).flatMap((stage) =>
    stage.stage === 'associate'
      ? [
          {
            entrepreneurId: person.id,
            name: person.name,
            since: stage.from,
            until: stage.to === undefined ? null : addDays(stage.to, 1),
            capitalSubscribed: stage.details.capitalSubscribed,
          },
        ]
      : [],
  );
}

/**
 * Every period of membership of the CAE's entrepreneurs. Reads the CAE's entrepreneur listing (GSI1
 * `CAE#<caeId>#ENTS`) whole, projecting only what the register needs.
 */
export async function listMemberships(caeId: string): Promise<Membership[]> {
  const partition = keys.entrepreneurListing(caeId, '').GSI1PK;
  const items = await queryAll({
    IndexName: keys.GSI1,
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': partition },
    ProjectionExpression: 'id, firstName, lastName, #path',
    ExpressionAttributeNames: { '#path': 'path' },
  });
  return items.flatMap((item) => {
    const { id, firstName, lastName, path } = item as { id: string; firstName: string; lastName: string; path: CareerPath };
    return membershipsOf({ id, name: `${firstName} ${lastName}`, path });
  });
}

// ── Assemblies and votes ─────────────────────────────────────────────────────────────────────────────────

export interface StoredAssembly {
  id: string;
  caeId: string;
  heldOn: string;
  kind: AssemblyKind;
  resolutions: Resolution[];
  /** The associates register on `heldOn`, as it stood when the assembly was created. */
  electorate: Associate[];
  createdAt: string;
}

export interface StoredVote {
  assemblyId: string;
  resolutionId: string;
  voterId: string;
  choice: VoteChoice;
  castAt: string;
}

function assemblyFromItem(item: Record<string, unknown>): StoredAssembly {
  const { PK, SK, type, ...rest } = item;
  return rest as unknown as StoredAssembly;
}

function voteFromItem(item: Record<string, unknown>): StoredVote {
  const { PK, SK, type, caeId, ...rest } = item;
  return rest as unknown as StoredVote;
}

export async function createAssembly(assembly: StoredAssembly): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.assembly(assembly.caeId, assembly.id), type: 'ASSEMBLY', ...assembly },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/** The assembly, or a 404 that reads the same whether it does not exist or belongs to another CAE. */
export async function getAssembly(caeId: string, assemblyId: string): Promise<StoredAssembly> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.assembly(caeId, assemblyId) }));
  if (!out.Item) throw new NotFound(`No assembly ${assemblyId}.`);
  return assemblyFromItem(out.Item);
}

/** The assembly and all its votes: one query on the assembly's partition. */
export async function getAssemblyWithVotes(caeId: string, assemblyId: string): Promise<{ assembly: StoredAssembly; votes: StoredVote[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.assemblyPartition(caeId, assemblyId) },
  });
  const assemblyItem = items.find((item) => item.SK === 'ASSEMBLY');
  if (!assemblyItem) throw new NotFound(`No assembly ${assemblyId}.`);
  const votes = items.filter((item) => typeof item.SK === 'string' && item.SK.startsWith('VOTE#')).map(voteFromItem);
  return { assembly: assemblyFromItem(assemblyItem), votes };
}

/** The vote a person cast on a resolution, if any. */
export async function findVote(caeId: string, assemblyId: string, resolutionId: string, voterId: string): Promise<StoredVote | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.vote(caeId, assemblyId, resolutionId, voterId) }));
  return out.Item ? voteFromItem(out.Item) : undefined;
}

/**
 * Records a vote under its (assembly, resolution, voter) key if none is there: of two concurrent votes by the
 * same person on the same resolution, exactly one is stored and the other is a 409.
 */
export async function recordVote(caeId: string, vote: StoredVote): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.vote(caeId, vote.assemblyId, vote.resolutionId, vote.voterId), type: 'VOTE', caeId, ...vote },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw alreadyVoted();
    throw error;
  }
}

export function alreadyVoted(): Conflict {
  return new Conflict('already-voted', 'One vote per associate per resolution, and a vote cannot be changed.');
}

// ── Surplus allocations ──────────────────────────────────────────────────────────────────────────────────

export interface StoredSurplusAllocation extends SurplusAllocation {
  caeId: string;
  requirements: SurplusRequirements;
  createdAt: string;
}

/** Records a year's allocation; a CAE allocates each year's surplus once (409 for a second one). */
export async function createSurplusAllocation(allocation: StoredSurplusAllocation): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.surplusAllocation(allocation.caeId, allocation.year), type: 'SURPLUS_ALLOCATION', ...allocation },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new Conflict('surplus-already-allocated', `The surplus of ${allocation.year} has already been allocated.`);
    }
    throw error;
  }
}
