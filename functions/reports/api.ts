/**
 * The HTTP contract of public funding and reports (docs/api.md "Public funding and reports"): grants, the
 * territorial report in JSON, CSV or HTML, and the federation's monthly summary. One module for the three
 * routes, so the catalog imports it once.
 */
import * as z from 'zod';
import { isValidMonth, monthsBetween } from '../../domain/calendar.js';
import { ACTIVE_STATUSES, COUNTED_STATUSES, END_REASONS } from '../../domain/reporting/index.js';
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
  welcomed: z.number().int(),
  entries: z.number().int(),
  exits: z.number().int(),
  companiesCreated: z.number().int(),
  jobsFte: z.string(),
  revenue: z.string(),
  purchases: z.string(),
  valueAdded: z.string(),
  vatCollected: z.string(),
  grossSalaries: z.string(),
  employerContributions: z.string(),
  employeeContributions: z.string(),
  cooperativeContributions: z.string(),
  publicFunding: z.string(),
});

export const territoryReport = z.object({
  territory: z.string(),
  territoryName: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  datasetVintage: z.string(),
  dataVintages: z.array(z.string()),
  caes: z.number().int(),
  entrepreneurs: z.object({
    statusMonth: z.string().nullable(),
    byStatusAtEnd: counts(ACTIVE_STATUSES),
    welcomed: z.number().int(),
    entries: z.number().int(),
    exits: counts(END_REASONS as readonly string[]),
  }),
  companiesCreated: z.number().int(),
  jobsFte: z.string(),
  revenue: z.string(),
  purchases: z.string(),
  valueAdded: z.string(),
  vatCollected: z.string(),
  grossSalaries: z.string(),
  employerContributions: z.string(),
  employeeContributions: z.string(),
  socialContributions: z.string(),
  cooperativeContributions: z.string(),
  publicFunding: z.string(),
  perPublicEuro: z.object({ revenue: ratio, valueAdded: ratio, vatCollected: ratio, grossSalaries: ratio, socialContributions: ratio }),
  selfFinancingRatio: ratio,
  grants: z.array(z.object({ funder: z.string(), territory: z.string(), year: z.number().int(), amount: z.string(), inPeriod: z.string() })),
  months: z.array(reportMonth),
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
