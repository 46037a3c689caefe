/**
 * Monthly activity accounts (docs/domain.md "Salary"; docs/api.md "Activity"), read from the ledger's month totals, and
 * the per-entrepreneur contribution overrides they are computed with.
 *
 * Items this module owns, under the entrepreneur's partition `CAE#<caeId>#ENT#<id>`:
 * - `CONTRIBUTION_OVERRIDE`: the entrepreneur's override versions (optimistic `version`);
 * and the CAE's `lastClosedMonth` (on the CAE item), moved forward only by `markCaeMonthClosed`.
 * It reads, never writes, the ledger's `MONTH#<YYYY-MM>` totals (repositories/ledger.ts) and the closed
 * accounts `ACCOUNT#<YYYY-MM>` that the payroll run writes once (repositories/monthClosing.ts).
 *
 * Reading the account of a month costs the same whatever the number of entries: one BatchGetItem of the CAE,
 * the entrepreneur, the overrides, the month's closed account, the previous month's closed account and the
 * month's totals (projected to the figures it needs). When the previous month has no closed account (a gap:
 * payroll has not run since), two queries more at once: the latest closed account before it, and the totals of
 * the months since (one small item per month with entries). The account then rolls forward from that closed
 * account (domain `rollForward`): three requests at most.
 */
import { type AttributeValue, ConditionalCheckFailedException, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type MonthlyAccountSnapshot, type MonthTotals, rollForward, TOTALS_FIGURES, toSnapshot } from '../../../domain/activityAccount/index.js';
import { isValidMonth, previousMonth } from '../../../domain/calendar.js';
import { type OverrideVersion, type PolicyVersion, policyFor } from '../../../domain/contribution/index.js';
import { db, fromAttributeValues, getManyRaw, keyOf, tableName } from '../dynamo.js';
import { NotFound } from '../errors.js';
import * as keys from '../keys.js';
import { ConcurrentChange } from '../optimistic.js';
import { getCae } from './caes.js';
import { monthKey, monthOf, monthsBetween } from './ledger.js';

/** The earliest month the calendar module accepts: where a roll starts when nothing was ever closed. */
const BEGINNING = '1900-01';

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
  'collected',
  'cumulatedCollected',
  'policy',
  'closed',
] as const satisfies readonly (keyof MonthlyAccountSnapshot)[];

/** The snapshot's own fields: the payroll run stores its result (payslip, commune…) in the same item. */
function snapshotFromItem(item: Record<string, unknown>): MonthlyAccountSnapshot {
  return Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f, item[f]])) as unknown as MonthlyAccountSnapshot;
}

/**
 * What an account read needs of each item it fetches (the projection of its BatchGetItem): the CAE's policies
 * and last closed month, the overrides, a closed account's figures, the month's totals, and the keys. The
 * month's `applied` ids (one per entry) are left out: they would make the read grow with the entries.
 */
const ACCOUNT_READ_ATTRIBUTES = [
  ...new Set(['PK', 'SK', 'contributionPolicies', 'lastClosedMonth', 'versions', 'status', ...SNAPSHOT_FIELDS, ...TOTALS_FIGURES]),
];

/** The latest closed account strictly before `month`, if payroll ever closed one for this entrepreneur. */
async function closedAccountBefore(caeId: string, entrepreneurId: string, month: string): Promise<MonthlyAccountSnapshot | undefined> {
  const { PK, SK } = keys.closedAccount(caeId, entrepreneurId, month);
  const out = (await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': { S: PK }, ':lo': { S: 'ACCOUNT#' }, ':hi': { S: SK } },
      ScanIndexForward: false,
      Limit: 2,
      ConsistentRead: true,
    }) as never,
  )) as { Items?: Record<string, AttributeValue>[] };
  const item = (out.Items ?? []).find((i) => (i.SK?.S ?? '') < SK);
  return item ? snapshotFromItem(fromAttributeValues(item)) : undefined;
}

/**
 * The account of a month for `GET …/account`: the stored closed account when payroll closed it for this
 * entrepreneur, else computed from the month's totals and the closing figures before it (see the module
 * comment for what it reads). A month at or before the CAE's last closed month is `closed` even without a
 * closed account of its own (the entrepreneur had no activity that month): nothing can be dated in it any
 * more, so its figures are final. An unknown CAE or entrepreneur is a 404.
 */
export async function accountOfMonth(caeId: string, entrepreneurId: string, month: string): Promise<MonthlyAccountSnapshot> {
  const previous = previousMonth(month);
  const wanted = {
    cae: keys.cae(caeId),
    entrepreneur: keys.entrepreneur(caeId, entrepreneurId),
    overrides: keys.contributionOverride(caeId, entrepreneurId),
    closed: keys.closedAccount(caeId, entrepreneurId, month),
    closedBefore: keys.closedAccount(caeId, entrepreneurId, previous),
    totals: monthKey(caeId, entrepreneurId, month),
  };
  const found = await getManyRaw(Object.values(wanted), { consistent: true, attributes: ACCOUNT_READ_ATTRIBUTES });
  const raw = (key: keyof typeof wanted) => found.get(keyOf(wanted[key]));
  const read = (key: keyof typeof wanted) => {
    const item = raw(key);
    return item ? fromAttributeValues(item) : undefined;
  };
  const cae = read('cae');
  if (!cae) throw new NotFound(`No CAE ${caeId}.`);
  if (!read('entrepreneur')) throw new NotFound(`No entrepreneur ${entrepreneurId} in CAE ${caeId}.`);
  const closed = read('closed');
  if (closed) return snapshotFromItem(closed);

  const closedBefore = read('closedBefore');
  const totalsByMonth = new Map<string, MonthTotals>();
  let base: MonthlyAccountSnapshot | null = closedBefore ? snapshotFromItem(closedBefore) : null;
  if (!base) {
    // A gap: payroll has not closed the month before for this entrepreneur. Both reads at once.
    const [before, months] = await Promise.all([
      closedAccountBefore(caeId, entrepreneurId, month),
      monthsBetween(caeId, entrepreneurId, BEGINNING, previous),
    ]);
    base = before ?? null;
    for (const m of months) totalsByMonth.set(m.month, m.totals);
  }
  totalsByMonth.set(month, monthOf(month, raw('totals')).totals);
  const policies = (cae.contributionPolicies as PolicyVersion[] | undefined) ?? [];
  const overrides = (read('overrides')?.versions as OverrideVersion[] | undefined) ?? [];
  const account = rollForward({ month, base, totalsByMonth, policyFor: (m) => policyFor(policies, m, overrides) });
  const lastClosedMonth = typeof cae.lastClosedMonth === 'string' ? cae.lastClosedMonth : null;
  return toSnapshot({ ...account, closed: lastClosedMonth !== null && month <= lastClosedMonth });
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
