/**
 * The HTTP contract of supplier invoices (docs/api.md "Expenses and purchases"): typed in or imported from an
 * uploaded e-invoice, approved by staff (which posts their expenses), listed by status.
 */
import * as z from 'zod';
import { isSiren } from '../../../domain/expenses/supplierInvoices.js';
import { vatRate } from '../../activity/api.js';
import { entrepreneurParams } from '../../entrepreneurs/api.js';
import { SUPPLIER_INVOICE_STATUSES } from '../../shared/repositories/supplierInvoices.js';
import { id, isoDate, page, pageQuery, positiveMoney, text } from '../../shared/validation.js';

export const supplierInvoiceParams = entrepreneurParams.extend({ supplierInvoiceId: id });

const supplier = z.strictObject({
  name: text(200),
  siren: z
    .string({ error: 'must be a SIREN: nine digits' })
    .refine(isSiren, { message: 'is not a SIREN (nine digits with a valid Luhn key)' })
    .optional(),
  vatNumber: z
    .string({ error: 'must be a VAT number such as "FR44732829320"' })
    .regex(/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/, { message: 'is not a VAT number such as "FR44732829320"' })
    .optional(),
});

const moneyOut = z.string();

export const supplierInvoice = z.object({
  id: z.string(),
  entrepreneurId: z.string(),
  status: z.enum(SUPPLIER_INVOICE_STATUSES),
  source: z.enum(['typed', 'facturx', 'cii', 'ubl']),
  receiptId: z.string().optional(),
  supplier: z.object({ name: z.string(), siren: z.string().optional(), vatNumber: z.string().optional() }),
  number: z.string(),
  issuedOn: z.string(),
  dueOn: z.string().optional(),
  lines: z.array(
    z.object({ description: z.string(), amountExclVat: moneyOut, vatRate: z.string(), quantity: z.string().optional(), unitPrice: z.string().optional() }),
  ),
  vatBreakdown: z.array(z.object({ vatRate: z.string(), taxableAmount: moneyOut, vatAmount: moneyOut })),
  totalExclVat: moneyOut,
  vat: moneyOut,
  /** Incl. VAT. */
  total: moneyOut,
  amountDue: moneyOut,
  purchaseForResale: z.boolean(),
  createdAt: z.string(),
  approvedAt: z.string().optional(),
  /** The expense entries posted at approval, one per VAT rate (GET …/transactions shows them). */
  entryIds: z.array(z.string()).optional(),
});

const statusQuery = z.enum(SUPPLIER_INVOICE_STATUSES, { error: `must be one of ${SUPPLIER_INVOICE_STATUSES.join(', ')}` });

export const contracts = {
  createSupplierInvoice: {
    status: 201,
    params: entrepreneurParams,
    body: z.strictObject({
      supplier,
      number: text(100),
      issuedOn: isoDate,
      dueOn: isoDate.optional(),
      lines: z
        .array(z.strictObject({ description: text(500), amountExclVat: positiveMoney, vatRate }), { error: 'must be a list of lines' })
        .min(1, { message: 'must have at least one line' })
        .max(200, { message: 'must have at most 200 lines' }),
      /** Goods for resale: the entries count against the margin. Default false. */
      purchaseForResale: z.boolean().default(false),
      /** A receipt of the same entrepreneur holding the invoice's file. */
      receiptId: id.optional(),
    }),
    response: supplierInvoice,
  },
  importSupplierInvoice: {
    status: 201,
    params: entrepreneurParams,
    body: z.strictObject({
      /** An uploaded receipt: a Factur-X PDF (application/pdf), or CII or UBL XML (application/xml). */
      receiptId: id,
      /** Goods for resale (an e-invoice does not say what they are for). Default false. */
      purchaseForResale: z.boolean().default(false),
    }),
    response: supplierInvoice,
  },
  getSupplierInvoice: { status: 200, params: supplierInvoiceParams, response: supplierInvoice },
  listSupplierInvoices: {
    status: 200,
    params: entrepreneurParams,
    query: z.strictObject({ status: statusQuery.optional(), ...pageQuery }),
    response: page(supplierInvoice),
  },
  approveSupplierInvoice: { status: 201, idempotencyKey: true, params: supplierInvoiceParams, response: supplierInvoice },
  listCaeSupplierInvoices: {
    status: 200,
    params: z.object({ caeId: id }),
    /** `draft` by default: what waits for validation. */
    query: z.strictObject({ status: statusQuery.default('draft'), ...pageQuery }),
    response: page(supplierInvoice),
  },
};
