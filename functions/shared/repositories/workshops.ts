/**
 * Workshops (ateliers collectifs, docs/domain.md "Accompaniment"): one item per workshop, in its own partition
 * `CAE#<caeId>#WORKSHOP#<id>` / `WORKSHOP` with its attendance (the ids of the CAE's people who came), listed
 * by day through GSI1 `CAE#<caeId>#WORKSHOPS` / `<heldOn>#<id>`. Attendance is replaced as a whole, with the
 * optimistic `version` (docs/architecture.md "Rules for writing and reading").
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryPage, tableName } from '../dynamo.js';
import { NotFound } from '../errors.js';
import * as keys from '../keys.js';
import { ConcurrentChange } from '../optimistic.js';

export interface Workshop {
  id: string;
  caeId: string;
  title: string;
  heldOn: string;
  durationMinutes: number;
  capacity?: number;
  entrepreneurIds: string[];
  createdAt: string;
  version: number;
}

function toItem(w: Workshop) {
  return { ...keys.workshop(w.caeId, w.id), ...keys.workshopListing(w.caeId, w.heldOn, w.id), type: 'WORKSHOP', ...w };
}

function fromItem(item: Record<string, unknown>): Workshop {
  const { PK, SK, GSI1PK, GSI1SK, type, ...rest } = item;
  return rest as unknown as Workshop;
}

export async function createWorkshop(w: Workshop): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: toItem(w), ConditionExpression: 'attribute_not_exists(PK)' }));
}

export async function getWorkshop(caeId: string, workshopId: string): Promise<Workshop> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.workshop(caeId, workshopId), ConsistentRead: true }));
  if (!out.Item) throw new NotFound(`No workshop ${workshopId}.`);
  return fromItem(out.Item);
}

/** Writes a new version of the workshop if nobody changed it since it was read. */
export async function saveWorkshop(w: Workshop): Promise<Workshop> {
  const next = { ...w, version: w.version + 1 };
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: toItem(next),
        ConditionExpression: 'attribute_exists(PK) AND version = :v',
        ExpressionAttributeValues: { ':v': w.version },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChange();
    throw error;
  }
  return next;
}

/** One page of a CAE's workshops, by day. */
export async function listWorkshops(caeId: string, limit: number, cursor?: string) {
  const { GSI1PK } = keys.workshopListing(caeId, '', '');
  const page = await queryPage(
    { IndexName: keys.GSI1, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': GSI1PK } },
    { attribute: 'GSI1PK', value: GSI1PK },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}
