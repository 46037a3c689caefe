/**
 * PUT /caes/{caeId}/entrepreneurs/{id}/salary-request on dynalite: stored where the monthly workflow reads it
 * (keys.salaryRequest, field maxGross), the last request wins, a closed month is final (409 month-closed), and
 * only the entrepreneur themselves or staff/admin may ask.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../../functions/shared/dynamo.js';
import * as keys from '../../../functions/shared/keys.js';
import { markCaeMonthClosed } from '../../../functions/shared/repositories/accounts.js';
import { admin, entrepreneurOf, funderOf, staffOf } from '../../support/events.js';
import { expectProblem, newCae, newEntrepreneur, putRequest } from './fixtures.js';

/** The item the workflow reads (functions/payroll/workflow/payBatch.ts), or undefined. */
async function stored(caeId: string, id: string, month: string): Promise<Record<string, unknown> | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.salaryRequest(caeId, id, month) }));
  return out.Item;
}

const NO_ONE = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('a salary request', () => {
  it('is stored under the workflow key with month and maxGross, and echoed', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    const reply = await putRequest(caeId, id, { month: '2026-04', maxGross: '2100.00' }, entrepreneurOf(caeId, id));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ entrepreneurId: id, month: '2026-04', maxGross: '2100.00' });
    expect(await stored(caeId, id, '2026-04')).toMatchObject({ month: '2026-04', maxGross: '2100.00' });
  });

  it('is one per month: another month is another item', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    await putRequest(caeId, id, { month: '2026-04', maxGross: '2100.00' });
    await putRequest(caeId, id, { month: '2026-05', maxGross: '1500.00' });
    expect(await stored(caeId, id, '2026-04')).toMatchObject({ maxGross: '2100.00' });
    expect(await stored(caeId, id, '2026-05')).toMatchObject({ maxGross: '1500.00' });
  });

  it('is replaced by a later request for the same month (the last one wins)', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    await putRequest(caeId, id, { month: '2026-04', maxGross: '2100.00' }, entrepreneurOf(caeId, id));
    await putRequest(caeId, id, { month: '2026-04', maxGross: '1800.50' }, entrepreneurOf(caeId, id));
    expect(await stored(caeId, id, '2026-04')).toMatchObject({ month: '2026-04', maxGross: '1800.50' });
  });

  it('may ask for 0.00 (no more than the fixed part)', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    expect((await putRequest(caeId, id, { month: '2026-04', maxGross: '0.00' })).status).toBe(200);
    expect(await stored(caeId, id, '2026-04')).toMatchObject({ maxGross: '0.00' });
  });

  it('may be made by staff and by the federation admin for the entrepreneur', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    expect((await putRequest(caeId, id, { month: '2026-04', maxGross: '2000.00' }, staffOf(caeId))).status).toBe(200);
    expect((await putRequest(caeId, id, { month: '2026-05', maxGross: '2000.00' }, admin)).status).toBe(200);
  });
});

describe('a month closed by payroll', () => {
  it('refuses a request for the last closed month with 409 month-closed naming body.month, and stores nothing', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    await markCaeMonthClosed(caeId, '2026-03');
    expectProblem(await putRequest(caeId, id, { month: '2026-03', maxGross: '2000.00' }), 409, 'body.month', 'month-closed');
    expect(await stored(caeId, id, '2026-03')).toBeUndefined();
  });

  it('refuses a month before it too', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    await markCaeMonthClosed(caeId, '2026-03');
    expectProblem(await putRequest(caeId, id, { month: '2025-11', maxGross: '2000.00' }, entrepreneurOf(caeId, id)), 409, 'body.month', 'month-closed');
    expect(await stored(caeId, id, '2025-11')).toBeUndefined();
  });

  it('leaves a request already made for that month as it was', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    await putRequest(caeId, id, { month: '2026-03', maxGross: '2000.00' });
    await markCaeMonthClosed(caeId, '2026-03');
    expectProblem(await putRequest(caeId, id, { month: '2026-03', maxGross: '9000.00' }), 409);
    expect(await stored(caeId, id, '2026-03')).toMatchObject({ maxGross: '2000.00' });
  });

  it('accepts the next month', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    await markCaeMonthClosed(caeId, '2026-03');
    expect((await putRequest(caeId, id, { month: '2026-04', maxGross: '2000.00' })).status).toBe(200);
  });
});

describe('who may ask', () => {
  it("answers 404 to an entrepreneur asking for another entrepreneur's salary, and stores nothing", async () => {
    const caeId = await newCae();
    const me = await newEntrepreneur(caeId);
    const colleague = await newEntrepreneur(caeId);
    expectProblem(await putRequest(caeId, colleague, { month: '2026-04', maxGross: '2000.00' }, entrepreneurOf(caeId, me)), 404);
    expect(await stored(caeId, colleague, '2026-04')).toBeUndefined();
  });

  it('answers 404 for an entrepreneur who does not exist in the CAE, and stores nothing', async () => {
    const caeId = await newCae();
    expectProblem(await putRequest(caeId, NO_ONE, { month: '2026-04', maxGross: '2000.00' }), 404);
    expect(await stored(caeId, NO_ONE, '2026-04')).toBeUndefined();
  });

  it("answers 404 for an entrepreneur of another CAE named under this CAE's path", async () => {
    const caeId = await newCae();
    const otherId = await newCae();
    const theirs = await newEntrepreneur(otherId);
    expectProblem(await putRequest(caeId, theirs, { month: '2026-04', maxGross: '2000.00' }), 404);
    expect(await stored(caeId, theirs, '2026-04')).toBeUndefined();
  });

  it('answers 404 to the staff of another CAE, and stores nothing', async () => {
    const caeId = await newCae();
    const otherId = await newCae();
    const theirs = await newEntrepreneur(otherId);
    expectProblem(await putRequest(otherId, theirs, { month: '2026-04', maxGross: '2000.00' }, staffOf(caeId)), 404);
    expect(await stored(otherId, theirs, '2026-04')).toBeUndefined();
  });

  it('forbids a funder (403)', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    expectProblem(await putRequest(caeId, id, { month: '2026-04', maxGross: '2000.00' }, funderOf('departement:69')), 403);
  });
});

describe('bad salary requests: 400 naming the field, nothing stored', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['maxGross as a JSON number', { month: '2026-04', maxGross: 2000 }, 'body.maxGross'],
    ['a negative maxGross', { month: '2026-04', maxGross: '-1.00' }, 'body.maxGross'],
    ['an absurd maxGross', { month: '2026-04', maxGross: '1000000.01' }, 'body.maxGross'],
    ['maxGross without two decimals', { month: '2026-04', maxGross: '2000' }, 'body.maxGross'],
    ['no maxGross', { month: '2026-04' }, 'body.maxGross'],
    ['a month that does not exist', { month: '2026-13', maxGross: '2000.00' }, 'body.month'],
    ['a date instead of a month', { month: '2026-04-01', maxGross: '2000.00' }, 'body.month'],
    ['an unknown field', { month: '2026-04', maxGross: '2000.00', minGross: '1000.00' }, 'body.minGross'],
  ];

  it.each(cases)('refuses %s', async (_, body, field) => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    expectProblem(await putRequest(caeId, id, body, entrepreneurOf(caeId, id)), 400, field, 'validation-failed');
    expect(await stored(caeId, id, '2026-04')).toBeUndefined();
  });

  it('refuses an entrepreneur id that is not an id (400 naming path.id)', async () => {
    const caeId = await newCae();
    expectProblem(await putRequest(caeId, 'not-an-id', { month: '2026-04', maxGross: '2000.00' }), 400, 'path.id');
  });
});
