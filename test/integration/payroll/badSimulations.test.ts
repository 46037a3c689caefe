/**
 * Bad simulations (issue 4 "Bad input") and who may simulate: every refusal is a 4xx problem naming the field;
 * a date outside the rate tables is a 422 naming the date and the covered periods, never a fallback.
 */
import { describe, expect, it } from 'vitest';
import { coveredPeriods } from '../../../domain/payroll/index.js';
import { getCae } from '../../../functions/shared/repositories/caes.js';
import { admin, entrepreneurOf, funderOf, staffOf } from '../../support/events.js';
import { expectProblem, newCae, newEntrepreneur, simulate } from './fixtures.js';

const OK = { date: '2026-03-15', basis: 'gross', amount: '2500.00' };

describe('bad simulations: 400 naming the field', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['an amount as a JSON number', { amount: 2500 }, 'body.amount'],
    ['a negative amount', { amount: '-1.00' }, 'body.amount'],
    ['an absurd amount', { amount: '1000000.01' }, 'body.amount'],
    ['a huge amount', { amount: '99999999999.00' }, 'body.amount'],
    ['an amount without two decimals', { amount: '2500' }, 'body.amount'],
    ['an amount with three decimals', { amount: '2500.001' }, 'body.amount'],
    ['an amount that is not a number', { amount: 'lots' }, 'body.amount'],
    ['no amount', { amount: undefined }, 'body.amount'],
    ['weekly hours of 0', { weeklyHours: '0' }, 'body.weeklyHours'],
    ['negative weekly hours', { weeklyHours: '-17.5' }, 'body.weeklyHours'],
    ['weekly hours above 35', { weeklyHours: '35.5' }, 'body.weeklyHours'],
    ['absurd weekly hours', { weeklyHours: '168' }, 'body.weeklyHours'],
    ['weekly hours that are not a number', { weeklyHours: 'half' }, 'body.weeklyHours'],
    ['weekly hours as a JSON number', { weeklyHours: 35 }, 'body.weeklyHours'],
    ['a date that does not exist', { date: '2026-02-30' }, 'body.date'],
    ['a date in another format', { date: '15/03/2026' }, 'body.date'],
    ['an unknown basis', { basis: 'hourly' }, 'body.basis'],
    ['an unknown field', { currency: 'EUR' }, 'body.currency'],
  ];

  it.each(cases)('refuses %s', async (_, change, field) => {
    const caeId = await newCae();
    expectProblem(await simulate(caeId, { ...OK, ...change }), 400, field, 'validation-failed');
  });

  it.each(['gross', 'employerCost', 'net'])('refuses a negative amount in basis %s', async (basis) => {
    const caeId = await newCae();
    expectProblem(await simulate(caeId, { ...OK, basis, amount: '-2500.00' }), 400, 'body.amount');
  });

  it('refuses a net that needs a gross above 1,000,000.00, naming body.amount', async () => {
    const caeId = await newCae();
    expectProblem(await simulate(caeId, { ...OK, basis: 'net', amount: '999999.00' }), 400, 'body.amount', 'validation-failed');
  });

  it('accepts weekly hours in (0, 35]: "0.5", "17.5", "35"', async () => {
    const caeId = await newCae();
    for (const weeklyHours of ['0.5', '17.5', '35']) {
      expect((await simulate(caeId, { ...OK, weeklyHours })).status).toBe(200);
    }
  });

  it('stores nothing: the CAE is the same after a simulation', async () => {
    const caeId = await newCae();
    const before = await getCae(caeId);
    expect((await simulate(caeId, OK)).status).toBe(200);
    expect(await getCae(caeId)).toEqual(before);
  });
});

describe('dates outside the rate tables: 422 no-rates-for-date', () => {
  const periods = coveredPeriods();
  const first = periods[0]?.from as string;
  const last = periods[periods.length - 1]?.to as string;

  it.each([
    ['before the first table', '2024-12-31'],
    ['after the last table', '2027-01-01'],
    ['long ago', '1999-06-15'],
  ])('refuses a date %s, naming the date and the covered periods', async (_, date) => {
    const caeId = await newCae();
    const reply = await simulate(caeId, { ...OK, date });
    expectProblem(reply, 422, 'body.date', 'no-rates-for-date');
    expect(reply.body.detail).toContain(date);
    expect(reply.body.detail).toContain(first);
    expect(reply.body.detail).toContain(last);
  });

  it.each(['gross', 'employerCost', 'net'])('refuses it in basis %s too', async (basis) => {
    const caeId = await newCae();
    expectProblem(await simulate(caeId, { ...OK, basis, date: '2027-03-01' }), 422, 'body.date', 'no-rates-for-date');
  });

  it('accepts the first and the last day covered', async () => {
    const caeId = await newCae();
    expect((await simulate(caeId, { ...OK, date: first })).status).toBe(200);
    expect((await simulate(caeId, { ...OK, date: last })).status).toBe(200);
  });
});

describe('who may simulate', () => {
  it('lets an entrepreneur of the CAE simulate', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    const reply = await simulate(caeId, OK, entrepreneurOf(caeId, id));
    expect(reply.status).toBe(200);
    expect(reply.body.gross).toBe('2500.00');
  });

  it('lets the federation admin simulate for any CAE', async () => {
    const caeId = await newCae();
    expect((await simulate(caeId, OK, admin)).status).toBe(200);
  });

  it('answers 404 to an entrepreneur of another CAE', async () => {
    const caeId = await newCae();
    const otherId = await newCae();
    const id = await newEntrepreneur(caeId);
    expectProblem(await simulate(otherId, OK, entrepreneurOf(caeId, id)), 404);
  });

  it('answers 404 to the staff of another CAE', async () => {
    const caeId = await newCae();
    const otherId = await newCae();
    expectProblem(await simulate(otherId, OK, staffOf(caeId)), 404);
  });

  it('answers 404 for a CAE that does not exist', async () => {
    expectProblem(await simulate('01ARZ3NDEKTSV4RRFFQ69G5FAV', OK, admin), 404);
  });

  it('forbids a funder (403)', async () => {
    const caeId = await newCae();
    expectProblem(await simulate(caeId, OK, funderOf('departement:69')), 403);
  });

  it('answers 401 without a token', async () => {
    const caeId = await newCae();
    const { invoke, event } = await import('../../support/events.js');
    const { handler } = await import('../../../functions/payroll/simulateSalary.js');
    expectProblem(await invoke(handler, event('POST /caes/{caeId}/payroll/simulations', { pathParameters: { caeId }, body: OK })), 401);
  });
});
