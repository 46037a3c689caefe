/** GET …/transactions?month=: a month's entries (reversals included), in the order they were recorded. */
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { listEntries } from '../shared/repositories/ledger.js';
import { contracts } from './api.js';
import { transactionView } from './ledger.js';

export const handler = httpHandler('listTransactions', contracts.listTransactions, async ({ caller, params, query }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  await getEntrepreneur(params.caeId, params.id);
  const page = await listEntries(params.caeId, params.id, query.month, query.limit, query.cursor);
  return { body: { items: page.items.map(transactionView), nextCursor: page.nextCursor } };
});
