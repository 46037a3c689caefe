/**
 * Expense claims on dynalite, through their handlers: a draft priced on the km already approved, the
 * lifecycle, approval posting one entry per line through the ledger (once, whatever the retries), a closed
 * month refusing the whole approval, the lists, and receipts that must be the entrepreneur's own.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../functions/shared/dynamo.js';
import { findClaim, saveClaim } from '../../../functions/shared/repositories/expenseClaims.js';
import { createReceipt } from '../../../functions/shared/repositories/receipts.js';
import { entrepreneurOf } from '../../support/events.js';
import { accountOf, day, expectProblem, ledgerOf, month, newCae, newCandidate, newEmployee, payMonth } from '../activity/fixtures.js';
import { aMileageLine, anExpenseLine, approve, approvedClaim, file, filed, get, list, reject, submit, waiting } from './claimFixtures.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('filing a claim', () => {
  it('stores a draft with each mileage line priced on the scale and the totals VAT included', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const claim = await filed(caeId, id, [anExpenseLine(), aMileageLine()]);
    expect(claim).toMatchObject({ status: 'draft', totalExclVat: '140.60', vat: '8.00', total: '148.60' });
    expect(claim.lines[0]).toMatchObject({ kind: 'expense', amountExclVat: '80.00', vatRate: '0.10', vatAmount: '8.00' });
    expect(claim.lines[1]).toMatchObject({ kind: 'mileage', km: 100, amount: '60.60', kmAlreadyThisYear: 0 });
    expect(claim.lines[1].scale).toMatchObject({ id: 'FR-2026-provisional', powerClass: '4 CV' });
    expect(claim.history).toEqual([expect.objectContaining({ status: 'draft' })]);
    expect((await get(caeId, id, claim.id)).body).toEqual(claim);
  });

  it('prices trips of one vehicle in date order within the claim', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const claim = await filed(caeId, id, [aMileageLine({ date: day(3, 20), km: 100 }), aMileageLine({ date: day(3, 2), km: 900 })]);
    expect(claim.lines.map((l: { amount: string; kmAlreadyThisYear: number }) => [l.kmAlreadyThisYear, l.amount])).toEqual([
      [900, '60.60'],
      [0, '545.40'],
    ]);
  });

  it('keeps vehicles apart: another registration, or another power, starts from 0 km', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const claim = await filed(caeId, id, [
      aMileageLine({ km: 600, vehicle: { type: 'car', fiscalPower: 4, electric: false, registration: 'AB-123-CD' } }),
      aMileageLine({ km: 600, date: day(3, 15), vehicle: { type: 'car', fiscalPower: 4, electric: false, registration: 'ab 123 cd' } }),
      aMileageLine({ km: 600, vehicle: { type: 'car', fiscalPower: 4, electric: false, registration: 'EF-456-GH' } }),
      aMileageLine({ km: 600, vehicle: { type: 'car', fiscalPower: 5, electric: false } }),
    ]);
    expect(claim.lines.map((l: { kmAlreadyThisYear: number }) => l.kmAlreadyThisYear)).toEqual([0, 600, 0, 0]);
  });

  it('refuses over 1,000 km with one vehicle on one day (422 naming the line), and a date no scale covers', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    expectProblem(await file(caeId, id, [aMileageLine({ km: 1001 })]), 422, 'body.lines.0.km', 'mileage-over-daily-limit');
    expectProblem(await file(caeId, id, [aMileageLine({ km: 600 }), aMileageLine({ km: 600 })]), 422, 'body.lines.1.km', 'mileage-over-daily-limit');
    expect((await file(caeId, id, [aMileageLine({ km: 600 }), aMileageLine({ km: 600, date: day(3, 15) })])).status).toBe(201);
    expectProblem(await file(caeId, id, [aMileageLine({ date: '2028-01-04' })]), 422, 'body.lines.0.date', 'no-mileage-scale-for-date');
  });

  it('refuses lines dated when the person had no activity (422) or in a month closed by payroll (409)', async () => {
    const caeId = await newCae();
    const candidate = await newCandidate(caeId);
    expectProblem(await file(caeId, candidate, [anExpenseLine()]), 422, 'body.lines.0', 'entrepreneur-not-active');
    const id = await newEmployee(caeId);
    await payMonth(caeId, month(2));
    expectProblem(await file(caeId, id, [anExpenseLine(), anExpenseLine({ date: day(2, 10) })]), 409, 'body.lines.1.date', 'month-closed');
    expect((await list(caeId, id)).body.items).toEqual([]);
  });

  it("accepts the entrepreneur's own receipt and refuses another entrepreneur's with 422 naming the field", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const other = await newEmployee(caeId);
    const receipt = (owner: string, receiptId: string) => ({
      id: receiptId,
      caeId,
      entrepreneurId: owner,
      fileName: 'ticket.pdf',
      contentType: 'application/pdf' as const,
      size: 1000,
      objectKey: `cae/${caeId}/entrepreneurs/${owner}/receipts/${receiptId}`,
      createdAt: '2026-03-12T10:00:00.000Z',
      createdBy: 'test',
    });
    await createReceipt(receipt(id, '01JRECE1PT0000000000000001'));
    await createReceipt(receipt(other, '01JRECE1PT0000000000000002'));
    expect((await file(caeId, id, [anExpenseLine({ receiptId: '01JRECE1PT0000000000000001' })])).status).toBe(201);
    const refused = await file(caeId, id, [anExpenseLine(), anExpenseLine({ receiptId: '01JRECE1PT0000000000000002' })]);
    expectProblem(refused, 422, 'body.lines.1.receiptId', 'unknown-receipt');
  });
});

describe('the lifecycle', () => {
  it('goes draft → submitted → rejected, keeping the claim with its reason, and refuses a second decision', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const claim = await filed(caeId, id, [anExpenseLine()]);
    expectProblem(await approve(caeId, id, claim.id), 409, undefined, 'claim-not-submitted');
    expect((await submit(caeId, id, claim.id)).body.status).toBe('submitted');
    expectProblem(await submit(caeId, id, claim.id), 409, undefined, 'claim-not-draft');
    const rejected = await reject(caeId, id, claim.id, 'No receipt for the train ticket');
    expect(rejected.status).toBe(201);
    const stored = (await get(caeId, id, claim.id)).body;
    expect(stored).toMatchObject({ status: 'rejected', rejectionReason: 'No receipt for the train ticket' });
    expect(stored.history.map((h: { status: string }) => h.status)).toEqual(['draft', 'submitted', 'rejected']);
    expect(stored.history[2].reason).toBe('No receipt for the train ticket');
    expectProblem(await approve(caeId, id, claim.id), 409, undefined, 'claim-not-submitted');
    expectProblem(await reject(caeId, id, claim.id, 'again'), 409, undefined, 'claim-not-submitted');
    expect(await ledgerOf(caeId, id, month(3))).toEqual([]);
  });
  it('may overtake, after five minutes, an approval that started and can never finish', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const claim = await filed(caeId, id, [anExpenseLine()]);
    await submit(caeId, id, claim.id);
    const stored = await findClaim(caeId, id, claim.id);
    if (!stored) throw new Error('no claim');
    await saveClaim({ ...stored, approvingSince: new Date(Date.now() - 6 * 60_000).toISOString() }, stored.version);
    expect((await reject(caeId, id, claim.id, 'its month closed during the approval')).status).toBe(201);
  });
});

describe('approval', () => {
  it('posts one expense per line, dated by its line, mileage at VAT 0; only then does the account show them', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const claim = await filed(caeId, id, [anExpenseLine(), aMileageLine({ date: day(4, 3) })]);
    expect((await submit(caeId, id, claim.id)).status).toBe(201);
    expect((await accountOf(caeId, id, month(3))).expenses).toBe('0.00');
    const approved = await approve(caeId, id, claim.id);
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body).toMatchObject({ status: 'approved', total: '148.60' });
    const march = await ledgerOf(caeId, id, month(3));
    const april = await ledgerOf(caeId, id, month(4));
    expect(march).toEqual([expect.objectContaining({ type: 'expense', date: day(3, 12), amountExclVat: '80.00', vatRate: '0.10', vatAmount: '8.00', label: 'Train Lyon–Paris', reference: claim.id })]);
    expect(april).toEqual([expect.objectContaining({ date: day(4, 3), amountExclVat: '60.60', vatRate: '0', vatAmount: '0.00', reference: claim.id })]);
    expect(await accountOf(caeId, id, month(3))).toMatchObject({ expenses: '80.00', vatDeductible: '8.00' });
    expect((await accountOf(caeId, id, month(4))).expenses).toBe('60.60');
  });

  it('answers a second approval (another key, another staff member) with the same claim, and posts nothing twice', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const claim = await filed(caeId, id, [anExpenseLine(), aMileageLine()]);
    await submit(caeId, id, claim.id);
    const first = await approve(caeId, id, claim.id, { key: 'approve-1' });
    const replay = await approve(caeId, id, claim.id, { key: 'approve-1' });
    const second = await approve(caeId, id, claim.id, { key: 'approve-2', caller: { role: 'federation_admin' } });
    expect(first.status).toBe(201);
    expect(replay).toMatchObject({ status: 201, body: first.body });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(second).toMatchObject({ status: 201, body: first.body });
    expect(await ledgerOf(caeId, id, month(3))).toHaveLength(2);
    expect((await accountOf(caeId, id, month(3))).expenses).toBe('140.60');
  });

  it('posts once when the same claim is approved twice at the same time', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const claim = await filed(caeId, id, [anExpenseLine(), aMileageLine(), anExpenseLine({ date: day(4, 1) })]);
    await submit(caeId, id, claim.id);
    const replies = await Promise.all([approve(caeId, id, claim.id), approve(caeId, id, claim.id), approve(caeId, id, claim.id)]);
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(await ledgerOf(caeId, id, month(3))).toHaveLength(2);
    expect(await ledgerOf(caeId, id, month(4))).toHaveLength(1);
  });

  it("refuses an Idempotency-Key already used for another claim's approval (409), approving nothing", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const first = await filed(caeId, id, [anExpenseLine()]);
    const second = await filed(caeId, id, [anExpenseLine({ date: day(3, 20) })]);
    await submit(caeId, id, first.id);
    await submit(caeId, id, second.id);
    expect((await approve(caeId, id, first.id, { key: 'one-key' })).status).toBe(201);
    expectProblem(await approve(caeId, id, second.id, { key: 'one-key' }), 409, undefined, 'idempotency-key-reused');
    expect((await get(caeId, id, second.id)).body.status).toBe('submitted');
  });

  it('refuses the whole approval with 409 when one line is in a closed month, and posts nothing', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const claim = await filed(caeId, id, [anExpenseLine({ date: day(4, 2) }), anExpenseLine({ date: day(3, 30) })]);
    await submit(caeId, id, claim.id);
    await payMonth(caeId, month(3));
    expectProblem(await approve(caeId, id, claim.id), 409, 'body.lines.1.date', 'month-closed');
    expect(await ledgerOf(caeId, id, month(4))).toEqual([]);
    expect((await get(caeId, id, claim.id)).body.status).toBe('submitted');
  });

  it('after a crash halfway, a retry posts each remaining entry once and approves the claim', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const lines = [anExpenseLine({ date: day(3, 1) }), anExpenseLine({ date: day(3, 2) }), aMileageLine({ date: day(4, 3) })];
    const claim = await filed(caeId, id, lines);
    await submit(caeId, id, claim.id);
    // March's two entries are counted, then the Lambda dies before April's.
    const original = db.send.bind(db);
    let totalsUpdates = 0;
    const spy = vi.spyOn(db, 'send').mockImplementation((async (command: never) => {
      const isTotals = (command as unknown) instanceof UpdateCommand && String((command as UpdateCommand).input.Key?.SK).startsWith('MONTH#');
      const out = await original(command);
      if (isTotals && ++totalsUpdates === 2) {
        spy.mockRestore();
        throw new Error('Lambda timed out');
      }
      return out;
    }) as never);
    expect((await approve(caeId, id, claim.id, { key: 'crash' })).status).toBe(500);
    expect(await ledgerOf(caeId, id, month(3))).toHaveLength(2);
    expect(await ledgerOf(caeId, id, month(4))).toEqual([]);
    expectProblem(await reject(caeId, id, claim.id, 'too late'), 409, undefined, 'claim-approval-in-progress');

    const retry = await approve(caeId, id, claim.id, { key: 'crash' });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect((await ledgerOf(caeId, id, month(3))).map((e) => e.amountExclVat)).toEqual(['80.00', '80.00']);
    expect((await ledgerOf(caeId, id, month(4))).map((e) => e.amountExclVat)).toEqual(['60.60']);
    expect((await accountOf(caeId, id, month(3))).expenses).toBe('160.00');
    expect((await accountOf(caeId, id, month(4))).expenses).toBe('60.60');
  });
});

describe('km already driven that year', () => {
  it('come from approved claims: a draft shows the km approved when it was filed, approval prices on the km approved then', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const first = await filed(caeId, id, [2, 3, 4, 5, 6].map((d) => aMileageLine({ date: day(3, d), km: 900 })));
    const second = await filed(caeId, id, [aMileageLine({ date: day(3, 9), km: 100 })]);
    expect(second.lines[0]).toMatchObject({ kmAlreadyThisYear: 0, amount: '60.60' });
    await submit(caeId, id, first.id);
    await submit(caeId, id, second.id);
    expect((await approve(caeId, id, first.id)).status).toBe(201);
    const approved = (await approve(caeId, id, second.id)).body;
    expect(approved.lines[0]).toMatchObject({ kmAlreadyThisYear: 4500, amount: '60.60' });
    // A new draft starts after both approved claims: 1,000 km across 5,000.
    const third = await filed(caeId, id, [aMileageLine({ date: day(5, 2), km: 1000 })]);
    // (5,600 × 0.340 + 1,330) − 4,600 × 0.606 = 3,234.00 − 2,787.60
    expect(third.lines[0]).toMatchObject({ kmAlreadyThisYear: 4600, amount: '446.40' });
  });

  it('are counted once each when two claims for one vehicle are approved at the same time: one starts after the other', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const a = await filed(caeId, id, [aMileageLine({ km: 900 })]);
    const b = await filed(caeId, id, [aMileageLine({ km: 300, date: day(3, 20) })]);
    await submit(caeId, id, a.id);
    await submit(caeId, id, b.id);
    const [ra, rb] = await Promise.all([approve(caeId, id, a.id), approve(caeId, id, b.id)]);
    const starts = [ra.body.lines[0].kmAlreadyThisYear, rb.body.lines[0].kmAlreadyThisYear].sort((x, y) => x - y);
    expect([[0, 300], [0, 900]]).toContainEqual(starts);
    expect((await filed(caeId, id, [aMileageLine({ km: 10, date: day(5, 2) })])).lines[0].kmAlreadyThisYear).toBe(1200);
  });

  it('are not counted for a rejected claim', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const claim = await filed(caeId, id, [aMileageLine({ km: 900 })]);
    await submit(caeId, id, claim.id);
    await reject(caeId, id, claim.id, 'not a business trip');
    expect((await filed(caeId, id, [aMileageLine({ km: 100 })])).lines[0].kmAlreadyThisYear).toBe(0);
  });
});

describe('lists', () => {
  it("give staff the CAE's submitted claims, oldest submission first, and entrepreneurs their own by status", async () => {
    const caeId = await newCae();
    const a = await newEmployee(caeId);
    const b = await newEmployee(caeId);
    const first = await filed(caeId, b, [anExpenseLine()]);
    const second = await filed(caeId, a, [anExpenseLine()]);
    const draft = await filed(caeId, a, [anExpenseLine()]);
    await submit(caeId, a, second.id);
    await submit(caeId, b, first.id);
    const queue = (await waiting(caeId)).body;
    expect(queue.items.map((c: { id: string }) => c.id)).toEqual([second.id, first.id]);
    expect((await waiting(caeId, { status: 'draft' })).body.items.map((c: { id: string }) => c.id)).toEqual([draft.id]);
    const own = await list(caeId, a, {}, entrepreneurOf(caeId, a));
    expect(own.body.items.map((c: { id: string }) => c.id)).toEqual([second.id, draft.id]);
    expect((await list(caeId, a, { status: 'submitted' })).body.items.map((c: { id: string }) => c.id)).toEqual([second.id]);
    await approvedClaim(caeId, a, [anExpenseLine()]);
    expect((await waiting(caeId)).body.items).toHaveLength(2);
  });

  it('page through the queue with cursors', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const claim = await filed(caeId, id, [anExpenseLine()]);
      await submit(caeId, id, claim.id);
      ids.push(claim.id);
    }
    const page1 = (await waiting(caeId, { limit: '2' })).body;
    const page2 = (await waiting(caeId, { limit: '2', cursor: page1.nextCursor })).body;
    expect([...page1.items, ...page2.items].map((c: { id: string }) => c.id)).toEqual(ids);
  });
});
