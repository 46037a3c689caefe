/**
 * POST …/quotes: a quote, sent, numbered "D-YYYY-NNNNN" in the CAE's quote sequence (the year of issuedOn).
 * The quote is written by the sequence's finishing step (numbering.ts), so its number is never lost.
 */
import { ulid } from 'ulid';
import { checkLines, normaliseLines, totalsOfLines } from '../../domain/invoicing/index.js';
import { nowIso } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { getCustomer } from '../shared/repositories/customers.js';
import { getQuote, type Quote } from '../shared/repositories/quotes.js';
import { takeNumber } from '../shared/repositories/sequences.js';
import { activityOf } from './access.js';
import { contracts } from './api.js';
import { finishQuoteNumber, QUOTE_SEQUENCE } from './numbering.js';
import { customerUnknown, refuseIf } from './problems.js';
import { quoteView } from './views.js';

export const handler = httpHandler('createQuote', contracts.createQuote, async ({ caller, params, body }) => {
  await activityOf(caller, params.caeId, params.id);
  await getCustomer(params.caeId, params.id, body.customerId).catch(() => {
    throw customerUnknown(body.customerId);
  });
  refuseIf(checkLines(body.lines));
  const lines = normaliseLines(body.lines);
  const quote: Omit<Quote, 'number'> = {
    id: ulid(),
    entrepreneurId: params.id,
    status: 'sent',
    customerId: body.customerId,
    issuedOn: body.issuedOn,
    validUntil: body.validUntil,
    lines,
    totals: totalsOfLines(lines),
    ...(body.notes === undefined ? {} : { notes: body.notes }),
    createdAt: nowIso(),
  };
  await takeNumber({
    caeId: params.caeId,
    sequence: QUOTE_SEQUENCE,
    year: Number(body.issuedOn.slice(0, 4)),
    documentRef: quote.id,
    fingerprint: quote.id,
    payload: { quote },
    finish: finishQuoteNumber,
  });
  return { status: 201, body: quoteView(await getQuote(params.caeId, params.id, quote.id)) };
});

