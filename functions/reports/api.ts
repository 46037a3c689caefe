/**
 * The HTTP contract of public funding and reports (docs/api.md "Public funding and reports"): grants, the
 * territorial report in JSON, CSV or HTML, and the federation's monthly summary. One module for the three
 * routes, so the catalog imports it once.
 */
import * as z from 'zod';
import { complianceSummary } from '../accompaniment/api.js';
import { isValidMonth, monthsBetween } from '../../domain/calendar.js';
import type { EndReason } from '../../domain/careerPath/index.js';
import { ACTIVE_STATUSES, BREAKDOWN_NAMES, COUNTED_STATUSES, END_REASONS } from '../../domain/reporting/index.js';
import { parseTerritory } from '../../domain/territory/index.js';
import { id, isoMonth, page, pageQuery, positiveMoney, text } from '../shared/validation.js';

/** The longest period a report may cover. */
export const MAX_REPORT_MONTHS = 120;

/** `france`, `region:84`, `departement:69`, `epci:200046977` or `commune:69123`, known to the territory dataset. */
export const territory = z
  .string({ error: 'must be a territory such as "departement:69"' })
  .max(40, { message: 'must be a territory such as "departement:69"' })
  .superRefine((value, ctx) => {
    const parsed = parseTerritory(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.violation.message });
  });

const ratio = z.string().nullable();
const counts = <const K extends readonly string[]>(names: K) =>
  z.object(Object.fromEntries(names.map((n) => [n, z.number().int()])) as { [P in K[number]]: z.ZodNumber });

/**
 * Statistical secrecy (docs/api.md "Reports: breakdowns and statistical secrecy"): a hidden figure is null and
 * the object holding it says so; objects with nothing hidden carry neither field.
 */
const secrecyMark = {
  secret: z.literal(true).optional(),
  /** The names of this object's figures that are hidden. */
  secretFields: z.array(z.string()).optional(),
};
/** A count of people that statistical secrecy may hide (null). */
const hiddenCount = z.number().int().nullable();
/** A decimal string that statistical secrecy may hide (null). */
const hiddenAmount = z.string().nullable();
const hiddenCounts = <const K extends readonly string[]>(names: K) =>
  z.object({
    ...(Object.fromEntries(names.map((n) => [n, hiddenCount])) as { [P in K[number]]: typeof hiddenCount }),
    ...secrecyMark,
  });

const breakdownCell = z.object({ value: z.string(), peopleAtEnd: hiddenCount, entries: hiddenCount, ...secrecyMark });

export const grant = z.object({
  id: z.string(),
  caeId: z.string(),
  funder: z.string(),
  territory: z.string(),
  year: z.number().int(),
  amount: z.string(),
  /** The territories whose reports count this grant: its own and those that contain it. */
  countsIn: z.array(z.string()),
  datasetVintage: z.string(),
  createdAt: z.string(),
});

const reportMonth = z.object({
  month: z.string(),
  caes: z.number().int(),
  welcomed: hiddenCount,
  entries: hiddenCount,
  exits: hiddenCount,
  companiesCreated: hiddenCount,
  jobsFte: hiddenAmount,
  revenue: hiddenAmount,
  purchases: hiddenAmount,
  valueAdded: hiddenAmount,
  vatCollected: hiddenAmount,
  grossSalaries: hiddenAmount,
  employerContributions: hiddenAmount,
  employeeContributions: hiddenAmount,
  socialContributions: hiddenAmount,
  cooperativeContributions: hiddenAmount,
  publicFunding: z.string(),
  ...secrecyMark,
});

export const territoryReport = z.object({
  territory: z.string(),
  territoryName: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  /** False only in the federation admin's report, which shows every figure. */
  statisticalSecrecy: z.boolean(),
  datasetVintage: z.string(),
  dataVintages: z.array(z.string()),
  caes: z.number().int(),
  entrepreneurs: z.object({
    statusMonth: z.string().nullable(),
    byStatusAtEnd: hiddenCounts(ACTIVE_STATUSES),
    welcomed: hiddenCount,
    entries: hiddenCount,
    exits: hiddenCounts(END_REASONS as readonly EndReason[]),
    ...secrecyMark,
  }),
  companiesCreated: hiddenCount,
  jobsFte: hiddenAmount,
  revenue: hiddenAmount,
  purchases: hiddenAmount,
  valueAdded: hiddenAmount,
  vatCollected: hiddenAmount,
  grossSalaries: hiddenAmount,
  employerContributions: hiddenAmount,
  employeeContributions: hiddenAmount,
  socialContributions: hiddenAmount,
  cooperativeContributions: hiddenAmount,
  publicFunding: z.string(),
  perPublicEuro: z.object({ revenue: ratio, valueAdded: ratio, vatCollected: ratio, grossSalaries: ratio, socialContributions: ratio, ...secrecyMark }),
  selfFinancingRatio: ratio,
  grants: z.array(z.object({ funder: z.string(), territory: z.string(), year: z.number().int(), amount: z.string(), inPeriod: z.string() })),
  months: z.array(reportMonth),
  /** The people at the end of the period and the period's entries by value; the age band on the period's last day. */
  breakdowns: z.object(Object.fromEntries(BREAKDOWN_NAMES.map((n) => [n, z.array(breakdownCell)])) as Record<(typeof BREAKDOWN_NAMES)[number], z.ZodArray<typeof breakdownCell>>),
  ...secrecyMark,
});

const reportQuery = z
  .strictObject({
    from: isoMonth,
    to: isoMonth,
    format: z.enum(['json', 'csv', 'html']).default('json'),
  })
  .superRefine((q, ctx) => {
    if (!isValidMonth(q.from) || !isValidMonth(q.to)) return; // already reported on the field
    if (q.from > q.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    } else if (monthsBetween(q.from, q.to).length > MAX_REPORT_MONTHS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may cover at most ${MAX_REPORT_MONTHS} months` });
    }
  });

export const federationSummaryRow = z.object({
  caeId: z.string(),
  name: z.string(),
  /** People by status at the month's end; null when the month has no aggregates (not closed by payroll yet). */
  entrepreneurs: counts(COUNTED_STATUSES).nullable(),
  revenue: z.string().nullable(),
  contributions: z.string().nullable(),
  grossSalaries: z.string().nullable(),
  /** Invoices issued minus credit notes, and payments received, in the month (excl. VAT), as they happen; absent when the CAE invoiced nothing through the product. */
  invoiced: z.string().optional(),
  collected: z.string().optional(),
  /** `unpaid`: how many entrepreneurs the run could not pay (present when there are some; GET …/payroll-runs/{month} lists them). */
  payrollRun: z.object({ status: z.enum(['not_started', 'running', 'completed', 'failed']), unpaid: z.number().int().optional() }),
  /** Accompaniment: the share of people with their interviews on the month's last day (null before the month). */
  accompaniment: complianceSummary,
});

export const contracts = {
  createGrant: {
    status: 201,
    idempotencyKey: true,
    params: z.object({ caeId: id }),
    body: z.strictObject({
      /** The public body that gave it ("Département du Rhône"). */
      funder: text(200),
      /** The funder's territory: the grant counts there and in every territory that contains it. */
      territory,
      year: z.number({ error: 'must be a year such as 2025' }).int({ message: 'must be a year such as 2025' }).min(2000).max(2100),
      /** The yearly amount. */
      amount: positiveMoney,
    }),
    response: grant,
  },
  getTerritoryReport: {
    status: 200,
    params: z.object({ territory }),
    query: reportQuery,
    response: territoryReport,
    produces: ['text/csv', 'text/html'] as string[],
  },
  getFederationSummary: {
    status: 200,
    query: z.strictObject({ month: isoMonth, ...pageQuery }),
    response: page(federationSummaryRow).extend({ month: z.string() }),
  },
} as const;
