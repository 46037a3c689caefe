/**
 * Builders for the payroll API tests: a CAE, an entrepreneur, thin wrappers around the three payroll handlers,
 * and checks of a simulated payslip against its own identities and against the payroll engine.
 */
import { expect } from 'vitest';
import { handler as createCae } from '../../../functions/caes/createCae.js';
import { handler as createEntrepreneur } from '../../../functions/entrepreneurs/createEntrepreneur.js';
import { handler as putPayrollSettings } from '../../../functions/payroll/putPayrollSettings.js';
import { handler as putSalaryRequest } from '../../../functions/payroll/putSalaryRequest.js';
import { handler as simulateSalary } from '../../../functions/payroll/simulateSalary.js';
import { Dec } from '../../../domain/money.js';
import { aCae, aPerson } from '../../support/builders.js';
import { admin, event, invoke, type Reply, staffOf, type TestCaller } from '../../support/events.js';

export async function newCae(): Promise<string> {
  const reply = await invoke(createCae, event('POST /caes', { caller: admin, body: aCae() }));
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

/** A candidate is enough: a salary request needs only a person of the CAE. */
export async function newEntrepreneur(caeId: string): Promise<string> {
  const reply = await invoke(
    createEntrepreneur,
    event('POST /caes/{caeId}/entrepreneurs', { caller: staffOf(caeId), pathParameters: { caeId }, body: aPerson() }),
  );
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

export function putSettings(caeId: string, body: unknown, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(putPayrollSettings, event('PUT /caes/{caeId}/payroll-settings', { caller, pathParameters: { caeId }, body }));
}

export function simulate(caeId: string, body: unknown, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(simulateSalary, event('POST /caes/{caeId}/payroll/simulations', { caller, pathParameters: { caeId }, body }));
}

/** A simulation expected to succeed. */
export async function simulated(caeId: string, body: unknown, caller: TestCaller = staffOf(caeId)): Promise<Simulation> {
  const reply = await simulate(caeId, body, caller);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as Simulation;
}

export function putRequest(caeId: string, id: string, body: unknown, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(
    putSalaryRequest,
    event('PUT /caes/{caeId}/entrepreneurs/{id}/salary-request', { caller, pathParameters: { caeId, id }, body }),
  );
}

export interface SimulationLine {
  code: string;
  label: string;
  base: string;
  employeeRate: string | null;
  employeeAmount: string;
  employerRate: string | null;
  employerAmount: string;
}

export interface Simulation {
  date: string;
  weeklyHours: string;
  gross: string;
  net: string;
  employeeContributions: string;
  employerContributions: string;
  generalReduction: string;
  employerCost: string;
  lines: SimulationLine[];
  rulesVersion: string;
  settings: { headcount: number; atMpRate: string; healthInsurance: { monthlyAmount: string; employerShare: string }; mobilityRate: string };
}

export const d = (x: string) => new Dec(x);

const MONEY = /^-?\d+\.\d{2}$/;
const RATE = /^-?\d+(\.\d+)?$/;

/** Asserts a problem: its status, its content type, and (when given) that an error names `field` and its type. */
export function expectProblem(reply: Reply, status: number, field?: string, type?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.headers['content-type']).toBe('application/problem+json');
  if (field) expect(reply.body.errors?.map((e: { path: string }) => e.path).join(' ')).toContain(field);
  if (type) expect(reply.body.type).toMatch(new RegExp(`/${type}$`));
}

/**
 * The identities every simulated payslip keeps, whatever the rules: money as 2-decimal strings, rates as
 * decimal strings or null; employerCost = gross + employerContributions; net = gross − employeeContributions;
 * the totals are the sums of the lines; the general reduction is its line's amount, negated.
 */
export function expectConsistent(s: Simulation): void {
  for (const value of [s.gross, s.net, s.employeeContributions, s.employerContributions, s.generalReduction, s.employerCost]) {
    expect(value).toMatch(MONEY);
  }
  for (const l of s.lines) {
    expect(l.base).toMatch(MONEY);
    expect(l.employeeAmount).toMatch(MONEY);
    expect(l.employerAmount).toMatch(MONEY);
    if (l.employeeRate !== null) expect(l.employeeRate).toMatch(RATE);
    if (l.employerRate !== null) expect(l.employerRate).toMatch(RATE);
  }
  expect(d(s.employerCost).equals(d(s.gross).plus(s.employerContributions))).toBe(true);
  expect(d(s.net).equals(d(s.gross).minus(s.employeeContributions))).toBe(true);
  const employee = s.lines.reduce((t, l) => t.plus(l.employeeAmount), d('0'));
  const employer = s.lines.reduce((t, l) => t.plus(l.employerAmount), d('0'));
  expect(employee.toFixed(2)).toBe(s.employeeContributions);
  expect(employer.toFixed(2)).toBe(s.employerContributions);
  const reductionLines = s.lines.filter((l) => d(l.employerAmount).isNegative());
  const reduction = reductionLines.reduce((t, l) => t.minus(l.employerAmount), d('0'));
  expect(reduction.toFixed(2)).toBe(s.generalReduction);
}

/** The line of a code (the first one); fails the test when there is none. */
export function lineOf(s: Simulation, code: string): SimulationLine {
  const found = s.lines.find((l) => l.code === code);
  if (!found) throw new Error(`no line ${code} in ${s.lines.map((l) => l.code).join(', ')}`);
  return found;
}
