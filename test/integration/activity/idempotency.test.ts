/**
 * Idempotency-Key as docs/api.md states it, on dynalite: the same key and body return the first response again;
 * the same key with another body is a 409; concurrent duplicates make one entry; keys are per tenant.
 */
import { describe, expect, it, vi } from 'vitest';
import { db } from '../../../functions/shared/dynamo.js';
import { entrepreneurOf } from '../../support/events.js';
import { aRevenue, day, expectProblem, ledgerOf, month, newCae, newEmployee, record, recorded, reverse } from './fixtures.js';

describe('Idempotency-Key', () => {
  it('returns the first response again for the same key and body, and records one entry', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const first = await record(caeId, id, aRevenue(), { key: 'invoice-42' });
    const again = await record(caeId, id, aRevenue(), { key: 'invoice-42' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(await ledgerOf(caeId, id, month(3))).toEqual([first.body]);
  });

  it('treats the same body with its fields in another order as the same request', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const body = aRevenue();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await record(caeId, id, body, { key: 'k-order' });
    const again = await record(caeId, id, reordered, { key: 'k-order' });
    expect(again.body).toEqual(first.body);
    expect(await ledgerOf(caeId, id, month(3))).toHaveLength(1);
  });

  it('answers 409 to the same key with another body, and records nothing more', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const first = await recorded(caeId, id, aRevenue({ amountExclVat: '100.00' }), { key: 'k-1' });
    expectProblem(await record(caeId, id, aRevenue({ amountExclVat: '100.01' }), { key: 'k-1' }), 409, undefined, 'idempotency-key-reused');
    expect(await ledgerOf(caeId, id, month(3))).toEqual([first]);
  });

  it('answers 409 to a key used for a transaction and then for a reversal', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const first = await recorded(caeId, id, aRevenue(), { key: 'k-2' });
    expectProblem(await reverse(caeId, id, first.id, { date: day(3, 20), reason: 'x' }, { key: 'k-2' }), 409, undefined, 'idempotency-key-reused');
    expect(await ledgerOf(caeId, id, month(3))).toEqual([first]);
  });

  it('records exactly one entry for 10 concurrent identical requests, and answers each with it', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const replies = await Promise.all(Array.from({ length: 10 }, () => record(caeId, id, aRevenue(), { key: 'burst' })));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(replies.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const ledger = await ledgerOf(caeId, id, month(3));
    expect(ledger.map((t) => t.id)).toEqual([...ids]);
  });

  it('replays a reversal, which stays one reversal', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const original = await recorded(caeId, id, aRevenue());
    const first = await reverse(caeId, id, original.id, { date: day(3, 20), reason: 'x' }, { key: 'rev-1' });
    const again = await reverse(caeId, id, original.id, { date: day(3, 20), reason: 'x' }, { key: 'rev-1' });
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(await ledgerOf(caeId, id, month(3))).toHaveLength(2);
  });

  it('keeps keys apart between tenants: the same key in two CAEs records in both', async () => {
    const [caeA, caeB] = await Promise.all([newCae(), newCae()]);
    const [a, b] = await Promise.all([newEmployee(caeA), newEmployee(caeB)]);
    const inA = await recorded(caeA, a, aRevenue(), { key: 'shared-key' });
    const inB = await recorded(caeB, b, aRevenue(), { key: 'shared-key' });
    expect(inB.id).not.toBe(inA.id);
    expect(await ledgerOf(caeB, b, month(3))).toEqual([inB]);
  });

  it('keeps keys apart between entrepreneurs of one CAE', async () => {
    const caeId = await newCae();
    const [a, b] = await Promise.all([newEmployee(caeId), newEmployee(caeId)]);
    const byA = await recorded(caeId, a, aRevenue(), { key: 'my-key', caller: entrepreneurOf(caeId, a) });
    const byB = await recorded(caeId, b, aRevenue({ amountExclVat: '999.00' }), { key: 'my-key', caller: entrepreneurOf(caeId, b) });
    expect(byB.amountExclVat).toBe('999.00');
    expect(byB.id).not.toBe(byA.id);
  });

  it('leaves the key of a refused request free, so the corrected request may use it', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const tooEarly = aRevenue({ date: `${Number(month(1).slice(0, 4)) - 1}-12-31` });
    expectProblem(await record(caeId, id, tooEarly, { key: 'retry-me' }), 422);
    const fixed = await record(caeId, id, aRevenue(), { key: 'retry-me' });
    expect(fixed.status).toBe(201);
    expect(await ledgerOf(caeId, id, month(3))).toEqual([fixed.body]);
  });
});

describe('Idempotency-Key after a failure mid-way', () => {
  /** Makes the next write of a ledger entry fail as a lost connection would, after the writes before it. */
  function failNextEntryWrite() {
    const send = db.send.bind(db);
    const spy = vi.spyOn(db, 'send').mockImplementation((async (command: { input?: { Item?: Record<string, unknown> } }) => {
      if (command.input?.Item?.entity === 'TX') {
        spy.mockRestore();
        throw new Error('socket hang up');
      }
      return send(command as never);
    }) as never);
  }

  it('lets the retry of a failed transaction finish it: one entry', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    failNextEntryWrite();
    expect((await record(caeId, id, aRevenue(), { key: 'flaky' })).status).toBe(500);
    const retry = await record(caeId, id, aRevenue(), { key: 'flaky' });
    expect(retry.status).toBe(201);
    expect(await ledgerOf(caeId, id, month(3))).toEqual([retry.body]);
  });

  it('lets the retry of a failed reversal finish it, although the reversal was already reserved', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const original = await recorded(caeId, id, aRevenue());
    failNextEntryWrite();
    expect((await reverse(caeId, id, original.id, { date: day(3, 20), reason: 'x' }, { key: 'flaky-rev' })).status).toBe(500);
    const retry = await reverse(caeId, id, original.id, { date: day(3, 20), reason: 'x' }, { key: 'flaky-rev' });
    expect(retry.status).toBe(201);
    expect(await ledgerOf(caeId, id, month(3))).toEqual([original, retry.body]);
  });
});
