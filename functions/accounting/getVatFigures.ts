/**
 * GET /caes/{caeId}/accounting/vat?month=: the figures of the month's VAT return, from the VAT lines booked in
 * the month (docs/domain.md "Accounting": services when paid, goods when invoiced, unless VAT on debits).
 */
import { firstDayOf, lastDayOf } from '../../domain/calendar.js';
import { vatFigures } from '../../domain/accounting/index.js';
import { httpHandler } from '../shared/http.js';
import { linesBetween } from '../shared/repositories/books.js';
import { caeBooks } from './access.js';
import { contracts } from './api.js';

export const handler = httpHandler('getVatFigures', contracts.getVatFigures, async ({ caller, params, query }) => {
  await caeBooks(caller, params.caeId);
  const lines = await linesBetween(params.caeId, firstDayOf(query.month), lastDayOf(query.month));
  return { body: { month: query.month, ...vatFigures(lines) } };
});
