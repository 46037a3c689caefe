/**
 * The monthly workflow end to end, on dynalite: the synthesized state machine run locally, each task by its
 * handler module. Payslips are checked against the salary rule itself (the payroll engine's figures are
 * checked against modele-social in test/reference).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as getAccount } from '../../functions/activity/getAccount.js';
import { handler as getPayrollRun } from '../../functions/payroll/getPayrollRun.js';
import { handler as getPayslip } from '../../functions/payroll/getPayslip.js';
import { handler as listPayslips } from '../../functions/payroll/listPayslips.js';
import { computePayslip } from '../../domain/payroll/index.js';
import { Dec } from '../../domain/money.js';
import { createLocalPayroll } from '../../infra/local/payrollRunner.js';
import { entrepreneurOf, event, invoke, staffOf } from '../support/events.js';
import { runAsOf } from '../support/clock.js';
import { newCae, newEmployee, newSupported, record, WORKFLOW_TODAY } from './fixtures.js';

runAsOf(WORKFLOW_TODAY);

const MONTH = '2025-03';
const payroll = createLocalPayroll();

async function payslipOf(caeId: string, id: string, month = MONTH) {
  return invoke(getPayslip, event('GET /caes/{caeId}/entrepreneurs/{id}/payslips/{month}', { caller: staffOf(caeId), pathParameters: { caeId, id, month } }));
}

async function accountOf(caeId: string, id: string, month = MONTH) {
  return (await invoke(getAccount, event('GET /caes/{caeId}/entrepreneurs/{id}/account', { caller: staffOf(caeId), pathParameters: { caeId, id }, query: { month } }))).body;
}

async function runOf(caeId: string, month = MONTH) {
  return invoke(getPayrollRun, event('GET /caes/{caeId}/payroll-runs/{month}', { caller: staffOf(caeId), pathParameters: { caeId, month } }));
}

describe('a CAE paid for a month', () => {
  let caeId: string;
  let rich: string;
  let short: string;
  let supported: string;

  beforeAll(async () => {
    caeId = await newCae();
    rich = await newEmployee(caeId, '1000.00');
    short = await newEmployee(caeId, '500.00');
    supported = await newSupported(caeId);
    // docs/domain.md's example: revenue 5,000.00 (+1,000.00 VAT), contribution 10% = 500.00, expenses 600.00 → 3,900.00.
    expect((await record(caeId, rich, 'revenue', '2025-03-10', '5000.00')).status).toBe(201);
    expect((await record(caeId, rich, 'expense', '2025-03-12', '600.00')).status).toBe(201);
    expect((await record(caeId, supported, 'revenue', '2025-03-05', '1000.00')).status).toBe(201);
    await payroll.runCae({ caeId, month: MONTH });
  }, 60_000);

  it('pays the largest gross whose employer cost fits the envelope', async () => {
    const { body: slip } = await payslipOf(caeId, rich);
    expect(slip.envelope).toBe('3900.00');
    const cost = new Dec(slip.employerCost);
    expect(cost.lessThanOrEqualTo('3900.00')).toBe(true);
    const oneCentMore = computePayslip({ date: '2025-03-01', gross: new Dec(slip.gross).plus('0.01'), settings: { headcount: 50 } });
    expect(oneCentMore.employerCost.greaterThan('3900.00')).toBe(true);
    expect(slip.fixedPart).toBe('1000.00');
    expect(new Dec(slip.variablePart).plus(slip.fixedPart).toFixed(2)).toBe(slip.gross);
    expect(slip.closingBalance).toBe(new Dec('3900.00').minus(cost).toFixed(2));
  });

  it('pays the fixed part when the envelope is short, flags it and lets the account go negative', async () => {
    const { body: slip } = await payslipOf(caeId, short);
    expect(slip.gross).toBe('500.00');
    expect(slip.flags.length).toBeGreaterThan(0);
    expect(slip.closingBalance).toBe(new Dec(0).minus(slip.employerCost).toFixed(2));
  });

  it('closes a supported entrepreneur’s account without a payslip', async () => {
    expect((await payslipOf(caeId, supported)).status).toBe(404);
    const account = await accountOf(caeId, supported);
    expect(account).toMatchObject({ revenue: '1000.00', contribution: '100.00', envelope: '900.00', employerCost: '0.00', closingBalance: '900.00', closed: true });
  });

  it('shows the employer cost in the closed account', async () => {
    const account = await accountOf(caeId, rich);
    const { body: slip } = await payslipOf(caeId, rich);
    expect(account).toMatchObject({ closed: true, envelope: '3900.00', employerCost: slip.employerCost, closingBalance: slip.closingBalance });
  });

  it('completes the run with totals that are the sums of its payslips and accounts', async () => {
    const { body: run } = await runOf(caeId);
    const slips = (await invoke(listPayslips, event('GET /caes/{caeId}/payroll-runs/{month}/payslips', { caller: staffOf(caeId), pathParameters: { caeId, month: MONTH } }))).body.items;
    expect(slips).toHaveLength(2);
    const total = (field: string) => slips.reduce((acc: Dec, s: Record<string, string>) => acc.plus(s[field] as string), new Dec(0)).toFixed(2);
    expect(run).toMatchObject({ status: 'completed', entrepreneurs: 3 });
    expect(run.totals).toEqual({ revenue: '6000.00', contribution: '600.00', gross: total('gross'), employerCost: total('employerCost'), net: total('net') });
  });

  it('refuses a transaction dated in the closed month (409) and changes nothing', async () => {
    const refused = await record(caeId, rich, 'revenue', '2025-03-20', '100.00');
    expect(refused.status).toBe(409);
    expect((await accountOf(caeId, rich)).revenue).toBe('5000.00');
  });

  it('changes nothing when the month runs again', async () => {
    const before = (await payslipOf(caeId, rich)).body;
    const runBefore = (await runOf(caeId)).body;
    await payroll.runCae({ caeId, month: MONTH });
    expect((await payslipOf(caeId, rich)).body).toEqual(before);
    expect((await runOf(caeId)).body).toEqual(runBefore);
  });

  it('lets an entrepreneur read their own payslip but not a colleague’s', async () => {
    const own = await invoke(getPayslip, event('GET /caes/{caeId}/entrepreneurs/{id}/payslips/{month}', { caller: entrepreneurOf(caeId, rich), pathParameters: { caeId, id: rich, month: MONTH } }));
    expect(own.status).toBe(200);
    const other = await invoke(getPayslip, event('GET /caes/{caeId}/entrepreneurs/{id}/payslips/{month}', { caller: entrepreneurOf(caeId, rich), pathParameters: { caeId, id: short, month: MONTH } }));
    expect(other.status).toBe(404);
  });

  it('carries the closing balance into the next month', async () => {
    const { body: slip } = await payslipOf(caeId, rich);
    expect((await accountOf(caeId, rich, '2025-04')).openingBalance).toBe(slip.closingBalance);
  });
});
