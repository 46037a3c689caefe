/**
 * GET /caes/{caeId}/invoices?status=&overdueOn=: the CAE's invoices, or with `overdueOn` its receivables due
 * before that day and still unpaid (one query on the receivables index, by due date).
 */
import { requireCae } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { listCaeInvoices } from '../shared/repositories/invoices.js';
import { contracts } from './api.js';
import { invoiceView } from './views.js';

export const handler = httpHandler('listCaeInvoices', contracts.listCaeInvoices, async ({ caller, params, query }) => {
  requireCae(caller, params.caeId);
  const { limit, cursor, ...filter } = query;
  const page = await listCaeInvoices(params.caeId, filter, limit, cursor);
  return { body: { items: page.items.map(invoiceView), nextCursor: page.nextCursor } };
});
