/**
 * POST …/expense-claims/{claimId}/rejection (staff) `{ reason }`: the claim is kept, rejected, with its reason;
 * nothing is posted. Only a submitted claim is rejected (409 otherwise), and not while an approval is posting
 * its entries (409 `claim-approval-in-progress`: that approval must finish, see approve.ts) unless it started
 * more than five minutes ago and so can never finish.
 */
import { checkTransition } from '../../../domain/expenses/claims.js';
import { requireCae } from '../../shared/auth.js';
import { nowIso, systemNow } from '../../shared/clock.js';
import { Conflict } from '../../shared/errors.js';
import { httpHandler } from '../../shared/http.js';
import { withOptimisticRetry } from '../../shared/optimistic.js';
import { saveClaim } from '../../shared/repositories/expenseClaims.js';
import { contracts } from './api.js';
import { claimProblem, claimView, getClaim } from './shared.js';

/**
 * How long a started approval blocks a rejection: far beyond any Lambda behind API Gateway (29 s), so only an
 * approval that can never finish (docs/architecture.md "Expense claims", what is left) is ever overtaken.
 */
const APPROVAL_GRACE_MS = 5 * 60_000;

export const handler = httpHandler('rejectExpenseClaim', contracts.rejectExpenseClaim, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  const saved = await withOptimisticRetry(async () => {
    const claim = await getClaim(params.caeId, params.id, params.claimId);
    const refused = checkTransition(claim.status, 'reject');
    if (refused.length > 0) throw claimProblem(refused);
    if (claim.approvingSince !== undefined && systemNow().getTime() - Date.parse(claim.approvingSince) < APPROVAL_GRACE_MS) {
      throw new Conflict('claim-approval-in-progress', 'An approval of this claim has started posting its entries; it cannot be rejected. Retry the approval to finish it.');
    }
    const change = { status: 'rejected' as const, at: nowIso(), by: caller.sub, reason: body.reason };
    return saveClaim({ ...claim, status: 'rejected', rejectionReason: body.reason, history: [...claim.history, change] }, claim.version);
  });
  return { body: claimView(saved) };
});
