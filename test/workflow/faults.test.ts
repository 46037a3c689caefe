/**
 * Exactly once: a run that dies part-way (the N-th write of a closed month fails, a fault no emulator
 * produces, injected with an SDK middleware) and is run again ends with each payslip written once and totals
 * equal to those of a clean run on the same data. A failed run says why; when recording the failure fails too,
 * the execution's end still marks it (the rule on ended executions), and when even that fails, the run left
 * "running" is resumed by the monthly schedule before it pays the next month.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { handler as getPayrollRun } from '../../functions/payroll/getPayrollRun.js';
import { handler as listPayslips } from '../../functions/payroll/listPayslips.js';
import { db, tableName } from '../../functions/shared/dynamo.js';
import { createLocalPayroll } from '../../infra/local/payrollRunner.js';
import { event, invoke, staffOf } from '../support/events.js';
import { runAsOf } from '../support/clock.js';
import { newCae, newEmployee, record, WORKFLOW_TODAY } from './fixtures.js';

runAsOf(WORKFLOW_TODAY);

const MONTH = '2025-03';
const NEXT = '2025-04';
const payroll = createLocalPayroll();
const FAULT = 'faultInjection';

const isPut = (name: string | undefined) => name === 'PutCommand' || name === 'PutItemCommand';

/** The item's sort key, whether the document client has marshalled it yet or not. */
function sortKeyOf(input: unknown): string {
  const sk = (input as { Item?: { SK?: string | { S?: string } } }).Item?.SK;
  return typeof sk === 'string' ? sk : (sk?.S ?? '');
}

/** Makes the n-th put of a closed month (ACCOUNT# item) fail, once. */
function failNthClosedMonthWrite(n: number) {
  let seen = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (isPut(context.commandName) && sortKeyOf(args.input).startsWith('ACCOUNT#')) {
        seen += 1;
        if (seen === n) throw Object.assign(new Error('injected write failure'), { name: 'InjectedFault' });
      }
      return next(args);
    },
    { step: 'initialize', name: FAULT },
  );
}

const MARK_FAULT = 'markFailedFaultInjection';

/** Makes the updates that mark a run failed (`status = :failed`) fail: `times` times, or always. */
function failMarkingRunsFailed(times = Number.POSITIVE_INFINITY) {
  let seen = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const values = (args.input as { ExpressionAttributeValues?: Record<string, unknown> }).ExpressionAttributeValues;
      const marksFailed = values?.[':failed'] === 'failed' || (values?.[':failed'] as { S?: string } | undefined)?.S === 'failed';
      if (context.commandName?.startsWith('Update') && marksFailed && seen < times) {
        seen += 1;
        throw Object.assign(new Error('injected failure marking the run'), { name: 'InjectedMarkFault' });
      }
      return next(args);
    },
    { step: 'initialize', name: MARK_FAULT },
  );
}

afterEach(() => {
  db.middlewareStack.remove(FAULT);
  db.middlewareStack.remove(MARK_FAULT);
});

async function caeWithActivity() {
  const caeId = await newCae();
  const amounts = ['3000.00', '4500.00', '2500.00', '6000.00'];
  for (const amount of amounts) {
    const id = await newEmployee(caeId, '800.00');
    expect((await record(caeId, id, 'revenue', '2025-03-03', amount)).status).toBe(201);
    expect((await record(caeId, id, 'expense', '2025-03-04', '250.00')).status).toBe(201);
  }
  return caeId;
}

async function storedClosedMonths(caeId: string): Promise<number> {
  const out = await db.send(
    new QueryCommand({ TableName: tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': `CAE#${caeId}#RUN#${MONTH}` } }),
  );
  return out.Count ?? 0;
}

async function runView(caeId: string) {
  return (await invoke(getPayrollRun, event('GET /caes/{caeId}/payroll-runs/{month}', { caller: staffOf(caeId), pathParameters: { caeId, month: MONTH } }))).body;
}

async function payslipFigures(caeId: string) {
  const items = (await invoke(listPayslips, event('GET /caes/{caeId}/payroll-runs/{month}/payslips', { caller: staffOf(caeId), pathParameters: { caeId, month: MONTH } }))).body.items;
  return items.map(({ entrepreneurId, ...figures }: Record<string, unknown>) => figures).sort((a: any, b: any) => a.envelope.localeCompare(b.envelope));
}

describe('a payroll run that fails part-way', () => {
  it('is marked failed, and a second run completes it with each payslip written once and clean-run totals', async () => {
    const clean = await caeWithActivity();
    await payroll.runCae({ caeId: clean, month: MONTH });

    const faulty = await caeWithActivity();
    failNthClosedMonthWrite(3);
    await expect(payroll.runCae({ caeId: faulty, month: MONTH })).rejects.toThrow();
    db.middlewareStack.remove(FAULT);
    expect((await runView(faulty)).status).toBe('failed');
    expect(await storedClosedMonths(faulty)).toBe(2);

    await payroll.runCae({ caeId: faulty, month: MONTH });
    expect(await storedClosedMonths(faulty)).toBe(4);
    const [cleanRun, resumedRun] = [await runView(clean), await runView(faulty)];
    expect(resumedRun.status).toBe('completed');
    expect(resumedRun.totals).toEqual(cleanRun.totals);
    expect(await payslipFigures(faulty)).toEqual(await payslipFigures(clean));
  }, 60_000);

  it('says why it failed', async () => {
    const caeId = await caeWithActivity();
    failNthClosedMonthWrite(2);
    await expect(payroll.runCae({ caeId, month: MONTH })).rejects.toThrow();
    const run = await runView(caeId);
    expect(run.status).toBe('failed');
    expect(run.failure).toEqual({ reason: 'InjectedFault: injected write failure', at: expect.any(String) });
  }, 60_000);

  it('does not hide a failure of MarkRunFailed: the execution fails with it, and its end marks the run failed', async () => {
    const caeId = await caeWithActivity();
    failNthClosedMonthWrite(2);
    failMarkingRunsFailed(1);
    await expect(payroll.runCae({ caeId, month: MONTH })).rejects.toThrow(/InjectedMarkFault|injected failure marking the run/);
    const run = await runView(caeId);
    expect(run.status).toBe('failed');
    expect(run.failure.reason).toMatch(/ended FAILED/);
  }, 60_000);

  it('is resumed by the monthly schedule when it was left "running", before the next month is paid', async () => {
    const clean = await caeWithActivity();
    await payroll.runCae({ caeId: clean, month: MONTH });
    const stuck = await caeWithActivity();
    failNthClosedMonthWrite(3);
    failMarkingRunsFailed();
    await expect(payroll.runCae({ caeId: stuck, month: MONTH })).rejects.toThrow();
    db.middlewareStack.remove(FAULT);
    db.middlewareStack.remove(MARK_FAULT);
    expect((await runView(stuck)).status).toBe('running');

    await payroll.runFederation({ month: NEXT, caeId: stuck });
    const resumed = await runView(stuck);
    expect(resumed.status).toBe('completed');
    expect(await storedClosedMonths(stuck)).toBe(4);
    expect(resumed.totals).toEqual((await runView(clean)).totals);
    const next = (await invoke(getPayrollRun, event('GET /caes/{caeId}/payroll-runs/{month}', { caller: staffOf(stuck), pathParameters: { caeId: stuck, month: NEXT } }))).body;
    expect(next).toMatchObject({ status: 'completed', entrepreneurs: 4, monthsClosedInPassing: [] });
  }, 90_000);

  it('writes no closed month again when a completed month runs again', async () => {
    const caeId = await caeWithActivity();
    await payroll.runCae({ caeId, month: MONTH });
    let puts = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (isPut(context.commandName) && sortKeyOf(args.input).startsWith('ACCOUNT#')) puts += 1;
        return next(args);
      },
      { step: 'initialize', name: FAULT },
    );
    await payroll.runCae({ caeId, month: MONTH });
    expect(puts).toBe(0);
  }, 60_000);
});
