/** DELETE …/invoices/{invoiceId}: deletes a draft; an issued invoice is never deleted (409). */
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { deleteDraft } from '../shared/repositories/invoices.js';
import { contracts } from './api.js';

export const handler = httpHandler('deleteInvoice', contracts.deleteInvoice, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  await deleteDraft(params.caeId, params.id, params.invoiceId);
  return { status: 204, raw: '', contentType: 'application/json' };
});
