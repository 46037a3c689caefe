/**
 * The month totals item as the fence of month closing, and posting's two writes under faults (repositories/
 * ledger.ts): every 201 is in the closed month's figures or was refused with 409 month-closed; a crash between
 * the entry and its month's totals, then a retry with the same Idempotency-Key, counts the entry once. Faults
 * the emulator cannot produce (a lost connection, a write held until payroll has run) are injected on the
 * client's `send`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dec } from '../../../domain/money.js';
import { db, tableName } from '../../../functions/shared/dynamo.js';
import { accountOf, aRevenue, day, expectProblem, ledgerOf, month, newCae, newEmployee, payMonth, record, recorded, reverse } from './fixtures.js';

/** Whether a command is the update that adds an entry to its month's totals (posting's second write). */
const isTotalsUpdate = (command: unknown) =>
  command instanceof UpdateCommand && String((command.input.Key as { SK?: string } | undefined)?.SK).startsWith('MONTH#');

/** Runs `around` in place of the next totals update; `send` performs it. */
function interceptNextTotalsUpdate(around: (send: () => Promise<unknown>) => Promise<unknown>) {
  const original = db.send.bind(db);
  const spy = vi.spyOn(db, 'send').mockImplementation((async (command: never) => {
    if (!isTotalsUpdate(command)) return original(command);
    spy.mockRestore();
    return around(() => original(command));
  }) as never);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('closing a month while transactions arrive', () => {
  it('counts exactly the 201s in the closed month, and refuses every other one with 409 month-closed', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ date: day(3, 1), amountExclVat: '1000.00' }));
    // Transactions keep arriving, one every 2 ms, from before payroll starts closing March until after it is done.
    let closed = false;
    const closing = sleep(20)
      .then(() => payMonth(caeId, month(3)))
      .finally(() => {
        closed = true;
      });
    const posts: Promise<{ amount: string; reply: Awaited<ReturnType<typeof record>> }>[] = [];
    for (let i = 0, after = 0; after < 10; i++) {
      if (closed) after += 1;
      const amount = `${i + 1}.00`;
      posts.push(record(caeId, id, aRevenue({ date: day(3, 1 + (i % 28)), amountExclVat: amount })).then((reply) => ({ amount, reply })));
      await sleep(2);
    }
    await closing;
    const outcomes = await Promise.all(posts);
    const accepted = outcomes.filter((o) => o.reply.status === 201);
    const refused = outcomes.filter((o) => o.reply.status !== 201);
    expect(refused.length).toBeGreaterThan(0);
    for (const refused of outcomes.filter((o) => o.reply.status !== 201)) {
      expectProblem(refused.reply, 409, 'body.date', 'month-closed');
    }
    const acceptedRevenue = accepted.reduce((total, o) => total.plus(o.amount), new Dec('1000.00'));
    const march = await accountOf(caeId, id, month(3));
    expect(march.closed).toBe(true);
    expect(march.revenue).toBe(acceptedRevenue.toFixed(2));
    const listed = (await ledgerOf(caeId, id, month(3))).map((t) => t.id).sort();
    expect(listed).toHaveLength(accepted.length + 1);
    expect(listed).toEqual(expect.arrayContaining(accepted.map((o) => o.reply.body.id)));
  });

  it('refuses an entry whose totals update reaches the month just after payroll closed it, and leaves nothing of it', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ date: day(3, 1), amountExclVat: '1000.00' }));
    // The request read the CAE (month open) and wrote its entry; payroll closes March before its second write.
    interceptNextTotalsUpdate(async (send) => {
      await payMonth(caeId, month(3));
      return send();
    });
    expectProblem(await record(caeId, id, aRevenue({ date: day(3, 20), amountExclVat: '250.00' }), { key: 'late' }), 409, 'body.date', 'month-closed');
    expect((await accountOf(caeId, id, month(3))).revenue).toBe('1000.00');
    expect(await ledgerOf(caeId, id, month(3))).toHaveLength(1);
    // Nothing was left behind: the key is free for the corrected request.
    expect((await record(caeId, id, aRevenue({ date: day(4, 2), amountExclVat: '250.00' }), { key: 'late' })).status).toBe(201);
  });
});

describe('a reversal refused by a month closed under it', () => {
  it('gives back its slot, so that the entry can still be reversed in the next month', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const original = await recorded(caeId, id, aRevenue({ date: day(3, 1), amountExclVat: '1000.00' }));
    interceptNextTotalsUpdate(async (send) => {
      await payMonth(caeId, month(3));
      return send();
    });
    expectProblem(await reverse(caeId, id, original.id, { date: day(3, 20), reason: 'x' }), 409, 'body.date', 'month-closed');
    const later = await reverse(caeId, id, original.id, { date: day(4, 2), reason: 'x' });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    expect(await ledgerOf(caeId, id, month(3))).toEqual([original]);
  });
});

describe('a crash between the entry and its month totals', () => {
  it('shows nothing of the cut-short entry, and a retry with the same key counts it once', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    interceptNextTotalsUpdate(async () => {
      throw new Error('socket hang up');
    });
    const body = aRevenue({ amountExclVat: '700.00' });
    expect((await record(caeId, id, body, { key: 'crash-1' })).status).toBe(500);
    expect(await ledgerOf(caeId, id, month(3))).toEqual([]);
    expect((await accountOf(caeId, id, month(3))).revenue).toBe('0.00');

    const retry = await record(caeId, id, body, { key: 'crash-1' });
    expect(retry.status).toBe(201);
    expect((await accountOf(caeId, id, month(3))).revenue).toBe('700.00');
    expect(await ledgerOf(caeId, id, month(3))).toEqual([retry.body]);
  });

  it('counts once an entry whose totals were written but whose answer was lost, when it is retried', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    interceptNextTotalsUpdate(async (send) => {
      await send();
      throw new Error('socket hang up');
    });
    const body = aRevenue({ amountExclVat: '700.00' });
    expect((await record(caeId, id, body, { key: 'crash-2' })).status).toBe(500);
    const retry = await record(caeId, id, body, { key: 'crash-2' });
    expect(retry.status).toBe(201);
    const again = await record(caeId, id, body, { key: 'crash-2' });
    expect(again.body).toEqual(retry.body);
    expect((await accountOf(caeId, id, month(3))).revenue).toBe('700.00');
    expect(await ledgerOf(caeId, id, month(3))).toEqual([retry.body]);
  });

  it('refuses the retry with 409 month-closed when payroll closed the month meanwhile, and the closed figures never had it', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ date: day(3, 1), amountExclVat: '1000.00' }));
    interceptNextTotalsUpdate(async () => {
      throw new Error('socket hang up');
    });
    const body = aRevenue({ amountExclVat: '700.00' });
    expect((await record(caeId, id, body, { key: 'crash-3' })).status).toBe(500);
    await payMonth(caeId, month(3));
    expectProblem(await record(caeId, id, body, { key: 'crash-3' }), 409, 'body.date', 'month-closed');
    expect((await accountOf(caeId, id, month(3))).revenue).toBe('1000.00');
    expect(await ledgerOf(caeId, id, month(3))).toHaveLength(1);
  });
});

describe('what it costs', () => {
  /** Counts the DynamoDB requests `work` sends. */
  async function requestsOf(work: () => Promise<unknown>): Promise<number> {
    const original = db.send.bind(db);
    let count = 0;
    const spy = vi.spyOn(db, 'send').mockImplementation(((command: never) => {
      count += 1;
      return original(command);
    }) as never);
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return count;
  }

  it('records a transaction, Idempotency-Key included, in three DynamoDB requests', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue());
    expect(await requestsOf(() => recorded(caeId, id, aRevenue()))).toBe(3);
  });

  it('reads an account in one request when the month before is closed, and the same whatever the entries', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ date: day(2, 1) }));
    await payMonth(caeId, month(2));
    const few = await requestsOf(() => accountOf(caeId, id, month(3)));
    for (let i = 0; i < 30; i++) await recorded(caeId, id, aRevenue({ date: day(3, 1 + (i % 28)) }));
    expect([few, await requestsOf(() => accountOf(caeId, id, month(3)))]).toEqual([1, 1]);
  });

  it('reads an account in at most three requests when payroll has not run for months', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    for (const m of [1, 2, 3, 5]) await recorded(caeId, id, aRevenue({ date: day(m, 10) }));
    expect(await requestsOf(() => accountOf(caeId, id, month(6)))).toBeLessThanOrEqual(3);
  });
});

describe('the totals item', () => {
  it('keeps exact decimals: thirty times 0.10 add up to exactly 3, not to a float', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await Promise.all(Array.from({ length: 30 }, () => recorded(caeId, id, aRevenue({ amountExclVat: '0.10', vatRate: '0.055' }))));
    const item = await db.send(new GetCommand({ TableName: tableName, Key: { PK: `CAE#${caeId}#ENT#${id}`, SK: `MONTH#${month(3)}` } }));
    expect(item.Item?.revenue).toBe(3);
    expect(await accountOf(caeId, id, month(3))).toMatchObject({ revenue: '3.00', vatCollected: '0.30' });
  });
});
