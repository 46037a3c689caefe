/**
 * PUT /caes/{caeId}/contribution-policy: a new version of the CAE's policy from a month on. A month already
 * closed by payroll keeps the policy it was closed with: effectiveFrom at or before the last closed month is a
 * 409. A version with the same effectiveFrom replaces the one there.
 */
import { canSetPolicy } from '../../domain/contribution/index.js';
import { withVersion } from '../activity/policyVersions.js';
import { ledgerProblem } from '../activity/ledger.js';
import { requireCae } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { withOptimisticRetry } from '../shared/optimistic.js';
import { getCae, saveCae } from '../shared/repositories/caes.js';
import { contracts } from './api.js';
import { requireValidPolicy } from './policyRules.js';
import { caeView } from './view.js';

export const handler = httpHandler('putContributionPolicy', contracts.putContributionPolicy, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  requireValidPolicy(body.policy, 'body.policy');
  const saved = await withOptimisticRetry(async () => {
    const cae = await getCae(params.caeId);
    const refused = canSetPolicy(body.effectiveFrom, cae.lastClosedMonth ?? null);
    if (refused.length > 0) throw ledgerProblem(refused);
    return saveCae({ ...cae, contributionPolicies: withVersion(cae.contributionPolicies, { effectiveFrom: body.effectiveFrom, policy: body.policy }) });
  });
  return { body: caeView(saved) };
});
