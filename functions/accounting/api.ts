/** The HTTP contract of the accounting routes (docs/api.md "Accounting"). */
import * as z from 'zod';
import { ACCOUNT_ROLES, type AccountRole, JOURNALS, overrideProblem } from '../../domain/accounting/index.js';
import { id, isoDate, isoMonth, page, pageQuery } from '../shared/validation.js';

const money = z.string();
const caeParams = z.object({ caeId: id });

/** `accounts` of the settings: a PCG account of the role's class for each role named. */
const accounts = z
  .record(
    z.string(),
    z.string({ error: 'must be an account number as a string, e.g. "706000"' }).regex(/^[0-9A-Z]{3,20}$/, { message: 'must be a PCG account: 3 to 20 digits or capitals, e.g. "706100"' }),
  )
  .superRefine((given, ctx) => {
    for (const [role, number] of Object.entries(given)) {
      if (!(ACCOUNT_ROLES as readonly string[]).includes(role)) {
        ctx.addIssue({ code: 'custom', path: [role], message: `is not an account role; roles are ${ACCOUNT_ROLES.join(', ')}` });
        continue;
      }
      const problem = overrideProblem(role as AccountRole, number);
      if (problem) ctx.addIssue({ code: 'custom', path: [role], message: problem });
    }
  })
  .transform((given) => given as Partial<Record<AccountRole, string>>);

export const accountingSettingsBody = z.strictObject({
  fiscalYearStartMonth: z.number({ error: 'must be a month number 1 to 12 (a JSON integer)' }).int({ message: 'must be an integer 1 to 12' }).min(1, { message: 'must be 1 to 12' }).max(12, { message: 'must be 1 to 12' }).optional(),
  vatOnDebits: z.boolean({ error: 'must be true or false' }).optional(),
  staffExpensesAccount: z.enum(['4386', '467'], { error: 'must be "4386" or "467"' }).optional(),
  accounts: accounts.optional(),
});

export const accountingSettingsView = z.object({
  caeId: z.string(),
  fiscalYearStartMonth: z.number().int(),
  vatOnDebits: z.boolean(),
  staffExpensesAccount: z.string(),
  /** Every role with the account the CAE uses for it (its override, else the PCG default). */
  accounts: z.record(z.string(), z.string()),
});

const journal = z.enum(Object.keys(JOURNALS) as [keyof typeof JOURNALS, ...(keyof typeof JOURNALS)[]], { error: `must be one of ${Object.keys(JOURNALS).join(', ')}` });

export const entryLine = z.object({
  account: z.string(),
  accountLabel: z.string(),
  auxiliary: z.string().optional(),
  auxiliaryLabel: z.string().optional(),
  debit: money,
  credit: money,
  activity: z.string().optional(),
  vat: z.object({ side: z.enum(['collected', 'deductible']), rate: z.string(), base: money }).optional(),
});

export const bookEntry = z.object({
  journal: z.string(),
  number: z.string(),
  date: z.string(),
  pieceRef: z.string(),
  pieceDate: z.string(),
  label: z.string(),
  validatedOn: z.string(),
  fiscalYear: z.number().int(),
  activity: z.string().optional(),
  lines: z.array(entryLine),
});

const period = { from: isoDate, to: isoDate };
const ordered = <T extends { from: string; to: string }>(schema: z.ZodType<T>) =>
  schema.refine((q) => q.from <= q.to, { path: ['to'], message: 'must be on or after from' });

export const trialBalanceView = z.object({
  from: z.string(),
  to: z.string(),
  activity: z.string().optional(),
  accounts: z.array(z.object({ account: z.string(), label: z.string(), debit: money, credit: money, balance: money })),
  totals: z.object({ debit: money, credit: money, result: money }),
});

export const vatView = z.object({
  month: z.string(),
  collected: z.array(z.object({ rate: z.string(), base: money, amount: money })),
  deductible: z.object({ goodsAndServices: money, fixedAssets: money }),
  netDue: money,
  credit: money,
});

export const contracts = {
  putAccountingSettings: { status: 200, params: caeParams, body: accountingSettingsBody, response: accountingSettingsView },
  listBookEntries: {
    status: 200,
    params: caeParams,
    query: ordered(z.strictObject({ ...period, journal: journal.optional(), ...pageQuery })),
    response: page(bookEntry),
  },
  getTrialBalance: {
    status: 200,
    params: caeParams,
    query: ordered(z.strictObject({ ...period, activity: id.optional() })),
    response: trialBalanceView,
  },
  getVatFigures: { status: 200, params: caeParams, query: z.strictObject({ month: isoMonth }), response: vatView },
  getFec: {
    status: 200,
    params: caeParams,
    query: z.strictObject({
      fiscalYear: z.string({ error: 'must be a year YYYY' }).regex(/^\d{4}$/, { message: 'must be a year YYYY' }).transform(Number),
      provisional: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    }),
    produces: ['text/plain'] as string[],
  },
} as const;
