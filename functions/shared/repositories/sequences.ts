/**
 * Gapless numbering: one continuous sequence per CAE, per named sequence and per year (invoices and credit
 * notes share one, quotes have theirs, each journal of the books its own), with no gap, no duplicate and no
 * number ever reused, under concurrent requests and across crashes (docs/architecture.md "Gapless numbering").
 *
 * Items, under `CAE#<caeId>#SEQ#<sequence>`:
 * - `YEAR#<yyyy>`, the counter: `last` (the last number taken), `holder` (the document it went to, the request's
 *   fingerprint and the payload that finishing that document needs), `done` (the holder's document is finished)
 *   and `lastDate` (the latest date numbered, for a chronological sequence);
 * - `DOC#<documentRef>`, the binding: the number a document got, written once under the document's own key.
 *
 * Taking a number for a document, in this order:
 * 1. read the counters (this year's and last year's), then the document's binding (read after the counter, so
 *    that a binding written by whoever advanced the counter past this document is seen): bound already → that
 *    number (a retry finishes with it);
 * 2. if this document holds the counter (a crash after step 3) → that number. If the holder's document is not
 *    finished: wait while its request may still be alive (a short lease), then finish it ourselves (roll
 *    forward): bind it, run the sequence's `finish`, mark it done. Anybody taking a number finishes the one
 *    before, so a crashed request that is never retried leaves no gap: the next number's taker finishes it;
 * 3. advance the counter on the condition "last is still what was read and its holder is done": this is where
 *    concurrent takers race, one wins, the others go back to 1;
 * 4. bind the number to the document (`attribute_not_exists`, or the same number: a repeat);
 * 5. `finish` the document (its writes are the caller's, all conditional under deterministic keys, so that doing
 *    them twice, by the request and by a roll-forward at the same time, writes each once);
 * 6. mark the counter done (on condition that it still holds this number).
 * A crash between any two of these leaves a state that the retry, or the next taker, completes: after 3 the
 * counter names the document and carries its payload; after 4 the binding does; 5 and 6 are repeatable. The
 * price: a sequence is taken one number at a time, each waiting for the one before to finish (about ten
 * single-item writes for an invoice), which is what a chronological sequence means anyway.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
  return {
    caeId,
    sequence,
    year: Number(item.year),
    number: Number(item.number),
    documentRef,
    fingerprint: item.fingerprint as string,
    payload: item.payload as P,
  };
}

/** Step 4: binds a number to its document, once (a repeat with the same number is fine). */
async function bind<P>(bound: BoundNumber<P>): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.sequenceBinding(bound.caeId, bound.sequence, bound.documentRef),
          type: 'SEQUENCE_BINDING',
          sequence: bound.sequence,
          year: bound.year,
          number: bound.number,
          documentRef: bound.documentRef,
          fingerprint: bound.fingerprint,
          payload: bound.payload,
        },
        ConditionExpression: 'attribute_not_exists(PK) OR (#year = :year AND #number = :number)',
        ExpressionAttributeNames: { '#year': 'year', '#number': 'number' },
        ExpressionAttributeValues: { ':year': bound.year, ':number': bound.number },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // The document has another number: the counter's condition (its holder done before it advances) makes this
    // impossible; say so rather than number one document twice.
    throw new Error(`sequence ${bound.sequence}: ${bound.documentRef} is already bound to another number than ${bound.year}/${bound.number}`);
  }
}

/** Step 6: the holder's document is finished, so the counter may advance. */
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

/** Steps 4 to 6 for a bound number: what the request that took it does, and what a roll-forward does for it. */
async function complete<P>(bound: BoundNumber<P>, finish: (bound: BoundNumber<P>) => Promise<void>): Promise<void> {
  await bind(bound);
  await finish(bound);
  await markDone(bound);
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
      await sleep(5 + Math.floor(Math.random() * 20));
    }
    const found = await getMany([counterKey, previousKey], { consistent: true });
    const counter = counterOf(found.get(keyOf(counterKey)));
    const previous = counterOf(found.get(keyOf(previousKey)));

    // 1. Already numbered (read after the counter: see the module comment).
    const existing = await readBinding<P>(caeId, sequence, documentRef);
    if (existing) {
      await complete(existing, finish);
      return { bound: existing, taken: false };
    }
    const now = systemNow().getTime();
    // Last year's last number, left unfinished by a request that died at the turn of the year.
    if (previous?.holder && !previous.done && previous.takenAt + lease < now) {
      await complete(boundOfCounter<P>(caeId, sequence, year - 1, previous as Counter & { holder: Holder }), finish);
    }
    // 2. This document holds the counter (its request died after advancing it), or someone else does.
    if (counter?.holder) {
      const holding = boundOfCounter<P>(caeId, sequence, year, counter as Counter & { holder: Holder });
      if (holding.documentRef === documentRef) {
        await complete(holding, finish);
        return { bound: holding, taken: false };
      }
      if (!counter.done) {
        if (counter.takenAt + lease >= now) continue; // its own request is probably finishing it
        await complete(holding, finish);
      }
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
    // 4–6.
    const bound: BoundNumber<P> = { caeId, sequence, year, number: next, documentRef, fingerprint: request.fingerprint, payload: request.payload };
    await complete(bound, finish);
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
