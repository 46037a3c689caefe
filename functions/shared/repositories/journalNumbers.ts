/**
 * Gapless journal numbering (docs/architecture.md "The books"): each journal of each fiscal year has a counter
 * item advanced with a condition, and each number is bound to its entry by a conditional put under a
 * deterministic key (`N#<sequence>`), so that a retry finishes with the same number and a crash never leaves a gap.
 *
 * The counter holds the last number given and the entry it was given to (`pending`, the whole numbered entry).
 * Taking a number is: read the counter; if the last holder's work may be unfinished (`done` unset), finish it
 * (put its entry, record its number on its event, set `done`); then advance the counter from the number read to
 * the next, with the new entry as `pending`, on condition that nobody advanced it meanwhile; then write the
 * entry and record its number. Whoever crashes after advancing the counter is finished by the next taker (or
 * by its own retry, which finds itself the holder), so every number ends with its entry, in order: numbers
 * follow the order in which entries are validated, and `validatedOn` never goes back.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../dynamo.js';
import * as keys from '../keys.js';

/** What a numbered entry item holds besides its keys (see books.ts `entryItem`). */
export type NumberedItem = Record<string, unknown> & { eventId: string; key: string; sequence: number; validatedOn: string };

interface Counter {
  last: number;
  done: boolean;
  pending?: NumberedItem;
}

async function readCounter(caeId: string, journal: string, fiscalYear: number): Promise<Counter> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.journalCounter(caeId, journal, fiscalYear), ConsistentRead: true }));
  if (!out.Item) return { last: 0, done: true };
  return { last: out.Item.last as number, done: out.Item.done === true, pending: out.Item.pending as NumberedItem };
}

/** Puts a numbered entry once (its key is its number), and records the number on its event. */
async function bind(caeId: string, journal: string, fiscalYear: number, entry: NumberedItem, toItem: (entry: NumberedItem) => Record<string, unknown>): Promise<void> {
  try {
    await db.send(new PutCommand({ TableName: tableName, Item: toItem(entry), ConditionExpression: 'attribute_not_exists(PK)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.bookedEvent(caeId, entry.eventId),
      UpdateExpression: 'SET numbers.#key = :seq',
      ExpressionAttributeNames: { '#key': entry.key },
      ExpressionAttributeValues: { ':seq': entry.sequence },
    }),
  );
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.journalCounter(caeId, journal, fiscalYear),
        UpdateExpression: 'SET done = :true',
        ConditionExpression: '#last = :seq',
        ExpressionAttributeNames: { '#last': 'last' },
        ExpressionAttributeValues: { ':true': true, ':seq': entry.sequence },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export interface NumberRequest {
  caeId: string;
  journal: string;
  fiscalYear: number;
  eventId: string;
  /** The entry's key within its event (unique per event). */
  key: string;
  /** The entry as numbered: its content once given a sequence and a validation date. */
  build: (sequence: number, validatedOn: string) => NumberedItem;
  /** The stored item of a numbered entry (keys included). */
  toItem: (entry: NumberedItem) => Record<string, unknown>;
  today: string;
  /** Reads whether the event already records a number for this entry (a retry finished by someone else). */
  numberedMeanwhile: () => Promise<number | undefined>;
  /** Whether the event existed before this booking (only then may a previous attempt hold a number). */
  retry: boolean;
}

/** Gives an entry its number (once: a retry gets the same), and writes it. */
export async function numberEntry(request: NumberRequest): Promise<number> {
  const { caeId, journal, fiscalYear } = request;
  for (let attempt = 0; attempt < 100; attempt++) {
    const counter = await readCounter(caeId, journal, fiscalYear);
    if (counter.pending && counter.pending.eventId === request.eventId && counter.pending.key === request.key) {
      await bind(caeId, journal, fiscalYear, counter.pending, request.toItem);
      return counter.last;
    }
    if (!counter.done && counter.pending) await bind(caeId, journal, fiscalYear, counter.pending, request.toItem);
    if (request.retry) {
      const mine = await request.numberedMeanwhile();
      if (mine !== undefined) return mine;
    }
    const previous = counter.pending?.validatedOn;
    const validatedOn = previous !== undefined && previous > request.today ? previous : request.today;
    const entry = request.build(counter.last + 1, validatedOn);
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.journalCounter(caeId, journal, fiscalYear),
          UpdateExpression: 'SET #type = :type, #last = :next, done = :false, pending = :entry',
          ConditionExpression: counter.last === 0 ? 'attribute_not_exists(#last)' : '#last = :read',
          ExpressionAttributeNames: { '#type': 'type', '#last': 'last' },
          ExpressionAttributeValues: {
            ':type': 'JOURNAL_COUNTER',
            ':next': counter.last + 1,
            ':false': false,
            ':entry': entry,
            ...(counter.last === 0 ? {} : { ':read': counter.last }),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) continue;
      throw error;
    }
    await bind(caeId, journal, fiscalYear, entry, request.toItem);
    return entry.sequence;
  }
  throw new Error(`journal ${journal} ${fiscalYear}: too many concurrent bookings`);
}

/** The counter item a bulk loader writes after loading `last` entries of a journal (the benchmark). */
export function counterItem(caeId: string, journal: string, fiscalYear: number, last: number) {
  return { ...keys.journalCounter(caeId, journal, fiscalYear), type: 'JOURNAL_COUNTER', last, done: true };
}
