/** GET …/supplier-invoices?status=: an entrepreneur's supplier invoices, oldest first, all or of one status. */
import { requireEntrepreneur } from '../../shared/auth.js';
import { httpHandler } from '../../shared/http.js';
import { listSupplierInvoices } from '../../shared/repositories/supplierInvoices.js';
import { contracts } from './api.js';
import { supplierInvoiceView } from './view.js';

export const handler = httpHandler('listSupplierInvoices', contracts.listSupplierInvoices, async ({ caller, params, query }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const page = await listSupplierInvoices(params.caeId, params.id, query.status, query.limit, query.cursor);
  return { body: { items: page.items.map(supplierInvoiceView), nextCursor: page.nextCursor } };
});
