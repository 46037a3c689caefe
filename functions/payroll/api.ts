/** The HTTP contract of the payroll routes (API.md "Payroll"). */
import * as z from 'zod';
import { Dec, isMoneyString } from '../../domain/money.js';
import { id, isoDate, isoMonth, nonNegativeMoney, page, pageQuery, rateString } from '../shared/validation.js';

const money = z.string();

export const payrollRun = z.object({
  month: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  entrepreneurs: z.number().int(),
  totals: z.object({ revenue: money, contribution: money, gross: money, employerCost: money, net: money }),
  monthsClosedInPassing: z.array(z.string()),
  startedAt: z.string(),
  completedAt: z.string().optional(),
});

export const payslip = z.object({
  entrepreneurId: z.string(),
  month: z.string(),
  gross: money,
  fixedPart: money,
  variablePart: money,
  net: money,
  employeeContributions: money,
  employerContributions: money,
  generalReduction: money,
  employerCost: money,
  envelope: money,
  closingBalance: money,
  flags: z.array(z.string()),
  lines: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      base: money,
      employeeRate: z.string(),
      employeeAmount: money,
      employerRate: z.string(),
      employerAmount: money,
    }),
  ),
  rulesVersion: z.string(),
});

// ---- Payroll settings, simulations and salary requests (issue 4, part 5) ----

/** The most any payroll amount may be (domain/payroll MAX_AMOUNT): above it is absurd, a 400. */
const PAYROLL_MAX = '1000000.00';

function notAbove(max: string) {
  const limit = new Dec(max);
  // only judged on a well-formed amount: a malformed one already has its message
  return (v: string): boolean => !isMoneyString(v) || !new Dec(v).greaterThan(limit);
}

/** Money a payroll computation takes: 0.00 to 1,000,000.00, exactly two decimals. */
export const payrollAmount = nonNegativeMoney.refine(notAbove(PAYROLL_MAX), { message: `must not exceed ${PAYROLL_MAX}` });

/** A rate of the payroll settings: a decimal string between 0 and `max`. */
function settingRate(max: string) {
  return rateString.refine((v) => !/^\d+(\.\d+)?$/.test(v) || !new Dec(v).greaterThan(max), { message: `must be at most ${max}` });
}

/** Weekly hours of the contract: a decimal string in (0, 35], e.g. "35", "17.5". */
export const weeklyHours = z
  .string({ error: 'must be a decimal string of weekly hours, e.g. "35" or "17.5"' })
  .regex(/^\d{1,2}(\.\d{1,2})?$/, { message: 'must be a decimal string of weekly hours with at most 2 decimals, e.g. "35" or "17.5"' })
  .refine((v) => !/^\d{1,2}(\.\d{1,2})?$/.test(v) || (new Dec(v).greaterThan(0) && !new Dec(v).greaterThan(35)), {
    message: 'must be more than 0 and at most 35 (weekly hours; the SMIC is prorated by weeklyHours ÷ 35)',
  });

export const MAX_HEADCOUNT = 100_000;

export const payrollSettingsBody = z.strictObject({
  headcount: z
    .number({ error: 'must be a positive integer (a JSON number), e.g. 50' })
    .int({ message: 'must be a positive integer' })
    .min(1, { message: 'must be a positive integer' })
    .max(MAX_HEADCOUNT, { message: `must be at most ${MAX_HEADCOUNT}` }),
  /** Absent: the national average AT/MP rate of the date of each payslip. */
  atMpRate: settingRate('0.5').optional(),
  healthInsurance: z
    .strictObject({ monthlyAmount: payrollAmount, employerShare: rateString })
    .optional(),
  mobilityRate: settingRate('0.1').optional(),
});

export const payrollSettingsView = z.object({
  caeId: z.string(),
  headcount: z.number().int(),
  /** null: the national average of the date (0.0212 in 2025, 0.0208 in 2026), resolved for each payslip. */
  atMpRate: z.string().nullable().describe('The stored AT/MP rate; null = the national average of the date of each payslip'),
  healthInsurance: z.object({ monthlyAmount: money, employerShare: z.string() }),
  mobilityRate: z.string(),
});

/** A line of a simulated payslip: rates are null where the line has no such side. */
export const simulationLine = z.object({
  code: z.string(),
  label: z.string(),
  base: money,
  employeeRate: z.string().nullable(),
  employeeAmount: money,
  /** Negative on the general reduction's line (its coefficient), like its amount. */
  employerRate: z.string().nullable(),
  employerAmount: money,
});

export const simulation = z.object({
  date: z.string(),
  weeklyHours: z.string(),
  gross: money,
  net: money,
  employeeContributions: money,
  employerContributions: money,
  generalReduction: money,
  employerCost: money,
  lines: z.array(simulationLine),
  rulesVersion: z.string(),
  /** The CAE's payroll settings as applied on the date (defaults resolved). */
  settings: z.object({
    headcount: z.number().int(),
    atMpRate: z.string(),
    healthInsurance: z.object({ monthlyAmount: money, employerShare: z.string() }),
    mobilityRate: z.string(),
  }),
});

export const salaryRequestView = z.object({ entrepreneurId: z.string(), month: z.string(), maxGross: money });

const runParams = z.object({ caeId: id, month: isoMonth });

export const contracts = {
  startPayrollRun: {
    status: 202,
    params: z.object({ caeId: id }),
    body: z.strictObject({ month: isoMonth }),
    response: z.object({ month: z.string(), status: z.string() }),
  },
  getPayrollRun: { status: 200, params: runParams, response: payrollRun },
  listPayslips: { status: 200, params: runParams, query: z.strictObject(pageQuery), response: page(payslip) },
  getPayslip: { status: 200, params: z.object({ caeId: id, id, month: isoMonth }), response: payslip },
  putPayrollSettings: { status: 200, params: z.object({ caeId: id }), body: payrollSettingsBody, response: payrollSettingsView },
  simulateSalary: {
    status: 200,
    params: z.object({ caeId: id }),
    body: z.strictObject({
      date: isoDate,
      basis: z.enum(['gross', 'employerCost', 'net'], { error: 'must be one of "gross", "employerCost", "net"' }),
      amount: payrollAmount,
      weeklyHours: weeklyHours.optional(),
    }),
    response: simulation,
  },
  putSalaryRequest: {
    status: 200,
    params: z.object({ caeId: id, id }),
    body: z.strictObject({ month: isoMonth, maxGross: payrollAmount }),
    response: salaryRequestView,
  },
} as const;
