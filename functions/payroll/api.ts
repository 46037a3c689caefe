/** The HTTP contract of the payroll routes (docs/api.md "Payroll"). */
import * as z from 'zod';
import { payrollAmount, settingRate, weeklyHours } from './bounds.js';
import { id, isoDate, isoMonth, page, pageQuery } from '../shared/validation.js';

const money = z.string();

export const payrollRun = z.object({
  month: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  entrepreneurs: z.number().int(),
  totals: z.object({ revenue: money, contribution: money, gross: money, employerCost: money, net: money }),
  monthsClosedInPassing: z.array(z.string()),
  startedAt: z.string(),
  completedAt: z.string().optional(),
  /** Why the run failed (status "failed"): the failing step's error, or how its execution ended. */
  failure: z.object({ reason: z.string(), at: z.string() }).optional(),
  /** Who the run could not pay, and why; running the month again after the fix pays them. */
  unpaid: z.array(z.object({ entrepreneurId: z.string(), reason: z.string() })),
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
// Amounts and rates are bounded by payroll's own bounds (./bounds.ts): what is accepted here can be paid.

export { payrollAmount, weeklyHours } from './bounds.js';

export const MAX_HEADCOUNT = 100_000;

export const payrollSettingsBody = z.strictObject({
  headcount: z
    .number({ error: 'must be a positive integer (a JSON number), e.g. 50' })
    .int({ message: 'must be a positive integer' })
    .min(1, { message: 'must be a positive integer' })
    .max(MAX_HEADCOUNT, { message: `must be at most ${MAX_HEADCOUNT}` }),
  /** Absent: the national average AT/MP rate of the date of each payslip. */
  atMpRate: settingRate('atMpRate').optional(),
  healthInsurance: z
    .strictObject({ monthlyAmount: payrollAmount, employerShare: settingRate('employerShare') })
    .optional(),
  mobilityRate: settingRate('mobilityRate').optional(),
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
