/**
 * POST …/invoices/{invoiceId}/issue (Idempotency-Key) `{ issuedOn }`: the draft gets the next number of the
 * CAE's invoice sequence and its revenue is posted to the activity ledger, one entry per VAT rate
 * (docs/architecture.md "Invoices, numbers and the ledger").
 *
 * Every refusal comes before the number is taken, so a refused request changes nothing: no settings (422), no
 * lines (422), a closed month (409), an entrepreneur not active on that day (422), an entrepreneur above the
 * self-issue limit (403), a date before the last numbered one (422). The number's payload is the issued
 * invoice itself, so whoever finishes the number (this request, its retry, or the next issue if this one died)
 * writes the same invoice and the same entries. The same key and body again answers 201 with the same number;
 * an invoice issued by another request is a 409.
 */
import { checkActiveOn } from '../../domain/activityAccount/index.js';
import { checkIssuable, DEFAULT_PAYMENT_TERMS_DAYS, dueDate } from '../../domain/invoicing/index.js';
import { Conflict, RuleViolated } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { entryClaim } from '../shared/idempotency.js';
import { getCustomer } from '../shared/repositories/customers.js';
import { getInvoice, type Invoice } from '../shared/repositories/invoices.js';
import { activityOf, requireMayIssue, settingsOf } from './access.js';
import { contracts } from './api.js';
import { finishNumbered, numberInvoiceDocument } from './numbering.js';
import { refuseClosedMonth, refuseIf } from './problems.js';
import { invoiceView } from './views.js';

export const handler = httpHandler('issueInvoice', contracts.issueInvoice, async ({ caller, params, body, headers }) => {
  const { cae, entrepreneur } = await activityOf(caller, params.caeId, params.id);
  const claim = entryClaim({ caeId: params.caeId, scope: params.id, caller, key: headers['idempotency-key'] as string, request: { route: 'issueInvoice', params, body } });
  // The key and the body: a repeat is the same key with the same body, nothing else.
  const fingerprint = `${claim.id}:${claim.fingerprint}`;
  const draft = await getInvoice(params.caeId, params.id, params.invoiceId);
  if (draft.status !== 'draft') {
    if (draft.issueFingerprint === fingerprint && (await finishNumbered(params.caeId, draft.id, fingerprint))) {
      return { status: 201, body: invoiceView(draft), headers: { 'idempotent-replayed': 'true' } };
    }
    throw new Conflict('invoice-not-draft', `Invoice ${draft.number} is already ${draft.status}.`);
  }

  const settings = settingsOf(cae);
  refuseIf(checkIssuable(draft.lines));
  refuseClosedMonth(body.issuedOn, cae.lastClosedMonth, 'issuedOn');
  const inactive = checkActiveOn(entrepreneur.path, body.issuedOn);
  if (inactive.length > 0) {
    const message = `the entrepreneur is not active on ${body.issuedOn}: ${inactive[0]?.message}`;
    throw new RuleViolated('entrepreneur-not-active', message, [{ path: 'body.issuedOn', message }]);
  }
  requireMayIssue(caller, settings, draft.totals.inclVat);
  const customer = await getCustomer(params.caeId, params.id, draft.customerId);

  const { id: _, createdAt: __, ...billed } = customer;
  const { entrepreneurId: ___, ...billedCustomer } = billed;
  const issued: Omit<Invoice, 'number'> = {
    ...draft,
    status: 'issued',
    issuedOn: body.issuedOn,
    dueOn: dueDate(body.issuedOn, draft.paymentTermsDays ?? settings.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS),
    customer: billedCustomer,
    latePenaltyRate: settings.latePenaltyRate,
    issueFingerprint: fingerprint,
    version: draft.version + 1,
  };
  const bound = await numberInvoiceDocument(params.caeId, draft.id, body.issuedOn, fingerprint, { kind: 'invoice', invoice: issued });
  if (bound.fingerprint !== fingerprint) throw new Conflict('invoice-not-draft', 'This invoice was issued by another request.');
  return { status: 201, body: invoiceView(await getInvoice(params.caeId, params.id, params.invoiceId)) };
});
