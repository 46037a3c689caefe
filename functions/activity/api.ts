/**
 * The HTTP contract of the activity routes (docs/api.md "Activity" and the contribution override): zod schemas that
 * validate requests, type the handlers and generate /openapi.json.
 */
import * as z from 'zod';
import { parseVatRate, VAT_RATES } from '../../domain/activityAccount/index.js';
import { contributionPolicy } from '../caes/api.js';
import { entrepreneurParams } from '../entrepreneurs/api.js';
import { id, isoDate, isoMonth, page, pageQuery, positiveMoney, text } from '../shared/validation.js';

/** A French VAT rate as a decimal string ("0.20", "0.055", "0"); a number or a percentage is refused. */
export const vatRate = z
  .string({ error: `must be a decimal string, one of ${VAT_RATES.map((r) => `"${r}"`).join(', ')}` })
  .refine((v) => parseVatRate(v) !== null, { message: `is not a French VAT rate: one of ${VAT_RATES.map((r) => `"${r}"`).join(', ')}` });

export const transaction = z.object({
  id: z.string(),
  entrepreneurId: z.string(),
  type: z.enum(['revenue', 'expense', 'collection']),
  date: z.string(),
  month: z.string(),
  /** Negative only on a reversal. */
  amountExclVat: z.string(),
  vatRate: z.string(),
  vatAmount: z.string(),
  label: z.string(),
  reference: z.string().optional(),
  category: z.enum(['purchase_for_resale', 'other']).optional(),
  /** On a reversal: the id of the entry it negates. */
  reverses: z.string().optional(),
  reason: z.string().optional(),
  recordedAt: z.string(),
});

export const account = z.object({
  month: z.string(),
  openingBalance: z.string(),
  revenue: z.string(),
  contribution: z.string(),
  expenses: z.string(),
  envelope: z.string(),
  employerCost: z.string(),
  closingBalance: z.string(),
  vatCollected: z.string(),
  vatDeductible: z.string(),
  closed: z.boolean(),
});

export const overrideVersion = z.object({ effectiveFrom: z.string(), policy: contributionPolicy.nullable() });

export const transactionParams = entrepreneurParams.extend({ txId: id });

export const contracts = {
  putContributionOverride: {
    status: 200,
    params: entrepreneurParams,
    body: z.strictObject({ effectiveFrom: isoMonth, policy: contributionPolicy.nullable() }),
    response: z.object({ entrepreneurId: z.string(), contributionOverrides: z.array(overrideVersion) }),
  },
  recordTransaction: {
    status: 201,
    idempotencyKey: true,
    params: entrepreneurParams,
    body: z.strictObject({
      type: z.enum(['revenue', 'expense']),
      date: isoDate,
      amountExclVat: positiveMoney,
      vatRate,
      label: text(200),
      reference: text(100).optional(),
      /** Expenses only: 'purchase_for_resale' counts against the margin (policies on margin); default 'other'. */
      category: z.enum(['purchase_for_resale', 'other']).optional(),
    }),
    response: transaction,
  },
  listTransactions: {
    status: 200,
    params: entrepreneurParams,
    query: z.strictObject({ month: isoMonth, ...pageQuery }),
    response: page(transaction),
  },
  reverseTransaction: {
    status: 201,
    idempotencyKey: true,
    params: transactionParams,
    body: z.strictObject({ date: isoDate, reason: text(500, { multiline: true }) }),
    response: transaction,
  },
  getAccount: {
    status: 200,
    params: entrepreneurParams,
    query: z.strictObject({ month: isoMonth }),
    response: account,
  },
} as const;
