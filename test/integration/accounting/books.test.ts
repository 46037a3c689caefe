import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../../functions/shared/dynamo.js';
import { bookEvent, bookTypedTransactions } from '../../../functions/shared/repositories/books.js';
import { checkFec } from '../../support/fec.js';
import { day, newCae, newEmployee, Y } from '../activity/fixtures.js';
import { type TransactionRecorded, trialBalance as trialBalanceOf } from '../../../domain/accounting/index.js';
import { allEntries, anInvoice, aPayment, fec, putAccountingSettings, trialBalance, vat } from './fixtures.js';

const FAULT = 'booksFaultInjection';
afterEach(() => {
  db.middlewareStack.remove(FAULT);
});

/** Makes the first put of a numbered entry (`N#` item) fail, once: a crash after its number was taken. */
function failFirstEntryWrite() {
  let failed = false;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const raw = (args.input as { Item?: { SK?: string | { S?: string } } }).Item?.SK;
      const sk = typeof raw === 'string' ? raw : (raw?.S ?? '');
      const isPut = context.commandName === 'PutCommand' || context.commandName === 'PutItemCommand';
      if (!failed && isPut && sk.startsWith('N#')) {
        failed = true;
        throw Object.assign(new Error('injected crash'), { name: 'InjectedFault' });
      }
      return next(args);
    },
    { step: 'initialize', name: FAULT },
  );
}

const numbers = (items: { number: string }[]) => items.map((e) => e.number).sort();

describe('bookEvent', () => {
  it('books an invoice as one balanced VT entry, numbered in its journal and fiscal year', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    await bookEvent(caeId, anInvoice(activity));
    const [entry, ...others] = await allEntries(caeId, { from: `${Y}-01-01`, to: `${Y}-12-31` });
    expect(others).toEqual([]);
    expect(entry?.journal).toBe('VT');
    expect(entry?.number).toBe(`VT${Y}-000001`);
    expect(entry?.lines.map((l) => l.account)).toEqual(['411000', '706000', '445740']);
  });

  it('books the same event once, however often it is booked', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    const invoice = anInvoice(activity);
    await bookEvent(caeId, invoice);
    await Promise.all([bookEvent(caeId, invoice), bookEvent(caeId, invoice)]);
    expect(numbers(await allEntries(caeId, { from: `${Y}-01-01`, to: `${Y}-12-31` }))).toEqual([`VT${Y}-000001`]);
  });

  it('numbers concurrent bookings of a journal without gap or duplicate', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    await Promise.all(Array.from({ length: 12 }, () => bookEvent(caeId, anInvoice(activity))));
    const expected = Array.from({ length: 12 }, (_, i) => `VT${Y}-${String(i + 1).padStart(6, '0')}`);
    expect(numbers(await allEntries(caeId, { from: `${Y}-01-01`, to: `${Y}-12-31` }))).toEqual(expected);
  });

  it('leaves no gap when a booking crashes after taking its number: the next one finishes it, its retry keeps it', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    const first = anInvoice(activity);
    failFirstEntryWrite();
    await expect(bookEvent(caeId, first)).rejects.toThrow('injected crash');
    await bookEvent(caeId, anInvoice(activity));
    await bookEvent(caeId, first);
    const found = await allEntries(caeId, { from: `${Y}-01-01`, to: `${Y}-12-31` });
    expect(numbers(found)).toEqual([`VT${Y}-000001`, `VT${Y}-000002`]);
    expect(found.find((e) => e.number === `VT${Y}-000001`)).toMatchObject({ lines: expect.arrayContaining([expect.objectContaining({ debit: '1200.00' })]) });
  });

  it('numbers a late event after the entries validated before it, dated on its own date', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    await bookEvent(caeId, anInvoice(activity, { date: day(5, 2) }));
    await bookEvent(caeId, anInvoice(activity, { date: day(2, 1) }));
    const found = await allEntries(caeId, { from: `${Y}-01-01`, to: `${Y}-12-31` });
    expect(found.map((e) => [e.date, e.number])).toEqual([
      [day(2, 1), `VT${Y}-000002`],
      [day(5, 2), `VT${Y}-000001`],
    ]);
  });

  it('numbers each fiscal year of a journal from 1', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    await putAccountingSettings(caeId, { fiscalYearStartMonth: 7 });
    await bookEvent(caeId, anInvoice(activity, { date: day(6, 30) }));
    await bookEvent(caeId, anInvoice(activity, { date: day(7, 1) }));
    const found = await allEntries(caeId, { from: `${Y}-01-01`, to: `${Y}-12-31` });
    expect(found.map((e) => e.number)).toEqual([`VT${Y}-000001`, `VT${Y + 1}-000001`]);
  });
});

describe('VAT figures', () => {
  it('collect the VAT of services in the month they are paid, of goods in the month they are invoiced', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    const services = anInvoice(activity);
    await bookEvent(caeId, services);
    await bookEvent(caeId, anInvoice(activity, { operationKind: 'goods', vat: [{ rate: '0.055', base: '100.00', amount: '5.50' }] }));
    await bookEvent(caeId, aPayment(services));
    const march = await vat(caeId, `${Y}-03`);
    expect(march.body).toEqual({
      month: `${Y}-03`,
      collected: [{ rate: '0.055', base: '100.00', amount: '5.50' }],
      deductible: { goodsAndServices: '0.00', fixedAssets: '0.00' },
      netDue: '5.50',
      credit: '0.00',
    });
    expect((await vat(caeId, `${Y}-04`)).body.collected).toEqual([{ rate: '0.20', base: '1000.00', amount: '200.00' }]);
  });

  it('collect the VAT of services on invoicing when the CAE pays VAT on debits', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    expect((await putAccountingSettings(caeId, { vatOnDebits: true })).status).toBe(200);
    await bookEvent(caeId, anInvoice(activity));
    expect((await vat(caeId, `${Y}-03`)).body.netDue).toBe('200.00');
  });
});

describe('the FEC', () => {
  it('carries the previous year\'s balances as opening entries first', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    await bookEvent(caeId, anInvoice(activity, { date: `${Y - 1}-11-10` }));
    await bookEvent(caeId, anInvoice(activity, { date: day(1, 10) }));
    const reply = await fec(caeId, { fiscalYear: String(Y), provisional: 'true' });
    expect(reply.status).toBe(200);
    const report = checkFec(reply.body);
    expect(report.problems).toEqual([]);
    const rows = reply.body.split('\r\n');
    expect(rows[1]?.startsWith(`AN\t`)).toBe(true);
    // Last year's invoice is still owed: 1,200.00 on the customer, its result carried to 110.
    expect(rows.filter((r) => r.startsWith('AN\t')).map((r) => r.split('\t').slice(4, 5).concat(r.split('\t').slice(11, 13)).join(' '))).toEqual([
      '110000 0,00 1000,00',
      '411000 1200,00 0,00',
      '445740 0,00 200,00',
    ]);
    expect(report.result).toBe('1000.00');
  });
});

describe('the month totals behind the trial balance', () => {
  it('give the same balance as the entries, for whole months and for days at the edges', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    for (const date of [day(1, 31), day(2, 1), day(2, 14), day(3, 31), day(4, 1)]) await bookEvent(caeId, anInvoice(activity, { date }));
    await bookEvent(caeId, aPayment(anInvoice(activity), { date: day(2, 20), amount: '600.00' }));
    for (const [from, to] of [[day(2, 1), day(3, 31)], [day(1, 31), day(4, 1)], [day(2, 2), day(3, 30)], [day(1, 1), day(12, 31)]] as const) {
      const fromTotals = (await trialBalance(caeId, { from, to })).body;
      const fromEntries = trialBalanceOf((await allEntries(caeId, { from, to })).flatMap((e) => e.lines as never));
      expect(fromTotals.accounts, `${from}…${to}`).toEqual(fromEntries.accounts);
    }
  });

  it('count an entry once when its booking is finished twice (a crash, then the retry)', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    const invoice = anInvoice(activity);
    failFirstEntryWrite();
    await expect(bookEvent(caeId, invoice)).rejects.toThrow('injected crash');
    await Promise.all([bookEvent(caeId, invoice), bookEvent(caeId, anInvoice(activity))]);
    const tb = await trialBalance(caeId, { from: day(3, 1), to: day(3, 31) });
    expect(tb.body.accounts.find((a: { account: string }) => a.account === '411000')).toMatchObject({ debit: '2400.00' });
  });
});

describe('typed transactions booked at month close', () => {
  const typed = (activity: string, n: number, date: string): TransactionRecorded => ({
    kind: 'transaction_recorded',
    transactionId: `T${n}`,
    activity,
    type: 'revenue',
    date,
    amountExclVat: '100.00',
    vatRate: '0.20',
    vatAmount: '20.00',
    label: 'Atelier',
  });

  it('take consecutive OD numbers in date order, once however often the month is booked', async () => {
    const caeId = await newCae();
    const activity = await newEmployee(caeId);
    const events = [typed(activity, 1, day(3, 20)), typed(activity, 2, day(3, 2)), typed(activity, 3, day(3, 9))];
    await bookTypedTransactions(caeId, activity, `${Y}-03`, events);
    await bookTypedTransactions(caeId, activity, `${Y}-03`, events);
    const found = await allEntries(caeId, { from: day(3, 1), to: day(3, 31) });
    expect(found.map((e) => [e.date, e.number])).toEqual([
      [day(3, 2), `OD${Y}-000001`],
      [day(3, 9), `OD${Y}-000002`],
      [day(3, 20), `OD${Y}-000003`],
    ]);
  });

  it('leave no gap when a batch crashes after taking its range: the next batch finishes it first', async () => {
    const caeId = await newCae();
    const [a, b] = [await newEmployee(caeId), await newEmployee(caeId)];
    let failed = false;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (!failed && context.commandName?.startsWith('BatchWrite')) {
          failed = true;
          throw Object.assign(new Error('injected crash'), { name: 'InjectedFault' });
        }
        return next(args);
      },
      { step: 'initialize', name: FAULT },
    );
    await expect(bookTypedTransactions(caeId, a, `${Y}-03`, [typed(a, 1, day(3, 1)), typed(a, 2, day(3, 2))])).rejects.toThrow('injected crash');
    await bookTypedTransactions(caeId, b, `${Y}-03`, [typed(b, 3, day(3, 3))]);
    const found = await allEntries(caeId, { from: day(3, 1), to: day(3, 31) });
    expect(found.map((e) => e.number)).toEqual([`OD${Y}-000001`, `OD${Y}-000002`, `OD${Y}-000003`]);
    const tb = await trialBalance(caeId, { from: day(3, 1), to: day(3, 31) });
    expect(tb.body.accounts.find((x: { account: string }) => x.account === '706000')).toMatchObject({ credit: '300.00' });
  });
});
