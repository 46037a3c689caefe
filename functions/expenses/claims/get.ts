/** GET …/expense-claims/{claimId}: one claim, with its status history and, when rejected, the reason. */
import { requireEntrepreneur } from '../../shared/auth.js';
import { httpHandler } from '../../shared/http.js';
import { contracts } from './api.js';
import { claimView, getClaim } from './shared.js';

export const handler = httpHandler('getExpenseClaim', contracts.getExpenseClaim, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  return { body: claimView(await getClaim(params.caeId, params.id, params.claimId)) };
});
