/**
 * Public grants in the single table. The grant lives in its CAE's partition (`CAE#<caeId>#GRANT` /
 * `GRANT#<year>#<id>`), and is added to a grant line in the partition of every territory whose reports count it
 * (the funder's territory and each territory that contains it: `TERR#departement:69` /
 * `GRANTLINE#<year>#<funder's territory>#<digest of the funder>`). A line sums one funder's grants of a year
 * over every CAE (domain/reporting grantLines), so that a report reads one item per funder, never one per CAE
 * or per grant.
 *
 * A line is updated with `ADD amount, grants {<caeId>#<grantId>}` on the condition that the grant's token is not
 * in it yet, and the grant's own item is written with `attribute_not_exists`: doing the work twice (a request
 * taken over after a crash, see shared/idempotency.ts) counts the grant once. A request that fails midway
 * subtracts the grant from the lines it may have reached before the error goes up (on the condition that its
 * token is there), so a retry (which gets a new id) cannot leave a grant counted twice.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Dec } from '../../../domain/money.js';
import type { Grant, GrantLine } from '../../../domain/reporting/index.js';
import { db, tableName } from '../dynamo.js';
import { outsideTenant } from '../tenantScope.js';
import * as keys from '../keys.js';
import { exactNumber, exactQueryAll } from './exactNumbers.js';

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

const funderKey = (funder: string) => createHash('sha256').update(funder).digest('hex').slice(0, 24);
const tokenOf = (grant: Grant) => `${grant.caeId}#${grant.id}`;

/** Adds the grant to one line (or, with `sign` −1, takes it out); false when the condition says it is done. */
async function updateLine(territory: string, grant: Grant, sign: 1 | -1): Promise<boolean> {
  const token = tokenOf(grant);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.territoryGrantLine(territory, grant.year, grant.territory, funderKey(grant.funder)),
        UpdateExpression:
          sign === 1
            ? 'SET funder = :funder, funderTerritory = :territory, #year = :year ADD amount :amount, grants :tokens'
            : 'ADD amount :amount DELETE grants :tokens',
        ConditionExpression: sign === 1 ? 'NOT contains(grants, :token)' : 'contains(grants, :token)',
        ExpressionAttributeNames: sign === 1 ? { '#year': 'year' } : undefined,
        ExpressionAttributeValues: {
          ...(sign === 1 ? { ':funder': grant.funder, ':territory': grant.territory, ':year': grant.year } : {}),
          ':amount': exactNumber(sign === 1 ? grant.amount : new Dec(grant.amount).negated().toString()),
          ':tokens': new Set([token]),
          ':token': token,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Stores a grant and adds it to its lines; returns the grant as first stored (a repeated call with the same id
 * returns the first one unchanged). On a failure, takes it out of the lines it reached and rethrows.
 */
export async function createGrant(grant: StoredGrant): Promise<StoredGrant> {
  const own = keys.grant(grant.caeId, grant.year, grant.id);
  try {
    // The lines live under the territories' partitions, outside the CAE's keys: the one place a tenant's request
    // writes there on purpose, so it steps out of its IAM confinement for these writes only.
    await outsideTenant(() => Promise.all(grant.countsIn.map((territory) => updateLine(territory, grant, 1))));
    if (await putOnce({ ...own, type: 'GRANT', ...grant })) return grant;
    const out = await db.send(new GetCommand({ TableName: tableName, Key: own, ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : grant;
  } catch (error) {
    await Promise.allSettled([
      db.send(new DeleteCommand({ TableName: tableName, Key: own })),
      outsideTenant(() => Promise.allSettled(grant.countsIn.map((territory) => updateLine(territory, grant, -1)))),
    ]);
    throw error;
  }
}

/**
 * The grant lines counted in a territory's reports for the years `fromYear`–`toYear`: one query on its partition,
 * amounts read exactly (exactNumbers.ts).
 */
export async function territoryGrantLines(territory: string, fromYear: number, toYear: number): Promise<GrantLine[]> {
  const items = await exactQueryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': { S: keys.territoryPartition(territory) },
      ':from': { S: `GRANTLINE#${String(fromYear).padStart(4, '0')}#` },
      ':to': { S: `GRANTLINE#${String(toYear).padStart(4, '0')}#~` },
    },
  });
  const lines: GrantLine[] = [];
  for (const item of items) {
    const tokens = (item.grants ?? []) as string[];
    if (tokens.length === 0) continue; // every grant of it was taken out again
    lines.push({
      funder: item.funder as string,
      territory: item.funderTerritory as string,
      year: Number(item.year),
      amount: new Dec(item.amount as string).toFixed(2),
      caes: [...new Set(tokens.map((t) => t.split('#')[0] as string))].sort(),
    });
  }
  return lines;
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
