/**
 * GET /caes/{caeId}/accounting/entries?from=&to=&journal=: the entries dated in the period, by date, each
 * balanced as it was booked: one page of one range of the CAE's by-date listing.
 */
import { httpHandler } from '../shared/http.js';
import { listBookEntries } from '../shared/repositories/books.js';
import { caeBooks } from './access.js';
import { contracts } from './api.js';

export const handler = httpHandler('listBookEntries', contracts.listBookEntries, async ({ caller, params, query }) => {
  await caeBooks(caller, params.caeId);
  const { from, to, journal, limit, cursor } = query;
  const found = await listBookEntries(params.caeId, { from, to, ...(journal ? { journal } : {}) }, limit, cursor);
  return {
    body: {
      items: found.items.map((e) => ({
        journal: e.journal,
        number: e.number,
        date: e.date,
        pieceRef: e.pieceRef,
        pieceDate: e.pieceDate,
        label: e.label,
        validatedOn: e.validatedOn,
        fiscalYear: e.fiscalYear,
        ...(e.activity ? { activity: e.activity } : {}),
        lines: [...e.lines],
      })),
      nextCursor: found.nextCursor,
    },
  };
});
