import { describe, expect, it } from 'vitest';
import { Dec } from '../../../domain/money.js';
import { bookEvent } from '../../../functions/shared/repositories/books.js';
import { checkFec } from '../../support/fec.js';
import { entrepreneurOf, funderOf, staffOf } from '../../support/events.js';
import { accountOf, anExpense, aRevenue, day, month, newCae, newEmployee, payMonth, recorded, reverse, Y } from '../activity/fixtures.js';
import { allEntries, anInvoice, entries, fec, putAccountingSettings, trialBalance, vat } from './fixtures.js';

const expectProblem = (reply: { status: number; headers: Record<string, string>; body: { errors?: { path: string }[] } }, status: number, field?: string) => {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.headers['content-type']).toBe('application/problem+json');
  if (field) expect(reply.body.errors?.map((e) => e.path).join(' ')).toContain(field);
};

describe('the activity ledger and payroll in the books', () => {
  it('book typed transactions when their month closes, not before', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue());
    expect(await allEntries(caeId, { from: day(3, 1), to: day(3, 31) })).toEqual([]);
    await payMonth(caeId, month(3));
    await payMonth(caeId, month(3));
    expect((await allEntries(caeId, { from: day(3, 1), to: day(3, 31) })).map((e) => e.journal).sort()).toEqual(['OD', 'PA']);
  });

  it('book typed transactions in OD and a closed month in PA, so that the activity\'s analytic result equals its account', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ amountExclVat: '5000.00' }));
    await recorded(caeId, id, anExpense({ amountExclVat: '600.00', category: 'purchase_for_resale' }));
    const software = await recorded(caeId, id, anExpense({ amountExclVat: '80.00' }));
    const reversal = await reverse(caeId, id, software.id, { date: day(3, 20), reason: 'refunded' });
    expect(reversal.status).toBe(201);
    await payMonth(caeId, month(3));
    const acc = await accountOf(caeId, id, month(3));
    const tb = await trialBalance(caeId, { from: day(3, 1), to: day(3, 31), activity: id });
    expect(tb.status, JSON.stringify(tb.body)).toBe(200);
    const expected = new Dec(acc.revenue).minus(acc.contribution).minus(acc.expenses).minus(acc.employerCost);
    expect(tb.body.totals.result).toBe(expected.toFixed(2));
    expect(new Dec(acc.employerCost).isPositive()).toBe(true);
    const journals = (await allEntries(caeId, { from: day(3, 1), to: day(3, 31) })).map((e) => e.journal).sort();
    expect(journals).toEqual(['OD', 'OD', 'OD', 'OD', 'PA']);
  });

  it('keep the whole CAE\'s trial balance balanced', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ amountExclVat: '3000.00' }));
    await payMonth(caeId, month(3));
    const tb = await trialBalance(caeId, { from: day(1, 1), to: day(12, 31) });
    expect(tb.body.totals.debit).toBe(tb.body.totals.credit);
    expect(tb.body.accounts.map((a: { account: string }) => a.account)).toEqual(expect.arrayContaining(['421000', '431000', '471000', '641000', '645000', '706000']));
  });
});

describe('the FEC route', () => {
  it('refuses a year with open months, naming them, unless provisional', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue());
    await payMonth(caeId, month(10));
    const refused = await fec(caeId, { fiscalYear: String(Y) });
    expectProblem(refused as never, 409);
    expect((refused.body as unknown as { detail: string }).detail).toContain(`${Y}-11, ${Y}-12`);
    const provisional = await fec(caeId, { fiscalYear: String(Y), provisional: 'true' });
    expect(provisional.status).toBe(200);
    expect(provisional.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(provisional.headers['content-disposition']).toMatch(new RegExp(`filename="\\d{9}FEC${Y}1231_provisoire\\.txt"`));
    const report = checkFec(provisional.body);
    expect(report.problems).toEqual([]);
    const tb = await trialBalance(caeId, { from: `${Y}-01-01`, to: `${Y}-12-31` });
    expect(report.result).toBe(tb.body.totals.result);
  });

  it('gives the final file once every month of the year is closed', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue());
    await payMonth(caeId, month(12));
    const reply = await fec(caeId, { fiscalYear: String(Y) });
    expect(reply.status, String(reply.body)).toBe(200);
    expect(reply.headers['content-disposition']).toMatch(new RegExp(`FEC${Y}1231\\.txt"$`));
    expect(checkFec(reply.body).problems).toEqual([]);
  });

  it('is a 404 for a fiscal year outside the CAE\'s life', async () => {
    const caeId = await newCae();
    expectProblem((await fec(caeId, { fiscalYear: '1999', provisional: 'true' })) as never, 404);
    expectProblem((await fec(caeId, { fiscalYear: '2999', provisional: 'true' })) as never, 404);
  });

  it('is a 400 naming the fiscal year when it is not a year', async () => {
    const caeId = await newCae();
    expectProblem((await fec(caeId, { fiscalYear: '20x6' })) as never, 400, 'query.fiscalYear');
  });
});

describe('access', () => {
  it('refuses entrepreneurs and funders with a 403 on every accounting route', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    for (const caller of [entrepreneurOf(caeId, id), funderOf('france')]) {
      expectProblem(await putAccountingSettings(caeId, {}, caller), 403);
      expectProblem(await entries(caeId, { from: day(1, 1), to: day(1, 31) }, caller), 403);
      expectProblem(await trialBalance(caeId, { from: day(1, 1), to: day(1, 31) }, caller), 403);
      expectProblem(await vat(caeId, month(1), caller), 403);
      expectProblem((await fec(caeId, { fiscalYear: String(Y) }, caller)) as never, 403);
    }
  });

  it("answers another CAE's staff with a 404, and shows them nothing", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await bookEvent(caeId, anInvoice(id));
    const other = staffOf(await newCae());
    expectProblem(await entries(caeId, { from: day(1, 1), to: day(12, 31) }, other), 404);
    expectProblem(await trialBalance(caeId, { from: day(1, 1), to: day(12, 31) }, other), 404);
    expectProblem(await vat(caeId, month(3), other), 404);
    expectProblem((await fec(caeId, { fiscalYear: String(Y), provisional: 'true' }, other)) as never, 404);
    expectProblem(await putAccountingSettings(caeId, {}, other), 404);
  });

  it("is a 404 for the analytic balance of another CAE's entrepreneur", async () => {
    const caeId = await newCae();
    const otherCae = await newCae();
    const stranger = await newEmployee(otherCae);
    expectProblem(await trialBalance(caeId, { from: day(1, 1), to: day(12, 31), activity: stranger }), 404);
  });
});

describe('accounting settings', () => {
  it('take per-role overrides, used by the entries booked from then on', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const reply = await putAccountingSettings(caeId, { accounts: { servicesSold: '706100' }, staffExpensesAccount: '467' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.accounts).toMatchObject({ servicesSold: '706100', staffExpenses: '467000', customers: '411000' });
    await bookEvent(caeId, anInvoice(id));
    const [entry] = await allEntries(caeId, { from: day(3, 1), to: day(3, 31) });
    expect(entry?.lines.map((l) => l.account)).toContain('706100');
  });

  it('refuse an override that is not a PCG account, or not of its role\'s class, naming it', async () => {
    const caeId = await newCae();
    expectProblem(await putAccountingSettings(caeId, { accounts: { servicesSold: '806000' } }), 400, 'body.accounts.servicesSold');
    expectProblem(await putAccountingSettings(caeId, { accounts: { servicesSold: '7A6000' } }), 400, 'body.accounts.servicesSold');
    expectProblem(await putAccountingSettings(caeId, { accounts: { customers: '706000' } }), 400, 'body.accounts.customers');
    expectProblem(await putAccountingSettings(caeId, { accounts: { treasure: '512000' } }), 400, 'body.accounts.treasure');
    expectProblem(await putAccountingSettings(caeId, { fiscalYearStartMonth: 13 }), 400, 'body.fiscalYearStartMonth');
    expectProblem(await putAccountingSettings(caeId, { vatOnDebits: 'yes' }), 400, 'body.vatOnDebits');
    expectProblem(await putAccountingSettings(caeId, { extra: true }), 400, 'body.extra');
  });

  it("freeze the fiscal year's first month once entries are booked", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await bookEvent(caeId, anInvoice(id));
    const reply = await putAccountingSettings(caeId, { fiscalYearStartMonth: 4 });
    expectProblem(reply, 409);
    expect((await putAccountingSettings(caeId, { fiscalYearStartMonth: 1, vatOnDebits: true })).status).toBe(200);
  });
});

describe('bad queries', () => {
  it('are 400s naming the field', async () => {
    const caeId = await newCae();
    expectProblem(await entries(caeId, { from: day(3, 1) }), 400, 'query.to');
    expectProblem(await entries(caeId, { from: day(3, 31), to: day(3, 1) }), 400, 'query.to');
    expectProblem(await entries(caeId, { from: day(3, 1), to: day(3, 31), journal: 'XX' }), 400, 'query.journal');
    expectProblem(await trialBalance(caeId, { from: '2026-02-30', to: day(3, 1) }), 400, 'query.from');
    expectProblem(await trialBalance(caeId, { from: day(3, 1), to: day(3, 2), activity: 'nope' }), 400, 'query.activity');
    expectProblem(await vat(caeId, '2026-13'), 400, 'query.month');
  });
});

describe('the entries list', () => {
  it('pages the period\'s entries by date and filters by journal', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    for (let d = 1; d <= 5; d++) await recorded(caeId, id, aRevenue({ date: day(3, d) }));
    await payMonth(caeId, month(3));
    await bookEvent(caeId, anInvoice(id, { date: day(3, 3) }));
    const first = await entries(caeId, { from: day(3, 1), to: day(3, 31), limit: '2' });
    expect(first.body.items.map((e: { date: string }) => e.date)).toEqual([day(3, 1), day(3, 2)]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const vt = await allEntries(caeId, { from: day(3, 1), to: day(3, 31), journal: 'VT' });
    expect(vt.map((e) => e.journal)).toEqual(['VT']);
  });
});
