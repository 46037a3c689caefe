/**
 * The ledger of activity accounts, and the only way money gets into one: every flow that moves money posts its
 * entries with `postEntry` (typed transactions and their reversals today; issued invoice lines, credit notes,
 * approved expenses, payments tomorrow, each an entry with its type, category and reference), and payroll
 * closes months with `closeMonthTotals`. Nothing else writes an entry or a month's totals.
 *
 * Items, all under the entrepreneur's partition `CAE#<caeId>#ENT#<id>`:
 * - `TX#<entryId>`: an entry (domain `Transaction`), immutable; a correction is a reversing entry. Listed by
 *   month through GSI1 (`CAE#…#ENT#<id>#TX#<YYYY-MM>`, sorted by a ULID taken when recorded). Its id is
 *   derived from the request that creates it (idempotency.ts `entryClaim`: CAE, entrepreneur, caller,
 *   Idempotency-Key), so its conditional put is the request's idempotency claim; it keeps the request's
 *   fingerprint, and the entry is the response.
 * - `MONTH#<YYYY-MM>`: the month's totals (domain `MonthTotals`, DynamoDB numbers: exact decimals, added with
 *   ADD), `applied` (the ids of the entries counted in them) and `status`: open, then closed by payroll. It is
 *   the account's source and the fence of month closing.
 * - `REVERSAL#<txId>`: the one reversal an entry may have (a conditional write before the reversing entry).
 *
 * Posting is two single-item writes, in this order (no transaction):
 * 1. put the entry if its id is free. Taken: the same request again (same fingerprint) finishes step 2 and
 *    answers with the stored entry; another request is a 409 `idempotency-key-reused`;
 * 2. add it to its month: ADD the figures and the id, on condition that the month is open (or has no item
 *    yet) and does not already count this id (`NOT contains(applied, :id)`).
 * A crash between the two leaves an entry that no total counts: lists leave it out (they show applied entries
 * only) and a retry with the same key finishes step 2, once. A crash after step 2, before the answer, is a
 * retry that finds the id applied. Concurrent duplicates race on step 1 (one entry) then step 2 (counted once).
 *
 * Month closing: payroll sets `status = closed` (`closeMonthTotals`), creating the item when the entrepreneur
 * had no entry that month, and gets the final totals in the same request. DynamoDB applies the writes of one
 * item one after the other, so an entry is either added before the close (it is in the closed figures) or
 * refused after it (409 `month-closed`, and its step-1 entry withdrawn): every 201 is in the month's closed
 * figures. Who gets a closed item: the payroll run opens by marking the CAE's month closed (so requests that
 * read the CAE afterwards are refused before writing anything), then closes the item of every entrepreneur who
 * could have activity in the months it closes (everyone with an active stage in them: the entries' own rule,
 * domain `couldHaveActivityOn`) and of any month with entries since their last closed account. A request that
 * read the CAE just before the mark can therefore only reach an item that is closed (refused) or one that will
 * be (counted). The one case left: a career-path change recorded in the same instant that ends a person's
 * activity before the month (so the run leaves them out) while a transaction of theirs dated in it is in
 * flight; that entry stays in an open item of a month closed for the CAE: shown as closed, carried into the
 * next month's opening by the next run, missing only from that month's payroll totals.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException, GetItemCommand, QueryCommand as RawQueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, NumberValue, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import {
  effectOf,
  type MonthTotals,
  NO_TOTALS,
  TOTALS_FIGURES,
  type Transaction,
  totalsOf,
} from '../../../domain/activityAccount/index.js';
import { Dec, formatMoney } from '../../../domain/money.js';
import { nowIso } from '../clock.js';
import { db, fromAttributeValues, getManyRaw, type Key, keyOf, queryPage, tableName } from '../dynamo.js';
import { Conflict, MonthClosed, NotFound } from '../errors.js';
import type { EntryClaim } from '../idempotency.js';
import * as keys from '../keys.js';
import { type Cae, caeFromItem } from './caes.js';
import { type Entrepreneur, entrepreneurFromItem } from './entrepreneurs.js';

/**
 * Where an entry comes from: the flow that posted it. Invoicing posts 'invoice' (revenue, one entry per VAT
 * rate), 'credit_note' (the reversing revenue) and 'payment' (a 'collection' entry); expenses post
 * 'expense_claim' and 'supplier_invoice'. Only 'transaction' entries are reversed by a typed reversal.
 */
export type EntryOrigin = 'transaction' | 'reversal' | 'invoice' | 'credit_note' | 'payment' | 'expense_claim' | 'supplier_invoice';

/** A ledger entry as stored and shown: the domain's transaction, whose account, when and by what it was recorded. */
export type LedgerEntry = Transaction & {
  readonly entrepreneurId: string;
  readonly recordedAt: string;
  readonly origin?: EntryOrigin;
};

/** Sort keys of the month listing: increasing within a process even within one millisecond. */
const recordedSequence = monotonicFactory();

function entryToItem(caeId: string, entry: LedgerEntry, fingerprint: string) {
  return {
    ...keys.ledgerEntry(caeId, entry.entrepreneurId, entry.id),
    ...keys.ledgerEntryListing(caeId, entry.entrepreneurId, entry.month, recordedSequence()),
    // `type` is the entry's own field (revenue | expense), so the entity is named by `entity` here.
    entity: 'TX',
    ...entry,
    fingerprint,
  };
}

interface StoredEntry {
  entry: LedgerEntry;
  fingerprint: string;
}

function entryFromItem(item: Record<string, unknown>): StoredEntry {
  const { PK, SK, GSI1PK, GSI1SK, entity, fingerprint, ...entry } = item;
  return { entry: entry as unknown as LedgerEntry, fingerprint: fingerprint as string };
}

// ---- Month totals ----

/** A month's totals item as read: its figures, whether it is closed, and the entries it counts. */
export interface StoredMonth {
  month: string;
  totals: MonthTotals;
  closed: boolean;
  applied: ReadonlySet<string>;
}

/** A month item read with exact numbers (`fromAttributeValues(…, true)`). */
function monthFromItem(month: string, item: Record<string, unknown> | undefined): StoredMonth {
  if (!item) return { month, totals: NO_TOTALS, closed: false, applied: new Set() };
  const figure = (name: string) => new Dec(typeof item[name] === 'string' ? (item[name] as string) : 0);
  const totals = Object.fromEntries(TOTALS_FIGURES.map((name) => [name, figure(name)])) as unknown as MonthTotals;
  return { month, totals, closed: item.status === 'closed', applied: (item.applied as Set<string> | undefined) ?? new Set() };
}

async function readMonth(caeId: string, entrepreneurId: string, month: string): Promise<StoredMonth> {
  const { PK, SK } = keys.ledgerMonth(caeId, entrepreneurId, month);
  const out = (await db.send(
    new GetItemCommand({ TableName: tableName, Key: { PK: { S: PK }, SK: { S: SK } }, ConsistentRead: true }) as never,
  )) as { Item?: Record<string, AttributeValue> };
  return monthFromItem(month, out.Item ? fromAttributeValues(out.Item, true) : undefined);
}

/**
 * Step 2 of posting: adds the entry to its month's totals, unless the month is closed (MonthClosed) or already
 * counts it (nothing to do: a repeat, or a duplicate that got there first).
 */
async function addToMonth(caeId: string, entry: LedgerEntry): Promise<'added' | 'already' | 'closed'> {
  const effect = effectOf(entry);
  const values: Record<string, unknown> = Object.fromEntries(TOTALS_FIGURES.map((name) => [`:${name}`, NumberValue.from(formatMoney(effect[name]))]));
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.ledgerMonth(caeId, entry.entrepreneurId, entry.month),
        UpdateExpression: `SET #type = :type, #month = :month, #status = if_not_exists(#status, :open) ADD ${TOTALS_FIGURES.map((name) => `${name} :${name}`).join(', ')}, entryCount :one, applied :ids`,
        ConditionExpression: '(attribute_not_exists(#status) OR #status = :open) AND NOT contains(applied, :id)',
        ExpressionAttributeNames: { '#type': 'type', '#month': 'month', '#status': 'status' },
        ExpressionAttributeValues: {
          ...values,
          ':type': 'LEDGER_MONTH',
          ':month': entry.month,
          ':open': 'open',
          ':one': 1,
          ':ids': new Set([entry.id]),
          ':id': entry.id,
        },
      }),
    );
    return 'added';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const stored = await readMonth(caeId, entry.entrepreneurId, entry.month);
    if (stored.applied.has(entry.id)) return 'already';
    if (stored.closed) return 'closed';
    throw error;
  }
}

/** Takes back a step-1 entry that its month refused (closed meanwhile), so that its key may be used again. */
async function withdrawEntry(caeId: string, entry: LedgerEntry, fingerprint: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName,
        Key: keys.ledgerEntry(caeId, entry.entrepreneurId, entry.id),
        ConditionExpression: 'fingerprint = :fp',
        ExpressionAttributeValues: { ':fp': fingerprint },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

function monthClosed(entry: LedgerEntry): MonthClosed {
  const message = `${entry.month} is closed by payroll`;
  return new MonthClosed(`${message}: nothing may be dated in it any more.`, [{ path: 'body.date', message }]);
}

/** Step 2, and what its outcome means for the request: the entry counted, or a 409 with nothing left behind. */
async function finish(caeId: string, entry: LedgerEntry, fingerprint: string): Promise<LedgerEntry> {
  if ((await addToMonth(caeId, entry)) !== 'closed') return entry;
  await withdrawEntry(caeId, entry, fingerprint);
  throw monthClosed(entry);
}

// ---- Posting ----

/** What `postEntry` read before deciding: the CAE, the entrepreneur and any other items asked for. */
export interface PostingContext {
  cae: Cae;
  entrepreneur: Entrepreneur;
  /** The other items asked for (`extraKeys`), by key; undefined when absent. */
  item(key: Key): Record<string, unknown> | undefined;
}

export interface EntryRequest {
  caeId: string;
  entrepreneurId: string;
  /** The entry's id and the request's fingerprint (idempotency.ts `entryClaim`). */
  claim: EntryClaim;
  /** Items the decision needs besides the CAE and the entrepreneur, read in the same request. */
  extraKeys?: readonly Key[];
  /**
   * Decides the entry under `claim.id` from what was read (the domain's rules), or throws the refusal (an
   * HttpProblem); it may reserve what the entry needs (a reversal's slot) with conditional writes.
   */
  decide: (context: PostingContext) => Promise<Transaction> | Transaction;
  origin: EntryOrigin;
}

/**
 * Posts one entry, once per claim (see the module comment): one BatchGetItem (the CAE, the entrepreneur, the
 * entry already under the claim, `extraKeys`), the entry's put, the month's update: three requests. A repeat of
 * the request answers with the entry stored first (`replayed`); another request under the same claim is a 409
 * `idempotency-key-reused`; a month closed meanwhile is a 409 `month-closed`. An unknown CAE or entrepreneur
 * is a 404.
 */
export async function postEntry(request: EntryRequest): Promise<{ entry: LedgerEntry; replayed: boolean }> {
  const { caeId, entrepreneurId, claim } = request;
  const entryKey = keys.ledgerEntry(caeId, entrepreneurId, claim.id);
  const caeKey = keys.cae(caeId);
  const entrepreneurKey = keys.entrepreneur(caeId, entrepreneurId);
  const found = await getManyRaw([caeKey, entrepreneurKey, entryKey, ...(request.extraKeys ?? [])], { consistent: true });
  const read = (key: Key) => {
    const item = found.get(keyOf(key));
    return item ? fromAttributeValues(item) : undefined;
  };
  const caeItem = read(caeKey);
  const entrepreneurItem = read(entrepreneurKey);
  if (!caeItem) throw new NotFound(`No CAE ${caeId}.`);
  if (!entrepreneurItem) throw new NotFound(`No entrepreneur ${entrepreneurId} in CAE ${caeId}.`);
  const existing = read(entryKey);
  if (existing) return { entry: await repeat(caeId, entryFromItem(existing), claim.fingerprint), replayed: true };

  const decided = await request.decide({ cae: caeFromItem(caeItem), entrepreneur: entrepreneurFromItem(entrepreneurItem), item: read });
  const entry: LedgerEntry = { ...decided, id: claim.id, entrepreneurId, recordedAt: nowIso(), origin: request.origin };
  try {
    await db.send(new PutCommand({ TableName: tableName, Item: entryToItem(caeId, entry, claim.fingerprint), ConditionExpression: 'attribute_not_exists(PK)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // A concurrent duplicate put it first: finish its work and answer as it does.
    const stored = await findStoredEntry(caeId, entrepreneurId, claim.id);
    if (!stored) throw error;
    return { entry: await repeat(caeId, stored, claim.fingerprint), replayed: true };
  }
  return { entry: await finish(caeId, entry, claim.fingerprint), replayed: false };
}

/** A request whose entry is already stored: the same request finishes step 2; another one is a 409. */
async function repeat(caeId: string, stored: StoredEntry, fingerprint: string): Promise<LedgerEntry> {
  if (stored.fingerprint !== fingerprint) {
    throw new Conflict('idempotency-key-reused', 'This Idempotency-Key was used with another request; use a new key.');
  }
  return finish(caeId, stored.entry, fingerprint);
}

async function findStoredEntry(caeId: string, entrepreneurId: string, id: string): Promise<StoredEntry | undefined> {
  const found = await getManyRaw([keys.ledgerEntry(caeId, entrepreneurId, id)], { consistent: true });
  const item = found.values().next().value;
  return item ? entryFromItem(fromAttributeValues(item)) : undefined;
}

/**
 * The items of a month's entries as posting leaves them (the entries and the month's totals), for bulk loaders
 * that write them with BatchWriteItem (the benchmarks' synthetic federation): the shape stays defined here.
 */
export function ledgerItemsOf(caeId: string, entrepreneurId: string, month: string, entries: readonly Transaction[], recordedAt: string): Record<string, unknown>[] {
  const totals = totalsOf(entries);
  const items: Record<string, unknown>[] = entries.map((t) => entryToItem(caeId, { ...t, entrepreneurId, recordedAt, origin: 'transaction' }, 'bulk-load'));
  if (entries.length > 0) {
    items.push({
      ...keys.ledgerMonth(caeId, entrepreneurId, month),
      type: 'LEDGER_MONTH',
      month,
      status: 'open',
      ...Object.fromEntries(TOTALS_FIGURES.map((name) => [name, NumberValue.from(formatMoney(totals[name]))])),
      entryCount: entries.length,
      applied: new Set(entries.map((t) => t.id)),
    });
  }
  return items;
}

// ---- Reading entries ----

/** A stored entry item (from `PostingContext.item`) as an entry. */
export function entryOf(item: Record<string, unknown>): LedgerEntry {
  return entryFromItem(item).entry;
}

/** Whether an entry is counted in its month (a step-1 entry whose step 2 never happened is not). */
export async function isCounted(caeId: string, entry: LedgerEntry): Promise<boolean> {
  return (await readMonth(caeId, entry.entrepreneurId, entry.month)).applied.has(entry.id);
}

/** The id of the entry that reverses an entry, from its reservation item (`PostingContext.item`). */
export function reservationOf(item: Record<string, unknown> | undefined): string | undefined {
  return typeof item?.reversalId === 'string' ? item.reversalId : undefined;
}

/**
 * Reserves the one reversal of `originalId` for `reversalId`. False when another reversal holds it; true when
 * this one does (also when it already did: a retry of the same request).
 */
export async function reserveReversal(caeId: string, entrepreneurId: string, originalId: string, reversalId: string): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.ledgerReversal(caeId, entrepreneurId, originalId), type: 'REVERSAL', originalId, reversalId },
        ConditionExpression: 'attribute_not_exists(PK) OR reversalId = :mine',
        ExpressionAttributeValues: { ':mine': reversalId },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Frees the reversal slot of `originalId` if `reversalId` holds it: its entry was refused (month closed meanwhile). */
export async function releaseReversal(caeId: string, entrepreneurId: string, originalId: string, reversalId: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName,
        Key: keys.ledgerReversal(caeId, entrepreneurId, originalId),
        ConditionExpression: 'reversalId = :mine',
        ExpressionAttributeValues: { ':mine': reversalId },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * One page of a month's entries, in the order they were recorded: a query on the month's listing and, beside
 * it, the month's totals item, whose `applied` ids say which entries count (an entry whose posting was cut
 * short between its two writes is left out until a retry finishes it).
 */
export async function listEntries(
  caeId: string,
  entrepreneurId: string,
  month: string,
  limit: number,
  cursor?: string,
): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
  const partition = keys.ledgerMonthPartition(caeId, entrepreneurId, month);
  const [page, stored] = await Promise.all([
    queryPage(
      { IndexName: keys.GSI1, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': partition } },
      { attribute: 'GSI1PK', value: partition },
      limit,
      cursor,
    ),
    readMonth(caeId, entrepreneurId, month),
  ]);
  const items = page.items.map(entryOf).filter((entry) => stored.applied.has(entry.id));
  return { items, nextCursor: page.nextCursor };
}

// ---- Months, for account reads and payroll ----

/** The key of a month's totals item, to read it with others (`monthOf`). */
export const monthKey = keys.ledgerMonth;

/** A month's totals from its item as read by `getManyRaw` (absent: a month without entries, open). */
export function monthOf(month: string, item: Record<string, AttributeValue> | undefined): StoredMonth {
  return monthFromItem(month, item ? fromAttributeValues(item, true) : undefined);
}

/**
 * The months from `from` to `to` (inclusive) that have a totals item, oldest first: one query on the
 * entrepreneur's `MONTH#` items, without their `applied` ids.
 */
export async function monthsBetween(caeId: string, entrepreneurId: string, from: string, to: string): Promise<StoredMonth[]> {
  const { PK, SK: lo } = keys.ledgerMonth(caeId, entrepreneurId, from);
  const { SK: hi } = keys.ledgerMonth(caeId, entrepreneurId, to);
  const months: StoredMonth[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    // The low-level query, so that the totals are read as the exact decimals DynamoDB keeps.
    const out = (await db.send(
      new RawQueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': { S: PK }, ':lo': { S: lo }, ':hi': { S: hi } },
        ProjectionExpression: `#month, #status, ${TOTALS_FIGURES.join(', ')}`,
        ExpressionAttributeNames: { '#month': 'month', '#status': 'status' },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }) as never,
    )) as { Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: Record<string, AttributeValue> };
    for (const item of out.Items ?? []) months.push(monthOf(item.month?.S as string, item));
    start = out.LastEvaluatedKey;
  } while (start);
  return months;
}

/** Closes an entrepreneur's month (see the module comment) and returns its final totals: one request. */
export async function closeMonthTotals(caeId: string, entrepreneurId: string, month: string): Promise<MonthTotals> {
  const { PK, SK } = keys.ledgerMonth(caeId, entrepreneurId, month);
  const out = (await db.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: { PK: { S: PK }, SK: { S: SK } },
      UpdateExpression: 'SET #type = :type, #month = :month, #status = :closed, closedAt = if_not_exists(closedAt, :now)',
      ExpressionAttributeNames: { '#type': 'type', '#month': 'month', '#status': 'status' },
      ExpressionAttributeValues: { ':type': { S: 'LEDGER_MONTH' }, ':month': { S: month }, ':closed': { S: 'closed' }, ':now': { S: nowIso() } },
      ReturnValues: 'ALL_NEW',
    }) as never,
  )) as { Attributes?: Record<string, AttributeValue> };
  return monthOf(month, out.Attributes).totals;
}
