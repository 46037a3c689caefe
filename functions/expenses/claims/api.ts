/**
 * The HTTP contract of expense claims and the mileage simulation (docs/api.md "Expense claims and mileage"): zod
 * schemas that validate requests, type the handlers and generate /openapi.json.
 */
import * as z from 'zod';
import { EXPENSE_CATEGORIES, MAX_KM_PER_DAY } from '../../../domain/expenses/claims.js';
import { MAX_FISCAL_POWER } from '../../../domain/expenses/mileage.js';
import { vatRate } from '../../activity/api.js';
import { caeParams } from '../../caes/api.js';
import { entrepreneurParams } from '../../entrepreneurs/api.js';
import { id, isoDate, page, pageQuery, positiveMoney, text } from '../../shared/validation.js';

const CLAIM_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;

/** A whole number in a JSON number (a string, a fraction or an unsafe integer is refused). */
const count = (min: number, max: number, what: string) =>
  z.int({ error: `must be a whole number (a JSON integer) of ${what}` }).min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` });

/** A plate as people write it ("AB-123-CD"); compared without spaces or dashes, in upper case. */
const registration = text(20).refine((s) => /^[A-Za-z0-9 -]+$/.test(s) && /[A-Za-z0-9]/.test(s), {
  message: 'must be a registration: letters, digits, spaces and dashes',
});

export const vehicle = z.strictObject({
  type: z.enum(['car', 'motorcycle', 'moped']),
  fiscalPower: count(1, MAX_FISCAL_POWER, 'CV (puissance fiscale)'),
  electric: z.boolean({ error: 'must be true (fully electric) or false' }),
  registration: registration.optional(),
});

const expenseLine = z.strictObject({
  kind: z.literal('expense'),
  date: isoDate,
  description: text(200),
  amountExclVat: positiveMoney,
  vatRate,
  category: z.enum(EXPENSE_CATEGORIES),
  receiptId: id.optional(),
});

const mileageLine = z.strictObject({
  kind: z.literal('mileage'),
  date: isoDate,
  description: text(200),
  // The daily limit (MAX_KM_PER_DAY) is a business rule: a 422 naming the line, not a 400.
  km: z.int({ error: 'must be a whole number (a JSON integer) of km' }).min(1, { message: 'must be at least 1 km' }),
  vehicle,
});

/** At most this many lines in one claim (a month of daily trips and receipts fits). */
export const MAX_LINES = 100;

const claimBody = z.strictObject({
  lines: z
    .array(z.discriminatedUnion('kind', [expenseLine, mileageLine]), { error: 'must be a list of lines' })
    .min(1, { message: 'a claim has at least one line' })
    .max(MAX_LINES, { message: `a claim has at most ${MAX_LINES} lines` }),
});

const scaleUsed = z.object({
  id: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  source: z.string(),
  provisional: z.string().optional(),
  vehicle: z.string(),
  powerClass: z.string(),
  electric: z.boolean(),
});

const expenseLineView = z.object({
  kind: z.literal('expense'),
  date: z.string(),
  description: z.string(),
  amountExclVat: z.string(),
  vatRate: z.string(),
  vatAmount: z.string(),
  category: z.enum(EXPENSE_CATEGORIES),
  receiptId: z.string().optional(),
});

const mileageLineView = z.object({
  kind: z.literal('mileage'),
  date: z.string(),
  description: z.string(),
  km: z.number(),
  vehicle: z.object({ type: z.string(), fiscalPower: z.number(), electric: z.boolean(), registration: z.string().optional() }),
  /** The allowance, an expense at VAT 0: provisional until approval (see `kmAlreadyThisYear`). */
  amount: z.string(),
  /** Km of that vehicle in the line's year counted before this trip: approved claims, then earlier trips of this claim. */
  kmAlreadyThisYear: z.number(),
  scale: scaleUsed,
  formula: z.string(),
});

export const claimView = z.object({
  id: z.string(),
  entrepreneurId: z.string(),
  status: z.enum(CLAIM_STATUSES),
  lines: z.array(z.discriminatedUnion('kind', [expenseLineView, mileageLineView])),
  totalExclVat: z.string(),
  vat: z.string(),
  /** VAT included: what is reimbursed. */
  total: z.string(),
  history: z.array(z.object({ status: z.enum(CLAIM_STATUSES), at: z.string(), by: z.string(), reason: z.string().optional() })),
  rejectionReason: z.string().optional(),
  createdAt: z.string(),
});

export const claimParams = entrepreneurParams.extend({ claimId: id });

const mileageSimulation = z.object({
  amount: z.string(),
  kmBefore: z.number(),
  kmAfter: z.number(),
  scale: scaleUsed,
  formula: z.string(),
});

export const contracts = {
  createExpenseClaim: { status: 201, params: entrepreneurParams, body: claimBody, response: claimView },
  getExpenseClaim: { status: 200, params: claimParams, response: claimView },
  submitExpenseClaim: { status: 201, params: claimParams, response: claimView },
  approveExpenseClaim: { status: 201, idempotencyKey: true, params: claimParams, response: claimView },
  rejectExpenseClaim: { status: 201, params: claimParams, body: z.strictObject({ reason: text(500, { multiline: true }) }), response: claimView },
  listExpenseClaims: {
    status: 200,
    params: entrepreneurParams,
    query: z.strictObject({ status: z.enum(CLAIM_STATUSES).optional(), ...pageQuery }),
    response: page(claimView),
  },
  listCaeExpenseClaims: {
    status: 200,
    params: caeParams,
    query: z.strictObject({ status: z.enum(CLAIM_STATUSES).default('submitted'), ...pageQuery }),
    response: page(claimView),
  },
  simulateMileage: {
    status: 200,
    params: caeParams,
    body: z.strictObject({
      date: isoDate,
      km: count(1, 100 * MAX_KM_PER_DAY, 'km'),
      kmAlreadyThisYear: count(0, 1_000_000, 'km'),
      vehicle,
    }),
    response: mileageSimulation,
  },
} as const;
