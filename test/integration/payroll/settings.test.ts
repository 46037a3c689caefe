/**
 * PUT /caes/{caeId}/payroll-settings on dynalite: stored on the CAE item, shown with the defaults (the AT/MP
 * rate, which depends on the date, as null), staff and admins only; every bad input a 400 naming the field
 * that changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { getCae } from '../../../functions/shared/repositories/caes.js';
import { admin, entrepreneurOf, funderOf, staffOf } from '../../support/events.js';
import { expectProblem, newCae, newEntrepreneur, putSettings } from './fixtures.js';

const FULL = { headcount: 20, atMpRate: '0.031', healthInsurance: { monthlyAmount: '60.00', employerShare: '0.75' }, mobilityRate: '0.0295' };

describe('setting the payroll settings', () => {
  it('shows the defaults of docs/api.md for what was not set, the AT/MP rate of the date as null', async () => {
    const caeId = await newCae();
    const reply = await putSettings(caeId, { headcount: 12 });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      caeId,
      headcount: 12,
      atMpRate: null,
      healthInsurance: { monthlyAmount: '40.00', employerShare: '0.50' },
      mobilityRate: '0',
    });
  });

  it('stores them on the CAE item, only what was given', async () => {
    const caeId = await newCae();
    await putSettings(caeId, { headcount: 12 });
    expect((await getCae(caeId)).payrollSettings).toEqual({ headcount: 12 });
  });

  it('stores and shows every field given', async () => {
    const caeId = await newCae();
    const reply = await putSettings(caeId, FULL);
    expect(reply.body).toEqual({ caeId, ...FULL });
    expect((await getCae(caeId)).payrollSettings).toEqual(FULL);
  });

  it('replaces the settings as a whole: a field left out goes back to its default', async () => {
    const caeId = await newCae();
    await putSettings(caeId, FULL);
    const reply = await putSettings(caeId, { headcount: 9 });
    expect(reply.body).toMatchObject({ headcount: 9, atMpRate: null, mobilityRate: '0' });
    expect((await getCae(caeId)).payrollSettings).toEqual({ headcount: 9 });
  });

  it('takes the largest headcount, 100000', async () => {
    const caeId = await newCae();
    expect((await putSettings(caeId, { headcount: 100000 })).status).toBe(200);
  });

  it('serialises concurrent changes: every one succeeds and the last stored is one of them, whole', async () => {
    const caeId = await newCae();
    const before = (await getCae(caeId)).version;
    const replies = await Promise.all([1, 2, 3, 4].map((n) => putSettings(caeId, { headcount: n * 10, atMpRate: `0.0${n}` })));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const after = await getCae(caeId);
    expect(after.version).toBe(before + 4);
    const n = (after.payrollSettings?.headcount ?? 0) / 10;
    expect(after.payrollSettings).toEqual({ headcount: n * 10, atMpRate: `0.0${n}` });
  });
});

describe('who may set the payroll settings', () => {
  it('lets the federation admin set them', async () => {
    const caeId = await newCae();
    expect((await putSettings(caeId, { headcount: 30 }, admin)).status).toBe(200);
  });

  it('forbids an entrepreneur of the CAE (403), and stores nothing', async () => {
    const caeId = await newCae();
    const id = await newEntrepreneur(caeId);
    expectProblem(await putSettings(caeId, { headcount: 3 }, entrepreneurOf(caeId, id)), 403);
    expect((await getCae(caeId)).payrollSettings).toBeUndefined();
  });

  it('forbids a funder (403)', async () => {
    const caeId = await newCae();
    expectProblem(await putSettings(caeId, { headcount: 3 }, funderOf('departement:69')), 403);
  });

  it("answers 404 to the staff of another CAE, and changes nothing there", async () => {
    const caeId = await newCae();
    const otherId = await newCae();
    expectProblem(await putSettings(otherId, { headcount: 3 }, staffOf(caeId)), 404);
    expect((await getCae(otherId)).payrollSettings).toBeUndefined();
  });

  it('answers 404 for a CAE that does not exist', async () => {
    expectProblem(await putSettings('01ARZ3NDEKTSV4RRFFQ69G5FAV', { headcount: 3 }, admin), 404);
  });
});

describe('bad payroll settings: 400 naming the field, nothing changed', () => {
  const cases: [string, unknown, string][] = [
    ['headcount 0', { headcount: 0 }, 'body.headcount'],
    ['a negative headcount', { headcount: -3 }, 'body.headcount'],
    ['a fractional headcount', { headcount: 12.5 }, 'body.headcount'],
    ['a headcount as a string', { headcount: '50' }, 'body.headcount'],
    ['an absurd headcount', { headcount: 100001 }, 'body.headcount'],
    ['no headcount', { atMpRate: '0.02' }, 'body.headcount'],
    ['an AT/MP rate as a number', { headcount: 5, atMpRate: 0.02 }, 'body.atMpRate'],
    ['an AT/MP rate above 0.5', { headcount: 5, atMpRate: '0.6' }, 'body.atMpRate'],
    ['a negative AT/MP rate', { headcount: 5, atMpRate: '-0.01' }, 'body.atMpRate'],
    ['a percentage for the AT/MP rate', { headcount: 5, atMpRate: '2.12' }, 'body.atMpRate'],
    ['a mobility rate above 0.1', { headcount: 5, mobilityRate: '0.2' }, 'body.mobilityRate'],
    ['a health premium without two decimals', { headcount: 5, healthInsurance: { monthlyAmount: '40', employerShare: '0.5' } }, 'body.healthInsurance.monthlyAmount'],
    ['a health premium as a number', { headcount: 5, healthInsurance: { monthlyAmount: 40, employerShare: '0.5' } }, 'body.healthInsurance.monthlyAmount'],
    ['a negative health premium', { headcount: 5, healthInsurance: { monthlyAmount: '-40.00', employerShare: '0.5' } }, 'body.healthInsurance.monthlyAmount'],
    ['an absurd health premium', { headcount: 5, healthInsurance: { monthlyAmount: '1000000.01', employerShare: '0.5' } }, 'body.healthInsurance.monthlyAmount'],
    ['an employer share above 1', { headcount: 5, healthInsurance: { monthlyAmount: '40.00', employerShare: '1.5' } }, 'body.healthInsurance.employerShare'],
    ['a health insurance without its share', { headcount: 5, healthInsurance: { monthlyAmount: '40.00' } }, 'body.healthInsurance.employerShare'],
    ['an unknown field', { headcount: 5, employees: 5 }, 'body.employees'],
  ];

  it.each(cases)('refuses %s', async (_, body, field) => {
    const caeId = await newCae();
    await putSettings(caeId, FULL);
    const before = await getCae(caeId);
    expectProblem(await putSettings(caeId, body), 400, field, 'validation-failed');
    expect(await getCae(caeId)).toEqual(before);
  });

  it('refuses a body that is not JSON', async () => {
    const caeId = await newCae();
    const { invoke, event } = await import('../../support/events.js');
    const { handler } = await import('../../../functions/payroll/putPayrollSettings.js');
    const reply = await invoke(handler, event('PUT /caes/{caeId}/payroll-settings', { caller: staffOf(caeId), pathParameters: { caeId }, rawBody: '{"headcount": ' }));
    expectProblem(reply, 400, undefined, 'malformed-json');
    expect((await getCae(caeId)).payrollSettings).toBeUndefined();
  });
});
