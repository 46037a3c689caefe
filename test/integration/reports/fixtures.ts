/**
 * Builders for the report tests: CAEs and entrepreneurs through their handlers, closed months written as the
 * payroll run writes them (`resultToItem`), the workflow's aggregation step, grants and reports through their
 * handlers. Test files share one dynalite and territorial partitions are federation-wide, so the report tests
 * date their months in years that nothing else uses (2019, 2018...).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { Dec, formatMoney } from '../../../domain/money.js';
import { handler as createCae } from '../../../functions/caes/createCae.js';
import { handler as becomeAssociate } from '../../../functions/entrepreneurs/becomeAssociate.js';
import { handler as createEntrepreneur } from '../../../functions/entrepreneurs/createEntrepreneur.js';
import { handler as exit } from '../../../functions/entrepreneurs/exit.js';
import { handler as signContract } from '../../../functions/entrepreneurs/signContract.js';
import { handler as signConvention } from '../../../functions/entrepreneurs/signConvention.js';
import { handler as createGrant } from '../../../functions/grants/createGrant.js';
import { handler as writeAggregates } from '../../../functions/payroll/workflow/writeAggregates.js';
import { handler as getTerritoryReport } from '../../../functions/reports/getTerritoryReport.js';
import { db, tableName } from '../../../functions/shared/dynamo.js';
import * as keys from '../../../functions/shared/keys.js';
import { type MonthResult, type PayrollRun, resultToItem } from '../../../functions/shared/repositories/payrollRuns.js';
import { aCae, aPerson } from '../../support/builders.js';
import { admin, event, invoke, type Reply, staffOf, type TestCaller } from '../../support/events.js';

const ENT = '/caes/{caeId}/entrepreneurs/{id}';

export async function newCae(overrides: Record<string, unknown> = {}): Promise<string> {
  const reply = await invoke(createCae, event('POST /caes', { caller: admin, body: aCae(overrides) }));
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

/** Distinctive personal data, so that a test can prove none of it leaks into a report. */
export interface Person {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
}

/** An entrepreneur created through the API; `profile` adds the fields funders' breakdowns count by. */
export async function newPerson(caeId: string, communeCode: string, welcomedOn: string, profile: Record<string, unknown> = {}): Promise<Person> {
  const suffix = randomUUID().slice(0, 8);
  const body = aPerson({ communeCode, welcomedOn, firstName: `Zephyrine${suffix}`, lastName: `Quatremare${suffix}`, email: `z.${suffix}@example.org`, ...profile });
  const reply = await invoke(createEntrepreneur, event('POST /caes/{caeId}/entrepreneurs', { caller: staffOf(caeId), pathParameters: { caeId }, body }));
  expect(reply.status).toBe(201);
  return { id: reply.body.id, firstName: body.firstName as string, lastName: body.lastName as string, email: body.email as string };
}

async function command(handler: Parameters<typeof invoke>[0], suffix: string, caeId: string, id: string, body: unknown) {
  const reply = await invoke(handler, event(`POST ${ENT}${suffix}`, { caller: staffOf(caeId), pathParameters: { caeId, id }, body }));
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
}

export const sign = {
  convention: (caeId: string, id: string, startsOn: string, endsOn: string) => command(signConvention, '/convention', caeId, id, { signedOn: startsOn, startsOn, endsOn }),
  contract: (caeId: string, id: string, startsOn: string) => command(signContract, '/contract', caeId, id, { signedOn: startsOn, startsOn, fixedMonthlyGross: '900.00' }),
  membership: (caeId: string, id: string, effectiveOn: string) => command(becomeAssociate, '/membership', caeId, id, { effectiveOn, capitalSubscribed: '100.00' }),
  exit: (caeId: string, id: string, effectiveOn: string, reason: string) => command(exit, '/exit', caeId, id, { effectiveOn, reason }),
};

export interface ResultFigures {
  revenue?: string;
  purchases?: string;
  /** Expenses other than purchases for resale (supplies, travel, fees…). */
  otherExpenses?: string;
  vatCollected?: string;
  contribution?: string;
  payslip?: { gross: string; employerContributions: string; employeeContributions: string };
}

/** A closed month as the payroll run stores it; the figures reports read are the ones given. */
export function aMonthResult(caeId: string, entrepreneurId: string, month: string, communeCode: string, f: ResultFigures = {}): MonthResult {
  const revenue = f.revenue ?? '0.00';
  const purchases = f.purchases ?? '0.00';
  const contribution = f.contribution ?? '0.00';
  const expenses = new Dec(purchases).plus(f.otherExpenses ?? '0.00');
  const envelope = new Dec(revenue).minus(contribution).minus(expenses);
  const employerCost = f.payslip ? new Dec(f.payslip.gross).plus(f.payslip.employerContributions) : new Dec(0);
  return {
    caeId,
    entrepreneurId,
    month,
    communeCode,
    account: {
      month,
      openingBalance: '0.00',
      revenue,
      contribution,
      expenses: formatMoney(expenses),
      envelope: formatMoney(envelope),
      employerCost: formatMoney(employerCost),
      closingBalance: formatMoney(envelope.minus(employerCost)),
      vatCollected: f.vatCollected ?? '0.00',
      vatDeductible: '0.00',
      purchases,
      margin: formatMoney(new Dec(revenue).minus(purchases)),
      contributionBase: revenue,
      cumulatedRevenue: revenue,
      cumulatedMargin: formatMoney(new Dec(revenue).minus(purchases)),
      cumulatedBase: revenue,
      cumulatedContribution: contribution,
      policy: { kind: 'flat', rate: '0.10', base: 'revenue' },
      closed: true,
    },
    ...(f.payslip
      ? {
          payslip: {
            gross: f.payslip.gross,
            fixedPart: f.payslip.gross,
            variablePart: '0.00',
            net: formatMoney(new Dec(f.payslip.gross).minus(f.payslip.employeeContributions)),
            employeeContributions: f.payslip.employeeContributions,
            employerContributions: f.payslip.employerContributions,
            generalReduction: '0.00',
            employerCost: formatMoney(employerCost),
            flags: [],
            lines: [],
            rulesVersion: 'test',
            fullTimeSmicGross: '1801.80',
          },
        }
      : {}),
  };
}

export async function putResult(result: MonthResult): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: resultToItem(result) }));
}

export async function putRun(run: PayrollRun): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.payrollRun(run.caeId, run.month), type: 'RUN', ...run } }));
}

/** The workflow's last step, as Step Functions calls it. */
export function aggregate(caeId: string, month: string) {
  return writeAggregates({ caeId, month });
}

export async function grant(caeId: string, body: Record<string, unknown>, caller: TestCaller = staffOf(caeId), key = randomUUID()): Promise<Reply> {
  return invoke(createGrant, event('POST /caes/{caeId}/grants', { caller, pathParameters: { caeId }, body, headers: { 'idempotency-key': key } }));
}

export function report(territory: string, query: Record<string, string>, caller: TestCaller = admin): Promise<Reply> {
  return invoke(getTerritoryReport, event('GET /reports/territories/{territory}', { caller, pathParameters: { territory }, query }));
}
