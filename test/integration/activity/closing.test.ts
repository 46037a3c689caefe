/**
 * Month closing as a stored fact, through the payroll workflow's own steps (fixtures `payMonth`): a closed month
 * refuses new entries with 409 and its account never changes afterwards.
 */
import { describe, expect, it } from 'vitest';
import { MonthAlreadyClosed } from '../../../functions/payroll/workflow/openRun.js';
import { handler as payBatch } from '../../../functions/payroll/workflow/payBatch.js';
import { handler as openRun } from '../../../functions/payroll/workflow/openRun.js';
import { Dec } from '../../../domain/money.js';
import { markCaeMonthClosed } from '../../../functions/shared/repositories/accounts.js';
import { getCae } from '../../../functions/shared/repositories/caes.js';
import {
  accountOf,
  aRevenue,
  anExpense,
  day,
  expectProblem,
  firstEntry,
  ledgerOf,
  month,
  newCae,
  newEmployee,
  payMonth,
  putContributionPolicy,
  record,
  recorded,
  reverse,
} from './fixtures.js';

/** An employee with docs/domain.md's March (envelope 3,900.00), March paid by payroll. */
async function withClosedMarch() {
  const caeId = await newCae();
  const id = await newEmployee(caeId);
  await recorded(caeId, id, aRevenue({ date: day(3, 5), amountExclVat: '5000.00' }));
  await recorded(caeId, id, anExpense({ date: day(3, 20), amountExclVat: '600.00' }));
  await payMonth(caeId, month(3));
  return { caeId, id };
}

describe('closing a month', () => {
  it('stores the account with the salary’s employer cost: closing balance = envelope − employer cost, closed', async () => {
    const { caeId, id } = await withClosedMarch();
    const march = await accountOf(caeId, id, month(3));
    expect(march).toMatchObject({ envelope: '3900.00', closed: true });
    expect(new Dec(march.employerCost).greaterThan(0)).toBe(true);
    expect(march.closingBalance).toBe(new Dec(march.envelope).minus(march.employerCost).toFixed(2));
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
    const closing = (await accountOf(caeId, id, month(3))).closingBalance;
    const invoice = await firstEntry(caeId, id, month(3));
    expectProblem(await reverse(caeId, id, invoice.id, { date: day(3, 31), reason: 'x' }), 409, 'body.date', 'month-closed');
    const reversal = await reverse(caeId, id, invoice.id, { date: day(4, 2), reason: 'cancelled' });
    expect(reversal.status).toBe(201);
    expect(await accountOf(caeId, id, month(4))).toMatchObject({ openingBalance: closing, revenue: '-5000.00', contribution: '-500.00' });
  });

  it("never changes a closed month's figures: new entries, a reversal and a policy change later leave it as it was", async () => {
    const { caeId, id } = await withClosedMarch();
    const closed = await accountOf(caeId, id, month(3));
    await recorded(caeId, id, aRevenue({ date: day(4, 1), amountExclVat: '1000.00' }));
    const invoice = await firstEntry(caeId, id, month(3));
    expect((await reverse(caeId, id, invoice.id, { date: day(4, 3), reason: 'x' })).status).toBe(201);
    expect((await putContributionPolicy(caeId, { effectiveFrom: month(4), policy: { kind: 'flat', rate: '0.50' } })).status).toBe(200);
    await payMonth(caeId, month(4));
    expect(await accountOf(caeId, id, month(3))).toEqual(closed);
  });

  it('opens the next month with the closed closing balance', async () => {
    const { caeId, id } = await withClosedMarch();
    const closing = new Dec((await accountOf(caeId, id, month(3))).closingBalance);
    await recorded(caeId, id, aRevenue({ date: day(4, 1), amountExclVat: '1000.00' }));
    expect(await accountOf(caeId, id, month(4))).toMatchObject({
      openingBalance: closing.toFixed(2),
      envelope: closing.plus(900).toFixed(2),
      closed: false,
    });
  });

  it('is idempotent: paying the month again returns the stored account and changes nothing', async () => {
    const { caeId, id } = await withClosedMarch();
    const before = await accountOf(caeId, id, month(3));
    await payMonth(caeId, month(3));
    expect(await accountOf(caeId, id, month(3))).toEqual(before);
  });

  it('refuses to pay a month before one already closed: months close in order', async () => {
    const { caeId } = await withClosedMarch();
    await expect(openRun({ caeId, month: month(2) })).rejects.toBeInstanceOf(MonthAlreadyClosed);
  });

  it('writes one closed account when the same batch runs concurrently', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ date: day(3, 5), amountExclVat: '5000.00' }));
    const opened = await openRun({ caeId, month: month(3) });
    const runs = await Promise.all(Array.from({ length: 5 }, () => payBatch({ BatchInput: { caeId, month: month(3) }, Items: opened.batches })));
    expect(runs.reduce((n, r) => n + r.written, 0)).toBe(1);
    expect(await accountOf(caeId, id, month(3))).toMatchObject({ revenue: '5000.00', envelope: '4500.00', closed: true });
  });

  it('shows a month closed for the CAE as closed, even for an account that had no salary closed in it', async () => {
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
