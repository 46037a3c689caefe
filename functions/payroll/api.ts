/** The HTTP contract of the payroll routes (API.md "Payroll"). */
import { z } from 'zod';
import { id, isoMonth, page, pageQuery } from '../shared/validation.js';

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
} as const;
