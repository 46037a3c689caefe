/**
 * Payroll runs and their results. A month's result for one entrepreneur is the closed account snapshot
 * (`CAE#<caeId>#ENT#<id>` / `ACCOUNT#<month>`) with the payslip and the activity's commune on the same item,
 * written once with a condition, and indexed on GSI1 under the run (`CAE#<caeId>#RUN#<month>`), so that:
 * the account read, the payslip read and the run's list are each one request, and the workflow writes one
 * item per entrepreneur and month.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MonthlyAccountSnapshot } from '../../../domain/activityAccount/index.js';
import { db, queryPage, tableName } from '../dynamo.js';
import * as keys from '../keys.js';
import { allPages } from '../pagination.js';

/** A payslip as stored: money strings. */
export interface StoredPayslip {
  gross: string;
  fixedPart: string;
  variablePart: string;
  net: string;
  employeeContributions: string;
  employerContributions: string;
  generalReduction: string;
  employerCost: string;
  flags: string[];
  lines: {
    code: string;
    label: string;
    base: string;
    employeeRate: string;
    employeeAmount: string;
    employerRate: string;
    employerAmount: string;
  }[];
  rulesVersion: string;
  /** Full-time SMIC gross of the month, prorated to nothing: funders count jobs in FTE against it. */
  fullTimeSmicGross: string;
  /**
   * The figures after the social part (docs/domain.md "Payslips"). Absent on payslips closed before tax was
   * withheld at source: those withheld nothing and paid their net.
   */
  netSocial?: string;
  netTaxable?: string;
  taxRate?: string;
  /** "personal", or the id of the neutral grid used. */
  taxRateSource?: string;
  taxWithheld?: string;
  netPaid?: string;
  /** Contractual weekly hours of the payslip ("35"). */
  weeklyHours?: string;
}

/** One entrepreneur's month, as the payroll run closed it. */
export interface MonthResult {
  caeId: string;
  entrepreneurId: string;
  month: string;
  /** The activity's commune (INSEE) when the month closed: where funders count it. */
  communeCode: string;
  account: MonthlyAccountSnapshot;
  /** Absent for a month closed without salary (a supported entrepreneur, or a month closed in passing). */
  payslip?: StoredPayslip;
}

export type RunStatus = 'running' | 'completed' | 'failed';

/** An entrepreneur a completed run could not pay, and why: their months stay open until a later run pays them. */
export interface UnpaidEntrepreneur {
  entrepreneurId: string;
  reason: string;
}

/** Why a run failed (the step's error, or how its execution ended), and when it was recorded. */
export interface RunFailure {
  reason: string;
  at: string;
}

export interface PayrollRun {
  caeId: string;
  month: string;
  status: RunStatus;
  /** The months the run closes, the paid one last. */
  months?: string[];
  /** Months closed by this run before the paid one (no salary, balances carried forward). */
  monthsClosedInPassing: string[];
  entrepreneurs: number;
  totals: { revenue: string; contribution: string; gross: string; employerCost: string; net: string };
  startedAt: string;
  completedAt?: string;
  /** The execution that works on the run now (the ARN of a Step Functions execution, on AWS and locally). */
  executionArn?: string;
  /** The last time a step of that execution reported progress: a run whose execution cannot be described is live while it is fresh. */
  heartbeatAt?: string;
  /** Number of planned batches (the Distributed Map's items). */
  batches?: number;
  failure?: RunFailure;
  /** People the run could not pay (a completed run pays everyone else). */
  unpaid?: UnpaidEntrepreneur[];
}

export function resultToItem(result: MonthResult) {
  return {
    ...keys.closedAccount(result.caeId, result.entrepreneurId, result.month),
    ...keys.runResult(result.caeId, result.month, result.entrepreneurId),
    type: 'ACCOUNT',
    ...result.account,
    caeId: result.caeId,
    entrepreneurId: result.entrepreneurId,
    communeCode: result.communeCode,
    ...(result.payslip ? { payslip: result.payslip } : {}),
  };
}

export function resultFromItem(item: Record<string, unknown>): MonthResult {
  const { PK, SK, GSI1PK, GSI1SK, type, caeId, entrepreneurId, communeCode, payslip, closedAt, ...account } = item;
  return {
    caeId: caeId as string,
    entrepreneurId: entrepreneurId as string,
    month: account.month as string,
    communeCode: communeCode as string,
    account: account as unknown as MonthlyAccountSnapshot,
    ...(payslip ? { payslip: payslip as StoredPayslip } : {}),
  };
}

/** One page of a run's results (every entrepreneur whose month it closed), in id order. */
export async function listMonthResults(
  caeId: string,
  month: string,
  limit = 500,
  cursor?: string,
): Promise<{ items: MonthResult[]; nextCursor: string | null }> {
  const partition = keys.runResult(caeId, month, '').GSI1PK;
  const page = await queryPage(
    { IndexName: keys.GSI1, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': partition } },
    { attribute: 'GSI1PK', value: partition },
    limit,
    cursor,
  );
  return { items: page.items.map(resultFromItem), nextCursor: page.nextCursor };
}

/** Every result of a run, all pages. */
export async function allMonthResults(caeId: string, month: string): Promise<MonthResult[]> {
  return allPages((cursor) => listMonthResults(caeId, month, 1000, cursor));
}

/**
 * An entrepreneur's closed months of a year up to `month` included (at most 12 items, one query): the
 * year-to-date figures of a payslip.
 */
export async function monthResultsOfYearTo(caeId: string, entrepreneurId: string, month: string): Promise<MonthResult[]> {
  const { PK } = keys.closedAccount(caeId, entrepreneurId, month);
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': PK, ':from': `ACCOUNT#${month.slice(0, 4)}-01`, ':to': `ACCOUNT#${month}` },
    }),
  );
  return (out.Items ?? []).map(resultFromItem);
}

export async function findMonthResult(caeId: string, entrepreneurId: string, month: string): Promise<MonthResult | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.closedAccount(caeId, entrepreneurId, month) }));
  return out.Item?.GSI1PK ? resultFromItem(out.Item) : undefined;
}

export async function findRun(caeId: string, month: string): Promise<PayrollRun | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.payrollRun(caeId, month) }));
  if (!out.Item) return undefined;
  const { PK, SK, type, ...run } = out.Item;
  return run as PayrollRun;
}
