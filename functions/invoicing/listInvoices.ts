/** GET …/invoices?status=&from=&to=: an entrepreneur's invoices (from/to on the issue date). */
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { listInvoices } from '../shared/repositories/invoices.js';
import { contracts } from './api.js';
import { invoiceView } from './views.js';

export const handler = httpHandler('listInvoices', contracts.listInvoices, async ({ caller, params, query }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const { limit, cursor, ...filter } = query;
  const page = await listInvoices(params.caeId, params.id, filter, limit, cursor);
  return { body: { items: page.items.map(invoiceView), nextCursor: page.nextCursor } };
});
