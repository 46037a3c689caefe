/**
 * POST …/invoices/{invoiceId}/credit-notes (Idempotency-Key) `{ issuedOn, reason, lines? }`: a credit note on an
 * issued invoice, numbered in the invoices' sequence, taking off its lines' totals (without lines: all that
 * remains to credit, rate by rate), never more than what remains due (422). It posts the reversing revenue
 * entries, one per rate (numbering.ts). Its id comes from the Idempotency-Key, so a retry finishes the same one.
 */
import { checkLines, creditNoteTotals, normaliseLines } from '../../domain/invoicing/index.js';
import { Conflict, RuleViolated } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { entryClaim } from '../shared/idempotency.js';
import { balanceOf, type CreditNote, findCreditNote, getInvoice } from '../shared/repositories/invoices.js';
import { nowIso } from '../shared/clock.js';
import { activityOf, requireMayIssue, settingsOf } from './access.js';
import { contracts } from './api.js';
import { finishNumbered, numberInvoiceDocument } from './numbering.js';
import { refuseClosedMonth, refuseIf } from './problems.js';
import { creditNoteView } from './views.js';

export const handler = httpHandler('createCreditNote', contracts.createCreditNote, async ({ caller, params, body, headers }) => {
  const { cae } = await activityOf(caller, params.caeId, params.id);
  const claim = entryClaim({ caeId: params.caeId, scope: params.id, caller, key: headers['idempotency-key'] as string, request: { route: 'createCreditNote', params, body } });
  const fingerprint = `${claim.id}:${claim.fingerprint}`;
  const creditNoteId = claim.id;
  const existing = await findCreditNote(params.caeId, params.id, creditNoteId);
  if (existing) {
    // A repeat finishes what its first request may have left undone (the invoice, the entries), once.
    if (existing.creditedInvoiceId !== params.invoiceId || !(await finishNumbered(params.caeId, creditNoteId, fingerprint))) {
      throw new Conflict('idempotency-key-reused', 'This Idempotency-Key was used with another request; use a new key.');
    }
    return { status: 201, body: creditNoteView(existing), headers: { 'idempotent-replayed': 'true' } };
  }

  const invoice = await getInvoice(params.caeId, params.id, params.invoiceId);
  if (invoice.status === 'draft' || invoice.number === null || invoice.issuedOn === undefined) {
    throw new Conflict('invoice-not-issued', 'A draft is not credited: edit or delete it.');
  }
  const settings = settingsOf(cae);
  if (body.lines) refuseIf(checkLines(body.lines));
  const lines = body.lines ? normaliseLines(body.lines) : undefined;
  const decided = creditNoteTotals({ totals: invoice.totals, balance: balanceOf(invoice), creditedGroups: invoice.creditedGroups }, lines);
  if (!decided.ok) refuseIf(decided.violations);
  if (!decided.ok) throw new Error('unreachable');
  if (body.issuedOn < invoice.issuedOn) {
    const message = `a credit note is dated on or after its invoice (${invoice.issuedOn})`;
    throw new RuleViolated('date-before-issue', message, [{ path: 'body.issuedOn', message }]);
  }
  refuseClosedMonth(body.issuedOn, cae.lastClosedMonth, 'issuedOn');
  requireMayIssue(caller, settings, decided.totals.inclVat);

  const creditNote: Omit<CreditNote, 'number'> = {
    id: creditNoteId,
    kind: 'credit_note',
    entrepreneurId: params.id,
    creditedInvoiceId: invoice.id,
    creditedInvoiceNumber: invoice.number,
    issuedOn: body.issuedOn,
    reason: body.reason,
    lines:
      lines ??
      decided.totals.vat.map((group) => ({ description: `Avoir sur la facture ${invoice.number} (TVA ${group.rate})`, quantity: '1', unitPriceExclVat: group.base, vatRate: group.rate })),
    totals: decided.totals,
    createdAt: nowIso(),
  };
  const bound = await numberInvoiceDocument(params.caeId, creditNoteId, body.issuedOn, fingerprint, { kind: 'credit_note', creditNote, invoiceTotalsInclVat: invoice.totals.inclVat });
  if (bound.fingerprint !== fingerprint) throw new Conflict('idempotency-key-reused', 'This Idempotency-Key was used with another request; use a new key.');
  const stored = await findCreditNote(params.caeId, params.id, creditNoteId);
  return { status: 201, body: creditNoteView(stored as CreditNote) };
});

