/**
 * Monthly activity accounts (docs/domain.md "Salary"; docs/api.md "Activity"), their closing as a stored fact, and the
 * per-entrepreneur contribution overrides they are computed with.
 *
 * Items, all under the entrepreneur's partition `CAE#<caeId>#ENT#<id>`:
 * - `ACCOUNT#<YYYY-MM>`: a closed month's account (domain `MonthlyAccountSnapshot`), written once by
 *   `closeAccountMonth` (the payroll workflow) with a conditional put, never changed afterwards;
 * - `CONTRIBUTION_OVERRIDE`: the entrepreneur's override versions (optimistic `version`).
 * The CAE's `lastClosedMonth` (on the CAE item) is moved forward only, by `markCaeMonthClosed`.
 *
 * Reading the account of a month is bounded. Two queries at once on the entrepreneur's partition: the latest
 * closed snapshot at or before the month (if it is the month itself, that is the answer), and the `TXMONTH#`
 * index (one small item per month with entries). Then the account rolls forward from the snapshot: one query
 * per month with entries since, each on that month's own partition (8 at a time). A month without entries
 * changes nothing (no revenue: no contribution, no floor), so it is skipped. The cost grows with the number of
 * open months that have entries, never with the entries before the last closed month (payroll closes every
 * month, so normally one or two months roll).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  closeMonth,
  computeMonthlyAccount,
  type MonthlyAccount,
  type MonthlyAccountSnapshot,
  openingFigures,
  toSnapshot,
} from '../../../domain/activityAccount/index.js';
import { addMonthsToMonth, isValidMonth } from '../../../domain/calendar.js';
import { type OverrideVersion, type PolicyVersion, policyFor } from '../../../domain/contribution/index.js';
import { Dec, isMoneyString } from '../../../domain/money.js';
import { db, tableName } from '../dynamo.js';
import { Conflict } from '../errors.js';
import * as keys from '../keys.js';
import { ConcurrentChange } from '../optimistic.js';
import { getCae } from './caes.js';
import { entriesOfMonth, monthsWithEntries } from './ledger.js';

/** What an account is computed with, besides the ledger: read from the CAE and the override item. */
export interface AccountContext {
  policies: readonly PolicyVersion[];
  overrides: readonly OverrideVersion[];
  lastClosedMonth: string | null;
}

/** The earliest month the calendar module accepts: where a roll starts when nothing was ever closed. */
const BEGINNING = '1900-01';
/** Month partitions read at once when an account rolls over several months. */
const PARALLEL_READS = 8;

// ---- Contribution overrides ----

export interface ContributionOverrides {
  entrepreneurId: string;
  /** Oldest first; `policy: null` ends the override from that month. */
  versions: OverrideVersion[];
  /** 0 until first saved. */
  version: number;
}

export async function findOverrides(caeId: string, entrepreneurId: string): Promise<ContributionOverrides> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.contributionOverride(caeId, entrepreneurId) }));
  if (!out.Item) return { entrepreneurId, versions: [], version: 0 };
  return { entrepreneurId, versions: out.Item.versions as OverrideVersion[], version: out.Item.version as number };
}

/** Writes the override versions if nobody changed them since they were read. */
export async function saveOverrides(caeId: string, overrides: ContributionOverrides): Promise<ContributionOverrides> {
  const next = { ...overrides, version: overrides.version + 1 };
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.contributionOverride(caeId, overrides.entrepreneurId), type: 'CONTRIBUTION_OVERRIDE', ...next },
        ...(overrides.version === 0
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': overrides.version } }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChange();
    throw error;
  }
  return next;
}

// ---- Closed months ----

const SNAPSHOT_FIELDS = [
  'month',
  'openingBalance',
  'revenue',
  'contribution',
  'expenses',
  'envelope',
  'employerCost',
  'closingBalance',
  'vatCollected',
  'vatDeductible',
  'purchases',
  'margin',
  'contributionBase',
  'cumulatedRevenue',
  'cumulatedMargin',
  'cumulatedBase',
  'cumulatedContribution',
  'policy',
  'closed',
] as const satisfies readonly (keyof MonthlyAccountSnapshot)[];

/** The snapshot's own fields: the payroll run stores its result (payslip, commune…) in the same item. */
function snapshotFromItem(item: Record<string, unknown>): MonthlyAccountSnapshot {
  return Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f, item[f]])) as unknown as MonthlyAccountSnapshot;
}

/** The closed account of exactly `month`, if payroll closed it for this entrepreneur. */
export async function findClosedAccount(caeId: string, entrepreneurId: string, month: string): Promise<MonthlyAccountSnapshot | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.closedAccount(caeId, entrepreneurId, month), ConsistentRead: true }));
  return out.Item ? snapshotFromItem(out.Item) : undefined;
}

/** The latest closed account at or before `month` (when `atOrBefore`), or the earliest after it. */
async function nearestClosedAccount(
  caeId: string,
  entrepreneurId: string,
  month: string,
  direction: 'atOrBefore' | 'after',
): Promise<MonthlyAccountSnapshot | undefined> {
  const { PK, SK } = keys.closedAccount(caeId, entrepreneurId, month);
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
      ExpressionAttributeValues:
        direction === 'atOrBefore'
          ? { ':pk': PK, ':lo': 'ACCOUNT#', ':hi': SK }
          : { ':pk': PK, ':lo': `${SK}~`, ':hi': 'ACCOUNT#~' },
      ScanIndexForward: direction === 'after',
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = out.Items?.[0];
  return item ? snapshotFromItem(item) : undefined;
}

async function mapLimited<T, R>(values: readonly T[], limit: number, fn: (value: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(values.length);
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      const i = next++;
      out[i] = await fn(values[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
  return out;
}

/** The account of `month` as it stands, rolled forward from `base` (the latest closed month before it). */
async function rollForward(
  caeId: string,
  entrepreneurId: string,
  month: string,
  context: AccountContext,
  base: MonthlyAccountSnapshot | undefined,
  /** The months with entries up to `month`, when already being read (they may start before `base`). */
  activeMonths?: Promise<string[]>,
): Promise<MonthlyAccount> {
  const from = base ? addMonthsToMonth(base.month, 1) : BEGINNING;
  const active = (await (activeMonths ?? monthsWithEntries(caeId, entrepreneurId, from, month))).filter((m) => m >= from);
  const months = active.at(-1) === month ? active : [...active, month];
  const entries = await mapLimited(months, PARALLEL_READS, (m) => entriesOfMonth(caeId, entrepreneurId, m));
  let previous: MonthlyAccountSnapshot | null = base ?? null;
  let account: MonthlyAccount | undefined;
  months.forEach((m, i) => {
    account = computeMonthlyAccount({
      month: m,
      opening: openingFigures(m, previous),
      entries: entries[i] ?? [],
      policy: policyFor(context.policies, m, context.overrides),
    });
    previous = toSnapshot(account);
  });
  return account as MonthlyAccount;
}

/**
 * The account of a month for `GET …/account`: the stored snapshot of a closed month, else computed from the
 * ledger. A month at or before the CAE's last closed month is `closed` even without a snapshot of its own
 * (the entrepreneur had no salary that month): nothing can be dated in it any more, so its figures are final.
 */
export async function monthlyAccountOf(
  caeId: string,
  entrepreneurId: string,
  month: string,
  context: AccountContext,
): Promise<MonthlyAccountSnapshot> {
  // Both reads at once: the month index from the beginning costs one small item per month with entries.
  const active = monthsWithEntries(caeId, entrepreneurId, BEGINNING, month);
  active.catch(() => undefined);
  const base = await nearestClosedAccount(caeId, entrepreneurId, month, 'atOrBefore');
  if (base?.month === month) return base;
  const account = await rollForward(caeId, entrepreneurId, month, context, base, active);
  const closed = context.lastClosedMonth !== null && month <= context.lastClosedMonth;
  return toSnapshot({ ...account, closed });
}

/**
 * Closes an entrepreneur's month, for the payroll workflow: stores the month's account with the employer cost
 * of its salary ("0.00" for a month closed without salary) under a deterministic key, once. Closing the same
 * month again with the same employer cost returns the stored account and writes nothing; with another one it
 * is a 409 `month-already-closed`, as is closing a month before one already closed (months close in order).
 * It first closes the month for the whole CAE (`markCaeMonthClosed`), so that no new entry can be dated in it
 * once its figures are computed; the payroll workflow should still mark the CAE's month closed when it opens a
 * run, before it computes any salary from the envelopes.
 * `employerCost` is a money string; anything else is a programming error (RangeError).
 */
export async function closeAccountMonth(
  caeId: string,
  entrepreneurId: string,
  month: string,
  employerCost: string,
): Promise<MonthlyAccountSnapshot> {
  if (!isValidMonth(month)) throw new RangeError(`not a month: ${month}`);
  if (!isMoneyString(employerCost) || employerCost.startsWith('-')) {
    throw new RangeError(`employer cost must be a non-negative money string, got ${employerCost}`);
  }
  const alreadyClosed = (stored: MonthlyAccountSnapshot): MonthlyAccountSnapshot => {
    if (stored.employerCost === employerCost) return stored;
    throw new Conflict('month-already-closed', `${month} is already closed with an employer cost of ${stored.employerCost}.`);
  };
  const existing = await findClosedAccount(caeId, entrepreneurId, month);
  if (existing) return alreadyClosed(existing);
  const later = await nearestClosedAccount(caeId, entrepreneurId, month, 'after');
  if (later) throw new Conflict('month-already-closed', `${later.month} is already closed: months close in order.`);

  // The CAE's month is closed first, so that no entry can be dated in it while or after its figures are computed.
  await markCaeMonthClosed(caeId, month);
  const [cae, overrides] = await Promise.all([getCae(caeId), findOverrides(caeId, entrepreneurId)]);
  const base = await nearestClosedAccount(caeId, entrepreneurId, month, 'atOrBefore');
  // A concurrent close of the same month may have stored it since the first read.
  if (base?.month === month) return alreadyClosed(base);
  const context = { policies: cae.contributionPolicies, overrides: overrides.versions, lastClosedMonth: cae.lastClosedMonth ?? null };
  const account = await rollForward(caeId, entrepreneurId, month, context, base);
  const snapshot = closeMonth(account, new Dec(employerCost));
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.closedAccount(caeId, entrepreneurId, month), type: 'ACCOUNT', ...snapshot, closedAt: new Date().toISOString() },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return snapshot;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const stored = await findClosedAccount(caeId, entrepreneurId, month);
    if (!stored) throw error;
    return alreadyClosed(stored);
  }
}

/**
 * Records that payroll closed `month` for the whole CAE: no transaction, policy or override may be dated in it
 * or before any more. Moves only forward (closing an earlier month again changes nothing); returns the CAE's
 * last closed month afterwards. Bumps the CAE's `version`, so a concurrent read-modify-write of the CAE
 * (settings, policy) retries instead of writing the old value back. A CAE that does not exist is a NotFound.
 */
export async function markCaeMonthClosed(caeId: string, month: string): Promise<string> {
  if (!isValidMonth(month)) throw new RangeError(`not a month: ${month}`);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.cae(caeId),
        UpdateExpression: 'SET lastClosedMonth = :month, version = version + :one',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(lastClosedMonth) OR lastClosedMonth < :month)',
        ExpressionAttributeValues: { ':month': month, ':one': 1 },
      }),
    );
    return month;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const cae = await getCae(caeId);
    return cae.lastClosedMonth ?? month;
  }
}
