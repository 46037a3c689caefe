/**
 * Gapless numbering: one continuous sequence per CAE, per named sequence and per year (invoices and credit
 * notes share one, quotes have theirs, each journal of the books its own), with no gap, no duplicate and no
 * number ever reused, under concurrent requests and across crashes (docs/architecture.md "Gapless numbering").
 *
 * Items, under `CAE#<caeId>#SEQ#<sequence>`:
 * - `YEAR#<yyyy>`, the counter: `last` (the last number taken), `holder` (the document it went to, the request's
 *   fingerprint and the payload that finishing that document needs), `done` (the holder's number is bound to its
 *   document) and `lastDate` (the latest date numbered, for a chronological sequence);
 * - `DOC#<documentRef>`, the binding: the number a document got and its payload, written once under the
 *   document's own key; while its document is not finished it is listed on GSI2 (`…#UNFINISHED`, sparse).
 *
 * Taking a number for a document, in this order:
 * 1. read the counter; if this document holds it (a crash after step 3) → that number. If another holder's
 *    number is not bound yet: wait while its request may still be alive (a short lease), then bind it ourselves;
 *    then read the document's binding (after the counter, so that a binding written by whoever advanced the
 *    counter past this document is seen): bound already → that number (a retry finishes with it);
 * 2. advance the counter on the condition "last is still what was read": this is where concurrent takers race,
 *    one wins, the others go back to 1;
 * 3. bind the number to the document (`attribute_not_exists`, or the same number: a repeat), listed unfinished;
 * 4. mark the counter done: the next number may be taken;
 * 5. `finish` the document (its writes are the caller's, all conditional under deterministic keys, so that
 *    doing them twice, by the request and by a roll-forward at the same time, writes each once), then take the
 *    binding off the unfinished list.
 * Only steps 2–4 are taken one number at a time; documents are finished side by side. A crash between any two
 * writes leaves a state that the retry, or another taker, completes: after 2 the counter names the document and
 * carries its payload (the next taker binds it); after 3 the binding does, and until 5 ends it is on the
 * unfinished list, which every taker reads first and finishes what has stayed there longer than the lease. So a
 * request that dies and is never retried leaves no gap: its number is bound, and its document is finished by
 * the next request that numbers anything in that sequence.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { systemNow } from '../clock.js';
import { db, getMany, keyOf, tableName } from '../dynamo.js';
import { Conflict } from '../errors.js';
import * as keys from '../keys.js';

/** A number bound to a document: what a `finish` receives to finish that document. */
export interface BoundNumber<P> {
  readonly caeId: string;
  readonly sequence: string;
  readonly year: number;
  readonly number: number;
  readonly documentRef: string;
  /** The fingerprint of the request that took the number (a repeat compares its own to it). */
  readonly fingerprint: string;
  /** What finishing the document needs, as given by the request that took the number. */
  readonly payload: P;
}

export interface NumberRequest<P> {
  caeId: string;
  /** The sequence's name, e.g. `invoices` or `journal-VT` (letters, digits, `-`, `_`). */
  sequence: string;
  /** The year numbered: each year starts again at 1. */
  year: number;
  /** The document's key in the sequence, unique (letters, digits, `-`, `_`, `#`). */
  documentRef: string;
  /** What makes two requests for this document the same. */
  fingerprint: string;
  /** What finishing the document needs (JSON), kept with the number until it is finished. */
  payload: P;
  /**
   * The date the document is numbered on (YYYY-MM-DD), for a chronological sequence: a date before the latest
   * one numbered is refused with `OutOfOrder`, so numbers and dates always grow together.
   */
  date?: string;
  /**
   * Finishes ANY document of this sequence from its bound number (this request's, or one a crashed request left
   * unfinished): conditional writes under deterministic keys only, harmless when done twice, never refusing.
   */
  finish: (bound: BoundNumber<P>) => Promise<void>;
  /** How long a holder's own request is trusted to finish before others roll it forward (default 2 s). */
  leaseMs?: number;
}

/** Thrown when `date` is before the latest date the sequence numbered: the caller names its field (409). */
export class OutOfOrder extends Error {
  constructor(readonly latestDate: string) {
    super(`the sequence has numbered a document dated ${latestDate}; a number cannot go to an earlier date`);
  }
}

interface Holder {
  documentRef: string;
  fingerprint: string;
  payload: unknown;
}

const GSI2 = 'GSI2';

interface Counter {
  last: number;
  holder?: Holder;
  done: boolean;
  takenAt: number;
  lastDate?: string;
}

const DEFAULT_LEASE_MS = 2_000;
/** Beyond this a taker gives up with a 409 (a Lambda behind API Gateway has 29 s). */
const GIVE_UP_MS = 20_000;
const MAX_BACKOFF_MS = 250;

function counterOf(item: Record<string, unknown> | undefined): Counter | undefined {
  if (!item) return undefined;
  return {
    last: Number(item.last),
    ...(item.holder ? { holder: item.holder as Holder } : {}),
    done: item.done === true,
    takenAt: Number(item.takenAt ?? 0),
    ...(typeof item.lastDate === 'string' ? { lastDate: item.lastDate } : {}),
  };
}

function boundOfCounter<P>(caeId: string, sequence: string, year: number, counter: Counter & { holder: Holder }): BoundNumber<P> {
  const { documentRef, fingerprint, payload } = counter.holder;
  return { caeId, sequence, year, number: counter.last, documentRef, fingerprint, payload: payload as P };
}

async function readBinding<P>(caeId: string, sequence: string, documentRef: string): Promise<BoundNumber<P> | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.sequenceBinding(caeId, sequence, documentRef), ConsistentRead: true }));
  const item = out.Item;
  if (!item) return undefined;
  return boundOfItem<P>(caeId, sequence, item);
}

function boundOfItem<P>(caeId: string, sequence: string, item: Record<string, unknown>): BoundNumber<P> & { takenAt: number } {
  return {
    caeId,
    sequence,
    year: Number(item.year),
    number: Number(item.number),
    documentRef: item.documentRef as string,
    fingerprint: item.fingerprint as string,
    payload: item.payload as P,
    takenAt: Number(item.takenAt ?? 0),
  };
}

/** Step 3: binds a number to its document, once (a repeat with the same number is fine). */
async function bind<P>(bound: BoundNumber<P>, takenAt: number): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.sequenceBinding(bound.caeId, bound.sequence, bound.documentRef),
          ...keys.unfinishedBinding(bound.caeId, bound.sequence, takenAt, bound.documentRef),
          takenAt,
          type: 'SEQUENCE_BINDING',
          sequence: bound.sequence,
          year: bound.year,
          number: bound.number,
          documentRef: bound.documentRef,
          fingerprint: bound.fingerprint,
          payload: bound.payload,
        },
        // A repeat rewrites nothing but the same number; one already finished is left finished.
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = await readBinding(bound.caeId, bound.sequence, bound.documentRef);
    if (existing?.year === bound.year && existing.number === bound.number) return;
    // The document has another number: the counter's condition (its holder done before it advances) makes this
    // impossible; say so rather than number one document twice.
    throw new Error(`sequence ${bound.sequence}: ${bound.documentRef} is already bound to another number than ${bound.year}/${bound.number}`);
  }
}

/** Step 4: the holder's number is bound, so the counter may advance. */
async function markDone(bound: BoundNumber<unknown>): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.sequenceCounter(bound.caeId, bound.sequence, bound.year),
        UpdateExpression: 'SET done = :true',
        ConditionExpression: '#last = :n AND holder.documentRef = :doc',
        ExpressionAttributeNames: { '#last': 'last' },
        ExpressionAttributeValues: { ':true': true, ':n': bound.number, ':doc': bound.documentRef },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Step 5's end: the document is finished, its binding leaves the unfinished list. */
async function markFinished(bound: BoundNumber<unknown>): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.sequenceBinding(bound.caeId, bound.sequence, bound.documentRef),
      UpdateExpression: 'SET finished = :true REMOVE GSI2PK, GSI2SK',
      ExpressionAttributeValues: { ':true': true },
    }),
  );
}

/** Step 5 for a bound number: what its request does, and what a roll-forward does for it. */
async function finishBound<P>(bound: BoundNumber<P>, finish: (bound: BoundNumber<P>) => Promise<void>): Promise<void> {
  await finish(bound);
  await markFinished(bound);
}

/** Steps 3 and 4 for the counter's holder: bound, and the counter free for the next number. */
async function bindHolder<P>(bound: BoundNumber<P>, takenAt: number): Promise<void> {
  await bind(bound, takenAt);
  await markDone(bound);
}

/**
 * Finishes the documents whose request died after binding their number (on the unfinished list longer than
 * the lease): one query of a sparse index, empty in the normal course.
 */
async function finishAbandoned<P>(caeId: string, sequence: string, lease: number, finish: (bound: BoundNumber<P>) => Promise<void>): Promise<void> {
  const partition = keys.unfinishedBinding(caeId, sequence, 0, '').GSI2PK;
  const before = keys.unfinishedBinding(caeId, sequence, systemNow().getTime() - lease, '').GSI2SK;
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: GSI2,
      KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :before',
      ExpressionAttributeValues: { ':pk': partition, ':before': before },
      Limit: 10,
    }),
  );
  for (const item of out.Items ?? []) await finishBound(boundOfItem<P>(caeId, sequence, item), finish);
}

/**
 * The number of `request.documentRef` in its sequence and year: the one it already has (a retry, or a
 * roll-forward finished it), else the next one, after finishing the previous holder if its request died.
 * The document is finished (`finish` ran for it) when this returns. `taken` says whether this call took the
 * number; a caller compares `bound.fingerprint` with its own to tell a repeat from another request.
 */
export async function takeNumber<P>(request: NumberRequest<P>): Promise<{ bound: BoundNumber<P>; taken: boolean }> {
  const { caeId, sequence, year, documentRef, finish } = request;
  const lease = request.leaseMs ?? DEFAULT_LEASE_MS;
  const counterKey = keys.sequenceCounter(caeId, sequence, year);
  const previousKey = keys.sequenceCounter(caeId, sequence, year - 1);
  const started = systemNow().getTime();
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      if (systemNow().getTime() - started > GIVE_UP_MS) {
        throw new Conflict('concurrent-change', `Too many documents are being numbered in ${sequence} at once; retry.`);
      }
      // Backing off, so that waiting takers do not bury the holder's own writes under their reads.
      const step = Math.min(MAX_BACKOFF_MS, 10 * 1.6 ** Math.min(attempt, 12));
      await sleep(Math.floor(step * (0.5 + Math.random())));
    }
    if (attempt === 0) await finishAbandoned(caeId, sequence, lease, finish);
    // Last year's counter is read once, with this year's: only a request that died at the turn of the year
    // leaves something to bind there.
    const found = await getMany(attempt === 0 ? [counterKey, previousKey] : [counterKey], { consistent: true });
    const counter = counterOf(found.get(keyOf(counterKey)));
    const previous = counterOf(found.get(keyOf(previousKey)));
    const now = systemNow().getTime();
    const holding = counter?.holder ? boundOfCounter<P>(caeId, sequence, year, counter as Counter & { holder: Holder }) : undefined;

    // 1. This document holds the counter: its request died after advancing it, or this is a repeat.
    if (holding && counter && holding.documentRef === documentRef) {
      await bindHolder(holding, counter.takenAt);
      await finishBound(holding, finish);
      return { bound: holding, taken: false };
    }
    // Someone else's number is being bound by its own request: wait, one read a turn.
    if (holding && counter && !counter.done && counter.takenAt + lease >= now) continue;
    // Already numbered (read after the counter: see the module comment).
    const existing = await readBinding<P>(caeId, sequence, documentRef);
    if (existing) {
      await finishBound(existing, finish);
      return { bound: existing, taken: false };
    }
    if (previous?.holder && !previous.done && previous.takenAt + lease < now) {
      await bindHolder(boundOfCounter<P>(caeId, sequence, year - 1, previous as Counter & { holder: Holder }), previous.takenAt);
    }
    // The holder's request died before binding (its lease ran out): bind it for it; the unfinished list then
    // gets its document finished.
    if (holding && counter && !counter.done) {
      await bindHolder(holding, counter.takenAt);
      await finishBound(holding, finish);
    }
    if (request.date !== undefined && counter?.lastDate !== undefined && request.date < counter.lastDate) {
      throw new OutOfOrder(counter.lastDate);
    }
    // 3. Advance the counter, if nobody did since it was read.
    const next = (counter?.last ?? 0) + 1;
    const holder: Holder = { documentRef, fingerprint: request.fingerprint, payload: request.payload };
    const lastDate = request.date === undefined ? counter?.lastDate : counter?.lastDate && counter.lastDate > request.date ? counter.lastDate : request.date;
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: counterKey,
          UpdateExpression: `SET #type = :type, #last = :next, holder = :holder, done = :false, takenAt = :now${lastDate === undefined ? '' : ', lastDate = :date'}`,
          ConditionExpression: counter ? '#last = :last' : 'attribute_not_exists(PK)',
          ExpressionAttributeNames: { '#type': 'type', '#last': 'last' },
          ExpressionAttributeValues: {
            ':type': 'SEQUENCE_COUNTER',
            ':next': next,
            ':holder': holder,
            ':false': false,
            ':now': now,
            ...(counter ? { ':last': counter.last } : {}),
            ...(lastDate === undefined ? {} : { ':date': lastDate }),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) continue;
      throw error;
    }
    // 3–5.
    const bound: BoundNumber<P> = { caeId, sequence, year, number: next, documentRef, fingerprint: request.fingerprint, payload: request.payload };
    await bindHolder(bound, now);
    await finishBound(bound, finish);
    return { bound, taken: true };
  }
}

/** The number a document got in a sequence, if any (without finishing anything). */
export async function numberOf<P>(caeId: string, sequence: string, documentRef: string): Promise<BoundNumber<P> | undefined> {
  return readBinding<P>(caeId, sequence, documentRef);
}

/** The last number taken in a sequence's year (0 when none). */
export async function lastNumber(caeId: string, sequence: string, year: number): Promise<number> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.sequenceCounter(caeId, sequence, year), ConsistentRead: true }));
  return out.Item ? Number(out.Item.last) : 0;
}
