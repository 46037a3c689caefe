/**
 * Transactions and reversals through the handlers on dynalite: immutable entries with VAT, the ledger rules,
 * who may post where, and the bad input of issue 3, each refused with a 4xx naming the problem and the ledger
 * left unchanged.
 */
import { describe, expect, it } from 'vitest';
import { entrepreneurOf, staffOf } from '../../support/events.js';
import {
  anExpense,
  aRevenue,
  day,
  expectProblem,
  ledgerOf,
  list,
  month,
  newCae,
  newCandidate,
  newEmployee,
  newExited,
  record,
  recorded,
  reverse,
  Y,
} from './fixtures.js';

describe('recording a transaction', () => {
  it('answers 201 with the entry, its VAT rounded half-up to the cent and its month', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const entry = await recorded(caeId, id, aRevenue({ date: day(3, 31), amountExclVat: '1234.56', vatRate: '0.055', reference: 'F-001' }));
    expect(entry).toMatchObject({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      entrepreneurId: id,
      type: 'revenue',
      date: day(3, 31),
      month: month(3),
      amountExclVat: '1234.56',
      vatRate: '0.055',
      vatAmount: '67.90', // 1234.56 × 0.055 = 67.9008
      label: 'Invoice',
      reference: 'F-001',
    });
  });

  it("files an expense as 'other' unless it is a purchase for resale", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    expect((await recorded(caeId, id, anExpense())).category).toBe('other');
    expect((await recorded(caeId, id, anExpense({ category: 'purchase_for_resale' }))).category).toBe('purchase_for_resale');
  });

  it('accepts a VAT rate in another decimal spelling and stores the canonical one', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const entry = await recorded(caeId, id, aRevenue({ amountExclVat: '100.00', vatRate: '0.2' }));
    expect(entry).toMatchObject({ vatRate: '0.20', vatAmount: '20.00' });
  });

  it("lists a month's entries only, in the order they were recorded, page by page", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const ids: string[] = [];
    for (const amount of ['10.00', '20.00', '30.00']) ids.push((await recorded(caeId, id, aRevenue({ amountExclVat: amount }))).id);
    await recorded(caeId, id, aRevenue({ date: day(4, 1) }));
    const first = await list(caeId, id, { month: month(3), limit: '2' });
    expect(first.body.items.map((t: { id: string }) => t.id)).toEqual(ids.slice(0, 2));
    const second = await list(caeId, id, { month: month(3), limit: '2', cursor: first.body.nextCursor });
    expect(second.body.items.map((t: { id: string }) => t.id)).toEqual(ids.slice(2));
  });

  it('refuses a listing cursor of another month (400 naming query.cursor)', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue());
    await recorded(caeId, id, aRevenue());
    const first = await list(caeId, id, { month: month(3), limit: '1' });
    expectProblem(await list(caeId, id, { month: month(4), cursor: first.body.nextCursor }), 400, 'query.cursor');
  });

  it('lets an entrepreneur record and list their own transactions', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const self = entrepreneurOf(caeId, id);
    const entry = await recorded(caeId, id, aRevenue(), { caller: self });
    const reply = await list(caeId, id, { month: month(3) }, self);
    expect(reply.body.items.map((t: { id: string }) => t.id)).toEqual([entry.id]);
  });
});

describe('bad input on POST …/transactions changes nothing', () => {
  const cases: [string, Record<string, unknown>, number, string, string?][] = [
    ['an amount with 3 decimals', aRevenue({ amountExclVat: '100.005' }), 400, 'body.amountExclVat'],
    ['a zero amount', aRevenue({ amountExclVat: '0.00' }), 400, 'body.amountExclVat'],
    ['a negative amount', aRevenue({ amountExclVat: '-100.00' }), 400, 'body.amountExclVat'],
    ['an amount as a JSON number', aRevenue({ amountExclVat: 100 }), 400, 'body.amountExclVat'],
    ['an unknown VAT rate', aRevenue({ vatRate: '0.19' }), 400, 'body.vatRate'],
    ['a VAT rate as a percentage', aRevenue({ vatRate: '20' }), 400, 'body.vatRate'],
    ['a VAT rate as a JSON number', aRevenue({ vatRate: 0.2 }), 400, 'body.vatRate'],
    ['a date that does not exist', aRevenue({ date: `${Y}-02-30` }), 400, 'body.date'],
    ['an unknown type', aRevenue({ type: 'gift' }), 400, 'body.type'],
    ['a category on a revenue', aRevenue({ category: 'purchase_for_resale' }), 400, 'body.category'],
    ['an unknown field', aRevenue({ vatAmount: '20.00' }), 400, 'body.vatAmount'],
    ['an empty label', aRevenue({ label: ' ' }), 400, 'body.label'],
    ['a date before the entrepreneur’s contract', aRevenue({ date: `${Y - 1}-12-31` }), 422, 'body.date', 'before-activity-start'],
  ];
  for (const [what, body, status, field, type] of cases) {
    it(`refuses ${what} with ${status}`, async () => {
      const caeId = await newCae();
      const id = await newEmployee(caeId);
      await recorded(caeId, id, aRevenue({ date: day(3, 1) }));
      const m = typeof body.date === 'string' && /^\d{4}-\d{2}/.test(body.date) ? body.date.slice(0, 7) : month(3);
      const before = await ledgerOf(caeId, id, m);
      expectProblem(await record(caeId, id, body), status, field, type);
      expect(await ledgerOf(caeId, id, m)).toEqual(before);
    });
  }

  it('refuses a request without an Idempotency-Key (400 naming the header)', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    expectProblem(await record(caeId, id, aRevenue(), { key: null }), 400, 'headers.idempotency-key');
    expect(await ledgerOf(caeId, id, month(3))).toEqual([]);
  });

  it('refuses a candidate (422 entrepreneur-not-active)', async () => {
    const caeId = await newCae();
    const id = await newCandidate(caeId);
    expectProblem(await record(caeId, id, aRevenue()), 422, 'path.id', 'entrepreneur-not-active');
    expect(await ledgerOf(caeId, id, month(3))).toEqual([]);
  });

  it('refuses an entry dated after the entrepreneur left (422 entrepreneur-not-active)', async () => {
    const caeId = await newCae();
    const id = await newExited(caeId);
    expectProblem(await record(caeId, id, aRevenue({ date: day(7, 10) })), 422, 'path.id', 'entrepreneur-not-active');
    expect(await ledgerOf(caeId, id, month(7))).toEqual([]);
  });

  it("answers 404 to an entrepreneur who posts on another entrepreneur's account", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const other = await newEmployee(caeId);
    expectProblem(await record(caeId, other, aRevenue(), { caller: entrepreneurOf(caeId, id) }), 404);
    expect(await ledgerOf(caeId, other, month(3))).toEqual([]);
    expect(await ledgerOf(caeId, id, month(3))).toEqual([]);
  });

  it("answers 404 to staff who post on another CAE's entrepreneur", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const otherCae = await newCae();
    expectProblem(await record(caeId, id, aRevenue(), { caller: staffOf(otherCae) }), 404);
    expectProblem(await record(otherCae, id, aRevenue(), { caller: staffOf(otherCae) }), 404);
    expect(await ledgerOf(caeId, id, month(3))).toEqual([]);
  });
});

describe('an entry is judged on its own date, not on today', () => {
  it("accepts an exited person's revenue dated while they were employed, in a month still open", async () => {
    const caeId = await newCae();
    const id = await newExited(caeId);
    const entry = await recorded(caeId, id, aRevenue({ date: day(6, 30), amountExclVat: '300.00' }));
    expect((await ledgerOf(caeId, id, month(6))).map((t) => t.id)).toEqual([entry.id]);
  });
});

describe('reversals', () => {
  it('answers 201 with a new entry that negates the original, which stays as it was', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const original = await recorded(caeId, id, aRevenue({ date: day(3, 10), amountExclVat: '250.00', reference: 'F-7' }));
    const reply = await reverse(caeId, id, original.id, { date: day(4, 2), reason: 'invoice cancelled' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      type: 'revenue',
      date: day(4, 2),
      month: month(4),
      amountExclVat: '-250.00',
      vatRate: '0.20',
      vatAmount: '-50.00',
      reference: 'F-7',
      reverses: original.id,
      reason: 'invoice cancelled',
    });
    expect(reply.body.id).not.toBe(original.id);
    expect(await ledgerOf(caeId, id, month(3))).toEqual([original]);
    expect((await ledgerOf(caeId, id, month(4))).map((t) => t.id)).toEqual([reply.body.id]);
  });

  it('refuses a second reversal of the same entry (422 already-reversed)', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const original = await recorded(caeId, id, aRevenue());
    expect((await reverse(caeId, id, original.id, { date: day(3, 20), reason: 'mistake' })).status).toBe(201);
    const before = await ledgerOf(caeId, id, month(3));
    expectProblem(await reverse(caeId, id, original.id, { date: day(3, 21), reason: 'again' }), 422, 'path.txId', 'already-reversed');
    expect(await ledgerOf(caeId, id, month(3))).toEqual(before);
  });

  it('makes exactly one reversal out of concurrent reversals with different keys', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const original = await recorded(caeId, id, aRevenue());
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => reverse(caeId, id, original.id, { date: day(3, 20), reason: `attempt ${i}` })),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 422)).toHaveLength(5);
    expect(await ledgerOf(caeId, id, month(3))).toHaveLength(2);
  });

  it('refuses to reverse a reversal (422 reversal-of-reversal)', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const original = await recorded(caeId, id, aRevenue());
    const reversal = (await reverse(caeId, id, original.id, { date: day(3, 20), reason: 'mistake' })).body;
    const before = await ledgerOf(caeId, id, month(3));
    expectProblem(await reverse(caeId, id, reversal.id, { date: day(3, 21), reason: 'undo' }), 422, 'path.txId', 'reversal-of-reversal');
    expect(await ledgerOf(caeId, id, month(3))).toEqual(before);
  });

  it('refuses a reversal dated before the original (422 reversal-before-original)', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const original = await recorded(caeId, id, aRevenue({ date: day(3, 10) }));
    expectProblem(await reverse(caeId, id, original.id, { date: day(3, 9), reason: 'mistake' }), 422, 'body.date', 'reversal-before-original');
    expect(await ledgerOf(caeId, id, month(3))).toEqual([original]);
  });

  it("answers 404 to a reversal of another entrepreneur's transaction, by staff or by an entrepreneur", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const other = await newEmployee(caeId);
    const theirs = await recorded(caeId, other, aRevenue());
    expectProblem(await reverse(caeId, id, theirs.id, { date: day(3, 20), reason: 'not mine' }), 404);
    expectProblem(await reverse(caeId, other, theirs.id, { date: day(3, 20), reason: 'not mine' }, { caller: entrepreneurOf(caeId, id) }), 404);
    expect(await ledgerOf(caeId, other, month(3))).toEqual([theirs]);
    expect(await ledgerOf(caeId, id, month(3))).toEqual([]);
  });

  it('answers 404 to a transaction id that does not exist, and 400 to one that cannot be an id', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    expectProblem(await reverse(caeId, id, '01ARZ3NDEKTSV4RRFFQ69G5FAV', { date: day(3, 20), reason: 'x' }), 404);
    expectProblem(await reverse(caeId, id, 'nope', { date: day(3, 20), reason: 'x' }), 400, 'path.txId');
  });

  it('requires an Idempotency-Key (400 naming the header)', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const original = await recorded(caeId, id, aRevenue());
    expectProblem(await reverse(caeId, id, original.id, { date: day(3, 20), reason: 'x' }, { key: null }), 400, 'headers.idempotency-key');
    expect(await ledgerOf(caeId, id, month(3))).toEqual([original]);
  });
});
