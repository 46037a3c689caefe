/**
 * Entrepreneurs in the single table: one item per person under a CAE-prefixed partition, holding their
 * whole career path (it is small and always read whole), listed through GSI1 (all) and GSI2 (by status).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CareerPath, CareerStatus } from '../../../domain/careerPath/index.js';
import type { EducationLevel, Gender, SituationAtEntry } from '../../../domain/person.js';
import { db, queryPage, tableName } from '../dynamo.js';
import { NotFound } from '../errors.js';
import * as keys from '../keys.js';
import { ConcurrentChange } from '../optimistic.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../pagination.js';


export interface Entrepreneur {
  id: string;
  caeId: string;
  firstName: string;
  lastName: string;
  email: string;
  communeCode: string;
  activity: string;
  birthDate?: string;
  situationAtEntry?: SituationAtEntry;
  gender?: Gender;
  educationLevel?: EducationLevel;
  /** Lives in a quartier prioritaire de la politique de la ville (QPV). */
  priorityNeighbourhood?: boolean;
  /** The activity's name shown on its invoices. */
  tradeName?: string;
  path: CareerPath;
  createdAt: string;
  version: number;
}

/** The status the last recorded stage gave: what GSI2 indexes. Time-driven changes are derived on read. */
export function recordedStatus(entrepreneur: Pick<Entrepreneur, 'path'>): CareerStatus {
  return entrepreneur.path.stages.at(-1)?.stage ?? 'none';
}

/** The stored item of an entrepreneur (exported for bulk loaders such as the benchmark's generator). */
export function entrepreneurToItem(e: Entrepreneur) {
  return {
    ...keys.entrepreneur(e.caeId, e.id),
    ...keys.entrepreneurListing(e.caeId, e.id),
    ...keys.entrepreneurByStatus(e.caeId, recordedStatus(e), e.id),
    type: 'ENTREPRENEUR',
    ...e,
  };
}

function fromItem(item: Record<string, unknown>): Entrepreneur {
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, type, ...rest } = item;
  return rest as unknown as Entrepreneur;
}

export async function createEntrepreneur(e: Entrepreneur): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: entrepreneurToItem(e), ConditionExpression: 'attribute_not_exists(PK)' }));
}

export async function findEntrepreneur(caeId: string, id: string): Promise<Entrepreneur | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.entrepreneur(caeId, id) }));
  return out.Item ? fromItem(out.Item) : undefined;
}

export async function getEntrepreneur(caeId: string, id: string): Promise<Entrepreneur> {
  const found = await findEntrepreneur(caeId, id);
  if (!found) throw new NotFound(`No entrepreneur ${id} in CAE ${caeId}.`);
  return found;
}

/** Writes a new version of the record if nobody else did since it was read. */
export async function saveEntrepreneur(e: Entrepreneur): Promise<Entrepreneur> {
  const next = { ...e, version: e.version + 1 };
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: entrepreneurToItem(next),
        ConditionExpression: 'attribute_exists(PK) AND version = :v',
        ExpressionAttributeValues: { ':v': e.version },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChange();
    throw error;
  }
  return next;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** All entrepreneurs of a CAE, oldest first. */
export async function listEntrepreneurs(caeId: string, limit: number, cursor?: string): Promise<Page<Entrepreneur>> {
  const partition = keys.entrepreneurListing(caeId, '').GSI1PK;
  const page = await queryPage(
    { IndexName: keys.GSI1, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': partition } },
    { attribute: 'GSI1PK', value: partition },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}

/**
 * One page of the entrepreneurs whose recorded status is one of `statuses` and who pass `keep`, walking
 * their GSI2 partitions in turn until the page is full. The cursor says which partition it stopped in.
 */
export async function listEntrepreneursByRecordedStatus(
  caeId: string,
  statuses: readonly string[],
  limit: number,
  cursor: string | undefined,
  keep: (e: Entrepreneur) => boolean,
): Promise<Page<Entrepreneur>> {
  let index = 0;
  let inner: string | undefined;
  if (cursor !== undefined) {
    const match = /^(\d)\.(.+)$/.exec(cursor);
    if (!match || Number(match[1]) >= statuses.length) throw invalidCursor();
    index = Number(match[1]);
    inner = match[2];
  }
  const items: Entrepreneur[] = [];
  while (index < statuses.length) {
    const partition = keys.entrepreneurByStatus(caeId, statuses[index] as string, '').GSI2PK;
    const scope = { index: keys.GSI2, partitionAttribute: 'GSI2PK', partition };
    const out = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: keys.GSI2,
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        Limit: limit - items.length,
        ExclusiveStartKey: decodeCursor(inner, scope),
      }),
    );
    items.push(...(out.Items ?? []).map(fromItem).filter(keep));
    const next = encodeCursor(out.LastEvaluatedKey, scope);
    if (next) {
      inner = next;
      if (items.length >= limit) return { items, nextCursor: `${index}.${next}` };
    } else {
      index += 1;
      inner = undefined;
    }
  }
  return { items, nextCursor: null };
}

/** The record of a stored item, for reads that fetch it with others in one BatchGetItem (the ledger's). */
export const entrepreneurFromItem = fromItem;
