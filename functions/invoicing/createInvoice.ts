/** POST …/invoices: a draft (status draft, no number), which may be edited or deleted until it is issued. */
import { ulid } from 'ulid';
import { nowIso } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { createDraft, type Invoice } from '../shared/repositories/invoices.js';
import { activityOf } from './access.js';
import { contracts } from './api.js';
import { draftFields } from './drafts.js';
import { invoiceView } from './views.js';

export const handler = httpHandler('createInvoice', contracts.createInvoice, async ({ caller, params, body }) => {
  await activityOf(caller, params.caeId, params.id);
  const invoice: Invoice = {
    id: ulid(),
    kind: 'invoice',
    entrepreneurId: params.id,
    status: 'draft',
    number: null,
    ...(await draftFields(params.caeId, params.id, body)),
    credited: '0.00',
    creditedGroups: [],
    creditNotes: [],
    paid: '0.00',
    payments: [],
    createdAt: nowIso(),
    version: 1,
  };
  await createDraft(params.caeId, invoice);
  return { status: 201, body: invoiceView(invoice) };
});
