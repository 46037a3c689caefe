/**
 * The HTTP contract of the activity account statement (docs/api.md "Activity"): its own module, registered in
 * the catalog, so that the statement's schemas stay next to its handler.
 */
import * as z from 'zod';
import { contributionPolicy } from '../caes/api.js';
import { entrepreneurParams } from '../entrepreneurs/api.js';
import { isoMonth } from '../shared/validation.js';

const entry = z.object({
  id: z.string(),
  date: z.string(),
  type: z.enum(['revenue', 'expense', 'collection']),
  /** The flow that posted it: transaction, reversal, invoice, credit_note, payment, expense_claim, supplier_invoice. */
  origin: z.string(),
  /** The same in French (Saisie, Contre-passation, Facture, Avoir, Encaissement, Note de frais, Facture fournisseur). */
  originLabel: z.string(),
  label: z.string(),
  /** The invoice number, the claim id… that identifies what the entry comes from. */
  reference: z.string().optional(),
  category: z.string().optional(),
  amountExclVat: z.string(),
  vatRate: z.string(),
  vatAmount: z.string(),
  reverses: z.string().optional(),
});

const statementMonth = z.object({
  month: z.string(),
  openingBalance: z.string(),
  revenue: z.string(),
  contribution: z.string(),
  contributionPolicy,
  contributionPolicyLabel: z.string(),
  expenses: z.string(),
  envelope: z.string(),
  employerCost: z.string(),
  closingBalance: z.string(),
  vatCollected: z.string(),
  vatDeductible: z.string(),
  closed: z.boolean(),
  payslip: z.object({ gross: z.string(), net: z.string(), employerCost: z.string() }).nullable(),
  entries: z.array(entry),
});

export const statement = z.object({
  entrepreneurId: z.string(),
  name: z.string(),
  tradeName: z.string().optional(),
  caeName: z.string(),
  from: z.string(),
  to: z.string(),
  openingBalance: z.string(),
  closingBalance: z.string(),
  totals: z.object({ revenue: z.string(), contribution: z.string(), expenses: z.string(), employerCost: z.string() }),
  months: z.array(statementMonth),
});

export const contracts = {
  getAccountStatement: {
    status: 200,
    params: entrepreneurParams,
    /** from ≤ to, at most 24 months (400 naming query.to beyond). */
    query: z.strictObject({ from: isoMonth, to: isoMonth, format: z.enum(['json', 'csv', 'html', 'pdf']).default('json') }),
    response: statement,
    produces: ['text/csv', 'text/html', 'application/pdf'] as string[],
  },
} as const;
