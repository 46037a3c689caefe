/**
 * Interviews (docs/domain.md "Accompaniment"), written once, never changed: a later interview is a new record.
 *
 * Items:
 * - `CAE#<caeId>#ENT#<id>` / `INTERVIEW#<heldOn>#<interviewId>`: one interview, in its person's partition, so
 *   that their list is one query in date order;
 * - only when it was held and individual, GSI2 `CAE#<caeId>#INTERVIEWS_HELD` / `<heldOn>#<id>#<interviewId>`
 *   (a sparse index of what counts for compliance): the compliance view reads 12 months of it in one query
 *   (paged by DynamoDB's 1 MB), whatever the number of people.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, addMonths } from '../../../domain/calendar.js';
import { db, queryAll, queryPage, tableName } from '../dynamo.js';
import * as keys from '../keys.js';

export type InterviewKind = 'individual' | 'collective';
export type InterviewMode = 'on_site' | 'remote' | 'phone';
export type InterviewStatus = 'held' | 'planned' | 'missed';

export interface Interview {
  id: string;
  caeId: string;
  entrepreneurId: string;
  heldOn: string;
  kind: InterviewKind;
  mode: InterviewMode;
  durationMinutes: number;
  status: InterviewStatus;
  /** Staff only: never shown to the entrepreneur (or to anyone else outside the CAE's team). */
  notes?: string;
  recordedAt: string;
  recordedBy: string;
}

/** Whether an interview counts towards compliance: held, and individual. */
export const countsForCompliance = (i: Pick<Interview, 'kind' | 'status'>) => i.kind === 'individual' && i.status === 'held';

function toItem(i: Interview) {
  return {
    ...keys.interview(i.caeId, i.entrepreneurId, i.heldOn, i.id),
    ...(countsForCompliance(i) ? keys.heldInterviewListing(i.caeId, i.heldOn, i.entrepreneurId, i.id) : {}),
    type: 'INTERVIEW',
    ...i,
  };
}

function fromItem(item: Record<string, unknown>): Interview {
  const { PK, SK, GSI2PK, GSI2SK, type, ...rest } = item;
  return rest as unknown as Interview;
}

export async function createInterview(i: Interview): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: toItem(i), ConditionExpression: 'attribute_not_exists(PK)' }));
}

/** One page of a person's interviews, oldest first. */
export async function listInterviews(caeId: string, entrepreneurId: string, limit: number, cursor?: string) {
  const { PK } = keys.interview(caeId, entrepreneurId, '', '');
  const page = await queryPage(
    { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)', ExpressionAttributeValues: { ':pk': PK, ':prefix': keys.INTERVIEW_PREFIX } },
    { attribute: 'PK', value: PK },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}

/**
 * The days of the held individual interviews of a CAE's people in the 12 months ending on `asOf`, by person:
 * one query on the sparse index, projected to its keys.
 */
export async function heldInterviewDays(caeId: string, asOf: string): Promise<Map<string, string[]>> {
  const { GSI2PK } = keys.heldInterviewListing(caeId, '', '', '');
  const from = addDays(addMonths(asOf, -12), 1);
  const items = await queryAll({
    IndexName: keys.GSI2,
    KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': GSI2PK, ':from': from, ':to': `${asOf}#~` },
    ProjectionExpression: 'GSI2SK',
  });
  const byPerson = new Map<string, string[]>();
  for (const item of items) {
    const [heldOn, entrepreneurId] = String(item.GSI2SK).split('#') as [string, string];
    const days = byPerson.get(entrepreneurId) ?? [];
    days.push(heldOn);
    byPerson.set(entrepreneurId, days);
  }
  return byPerson;
}
