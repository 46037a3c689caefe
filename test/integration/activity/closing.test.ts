/**
 * Month closing as a stored fact (repositories/accounts.ts, called by the payroll workflow): a closed month
 * refuses new entries with 409 and its account never changes afterwards.
 */
import { describe, expect, it } from 'vitest';
import { Conflict } from '../../../functions/shared/errors.js';
import { closeAccountMonth, markCaeMonthClosed } from '../../../functions/shared/repositories/accounts.js';
import { getCae } from '../../../functions/shared/repositories/caes.js';
import { accountOf, aRevenue, anExpense, day, expectProblem, firstEntry, ledgerOf, month, newCae, newEmployee, putContributionPolicy, record, recorded, reverse } from './fixtures.js';

/** Payroll's close of a month: the CAE first (no new entry), then each account with its salary's employer cost. */
async function closeMonth(caeId: string, entrepreneurId: string, m: string, employerCost: string) {
  await markCaeMonthClosed(caeId, m);
  return closeAccountMonth(caeId, entrepreneurId, m, employerCost);
}

/** An employee with docs/domain.md's March (envelope 3,900.00), March closed with a salary costing 3,000.00. */
async function withClosedMarch() {
  const caeId = await newCae();
  const id = await newEmployee(caeId);
  await recorded(caeId, id, aRevenue({ date: day(3, 5), amountExclVat: '5000.00' }));
  await recorded(caeId, id, anExpense({ date: day(3, 20), amountExclVat: '600.00' }));
  await closeMonth(caeId, id, month(3), '3000.00');
  return { caeId, id };
}

describe('closing a month', () => {
  it('stores the account with the employer cost: closing balance = envelope − employer cost, closed', async () => {
    const { caeId, id } = await withClosedMarch();
    expect(await accountOf(caeId, id, month(3))).toMatchObject({
      envelope: '3900.00',
      employerCost: '3000.00',
      closingBalance: '900.00',
      closed: true,
    });
  });

  it('refuses a transaction dated in the closed month with 409 month-closed, and leaves the ledger unchanged', async () => {
    const { caeId, id } = await withClosedMarch();
    const before = await ledgerOf(caeId, id, month(3));
    expectProblem(await record(caeId, id, aRevenue({ date: day(3, 31) })), 409, 'body.date', 'month-closed');
    expectProblem(await record(caeId, id, aRevenue({ date: day(2, 1) })), 409, 'body.date', 'month-closed');
    expect(await ledgerOf(caeId, id, month(3))).toEqual(before);
    expect(await ledgerOf(caeId, id, month(2))).toEqual([]);
  });

  it('refuses a reversal dated in the closed month (409), and reverses into the next open month', async () => {
    const { caeId, id } = await withClosedMarch();
    const invoice = await firstEntry(caeId, id, month(3));
    expectProblem(await reverse(caeId, id, invoice.id, { date: day(3, 31), reason: 'x' }), 409, 'body.date', 'month-closed');
    const reversal = await reverse(caeId, id, invoice.id, { date: day(4, 2), reason: 'cancelled' });
    expect(reversal.status).toBe(201);
    expect(await accountOf(caeId, id, month(4))).toMatchObject({ openingBalance: '900.00', revenue: '-5000.00', contribution: '-500.00' });
  });

  it("never changes a closed month's figures: new entries, a reversal and a policy change later leave it as it was", async () => {
    const { caeId, id } = await withClosedMarch();
    const closed = await accountOf(caeId, id, month(3));
    await recorded(caeId, id, aRevenue({ date: day(4, 1), amountExclVat: '1000.00' }));
    const invoice = await firstEntry(caeId, id, month(3));
    expect((await reverse(caeId, id, invoice.id, { date: day(4, 3), reason: 'x' })).status).toBe(201);
    expect((await putContributionPolicy(caeId, { effectiveFrom: month(4), policy: { kind: 'flat', rate: '0.50' } })).status).toBe(200);
    await closeMonth(caeId, id, month(4), '0.00');
    expect(await accountOf(caeId, id, month(3))).toEqual(closed);
  });

  it('opens the next month with the closed closing balance', async () => {
    const { caeId, id } = await withClosedMarch();
    await recorded(caeId, id, aRevenue({ date: day(4, 1), amountExclVat: '1000.00' }));
    expect(await accountOf(caeId, id, month(4))).toMatchObject({ openingBalance: '900.00', envelope: '1800.00', closed: false });
  });

  it('is idempotent: closing again with the same figures returns the stored account and changes nothing', async () => {
    const { caeId, id } = await withClosedMarch();
    const before = await accountOf(caeId, id, month(3));
    const again = await closeMonth(caeId, id, month(3), '3000.00');
    expect(again.closingBalance).toBe('900.00');
    expect(await accountOf(caeId, id, month(3))).toEqual(before);
  });

  it('refuses to close a month again with another employer cost (409)', async () => {
    const { caeId, id } = await withClosedMarch();
    await expect(closeAccountMonth(caeId, id, month(3), '2000.00')).rejects.toBeInstanceOf(Conflict);
    expect((await accountOf(caeId, id, month(3))).employerCost).toBe('3000.00');
  });

  it('refuses to close a month before one already closed: months close in order', async () => {
    const { caeId, id } = await withClosedMarch();
    await expect(closeAccountMonth(caeId, id, month(2), '0.00')).rejects.toBeInstanceOf(Conflict);
  });

  it('writes one closed account when the same close runs concurrently', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ date: day(3, 5), amountExclVat: '5000.00' }));
    await markCaeMonthClosed(caeId, month(3));
    const results = await Promise.all(Array.from({ length: 5 }, () => closeAccountMonth(caeId, id, month(3), '1000.00')));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect((await accountOf(caeId, id, month(3))).closingBalance).toBe('3500.00');
  });

  it("shows a month closed for the CAE as closed, even for an account that had no salary closed in it", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ date: day(3, 5), amountExclVat: '1000.00' }));
    await markCaeMonthClosed(caeId, month(3));
    expect(await accountOf(caeId, id, month(3))).toMatchObject({ envelope: '900.00', employerCost: '0.00', closingBalance: '900.00', closed: true });
    expect((await accountOf(caeId, id, month(4))).closed).toBe(false);
  });

  it("moves the CAE's last closed month forward only", async () => {
    const caeId = await newCae();
    expect(await markCaeMonthClosed(caeId, month(5))).toBe(month(5));
    expect(await markCaeMonthClosed(caeId, month(3))).toBe(month(5));
    expect((await getCae(caeId)).lastClosedMonth).toBe(month(5));
  });
});
