/**
 * GET /caes/{caeId}/expense-claims?status=submitted (staff): what waits for validation across the CAE, oldest
 * submission first (one query on GSI2, whose sort key is the time the claim entered its status). Other
 * statuses list the same way, by the time of their last change.
 */
import { requireCae } from '../../shared/auth.js';
import { httpHandler } from '../../shared/http.js';
import { listCaeClaims } from '../../shared/repositories/expenseClaims.js';
import { contracts } from './api.js';
import { claimView } from './shared.js';

export const handler = httpHandler('listCaeExpenseClaims', contracts.listCaeExpenseClaims, async ({ caller, params, query }) => {
  requireCae(caller, params.caeId);
  const page = await listCaeClaims(params.caeId, query.status, query.limit, query.cursor);
  return { body: { items: page.items.map(claimView), nextCursor: page.nextCursor } };
});
