/**
 * A person's error is that person's: when payroll refuses one entrepreneur's stored data (here a salary
 * request above payroll's bound, as the API accepted before the bounds were shared), the run completes for the
 * others and lists that person as unpaid with the reason; staff see it on the run and in the federation summary;
 * after the fix, running the month again pays them, exactly once, and touches nobody else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as getSummary } from '../../functions/federation/getSummary.js';
import { handler as getPayrollRun } from '../../functions/payroll/getPayrollRun.js';
import { handler as getPayslip } from '../../functions/payroll/getPayslip.js';
import { handler as putSalaryRequest } from '../../functions/payroll/putSalaryRequest.js';
import { db } from '../../functions/shared/dynamo.js';
import { putSalaryRequest as storeSalaryRequest } from '../../functions/shared/repositories/salaryRequests.js';
import { createLocalPayroll } from '../../infra/local/payrollRunner.js';
import { admin, event, invoke, staffOf } from '../support/events.js';
import { newCae, newEmployee, record } from './fixtures.js';

const MONTH = '2025-03';
const NEXT = '2025-04';
const payroll = createLocalPayroll();

const runOf = async (caeId: string, month = MONTH) =>
  (await invoke(getPayrollRun, event('GET /caes/{caeId}/payroll-runs/{month}', { caller: staffOf(caeId), pathParameters: { caeId, month } }))).body;
const payslipOf = (caeId: string, id: string, month = MONTH) =>
  invoke(getPayslip, event('GET /caes/{caeId}/entrepreneurs/{id}/payslips/{month}', { caller: staffOf(caeId), pathParameters: { caeId, id, month } }));
const askFor = (caeId: string, id: string, month: string, maxGross: string) =>
  invoke(putSalaryRequest, event('PUT /caes/{caeId}/entrepreneurs/{id}/salary-request', { caller: staffOf(caeId), pathParameters: { caeId, id }, body: { month, maxGross } }));

async function summaryRowOf(caeId: string, month = MONTH) {
  let cursor: string | undefined;
  do {
    const reply = await invoke(getSummary, event('GET /federation/summary', { caller: admin, query: { month, limit: '200', ...(cursor ? { cursor } : {}) } }));
    const row = reply.body.items.find((r: { caeId: string }) => r.caeId === caeId);
    if (row) return row;
    cursor = reply.body.nextCursor ?? undefined;
  } while (cursor);
  throw new Error(`no row for ${caeId}`);
}

/** Counts the closed months written while `work` runs. */
async function closedMonthsWrittenBy(work: () => Promise<unknown>): Promise<number> {
  let puts = 0;
  const name = 'countClosedMonths';
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const sk = (args.input as { Item?: { SK?: unknown } }).Item?.SK;
      if ((context.commandName === 'PutCommand' || context.commandName === 'PutItemCommand') && String(sk ?? '').startsWith('ACCOUNT#')) puts += 1;
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await work();
  } finally {
    db.middlewareStack.remove(name);
  }
  return puts;
}

describe('an entrepreneur payroll cannot pay', () => {
  let caeId: string;
  let paid: string[];
  let refused: string;

  beforeAll(async () => {
    caeId = await newCae();
    paid = [await newEmployee(caeId, '800.00'), await newEmployee(caeId, '900.00')];
    refused = await newEmployee(caeId, '800.00');
    for (const id of [...paid, refused]) expect((await record(caeId, id, 'revenue', '2025-03-03', '4000.00')).status).toBe(201);
    // Stored as the API used to accept it; payroll refuses a requested gross above 1,000,000.00.
    await storeSalaryRequest({ caeId, entrepreneurId: refused, month: MONTH, maxGross: '1000000.01', requestedAt: '2025-03-01T00:00:00.000Z', requestedBy: 'legacy' });
    await payroll.runCae({ caeId, month: MONTH });
  }, 120_000);

  it('does not stop the run: the others are paid and the run completes, listing who was not and why', async () => {
    const run = await runOf(caeId);
    expect(run.status).toBe('completed');
    expect(run.unpaid).toEqual([{ entrepreneurId: refused, reason: expect.stringMatching(/requestedMaxGross.*1000000\.00/) }]);
    expect(run.entrepreneurs).toBe(2);
    for (const id of paid) expect((await payslipOf(caeId, id)).status).toBe(200);
    expect((await payslipOf(caeId, refused)).status).toBe(404);
  });

  it('shows the unpaid count in the federation summary', async () => {
    expect((await summaryRowOf(caeId)).payrollRun).toEqual({ status: 'completed', unpaid: 1 });
  });

  it('keeps them waiting in the next month, which pays everyone else', async () => {
    await payroll.runCae({ caeId, month: NEXT });
    const next = await runOf(caeId, NEXT);
    expect(next.status).toBe('completed');
    expect(next.unpaid).toEqual([{ entrepreneurId: refused, reason: expect.stringContaining(MONTH) }]);
    for (const id of paid) expect((await payslipOf(caeId, id, NEXT)).status).toBe(200);
  }, 60_000);

  it('pays them exactly once when the month runs again after the fix, and writes nothing for the others', async () => {
    // The month is closed, but not for whom it could not pay: their request may still be corrected.
    expect((await askFor(caeId, paid[0] as string, MONTH, '2000.00')).status).toBe(409);
    expect((await askFor(caeId, refused, MONTH, '2000.00')).status).toBe(200);
    expect(await closedMonthsWrittenBy(() => payroll.runCae({ caeId, month: MONTH }))).toBe(1);
    const run = await runOf(caeId);
    expect(run).toMatchObject({ status: 'completed', unpaid: [], entrepreneurs: 3 });
    expect((await payslipOf(caeId, refused)).body.gross).toBe('2000.00');
    expect((await summaryRowOf(caeId)).payrollRun).toEqual({ status: 'completed' });
    // The month after it, run again, now pays them too, from the closing balance just written.
    expect(await closedMonthsWrittenBy(() => payroll.runCae({ caeId, month: NEXT }))).toBe(1);
    expect(await runOf(caeId, NEXT)).toMatchObject({ status: 'completed', unpaid: [], entrepreneurs: 3 });
    const march = (await payslipOf(caeId, refused)).body;
    expect((await payslipOf(caeId, refused, NEXT)).body.envelope).toBe(march.closingBalance);
    // Once more: nothing left to write.
    expect(await closedMonthsWrittenBy(() => payroll.runCae({ caeId, month: MONTH }))).toBe(0);
  }, 120_000);
});
