/**
 * POST …/invoices/{invoiceId}/payments (Idempotency-Key) `{ receivedOn, amount, method, reference? }`: a payment
 * received, at most what is due (422); the invoice becomes partially_paid, then paid. The payment is recorded
 * on the invoice first (its id derived from the key, added once), then posted to the ledger as a 'collection'
 * entry of its part excl. VAT, which only the "collected" contribution base counts (docs/architecture.md
 * "Invoices, numbers and the ledger"). A payment dated in a month closed by payroll is a 409; a month that
 * closes between the two writes gets the entry on the first day of the next open month (posting.ts).
 */
import { checkPayment, collectedExclVat } from '../../domain/invoicing/index.js';
import { canonicalJson, entryClaim } from '../shared/idempotency.js';
import { Conflict } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { applyPayment, balanceOf, isOpen, type Payment } from '../shared/repositories/invoices.js';
import { Dec, formatMoney } from '../../domain/money.js';
import { bookEvent } from '../shared/repositories/books.js';
import { countInMonth } from '../shared/repositories/invoicingMonths.js';
import { activityOf } from './access.js';
import { contracts } from './api.js';
import { postDocumentEntry } from './posting.js';
import { refuseClosedMonth, refuseIf } from './problems.js';
import { invoiceView } from './views.js';

export const handler = httpHandler('recordPayment', contracts.recordPayment, async ({ caller, params, body, headers }) => {
  const { cae } = await activityOf(caller, params.caeId, params.id);
  const claim = entryClaim({ caeId: params.caeId, scope: params.id, caller, key: headers['idempotency-key'] as string, request: { route: 'recordPayment', params, body } });
  refuseClosedMonth(body.receivedOn, cae.lastClosedMonth, 'receivedOn');
  const payment: Payment = { id: claim.id, ...body };
  const invoice = await applyPayment(params.caeId, params.id, params.invoiceId, payment, (current) => {
    if (current.status === 'draft' || current.issuedOn === undefined) throw new Conflict('invoice-not-issued', 'A draft is not paid: issue it first.');
    if (!isOpen(current)) throw new Conflict('nothing-due', `Invoice ${current.number} is ${current.status}: nothing is due.`);
    refuseIf(checkPayment(balanceOf(current), current.issuedOn, body));
  });
  const recorded = invoice.payments.find((p) => p.id === payment.id);
  if (canonicalJson(recorded) !== canonicalJson(payment)) {
    throw new Conflict('idempotency-key-reused', 'This Idempotency-Key was used with another request; use a new key.');
  }
  const collected = formatMoney(collectedExclVat(payment.amount, invoice.totals));
  await postDocumentEntry(params.caeId, params.id, 'payment', ['payment', invoice.id, payment.id], {
    type: 'collection',
    date: payment.receivedOn,
    amountExclVat: collected,
    vatRate: '0',
    vatAmount: '0.00',
    label: `Encaissement facture ${invoice.number}`.slice(0, 200),
    reference: invoice.number as string,
  });
  await countInMonth(params.caeId, payment.receivedOn.slice(0, 7), payment.id, { collected });
  // The bank journal; it also moves the VAT of services, due when paid (docs/domain.md "Accounting").
  const before = invoice.payments.slice(0, invoice.payments.findIndex((p) => p.id === payment.id));
  await bookEvent(params.caeId, {
    kind: 'payment_received',
    paymentId: payment.id,
    invoiceNumber: invoice.number as string,
    date: payment.receivedOn,
    activity: params.id,
    customer: { id: invoice.customerId, name: invoice.customer?.name ?? invoice.customerId },
    amount: payment.amount,
    operationKind: invoice.operationKind,
    invoiceVat: invoice.totals.vat,
    invoiceInclVat: invoice.totals.inclVat,
    paidBefore: formatMoney(before.reduce((sum, p) => sum.plus(p.amount), new Dec(0))),
  });
  return { status: 201, body: invoiceView(invoice) };
});
