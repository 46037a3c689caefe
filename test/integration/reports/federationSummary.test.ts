import { describe, expect, it } from 'vitest';
import { handler as getSummary } from '../../../functions/federation/getSummary.js';
import { admin, event, funderOf, invoke, type TestCaller } from '../../support/events.js';
import { aggregate, aMonthResult, newCae, newPerson, putResult, putRun, sign } from './fixtures.js';

const MONTH = '2014-09';

function summary(query: Record<string, string>, caller: TestCaller = admin) {
  return invoke(getSummary, event('GET /federation/summary', { caller, query }));
}

/** Walks the pages until the CAE's row (CAEs of every test file share the table). */
async function rowOf(caeId: string) {
  let cursor: string | undefined;
  do {
    const reply = await summary({ month: MONTH, limit: '200', ...(cursor ? { cursor } : {}) });
    expect(reply.status).toBe(200);
    const row = reply.body.items.find((r: { caeId: string }) => r.caeId === caeId);
    if (row) return row;
    cursor = reply.body.nextCursor ?? undefined;
  } while (cursor);
  throw new Error(`no row for ${caeId}`);
}

describe('GET /federation/summary', () => {
  it("gives a closed month's people by status, revenue, contributions, gross salaries and run status", async () => {
    const caeId = await newCae({ name: 'CAE résumé' });
    const employee = await newPerson(caeId, '35238', '2014-01-06');
    await sign.convention(caeId, employee.id, '2014-01-06', '2014-06-30');
    await sign.contract(caeId, employee.id, '2014-07-01');
    await newPerson(caeId, '35238', '2014-09-10');
    await putResult(aMonthResult(caeId, employee.id, MONTH, '35238', { revenue: '4000.00', contribution: '400.00', payslip: { gross: '2000.00', employerContributions: '300.00', employeeContributions: '440.00' } }));
    await putRun({
      caeId,
      month: MONTH,
      status: 'completed',
      monthsClosedInPassing: [],
      entrepreneurs: 1,
      totals: { revenue: '4000.00', contribution: '400.00', gross: '2000.00', employerCost: '2300.00', net: '1560.00' },
      startedAt: '2014-10-01T04:00:00.000Z',
      completedAt: '2014-10-01T04:01:00.000Z',
    });
    await aggregate(caeId, MONTH);
    expect(await rowOf(caeId)).toEqual({
      caeId,
      name: 'CAE résumé',
      entrepreneurs: { candidate: 1, supported: 0, employee: 1, associate: 0, exited: 0 },
      revenue: '4000.00',
      contributions: '400.00',
      grossSalaries: '2000.00',
      // the employee, accompanied since January (8 full months: 1 interview owed), had none
      accompaniment: { asOf: '2014-09-30', people: 1, compliant: 0, share: '0.0000' },
      payrollRun: { status: 'completed' },
    });
  });

  it('gives no figures for a month the payroll has not closed', async () => {
    const caeId = await newCae();
    expect(await rowOf(caeId)).toMatchObject({ entrepreneurs: null, revenue: null, payrollRun: { status: 'not_started' } });
  });

  it('is for federation admins only', async () => {
    expect((await summary({ month: MONTH }, funderOf('france'))).status).toBe(403);
  });

  it('refuses a malformed month, naming it', async () => {
    const reply = await summary({ month: '2014-9' });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('query.month');
  });
});
