/** POST /caes: a federation admin opens a new tenant. */
import { ulid } from 'ulid';
import { DEFAULT_CAREER_PATH_SETTINGS } from '../../domain/cae/settings.js';
import { DEFAULT_POLICY } from '../../domain/contribution/index.js';
import { nowIso } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { createCae } from '../shared/repositories/caes.js';
import { requireValidPolicy } from './policyRules.js';
import { contracts } from './api.js';
import { caeView } from './view.js';

/** The first policy version applies to every month, however far back an activity is recorded. */
export const FIRST_POLICY_MONTH = '1900-01';

export const handler = httpHandler('createCae', contracts.createCae, async ({ body }) => {
  const policy = body.contributionPolicy ?? DEFAULT_POLICY;
  requireValidPolicy(policy, 'body.contributionPolicy');
  const cae = {
    id: ulid(),
    name: body.name,
    siret: body.siret,
    communeCode: body.communeCode,
    contributionPolicies: [{ effectiveFrom: FIRST_POLICY_MONTH, policy }],
    settings: { ...DEFAULT_CAREER_PATH_SETTINGS },
    createdAt: nowIso(),
    version: 1,
  };
  await createCae(cae);
  return { body: caeView(cae) };
});
