/** The HTTP contract of the payroll routes (docs/api.md "Payroll"). */
import * as z from 'zod';
import { payrollAmount, settingRate, weeklyHours } from './bounds.js';
import { Dec } from '../../domain/money.js';
import { MAX_TAX_RATE, taxRateProblem } from '../../domain/payroll/withholding.js';
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

// ---- Tax withheld at source (docs/api.md "Payslips: PDF and tax withheld at source"; docs/domain.md "Payslips") ----

/** A rate of tax withheld at source: a decimal string in [0, 0.43] ("0.045" = 4.5%). */
export const taxRate = z
  .string({ error: 'must be a decimal string such as "0.045", or null for the neutral grid' })
  .regex(/^0(\.\d{1,4})?$/, { message: 'must be a decimal string between 0 and 0.43 with at most 4 decimals, e.g. "0.045"' })
  .refine((v) => !/^0(\.\d{1,4})?$/.test(v) || taxRateProblem(new Dec(v)) === null, { message: `must be between 0 and ${MAX_TAX_RATE}` });

/** What a payslip (and a simulation given a rate) carries after the social part. */
const afterTaxFields = {
  netSocial: money.describe('Montant net social: gross minus every employee contribution'),
  netTaxable: money.describe('Net taxable pay: the base of the tax withheld at source'),
  taxRate: z.string().describe('The rate applied: the personal rate sent by the tax administration, else the neutral grid of the month'),
  taxRateSource: z.string().describe('"personal", or the id of the neutral grid used (e.g. "PAS-2025-05")'),
  taxWithheld: money.describe('Income tax withheld at source: netTaxable × taxRate, to the cent'),
  netPaid: money.describe('Net paid: net before income tax − taxWithheld'),
};

export const taxWithholdingView = z.object({
  entrepreneurId: z.string(),
  /** Every version, oldest first: each applies from its month until the next. */
  versions: z.array(z.object({ effectiveFrom: z.string(), rate: z.string().nullable() })),
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
  ...afterTaxFields,
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
  netSocial: afterTaxFields.netSocial,
  netTaxable: afterTaxFields.netTaxable,
  /** Only when the request gave `taxRate` (a rate, or null for the neutral grid). */
  taxRate: afterTaxFields.taxRate.optional(),
  taxRateSource: afterTaxFields.taxRateSource.optional(),
  taxWithheld: afterTaxFields.taxWithheld.optional(),
  netPaid: afterTaxFields.netPaid.optional(),
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
  getPayslipPdf: {
    status: 200,
    params: z.object({ caeId: id, id, month: isoMonth }),
    response: z.string().describe('The payslip as a one-page PDF (bulletin clarifié, in French)'),
    produces: ['application/pdf'] as string[],
  },
  putPayrollSettings: { status: 200, params: z.object({ caeId: id }), body: payrollSettingsBody, response: payrollSettingsView },
  simulateSalary: {
    status: 200,
    params: z.object({ caeId: id }),
    body: z.strictObject({
      date: isoDate,
      basis: z
        .enum(['gross', 'employerCost', 'net'], { error: 'must be one of "gross", "employerCost", "net"' })
        .describe(
          'What `amount` is. "employerCost": the answer is the largest gross whose employer cost does not exceed it. ' +
            '"net" (net before income tax): the smallest gross whose net is at least the amount, the cheapest for the activity ' +
            '(just below the social security ceiling two grosses can pay the same net: the CET falls due on the whole pay above it).',
        ),
      amount: payrollAmount,
      weeklyHours: weeklyHours.optional(),
      /** A personal rate of tax withheld at source, or null for the neutral grid of the date; absent: no tax shown. */
      taxRate: taxRate.nullable().optional(),
    }),
    response: simulation,
  },
  putTaxWithholding: {
    status: 200,
    params: z.object({ caeId: id, id }),
    body: z.strictObject({ effectiveFrom: isoMonth, rate: taxRate.nullable() }),
    response: taxWithholdingView,
  },
  putSalaryRequest: {
    status: 200,
    params: z.object({ caeId: id, id }),
    body: z.strictObject({ month: isoMonth, maxGross: payrollAmount }),
    response: salaryRequestView,
  },
} as const;
