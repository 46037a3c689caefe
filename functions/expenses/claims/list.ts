/** GET …/expense-claims?status=: an entrepreneur's own claims, in the order they were filed. */
import { requireEntrepreneur } from '../../shared/auth.js';
import { httpHandler } from '../../shared/http.js';
import { getEntrepreneur } from '../../shared/repositories/entrepreneurs.js';
import { listEntrepreneurClaims } from '../../shared/repositories/expenseClaims.js';
import { contracts } from './api.js';
import { claimView } from './shared.js';

export const handler = httpHandler('listExpenseClaims', contracts.listExpenseClaims, async ({ caller, params, query }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  await getEntrepreneur(params.caeId, params.id);
  const page = await listEntrepreneurClaims(params.caeId, params.id, query.status, query.limit, query.cursor);
  return { body: { items: page.items.map(claimView), nextCursor: page.nextCursor } };
});
