/** PUT …/invoices/{invoiceId}: replaces a draft (same body as its creation); an issued invoice is a 409. */
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { withOptimisticRetry } from '../shared/optimistic.js';
import { getInvoice, type Invoice, saveDraft } from '../shared/repositories/invoices.js';
import { contracts } from './api.js';
import { draftFields } from './drafts.js';
import { invoiceView } from './views.js';
import { Conflict } from '../shared/errors.js';

export const handler = httpHandler('updateInvoice', contracts.updateInvoice, async ({ caller, params, body }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const saved = await withOptimisticRetry(async () => {
    const current = await getInvoice(params.caeId, params.id, params.invoiceId);
    if (current.status !== 'draft') throw new Conflict('invoice-not-draft', `Invoice ${current.number} is ${current.status}: an issued invoice is never changed; correct it with a credit note.`);
    const { quoteId, deliveredOn, paymentTermsDays, notes, ...kept } = current;
    const next: Invoice = { ...kept, ...(await draftFields(params.caeId, params.id, body)) };
    return saveDraft(params.caeId, next);
  });
  return { body: invoiceView(saved) };
});
