/**
 * PUT …/entrepreneurs/{id}/contribution-override: an exception to the CAE's policy for one entrepreneur, from a
 * month on (`policy: null` ends it). Like the CAE's policy, it may not take effect in a closed month (409).
 * A version with the same `effectiveFrom` replaces the one there.
 */
import { canSetPolicy, type OverrideVersion } from '../../domain/contribution/index.js';
import { requireCae } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { withOptimisticRetry } from '../shared/optimistic.js';
import { findOverrides, saveOverrides } from '../shared/repositories/accounts.js';
import { getCae } from '../shared/repositories/caes.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { requireValidPolicy } from '../caes/policyRules.js';
import { contracts } from './api.js';
import { ledgerProblem } from './ledger.js';
import { withVersion } from './policyVersions.js';

export const handler = httpHandler('putContributionOverride', contracts.putContributionOverride, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  if (body.policy !== null) requireValidPolicy(body.policy, 'body.policy');
  await getEntrepreneur(params.caeId, params.id);
  const saved = await withOptimisticRetry(async () => {
    const [cae, overrides] = await Promise.all([getCae(params.caeId), findOverrides(params.caeId, params.id)]);
    const refused = canSetPolicy(body.effectiveFrom, cae.lastClosedMonth ?? null);
    if (refused.length > 0) throw ledgerProblem(refused);
    const version: OverrideVersion = { effectiveFrom: body.effectiveFrom, policy: body.policy };
    return saveOverrides(params.caeId, { ...overrides, versions: withVersion(overrides.versions, version) });
  });
  return { body: { entrepreneurId: params.id, contributionOverrides: saved.versions } };
});
