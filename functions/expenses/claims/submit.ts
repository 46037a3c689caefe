/** POST …/expense-claims/{claimId}/submission: a draft goes to the staff's validation queue (409 from any other status). */
import { checkTransition } from '../../../domain/expenses/claims.js';
import { requireEntrepreneur } from '../../shared/auth.js';
import { nowIso } from '../../shared/clock.js';
import { httpHandler } from '../../shared/http.js';
import { withOptimisticRetry } from '../../shared/optimistic.js';
import { saveClaim } from '../../shared/repositories/expenseClaims.js';
import { contracts } from './api.js';
import { claimProblem, claimView, getClaim } from './shared.js';

export const handler = httpHandler('submitExpenseClaim', contracts.submitExpenseClaim, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const saved = await withOptimisticRetry(async () => {
    const claim = await getClaim(params.caeId, params.id, params.claimId);
    const refused = checkTransition(claim.status, 'submit');
    if (refused.length > 0) throw claimProblem(refused);
    return saveClaim({ ...claim, status: 'submitted', history: [...claim.history, { status: 'submitted', at: nowIso(), by: caller.sub }] }, claim.version);
  });
  return { body: claimView(saved) };
});
