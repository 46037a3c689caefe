/**
 * Quotes (devis): sent, then accepted or refused once; an invoice may be drawn from an accepted quote only, for
 * the same customer. A quote is accepted on or after its issue date and at the latest on its last valid day.
 */
import type { IsoDate } from '../calendar.js';
import { type Violation, violation } from '../contribution/violation.js';
import type { InvoicingViolationId } from './lifecycle.js';

export type QuoteStatus = 'sent' | 'accepted' | 'refused';

/** Checks an answer to a quote (the status is checked by the caller: a quote already answered is a 409). */
export function checkAnswer(quote: { issuedOn: IsoDate; validUntil: IsoDate }, answer: 'accepted' | 'refused', on: IsoDate, path: string): Violation<InvoicingViolationId>[] {
  if (on < quote.issuedOn) return [violation('date-before-issue', path, `the quote was issued on ${quote.issuedOn}`)];
  if (answer === 'accepted' && on > quote.validUntil) return [violation('quote-expired', path, `the quote was valid until ${quote.validUntil}`)];
  return [];
}

/** Whether an invoice may be drawn from a quote. */
export function checkInvoiceFromQuote(quote: { status: QuoteStatus; customerId: string }, customerId: string): Violation<InvoicingViolationId>[] {
  if (quote.status !== 'accepted') return [violation('quote-not-accepted', 'quoteId', 'an invoice is drawn from an accepted quote only')];
  if (quote.customerId !== customerId) return [violation('quote-other-customer', 'customerId', "the invoice's customer is the quote's")];
  return [];
}
