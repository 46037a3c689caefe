/**
 * The CAE's books (docs/architecture.md "The books"): `bookEvent` turns a business event into its entries
 * (domain/accounting `bookingOf`, under the CAE's settings) and writes them, numbered, when the event happens;
 * every view (entries, trial balance, VAT, FEC) reads what was written, never the activity ledger.
 *
 * Items:
 * - `CAE#<caeId>#BOOKS#EVENT#<eventId>` / `EVENT`: the event's entries as decided, before numbering, and the
 *   number each was given (`numbers`). Its conditional put makes booking idempotent: the same event again (a
 *   retried handler, a second payroll run) finishes the same entries, with the same numbers, even if the
 *   settings changed in between.
 * - `CAE#<caeId>#BOOKS#J#<journal>#<fiscalYear>` / `N#<sequence>`: a journal's year, its numbered entries in
 *   number order; the numbers come from the gapless sequence `journal-<code>` of each fiscal year (sequences.ts),
 *   whose payload is the whole entry, so that whoever finishes a number writes its entry. GSI1 `CAE#<caeId>#BOOKS#BYDATE` /
 *   `<date>#<journal>#<fiscalYear>#<sequence>` lists every entry by date; GSI2 `CAE#<caeId>#BOOKS#ACT#<activity>`
 *   the entries of an activity by date.
 * - `CAE#<caeId>#BOOKS#TRANSFER#<key>` / `TRANSFER`: the analytic transfer of an activity's contribution,
 *   listed with the activity's entries through GSI2.
 */
import { type AttributeValue, ConditionalCheckFailedException, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, NumberValue, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Decimal } from 'decimal.js';
import {
  type AnalyticTransfer,
  type BusinessEvent,
  bookingOf,
  type EntryDraft,
  type EntryLine,
  entryNumber,
  eventIdOf,
  fecLinesOf,
  fiscalYearOf,
  JOURNALS,
  type JournalCode,
  type NumberedEntry,
  type TransactionRecorded,
} from '../../../domain/accounting/index.js';
import { addDays, addMonthsToMonth, firstDayOf, lastDayOf } from '../../../domain/calendar.js';
import { Dec, formatMoney } from '../../../domain/money.js';
import { nowIso, todayInParis } from '../clock.js';
import { db, fromAttributeValues, queryAll, queryPage, tableName } from '../dynamo.js';
import * as keys from '../keys.js';
import { noteFiscalYearBooked, readAccountingSettings } from './accountingSettings.js';
import { numberRange, putAll } from './journalRanges.js';
import { type BoundNumber, OutOfOrder, takeNumber } from './sequences.js';

/** A booked entry as stored and shown. */
export interface BookedEntry extends NumberedEntry {
  readonly eventId: string;
  readonly key: string;
  readonly fiscalYear: number;
  readonly sequence: number;
  readonly activity?: string;
}

interface StoredEvent {
  entries: (EntryDraft & { fiscalYear: number })[];
  transfers: AnalyticTransfer[];
  numbers: Record<string, number>;
}

const seq = (n: number) => String(n).padStart(8, '0');

/** The stored item of a numbered entry: its journal's `N#` key, listed by date (GSI1) and by activity (GSI2). */
export function entryItem(caeId: string, entry: BookedEntry): Record<string, unknown> {
  const byDate = `${entry.date}#${entry.journal}#${entry.fiscalYear}#${seq(entry.sequence)}`;
  return {
    ...keys.journalEntry(caeId, entry.journal, entry.fiscalYear, entry.sequence),
    GSI1PK: keys.bookDatePartition(caeId),
    GSI1SK: byDate,
    ...(entry.activity ? { GSI2PK: keys.bookActivityPartition(caeId, entry.activity), GSI2SK: `${entry.date}#E#${entry.journal}#${entry.fiscalYear}#${seq(entry.sequence)}` } : {}),
    type: 'BOOK_ENTRY',
    ...entry,
    // The entry's FEC lines, written once with it: a year's FEC is then a concatenation of stored text.
    fecText: fecLinesOf(entry),
  };
}

function entryFromItem(item: Record<string, unknown>): BookedEntry {
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, type, fecText, ...entry } = item;
  return entry as unknown as BookedEntry;
}

/** The stored item of an analytic transfer. */
export function transferItem(caeId: string, transfer: AnalyticTransfer): Record<string, unknown> {
  return {
    ...keys.analyticTransfer(caeId, transfer.key),
    GSI2PK: keys.bookActivityPartition(caeId, transfer.activity),
    GSI2SK: `${transfer.date}#T#${transfer.key}`,
    type: 'BOOK_TRANSFER',
    ...transfer,
  };
}

async function readEvent(caeId: string, eventId: string): Promise<StoredEvent | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.bookedEvent(caeId, eventId), ConsistentRead: true }));
  return out.Item as StoredEvent | undefined;
}

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
 * Books a business event: its entries numbered in their journals, its analytic transfers written. Idempotent
 * by the event's id (domain `eventIdOf`): booking it again, or after a crash, finishes the same entries with
 * the same numbers and writes nothing twice. An event whose entries would have no line books nothing.
 */
export async function bookEvent(caeId: string, event: BusinessEvent): Promise<void> {
  const eventId = eventIdOf(event);
  let stored = await readEvent(caeId, eventId);
  if (!stored) {
    const { settings, firstFiscalYear } = await readAccountingSettings(caeId);
    const booking = bookingOf(event, settings);
    const decided: StoredEvent = {
      entries: booking.entries.filter((e) => e.lines.length > 0).map((e) => ({ ...e, fiscalYear: fiscalYearOf(e.date, settings.fiscalYearStartMonth) })),
      transfers: [...booking.transfers],
      numbers: {},
    };
    const years = decided.entries.map((e) => e.fiscalYear);
    const earliest = years.length > 0 ? Math.min(...years) : undefined;
    if (earliest !== undefined && (firstFiscalYear === undefined || earliest < firstFiscalYear)) await noteFiscalYearBooked(caeId, earliest);
    if (await putOnce({ ...keys.bookedEvent(caeId, eventId), type: 'BOOK_EVENT', eventId, bookedAt: nowIso(), ...decided })) {
      stored = decided;
    } else {
      stored = (await readEvent(caeId, eventId)) as StoredEvent;
    }
  }
  for (const transfer of stored.transfers) await putOnce(transferItem(caeId, transfer));
  for (const draft of stored.entries) {
    if (stored.numbers[draft.key] === undefined) await numberDraft(caeId, eventId, draft);
  }
}

/** The payload a journal number carries until its entry is written: the whole entry but its number. */
interface PendingEntry {
  eventId: string;
  draft: EntryDraft & { fiscalYear: number };
  validatedOn: string;
}

/** The numbers of journal `code`: one gapless sequence per fiscal year (sequences.ts). */
export const journalSequence = (journal: string) => `journal-${journal}`;

/**
 * Writes a numbered entry and records its number on its event: what finishing a journal number does, by the
 * booking that took it or by the next one if that booking crashed (conditional writes, harmless twice).
 */
async function writeNumbered(caeId: string, bound: BoundNumber<PendingEntry>): Promise<void> {
  const { eventId, draft, validatedOn } = bound.payload;
  const { fiscalYear, ...content } = draft;
  const entry: BookedEntry = { ...content, eventId, fiscalYear, sequence: bound.number, number: entryNumber(draft.journal, fiscalYear, bound.number), validatedOn };
  await putOnce(entryItem(caeId, entry));
  await addToMonthTotals(caeId, entry);
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.bookedEvent(caeId, eventId),
      UpdateExpression: 'SET numbers.#key = :seq',
      ExpressionAttributeNames: { '#key': draft.key },
      ExpressionAttributeValues: { ':seq': bound.number },
    }),
  );
}

/**
 * Numbers one entry in its journal's sequence for its fiscal year, validated today: numbers follow validation,
 * so a validation date never goes back (when clocks disagree, the entry takes the latest date numbered).
 */
async function numberDraft(caeId: string, eventId: string, draft: EntryDraft & { fiscalYear: number }): Promise<void> {
  let validatedOn = todayInParis();
  for (;;) {
    try {
      await takeNumber<PendingEntry>({
        caeId,
        sequence: journalSequence(draft.journal),
        year: draft.fiscalYear,
        documentRef: draft.key,
        fingerprint: eventId,
        payload: { eventId, draft, validatedOn },
        date: validatedOn,
        // Finishing a journal number is a few idempotent writes that any booking can do: the next booking rolls
        // the previous one forward at once rather than waiting for it, so concurrent bookings do not queue.
        leaseMs: 0,
        finish: (bound) => writeNumbered(caeId, bound),
      });
      return;
    } catch (error) {
      if (!(error instanceof OutOfOrder)) throw error;
      validatedOn = error.latestDate;
    }
  }
}

// ---- Typed transactions, booked by month ----

/** At most this many entries in one numbered batch: the batch rides whole in its journal's counter item. */
const BATCH_ENTRIES = 100;

/**
 * Books an entrepreneur's typed transactions of a month closed by payroll (domain events `transaction_recorded`):
 * their OD entries, in date order, numbered as consecutive ranges of the OD journal (journalRanges.ts), each
 * batch written once whatever the retries. Called by PayBatch for each month it closes.
 */
export async function bookTypedTransactions(caeId: string, entrepreneurId: string, month: string, events: readonly TransactionRecorded[]): Promise<void> {
  if (events.length === 0) return;
  const { settings, firstFiscalYear } = await readAccountingSettings(caeId);
  const drafts = events
    .flatMap((e) => bookingOf(e, settings).entries.map((draft) => ({ draft, eventId: eventIdOf(e) })))
    .filter(({ draft }) => draft.lines.length > 0)
    .sort((a, b) => (a.draft.date === b.draft.date ? (a.draft.key < b.draft.key ? -1 : 1) : a.draft.date < b.draft.date ? -1 : 1));
  if (drafts.length === 0) return;
  const fiscalYear = fiscalYearOf(`${month}-01`, settings.fiscalYearStartMonth);
  if (firstFiscalYear === undefined || fiscalYear < firstFiscalYear) await noteFiscalYearBooked(caeId, fiscalYear);
  const validatedOn = todayInParis();
  for (let i = 0; i < drafts.length; i += BATCH_ENTRIES) {
    const entries = drafts.slice(i, i + BATCH_ENTRIES).map(({ draft, eventId }) => ({ ...draft, eventId, validatedOn }));
    await numberRange({
      caeId,
      journal: 'OD',
      fiscalYear,
      batch: { batchRef: `OD_${entrepreneurId}_${month}_${i / BATCH_ENTRIES}`, entries },
      finish: async (batch, first) => {
        const booked: BookedEntry[] = batch.entries.map((e, n) => ({ ...e, fiscalYear, sequence: first + n, number: entryNumber('OD', fiscalYear, first + n) }));
        await putAll(booked.map((e) => entryItem(caeId, e)));
        await addLinesToMonthTotals(caeId, month, batch.batchRef, booked.flatMap((e) => e.lines));
      },
    });
  }
}

// ---- Month totals per account ----

/** What an entry adds to its month's totals, per account: debit and credit, and the account's label. */
function totalsOfEntry(entry: Pick<BookedEntry, 'lines'>): Map<string, { label: string; debit: Decimal; credit: Decimal }> {
  const sums = new Map<string, { label: string; debit: Decimal; credit: Decimal }>();
  for (const line of entry.lines) {
    const current = sums.get(line.account) ?? { label: line.accountLabel, debit: new Dec(0), credit: new Dec(0) };
    sums.set(line.account, { label: current.label, debit: current.debit.plus(line.debit), credit: current.credit.plus(line.credit) });
  }
  return sums;
}

/**
 * Adds a numbered entry to its month's totals (`CAE#<caeId>#BOOKS#TOTALS` / `MONTH#<YYYY-MM>`): exact decimals
 * added with ADD, once (the entry's number joins `applied`, on condition it is not there yet), so a finish done
 * twice counts it once. A trial balance of whole months reads these, not the entries.
 */
async function addToMonthTotals(caeId: string, entry: BookedEntry): Promise<void> {
  await addLinesToMonthTotals(caeId, entry.date.slice(0, 7), entry.number, entry.lines);
}

/** Adds lines to a month's totals once, under `id` (an entry's number, or a batch's reference). */
async function addLinesToMonthTotals(caeId: string, month: string, id: string, lines: readonly EntryLine[]): Promise<void> {
  const sums = [...totalsOfEntry({ lines })];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':ids': new Set([id]), ':id': id, ':type': 'BOOK_MONTH_TOTALS' };
  const sets: string[] = ['#type = :type'];
  const adds: string[] = ['applied :ids'];
  sums.forEach(([account, sum], i) => {
    Object.assign(names, { [`#l${i}`]: `L_${account}`, [`#d${i}`]: `D_${account}`, [`#c${i}`]: `C_${account}` });
    Object.assign(values, { [`:l${i}`]: sum.label, [`:d${i}`]: NumberValue.from(formatMoney(sum.debit)), [`:c${i}`]: NumberValue.from(formatMoney(sum.credit)) });
    sets.push(`#l${i} = :l${i}`);
    adds.push(`#d${i} :d${i}`, `#c${i} :c${i}`);
  });
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.bookMonthTotals(caeId, month),
        UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
        ConditionExpression: 'NOT contains(applied, :id)',
        ExpressionAttributeNames: { ...names, '#type': 'type' },
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** For bulk loaders (the benchmark): the month totals items of a set of numbered entries, as booking leaves them. */
export function monthTotalsItems(caeId: string, entries: readonly BookedEntry[]): Record<string, unknown>[] {
  const months = new Map<string, { numbers: Set<string>; sums: Map<string, { label: string; debit: Decimal; credit: Decimal }> }>();
  for (const entry of entries) {
    const month = entry.date.slice(0, 7);
    const m = months.get(month) ?? { numbers: new Set<string>(), sums: new Map() };
    m.numbers.add(entry.number);
    for (const [account, sum] of totalsOfEntry(entry)) {
      const current = m.sums.get(account) ?? { label: sum.label, debit: new Dec(0), credit: new Dec(0) };
      m.sums.set(account, { label: current.label, debit: current.debit.plus(sum.debit), credit: current.credit.plus(sum.credit) });
    }
    months.set(month, m);
  }
  return [...months].map(([month, m]) => ({
    ...keys.bookMonthTotals(caeId, month),
    type: 'BOOK_MONTH_TOTALS',
    applied: m.numbers,
    ...Object.fromEntries(
      [...m.sums].flatMap(([account, sum]) => [
        [`L_${account}`, sum.label],
        [`D_${account}`, NumberValue.from(formatMoney(sum.debit))],
        [`C_${account}`, NumberValue.from(formatMoney(sum.credit))],
      ]),
    ),
  }));
}

/** The per-account totals of the months `from` to `to` (inclusive): one query, without the `applied` sets. */
async function monthTotalsBetween(caeId: string, from: string, to: string): Promise<Pick<EntryLine, 'account' | 'accountLabel' | 'debit' | 'credit'>[]> {
  const { PK, SK: lo } = keys.bookMonthTotals(caeId, from);
  const { SK: hi } = keys.bookMonthTotals(caeId, to);
  const out: Pick<EntryLine, 'account' | 'accountLabel' | 'debit' | 'credit'>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = (await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': { S: PK }, ':lo': { S: lo }, ':hi': { S: hi } },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }) as never,
    )) as { Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: Record<string, AttributeValue> };
    for (const raw of page.Items ?? []) {
      const { applied, ...item } = raw;
      const figures = fromAttributeValues(item, true);
      for (const name of Object.keys(figures)) {
        if (!name.startsWith('L_')) continue;
        const account = name.slice(2);
        out.push({ account, accountLabel: figures[name] as string, debit: String(figures[`D_${account}`] ?? '0'), credit: String(figures[`C_${account}`] ?? '0') });
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * The per-account figures of a period: its whole months from the month totals (one query), the days at its
 * edges that do not make a whole month from their entries (one range each), so that a year costs 1 to 3 queries
 * whatever the number of entries.
 */
export async function periodFigures(caeId: string, from: string, to: string): Promise<Pick<EntryLine, 'account' | 'accountLabel' | 'debit' | 'credit'>[]> {
  const firstWhole = from.endsWith('-01') ? from.slice(0, 7) : addMonthsToMonth(from.slice(0, 7), 1);
  const lastWhole = to === lastDayOf(to.slice(0, 7)) ? to.slice(0, 7) : addMonthsToMonth(to.slice(0, 7), -1);
  if (firstWhole > lastWhole) return linesBetween(caeId, from, to);
  const [head, whole, tail] = await Promise.all([
    firstWhole === from.slice(0, 7) ? [] : linesBetween(caeId, from, addDays(firstDayOf(firstWhole), -1)),
    monthTotalsBetween(caeId, firstWhole, lastWhole),
    lastWhole === to.slice(0, 7) ? [] : linesBetween(caeId, firstDayOf(addMonthsToMonth(lastWhole, 1)), to),
  ]);
  return [...head, ...whole, ...tail];
}

// ---- Reading the books ----

/** The journals in the order the FEC lists them (opening balances first, written apart). */
export const FEC_JOURNAL_ORDER = (Object.keys(JOURNALS) as JournalCode[]).filter((j) => j !== 'AN');

/** One page of the entries dated from `from` to `to` (inclusive), by date, optionally of one journal. */
export async function listBookEntries(
  caeId: string,
  range: { from: string; to: string; journal?: JournalCode },
  limit: number,
  cursor: string | undefined,
): Promise<{ items: BookedEntry[]; nextCursor: string | null }> {
  const partition = keys.bookDatePartition(caeId);
  const page = await queryPage(
    {
      IndexName: keys.GSI1,
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': partition, ':lo': `${range.from}#`, ':hi': `${range.to}#~`, ...(range.journal ? { ':journal': range.journal } : {}) },
      ...(range.journal ? { FilterExpression: 'journal = :journal' } : {}),
    },
    { attribute: 'GSI1PK', value: partition },
    limit,
    cursor,
  );
  return { items: page.items.map(entryFromItem), nextCursor: page.nextCursor };
}

/** Every line of the entries dated from `from` to `to`: one range of the CAE's by-date listing. */
export async function linesBetween(caeId: string, from: string, to: string): Promise<EntryLine[]> {
  const items = await queryAll({
    IndexName: keys.GSI1,
    KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi',
    ExpressionAttributeValues: { ':pk': keys.bookDatePartition(caeId), ':lo': `${from}#`, ':hi': `${to}#~` },
    ProjectionExpression: '#lines',
    ExpressionAttributeNames: { '#lines': 'lines' },
  });
  return items.flatMap((item) => item.lines as EntryLine[]);
}

/** An activity's analytic lines and transfers dated from `from` to `to`: one range of its GSI2 listing. */
export async function activityLinesBetween(caeId: string, activity: string, from: string, to: string): Promise<{ lines: EntryLine[]; transfers: AnalyticTransfer[] }> {
  const items = await queryAll({
    IndexName: keys.GSI2,
    KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :lo AND :hi',
    ExpressionAttributeValues: { ':pk': keys.bookActivityPartition(caeId, activity), ':lo': `${from}#`, ':hi': `${to}#~` },
  });
  const lines: EntryLine[] = [];
  const transfers: AnalyticTransfer[] = [];
  for (const item of items) {
    if (item.type === 'BOOK_TRANSFER') {
      const { PK, SK, GSI2PK, GSI2SK, type, ...transfer } = item;
      transfers.push(transfer as unknown as AnalyticTransfer);
    } else {
      // The lines of this activity only (every line of an entry carries its activity today).
      lines.push(...(item.lines as EntryLine[]).filter((l) => l.activity === activity));
    }
  }
  return { lines, transfers };
}

/** A journal's entries of a fiscal year, in number order: one query on its partition. */
export async function journalEntries(caeId: string, journal: JournalCode, fiscalYear: number): Promise<BookedEntry[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :n)',
    ExpressionAttributeValues: { ':pk': keys.journalPartition(caeId, journal, fiscalYear), ':n': 'N#' },
    ConsistentRead: true,
  });
  return items.map(entryFromItem);
}

/** A journal's FEC lines of a fiscal year, in number order: one query, projected on the stored text. */
export async function journalFecText(caeId: string, journal: JournalCode, fiscalYear: number): Promise<string[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :n)',
    ExpressionAttributeValues: { ':pk': keys.journalPartition(caeId, journal, fiscalYear), ':n': 'N#' },
    ProjectionExpression: 'fecText',
    ConsistentRead: true,
  });
  return items.map((item) => item.fecText as string);
}

/** Whether a fiscal year has any entry (one small query per journal, stopping at the first found). */
export async function fiscalYearHasEntries(caeId: string, fiscalYear: number): Promise<boolean> {
  for (const journal of FEC_JOURNAL_ORDER) {
    const page = await queryPage(
      { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :n)', ExpressionAttributeValues: { ':pk': keys.journalPartition(caeId, journal, fiscalYear), ':n': 'N#' } },
      { attribute: 'PK', value: keys.journalPartition(caeId, journal, fiscalYear) },
      1,
      undefined,
    );
    if (page.items.length > 0) return true;
  }
  return false;
}
