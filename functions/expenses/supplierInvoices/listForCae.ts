/**
 * GET /caes/{caeId}/supplier-invoices?status=: the CAE's supplier invoices of one status (draft by default),
 * oldest first: what waits for the staff's validation.
 */
import { requireCae } from '../../shared/auth.js';
import { httpHandler } from '../../shared/http.js';
import { listCaeSupplierInvoices } from '../../shared/repositories/supplierInvoices.js';
import { contracts } from './api.js';
import { supplierInvoiceView } from './view.js';

export const handler = httpHandler('listCaeSupplierInvoices', contracts.listCaeSupplierInvoices, async ({ caller, params, query }) => {
  requireCae(caller, params.caeId);
  const page = await listCaeSupplierInvoices(params.caeId, query.status, query.limit, query.cursor);
  return { body: { items: page.items.map(supplierInvoiceView), nextCursor: page.nextCursor } };
});
