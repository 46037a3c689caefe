/** GET …/invoices/{invoiceId}: one invoice with its payments and what is due. */
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { getInvoice } from '../shared/repositories/invoices.js';
import { contracts } from './api.js';
import { invoiceView } from './views.js';

export const handler = httpHandler('getInvoice', contracts.getInvoice, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  return { body: invoiceView(await getInvoice(params.caeId, params.id, params.invoiceId)) };
});
