/** POST …/unemployment-benefit/simulations: the Unédic rule over HTTP, for oneself or (staff) anyone of the CAE. */
import { describe, expect, it } from 'vitest';
import { entrepreneurOf, funderOf, staffOf } from '../../support/events.js';
import { expectProblem, newCae, newEmployee } from '../activity/fixtures.js';
import { benefit } from './fixtures.js';

const example = { month: '2025-06', dailyAllowance: '40.00', referenceDailyWage: '70.00', grossSalary: '800.00' };

describe('the unemployment-benefit simulation', () => {
  it('gives the worked example: 16 days, 640.00, under the cap', async () => {
    const caeId = await newCae();
    const reply = await benefit(caeId, example);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toEqual({
      month: '2025-06',
      daysInMonth: 30,
      monthlyBenefit: '1200.00',
      daysPaid: 16,
      benefitPaid: '640.00',
      cap: '2129.40',
      capApplied: false,
      remainingDaysAfter: null,
      totalIncome: '1440.00',
    });
  });

  it('carries the unpaid days over: the entitlement left after the month', async () => {
    const caeId = await newCae();
    const reply = await benefit(caeId, { ...example, remainingDays: 200 });
    expect(reply.body).toMatchObject({ daysPaid: 16, remainingDaysAfter: 184 });
  });

  it('lets an entrepreneur simulate for themselves, not for a colleague (404), nor another CAE’s staff (404)', async () => {
    const caeId = await newCae();
    const [me, colleague] = [await newEmployee(caeId), await newEmployee(caeId)];
    expect((await benefit(caeId, example, entrepreneurOf(caeId, me))).status).toBe(200);
    expect((await benefit(caeId, { ...example, entrepreneurId: me }, entrepreneurOf(caeId, me))).status).toBe(200);
    expectProblem(await benefit(caeId, { ...example, entrepreneurId: colleague }, entrepreneurOf(caeId, me)), 404);
    expect((await benefit(caeId, { ...example, entrepreneurId: colleague })).status).toBe(200);
    expectProblem(await benefit(caeId, example, staffOf(await newCae())), 404);
    expectProblem(await benefit(caeId, { ...example, entrepreneurId: await newEmployee(await newCae()) }), 404);
    expectProblem(await benefit(caeId, example, funderOf('france')), 403);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const caeId = await newCae();
    expectProblem(await benefit(caeId, { ...example, dailyAllowance: 40 }), 400, 'body.dailyAllowance');
    expectProblem(await benefit(caeId, { ...example, dailyAllowance: '0.00' }), 400, 'body.dailyAllowance');
    expectProblem(await benefit(caeId, { ...example, dailyAllowance: '5000.00' }), 400, 'body.dailyAllowance');
    expectProblem(await benefit(caeId, { ...example, referenceDailyWage: '-70.00' }), 400, 'body.referenceDailyWage');
    expectProblem(await benefit(caeId, { ...example, grossSalary: '800' }), 400, 'body.grossSalary');
    expectProblem(await benefit(caeId, { ...example, month: '2025-13' }), 400, 'body.month');
    expectProblem(await benefit(caeId, { ...example, remainingDays: -1 }), 400, 'body.remainingDays');
    expectProblem(await benefit(caeId, { ...example, remainingDays: 1.5 }), 400, 'body.remainingDays');
    expectProblem(await benefit(caeId, { ...example, entrepreneurId: 'x' }), 400, 'body.entrepreneurId');
  });
});
