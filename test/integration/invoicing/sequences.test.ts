/**
 * Gapless numbering (functions/shared/repositories/sequences.ts) on dynalite: concurrent takers get consecutive
 * numbers, and a crash between any two writes of a taker (injected with an SDK middleware) leaves no gap, whether
 * its request is retried (same number) or never (the next taker finishes it).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../../functions/shared/dynamo.js';
import { type BoundNumber, lastNumber, numberOf, OutOfOrder, takeNumber } from '../../../functions/shared/repositories/sequences.js';

const FAULT = 'sequenceFault';

afterEach(() => {
  db.middlewareStack.remove(FAULT);
});

/** A sequence whose documents are finished into a map (what the invoice's own writes would be). */
function aSequence() {
  const caeId = `SEQ${randomUUID().slice(0, 8)}`;
  const finished = new Map<string, number>();
  const finish = async (bound: BoundNumber<{ doc: string }>) => {
    const before = finished.get(bound.documentRef);
    if (before !== undefined && before !== bound.number) throw new Error(`${bound.documentRef} finished twice with different numbers`);
    finished.set(bound.documentRef, bound.number);
  };
  const take = (doc: string, options: { fingerprint?: string; year?: number; date?: string; leaseMs?: number; finish?: typeof finish } = {}) =>
    takeNumber({
      caeId,
      sequence: 'test',
      year: options.year ?? 2026,
      documentRef: doc,
      fingerprint: options.fingerprint ?? `fp-${doc}`,
      payload: { doc },
      finish: options.finish ?? finish,
      ...(options.date ? { date: options.date } : {}),
      leaseMs: options.leaseMs ?? 2_000,
    });
  return { caeId, finished, take };
}

/** Makes the first write of a kind fail once: the counter's advance, the binding, or the done mark. */
function failWrite(kind: 'advance' | 'bind' | 'done') {
  let failed = false;
  db.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { UpdateExpression?: string; Item?: { type?: string | { S?: string } } };
      const type = typeof input.Item?.type === 'string' ? input.Item.type : input.Item?.type?.S;
      const isKind =
        (kind === 'advance' && input.UpdateExpression?.includes('holder = :holder')) ||
        (kind === 'bind' && type === 'SEQUENCE_BINDING') ||
        (kind === 'done' && input.UpdateExpression === 'SET done = :true');
      if (isKind && !failed) {
        failed = true;
        // The write happens for 'advance' and 'bind' (a crash after it, before the answer), not for 'done'.
        if (kind !== 'done') await next(args);
        throw Object.assign(new Error('injected crash'), { name: 'InjectedFault' });
      }
      return next(args);
    },
    { step: 'initialize', name: FAULT },
  );
}

describe('gapless numbering', () => {
  it('gives 20 concurrent takers the numbers 1 to 20, each once', async () => {
    const { caeId, finished, take } = aSequence();
    const docs = Array.from({ length: 20 }, (_, i) => `doc${i}`);
    const results = await Promise.all(docs.map((doc) => take(doc)));
    const numbers = results.map((r) => r.bound.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.bound.documentRef)).size).toBe(20);
    expect([...finished.values()].sort((a, b) => a - b)).toEqual(numbers);
    expect(await lastNumber(caeId, 'test', 2026)).toBe(20);
  });

  it('answers a repeat for the same document with its number, taking none', async () => {
    const { caeId, take } = aSequence();
    await take('a');
    const again = await take('a');
    expect(again).toMatchObject({ taken: false, bound: { number: 1, fingerprint: 'fp-a' } });
    expect(await lastNumber(caeId, 'test', 2026)).toBe(1);
    expect((await numberOf(caeId, 'test', 'a'))?.number).toBe(1);
  });

  it('starts again at 1 each year', async () => {
    const { take } = aSequence();
    await take('a', { year: 2026 });
    await take('b', { year: 2026 });
    expect((await take('c', { year: 2027 })).bound.number).toBe(1);
  });

  it('refuses a date before the latest one numbered', async () => {
    const { caeId, take } = aSequence();
    await take('a', { date: '2026-03-10' });
    await expect(take('b', { date: '2026-03-09' })).rejects.toBeInstanceOf(OutOfOrder);
    expect((await take('c', { date: '2026-03-10' })).bound.number).toBe(2);
    expect(await lastNumber(caeId, 'test', 2026)).toBe(2);
  });

  for (const kind of ['advance', 'bind', 'done'] as const) {
    it(`finishes a taker cut after its ${kind} write with the same number when retried`, async () => {
      const { finished, take } = aSequence();
      await take('a');
      failWrite(kind);
      await expect(take('b')).rejects.toThrow('injected crash');
      db.middlewareStack.remove(FAULT);
      expect((await take('b')).bound.number).toBe(2);
      expect((await take('c')).bound.number).toBe(3);
      expect(Object.fromEntries(finished)).toEqual({ a: 1, b: 2, c: 3 });
    });

    it(`lets the next taker finish a taker cut after its ${kind} write that is never retried`, async () => {
      const { finished, take } = aSequence();
      failWrite(kind);
      await expect(take('a', { leaseMs: 50 })).rejects.toThrow('injected crash');
      db.middlewareStack.remove(FAULT);
      await new Promise((r) => setTimeout(r, 60));
      expect((await take('b', { leaseMs: 50 })).bound.number).toBe(2);
      expect(Object.fromEntries(finished)).toEqual({ a: 1, b: 2 });
    });
  }

  it('lets the next taker finish a document whose own finishing crashed', async () => {
    const { finished, take } = aSequence();
    const crashing = async () => {
      throw Object.assign(new Error('injected crash'), { name: 'InjectedFault' });
    };
    await expect(take('a', { finish: crashing, leaseMs: 50 })).rejects.toThrow('injected crash');
    await new Promise((r) => setTimeout(r, 60));
    expect((await take('b', { leaseMs: 50 })).bound.number).toBe(2);
    expect(Object.fromEntries(finished)).toEqual({ a: 1, b: 2 });
  });
});
