/** GET …/supplier-invoices/{supplierInvoiceId}: one supplier invoice (another entrepreneur's or CAE's is a 404). */
import { requireEntrepreneur } from '../../shared/auth.js';
import { NotFound } from '../../shared/errors.js';
import { httpHandler } from '../../shared/http.js';
import { getSupplierInvoice } from '../../shared/repositories/supplierInvoices.js';
import { contracts } from './api.js';
import { supplierInvoiceView } from './view.js';

export const handler = httpHandler('getSupplierInvoice', contracts.getSupplierInvoice, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const invoice = await getSupplierInvoice(params.caeId, params.id, params.supplierInvoiceId);
  if (!invoice) throw new NotFound(`No supplier invoice ${params.supplierInvoiceId}.`);
  return { body: supplierInvoiceView(invoice) };
});
