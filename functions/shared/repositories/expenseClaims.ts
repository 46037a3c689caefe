/**
 * Expense claims and the yearly mileage counters, in the entrepreneur's partition
 * (docs/architecture.md "Expense claims"):
 * - `CLAIM#<claimId>`: the claim (lines, totals, status, history), with an optimistic `version`. GSI1 lists an
 *   entrepreneur's claims by status; GSI2 lists a CAE's claims by status and by the time they entered it (the
 *   staff's validation queue, oldest first).
 * - `MILEAGE#<year>#<vehicle>`: the km of one vehicle in one year counted by approved claims (`km`), and for
 *   each claim counted the km it started from (`from_<claimId>`), so that an approval retried after a crash
 *   finds the very same start and prices its trips the same way.
 * This module is the only writer of both.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimLine, ClaimLineRequest, ClaimStatus, ClaimTotals, StatusChange } from '../../../domain/expenses/claims.js';
import { db, getMany, keyOf, queryPage, tableName } from '../dynamo.js';
import { ConcurrentChange } from '../optimistic.js';
import * as keys from '../keys.js';

export interface StoredClaim {
  id: string;
  caeId: string;
  entrepreneurId: string;
  status: ClaimStatus;
  /** The lines as filed: what approval prices again on the km counted then. */
  requested: ClaimLineRequest[];
  /** The lines priced: on a draft or a submitted claim, on the km approved when it was filed; once approved, as posted. */
  lines: ClaimLine[];
  totals: ClaimTotals;
  history: StatusChange[];
  createdAt: string;
  rejectionReason?: string;
  /** Set when an approval starts posting (it must then finish; a rejection waits for it). */
  approvingSince?: string;
  version: number;
}

function indexKeys(claim: StoredClaim) {
  const since = claim.history[claim.history.length - 1]?.at ?? claim.createdAt;
  return {
    ...keys.expenseClaimByStatus(claim.caeId, claim.entrepreneurId, claim.status, claim.id),
    ...keys.expenseClaimQueue(claim.caeId, claim.status, since, claim.id),
  };
}

function toItem(claim: StoredClaim) {
  return { ...keys.expenseClaim(claim.caeId, claim.entrepreneurId, claim.id), ...indexKeys(claim), type: 'EXPENSE_CLAIM', ...claim };
}

function fromItem(item: Record<string, unknown>): StoredClaim {
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, type, ...claim } = item;
  return claim as unknown as StoredClaim;
}

export async function createClaim(claim: StoredClaim): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: toItem(claim), ConditionExpression: 'attribute_not_exists(PK)' }));
}

export async function findClaim(caeId: string, entrepreneurId: string, claimId: string): Promise<StoredClaim | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.expenseClaim(caeId, entrepreneurId, claimId), ConsistentRead: true }));
  return out.Item ? fromItem(out.Item) : undefined;
}

/**
 * Writes the claim's next state (status, lines, history…) if it is still the version read; ConcurrentChange
 * otherwise (withOptimisticRetry re-reads and decides again).
 */
export async function saveClaim(next: StoredClaim, versionRead: number): Promise<StoredClaim> {
  const stored = { ...next, version: versionRead + 1 };
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: toItem(stored),
        ConditionExpression: 'attribute_exists(PK) AND version = :v',
        ExpressionAttributeValues: { ':v': versionRead },
      }),
    );
    return stored;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChange();
    throw error;
  }
}

type ClaimPage = { items: StoredClaim[]; nextCursor: string | null };

/** An entrepreneur's claims, in creation order: all of them (one query on the partition) or those in one status (GSI1). */
export async function listEntrepreneurClaims(
  caeId: string,
  entrepreneurId: string,
  status: ClaimStatus | undefined,
  limit: number,
  cursor?: string,
): Promise<ClaimPage> {
  if (status === undefined) {
    const { PK } = keys.expenseClaim(caeId, entrepreneurId, '');
    const page = await queryPage(
      { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)', ExpressionAttributeValues: { ':pk': PK, ':prefix': keys.EXPENSE_CLAIM_PREFIX } },
      { attribute: 'PK', value: PK },
      limit,
      cursor,
    );
    return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
  }
  const { GSI1PK } = keys.expenseClaimByStatus(caeId, entrepreneurId, status, '');
  const page = await queryPage(
    { IndexName: keys.GSI1, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': GSI1PK } },
    { attribute: 'GSI1PK', value: GSI1PK },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}

/** A CAE's claims in one status, oldest first by the time they entered it (GSI2): the validation queue. */
export async function listCaeClaims(caeId: string, status: ClaimStatus, limit: number, cursor?: string): Promise<ClaimPage> {
  const { GSI2PK } = keys.expenseClaimQueue(caeId, status, '', '');
  const page = await queryPage(
    { IndexName: keys.GSI2, KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': GSI2PK }, ScanIndexForward: true },
    { attribute: 'GSI2PK', value: GSI2PK },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}

// ---- Mileage counters ----

export interface VehicleYearRef {
  year: number;
  vehicleKey: string;
}

const counterKey = (caeId: string, entrepreneurId: string, ref: VehicleYearRef) => keys.mileageCounter(caeId, entrepreneurId, ref.year, ref.vehicleKey);
const startAttribute = (claimId: string) => `from_${claimId}`;

/** The km counted so far for each vehicle and year (0 when none): one BatchGetItem. */
export async function kmCounted(caeId: string, entrepreneurId: string, refs: readonly VehicleYearRef[]): Promise<Map<string, number>> {
  const found = await getMany(refs.map((ref) => counterKey(caeId, entrepreneurId, ref)));
  const out = new Map<string, number>();
  for (const ref of refs) {
    const item = found.get(keyOf(counterKey(caeId, entrepreneurId, ref)));
    out.set(`${ref.year}|${ref.vehicleKey}`, typeof item?.km === 'number' ? item.km : 0);
  }
  return out;
}

/**
 * Counts a claim's km of one vehicle and year, once: returns the km the claim starts from (what was counted
 * before it). A retry of the same approval finds its own start again; two approvals of the same vehicle race
 * on the counter's value, and the loser reads again and starts after the winner.
 */
export async function countKm(caeId: string, entrepreneurId: string, ref: VehicleYearRef, claimId: string, km: number): Promise<number> {
  const key = counterKey(caeId, entrepreneurId, ref);
  for (let attempt = 0; attempt < 10; attempt++) {
    const out = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    const mine = out.Item?.[startAttribute(claimId)];
    if (typeof mine === 'number') return mine;
    const before = typeof out.Item?.km === 'number' ? out.Item.km : 0;
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET #type = :type, km = :after, #start = :before',
          ConditionExpression: out.Item ? 'km = :before' : 'attribute_not_exists(PK)',
          ExpressionAttributeNames: { '#type': 'type', '#start': startAttribute(claimId) },
          ExpressionAttributeValues: { ':type': 'MILEAGE_COUNTER', ':after': before + km, ':before': before },
        }),
      );
      return before;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new ConcurrentChange();
}
