/**
 * The monthly activity account (docs/domain.md "Salary"), computed from the ledger on dynalite through the handlers:
 * opening + revenue − contribution − expenses = envelope; until the month is paid, closing balance = envelope.
 */
import { describe, expect, it } from 'vitest';
import { entrepreneurOf, staffOf } from '../../support/events.js';
import {
  account,
  accountOf,
  anExpense,
  aRevenue,
  day,
  expectProblem,
  month,
  newCae,
  newEmployee,
  putContributionOverride,
  putContributionPolicy,
  recorded,
  reverse,
} from './fixtures.js';

describe('the monthly activity account', () => {
  it("gives docs/domain.md's example: 5,000.00 revenue (+1,000.00 VAT), 10% contribution, 600.00 expenses → envelope 3,900.00", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ date: day(3, 5), amountExclVat: '5000.00', vatRate: '0.20' }));
    await recorded(caeId, id, anExpense({ date: day(3, 20), amountExclVat: '600.00', vatRate: '0.20' }));
    expect(await accountOf(caeId, id, month(3))).toEqual({
      month: month(3),
      openingBalance: '0.00',
      revenue: '5000.00',
      contribution: '500.00',
      expenses: '600.00',
      envelope: '3900.00',
      employerCost: '0.00',
      closingBalance: '3900.00',
      vatCollected: '1000.00',
      vatDeductible: '120.00',
      closed: false,
    });
  });

  it("opens a month with the previous month's closing balance, across a month without entries", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ date: day(3, 5), amountExclVat: '5000.00' }));
    await recorded(caeId, id, aRevenue({ date: day(5, 5), amountExclVat: '1000.00' }));
    const april = await accountOf(caeId, id, month(4));
    expect(april).toMatchObject({ openingBalance: '4500.00', revenue: '0.00', contribution: '0.00', envelope: '4500.00' });
    const may = await accountOf(caeId, id, month(5));
    expect(may).toMatchObject({ openingBalance: '4500.00', revenue: '1000.00', contribution: '100.00', envelope: '5400.00' });
  });

  it('nets out a reversed entry, VAT included', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const original = await recorded(caeId, id, aRevenue({ date: day(3, 5), amountExclVat: '5000.00' }));
    await recorded(caeId, id, aRevenue({ date: day(3, 6), amountExclVat: '200.00' }));
    expect((await reverse(caeId, id, original.id, { date: day(3, 7), reason: 'wrong client' })).status).toBe(201);
    expect(await accountOf(caeId, id, month(3))).toMatchObject({ revenue: '200.00', contribution: '20.00', vatCollected: '40.00', envelope: '180.00' });
  });

  it("applies docs/domain.md's tiered example set by PUT: 33,000 cumulated, 5,000 this month → 440.00", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const tiered = {
      kind: 'tiered',
      brackets: [
        { upTo: '35000.00', rate: '0.10' },
        { upTo: '45000.00', rate: '0.08' },
        { upTo: null, rate: '0.06' },
      ],
    };
    expect((await putContributionPolicy(caeId, { effectiveFrom: month(1), policy: tiered })).status).toBe(200);
    await recorded(caeId, id, aRevenue({ date: day(2, 10), amountExclVat: '33000.00' }));
    await recorded(caeId, id, aRevenue({ date: day(3, 10), amountExclVat: '5000.00' }));
    expect((await accountOf(caeId, id, month(2))).contribution).toBe('3300.00');
    expect((await accountOf(caeId, id, month(3))).contribution).toBe('440.00');
  });

  it('applies a new policy version only from the month it takes effect', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    expect((await putContributionPolicy(caeId, { effectiveFrom: month(4), policy: { kind: 'flat', rate: '0.12' } })).status).toBe(200);
    await recorded(caeId, id, aRevenue({ date: day(3, 10), amountExclVat: '1000.00' }));
    await recorded(caeId, id, aRevenue({ date: day(4, 10), amountExclVat: '1000.00' }));
    expect((await accountOf(caeId, id, month(3))).contribution).toBe('100.00');
    expect((await accountOf(caeId, id, month(4))).contribution).toBe('120.00');
  });

  it('computes a policy on margin: purchases for resale are deducted from the base, other expenses are not', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await putContributionPolicy(caeId, { effectiveFrom: month(1), policy: { kind: 'flat', rate: '0.10', base: 'margin' } });
    await recorded(caeId, id, aRevenue({ amountExclVat: '1000.00' }));
    await recorded(caeId, id, anExpense({ amountExclVat: '400.00', category: 'purchase_for_resale' }));
    await recorded(caeId, id, anExpense({ amountExclVat: '100.00' }));
    expect(await accountOf(caeId, id, month(3))).toMatchObject({ contribution: '60.00', expenses: '500.00', envelope: '440.00' });
  });

  it('raises a small month to the monthly floor', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await putContributionPolicy(caeId, { effectiveFrom: month(1), policy: { kind: 'flat', rate: '0.12', monthlyFloor: '40.00' } });
    await recorded(caeId, id, aRevenue({ amountExclVat: '100.00' }));
    expect((await accountOf(caeId, id, month(3))).contribution).toBe('40.00');
  });

  it("applies an entrepreneur's override while it runs, and the CAE's policy again once it is ended", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const other = await newEmployee(caeId);
    expect((await putContributionOverride(caeId, id, { effectiveFrom: month(4), policy: { kind: 'flat', rate: '0.05' } })).status).toBe(200);
    expect((await putContributionOverride(caeId, id, { effectiveFrom: month(5), policy: null })).status).toBe(200);
    for (const m of [3, 4, 5]) {
      await recorded(caeId, id, aRevenue({ date: day(m, 10), amountExclVat: '1000.00' }));
      await recorded(caeId, other, aRevenue({ date: day(m, 10), amountExclVat: '1000.00' }));
    }
    expect((await accountOf(caeId, id, month(3))).contribution).toBe('100.00');
    expect((await accountOf(caeId, id, month(4))).contribution).toBe('50.00');
    expect((await accountOf(caeId, id, month(5))).contribution).toBe('100.00');
    expect((await accountOf(caeId, other, month(4))).contribution).toBe('100.00');
  });
});

describe('who may read an account', () => {
  it('lets an entrepreneur read their own account', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ amountExclVat: '300.00' }));
    const reply = await account(caeId, id, month(3), entrepreneurOf(caeId, id));
    expect(reply.status).toBe(200);
    expect(reply.body.revenue).toBe('300.00');
  });

  it("answers 404 to an entrepreneur who asks for another entrepreneur's account", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const other = await newEmployee(caeId);
    expectProblem(await account(caeId, other, month(3), entrepreneurOf(caeId, id)), 404);
  });

  it("answers 404 to staff who ask for another CAE's entrepreneur", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const otherCae = await newCae();
    expectProblem(await account(caeId, id, month(3), staffOf(otherCae)), 404);
    expectProblem(await account(otherCae, id, month(3), staffOf(otherCae)), 404);
  });

  it('refuses a month that is not YYYY-MM (400 naming query.month)', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const reply = await account(caeId, id, `${month(3)}-01`);
    expectProblem(reply, 400, 'query.month');
  });
});
