/**
 * Public grants in the single table. The grant lives in its CAE's partition (`CAE#<caeId>#GRANT` /
 * `GRANT#<year>#<id>`), and a copy in the partition of every territory whose reports count it (the funder's
 * territory and each territory that contains it: `TERR#departement:69` / `GRANT#<year>#CAE#<caeId>#<id>`), so
 * that a report reads its grants with one query, next to its aggregates.
 *
 * Every item has a key fixed by the grant's id and is written with `attribute_not_exists`: doing the work
 * twice (a request taken over after a crash, see shared/idempotency.ts) writes each item once. A request that
 * fails midway deletes the copies it may have written before the error goes up, so a retry (which gets a new
 * id) cannot leave a grant counted twice.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Grant } from '../../../domain/reporting/index.js';
import { db, queryAll, tableName } from '../dynamo.js';
import { outsideTenant } from '../tenantScope.js';
import * as keys from '../keys.js';

/** A grant as stored and returned by the API. */
export interface StoredGrant extends Grant {
  /** The territories whose reports count it. */
  countsIn: string[];
  /** The territory dataset `countsIn` was computed with. */
  datasetVintage: string;
  createdAt: string;
}

function fromItem(item: Record<string, unknown>): StoredGrant {
  const { PK, SK, type, ...grant } = item;
  return grant as unknown as StoredGrant;
}

/** Writes an item unless its key exists; true when this call wrote it. */
async function putOnce(item: Record<string, unknown>): Promise<boolean> {
  try {
    await db.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Stores a grant and its copies; returns the grant as first stored (a repeated call with the same id returns
 * the first one unchanged). On a failure, deletes what it may have written and rethrows.
 */
export async function createGrant(grant: StoredGrant): Promise<StoredGrant> {
  const own = keys.grant(grant.caeId, grant.year, grant.id);
  const copies = grant.countsIn.map((territory) => keys.territoryGrant(territory, grant.year, grant.caeId, grant.id));
  try {
    // The copies live under the territories' partitions, outside the CAE's keys: the one place a tenant's request
    // writes there on purpose, so it steps out of its IAM confinement for these writes only.
    await outsideTenant(() => Promise.all(copies.map((key) => putOnce({ ...key, type: 'TERRITORY_GRANT', ...grant }))));
    if (await putOnce({ ...own, type: 'GRANT', ...grant })) return grant;
    const out = await db.send(new GetCommand({ TableName: tableName, Key: own, ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : grant;
  } catch (error) {
    await Promise.allSettled([
      db.send(new DeleteCommand({ TableName: tableName, Key: own })),
      outsideTenant(() => Promise.allSettled(copies.map((key) => db.send(new DeleteCommand({ TableName: tableName, Key: key }))))),
    ]);
    throw error;
  }
}

/** The grants counted in a territory's reports for the years `fromYear`–`toYear`: one query on its partition. */
export async function territoryGrants(territory: string, fromYear: number, toYear: number): Promise<StoredGrant[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': keys.territoryPartition(territory),
      ':from': `GRANT#${String(fromYear).padStart(4, '0')}#`,
      ':to': `GRANT#${String(toYear).padStart(4, '0')}#~`,
    },
  });
  return items.map(fromItem);
}

/** A CAE's grants of a year, from its own partition. */
export async function caeGrants(caeId: string, year: number): Promise<StoredGrant[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.grant(caeId, year, '').PK, ':prefix': `GRANT#${String(year).padStart(4, '0')}#` },
    }),
  );
  return (out.Items ?? []).map(fromItem);
}
