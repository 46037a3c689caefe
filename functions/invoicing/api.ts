/**
 * The HTTP contract of invoicing (docs/api.md "Invoicing"): the CAE's invoicing settings, customers, quotes,
 * invoices and their credit notes and payments, the lists, and the Factur-X documents.
 */
import * as z from 'zod';
import { isSiren, isVatNumber, MAX_PAYMENT_TERMS_DAYS } from '../../domain/invoicing/index.js';
import { id, isoDate, nonNegativeMoney, page, pageQuery, positiveMoney, rateString, text } from '../shared/validation.js';

const caeParams = z.object({ caeId: id });
const entrepreneurParams = z.object({ caeId: id, id });

export const siren = z
  .string({ error: 'must be a string of 9 digits' })
  .regex(/^\d{9}$/, { message: 'must be 9 digits' })
  .refine(isSiren, { message: 'has a wrong check digit (Luhn)' });

export const vatNumber = z
  .string({ error: 'must be a VAT number such as "FR44732829320"' })
  .regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, { message: 'must be a VAT number such as "FR44732829320"' })
  .refine(isVatNumber, { message: 'has a wrong key (a French VAT number is FR + 2 check digits + the SIREN)' });

/** `{ line1, line2?, postalCode, city, countryCode: "FR" }` everywhere (docs/api.md "Invoicing"). */
export const address = z.strictObject({
  line1: text(200),
  line2: text(200).optional(),
  postalCode: z.string({ error: 'must be a French postal code' }).regex(/^\d{5}$/, { message: 'must be a French postal code of 5 digits' }),
  city: text(100),
  countryCode: z.literal('FR', { error: 'must be "FR"' }),
});

const iban = z
  .string({ error: 'must be an IBAN' })
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine((s) => /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s) && ibanChecks(s), { message: 'is not a valid IBAN (its check digits are wrong)' });

/** IBAN check: the rearranged number, letters as 10–35, is 1 modulo 97 (ISO 13616). */
function ibanChecks(value: string): boolean {
  const rearranged = value.slice(4) + value.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** A decimal with at most 4 decimals: quantities and unit prices (the domain checks the details and names the line). */
const decimal4 = (what: string) =>
  z.string({ error: `must be a decimal string such as "2.5"` }).regex(/^\d{1,9}(\.\d+)?$/, { message: `${what} must be a decimal string such as "2.5"` });

export const line = z.strictObject({
  description: text(500, { multiline: true }),
  quantity: decimal4('the quantity'),
  unit: z.enum(['hour', 'day', 'unit', 'month', 'piece', 'km', 'kg', 'lump_sum']).optional(),
  unitPriceExclVat: decimal4('the unit price'),
  vatRate: z.string({ error: 'must be a VAT rate such as "0.20"' }).max(10),
});

/** A line as shown. */
const lineView = z.object({ description: z.string(), quantity: z.string(), unit: z.string().optional(), unitPriceExclVat: z.string(), vatRate: z.string() });

/** At most 100 lines: an invoice stays one small item, and its number's payload too. */
export const lines = z.array(line).max(100, { message: 'must have at most 100 lines' });

const vatGroup = z.object({ rate: z.string(), base: z.string(), amount: z.string() });
export const totals = z.object({ exclVat: z.string(), vat: z.array(vatGroup), inclVat: z.string() });

export const invoicingSettingsBody = z.strictObject({
  legalName: text(200),
  legalForm: text(100),
  shareCapital: nonNegativeMoney,
  rcs: text(100),
  vatNumber,
  address,
  iban,
  bic: z
    .string({ error: 'must be a BIC' })
    .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, { message: 'must be a BIC of 8 or 11 characters' })
    .optional(),
  apeCode: z.string({ error: 'must be an APE code such as "7022Z"' }).regex(/^\d{2}\.?\d{2}[A-Z]$/, { message: 'must be an APE code such as "7022Z"' }),
  paymentTermsDays: z.number().int().min(0).max(MAX_PAYMENT_TERMS_DAYS).default(30),
  latePenaltyRate: rateString.default('0.1065'),
  selfIssueLimit: nonNegativeMoney.default('0.00'),
});

export const invoicingSettings = z.object({
  legalName: z.string(),
  legalForm: z.string(),
  shareCapital: z.string(),
  rcs: z.string(),
  vatNumber: z.string(),
  address: address,
  iban: z.string(),
  bic: z.string().optional(),
  apeCode: z.string(),
  paymentTermsDays: z.number(),
  latePenaltyRate: z.string(),
  selfIssueLimit: z.string(),
});

export const customerBody = z
  .strictObject({
    name: text(200),
    kind: z.enum(['company', 'person', 'public_body']),
    siren: siren.optional(),
    vatNumber: vatNumber.optional(),
    address,
    email: z.email({ message: 'must be an email address' }).max(254).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'company' && c.siren === undefined) ctx.addIssue({ code: 'custom', path: ['siren'], message: 'is required for a company in France' });
    const fromVat = c.vatNumber?.startsWith('FR') ? c.vatNumber.slice(4) : undefined;
    if (fromVat !== undefined && c.siren !== undefined && fromVat !== c.siren) {
      ctx.addIssue({ code: 'custom', path: ['vatNumber'], message: 'is not the VAT number of this SIREN' });
    }
  });

export const customer = z.object({
  id: z.string(),
  entrepreneurId: z.string(),
  name: z.string(),
  kind: z.enum(['company', 'person', 'public_body']),
  siren: z.string().optional(),
  vatNumber: z.string().optional(),
  address,
  email: z.string().optional(),
  createdAt: z.string(),
});

export const quote = z.object({
  id: z.string(),
  entrepreneurId: z.string(),
  number: z.string(),
  status: z.enum(['sent', 'accepted', 'refused']),
  customerId: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  lines: z.array(lineView),
  totals,
  notes: z.string().optional(),
  acceptedOn: z.string().optional(),
  refusedOn: z.string().optional(),
  refusalReason: z.string().optional(),
  createdAt: z.string(),
});

const payment = z.object({
  id: z.string(),
  receivedOn: z.string(),
  amount: z.string(),
  method: z.enum(['transfer', 'card', 'check', 'cash', 'other']),
  reference: z.string().optional(),
});

export const invoice = z.object({
  id: z.string(),
  kind: z.literal('invoice'),
  entrepreneurId: z.string(),
  status: z.enum(['draft', 'issued', 'partially_paid', 'paid', 'credited']),
  number: z.string().nullable(),
  customerId: z.string(),
  quoteId: z.string().optional(),
  operationKind: z.enum(['services', 'goods', 'mixed']),
  deliveredOn: z.string().optional(),
  paymentTermsDays: z.number().optional(),
  lines: z.array(lineView),
  notes: z.string().optional(),
  totals,
  issuedOn: z.string().optional(),
  dueOn: z.string().optional(),
  credited: z.string(),
  creditNotes: z.array(z.string()),
  paid: z.string(),
  payments: z.array(payment),
  amountDue: z.string(),
  createdAt: z.string(),
});

export const creditNote = z.object({
  id: z.string(),
  kind: z.literal('credit_note'),
  entrepreneurId: z.string(),
  number: z.string(),
  creditedInvoiceId: z.string(),
  creditedInvoiceNumber: z.string(),
  issuedOn: z.string(),
  reason: z.string(),
  lines: z.array(lineView),
  totals,
});

const invoiceBody = z.strictObject({
  customerId: id,
  quoteId: id.optional(),
  operationKind: z.enum(['services', 'goods', 'mixed']),
  deliveredOn: isoDate.optional(),
  paymentTermsDays: z.number().int().min(0).max(MAX_PAYMENT_TERMS_DAYS, { message: `must be at most ${MAX_PAYMENT_TERMS_DAYS} days (L441-10)` }).optional(),
  lines,
  notes: text(2000, { multiline: true }).optional(),
});

const invoiceParams = entrepreneurParams.extend({ invoiceId: id });
const quoteParams = entrepreneurParams.extend({ quoteId: id });
const statuses = z.enum(['draft', 'issued', 'partially_paid', 'paid', 'credited']);

export const contracts = {
  putInvoicingSettings: { status: 200, params: caeParams, body: invoicingSettingsBody, response: invoicingSettings },
  createCustomer: { status: 201, params: entrepreneurParams, body: customerBody, response: customer },
  listCustomers: { status: 200, params: entrepreneurParams, query: z.strictObject({ ...pageQuery }), response: page(customer) },
  getCustomer: { status: 200, params: entrepreneurParams.extend({ customerId: id }), response: customer },
  createQuote: {
    status: 201,
    params: entrepreneurParams,
    body: z
      .strictObject({ customerId: id, issuedOn: isoDate, validUntil: isoDate, lines: lines.min(1, { message: 'a quote has at least one line' }), notes: text(2000, { multiline: true }).optional() })
      .refine((q) => q.validUntil >= q.issuedOn, { path: ['validUntil'], message: 'must be on or after issuedOn' }),
    response: quote,
  },
  getQuote: { status: 200, params: quoteParams, response: quote },
  acceptQuote: { status: 201, params: quoteParams, body: z.strictObject({ acceptedOn: isoDate }), response: quote },
  refuseQuote: { status: 201, params: quoteParams, body: z.strictObject({ refusedOn: isoDate, reason: text(500, { multiline: true }).optional() }), response: quote },
  createInvoice: { status: 201, params: entrepreneurParams, body: invoiceBody, response: invoice },
  updateInvoice: { status: 200, params: invoiceParams, body: invoiceBody, response: invoice },
  deleteInvoice: { status: 204, params: invoiceParams },
  getInvoice: { status: 200, params: invoiceParams, response: invoice },
  listInvoices: {
    status: 200,
    params: entrepreneurParams,
    query: z.strictObject({ status: statuses.optional(), from: isoDate.optional(), to: isoDate.optional(), ...pageQuery }),
    response: page(invoice),
  },
  listCaeInvoices: {
    status: 200,
    params: caeParams,
    query: z.strictObject({ status: statuses.optional(), overdueOn: isoDate.optional(), ...pageQuery }),
    response: page(invoice),
  },
  issueInvoice: { status: 201, idempotencyKey: true, params: invoiceParams, body: z.strictObject({ issuedOn: isoDate }), response: invoice },
  createCreditNote: {
    status: 201,
    idempotencyKey: true,
    params: invoiceParams,
    body: z.strictObject({ issuedOn: isoDate, reason: text(500, { multiline: true }), lines: lines.min(1, { message: 'give at least one line, or none at all to credit what remains' }).optional() }),
    response: creditNote,
  },
  recordPayment: {
    status: 201,
    idempotencyKey: true,
    params: invoiceParams,
    body: z.strictObject({
      receivedOn: isoDate,
      amount: positiveMoney,
      method: z.enum(['transfer', 'card', 'check', 'cash', 'other']),
      reference: text(100).optional(),
    }),
    response: invoice,
  },
  getInvoiceFacturx: { status: 200, params: invoiceParams, produces: ['application/pdf'] as string[] },
  getInvoiceCii: { status: 200, params: invoiceParams, produces: ['application/xml'] as string[] },
} as const;
