/**
 * POST /caes/{caeId}/surplus-allocations: records how a year's surplus is allocated, if it follows law 78-763
 * art. 33 (DOMAIN.md "The cooperative itself"). A refusal is a 422 whose `type` is the first rule broken and
 * whose `errors` list every breach, each on its field. One allocation per year: a second one is a 409.
 */
import { checkSurplusAllocation } from '../../domain/governance/index.js';
import { requireCae } from '../shared/auth.js';
import { nowIso } from '../shared/clock.js';
import { RuleViolated } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { createSurplusAllocation, type StoredSurplusAllocation } from '../shared/repositories/governance.js';
import { contracts } from './api.js';

export const handler = httpHandler('createSurplusAllocation', contracts.createSurplusAllocation, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const decision = checkSurplusAllocation(body);
  if (!decision.ok) {
    const [first] = decision.violations;
    const errors = decision.violations.map((v) => ({ path: `body.${v.field}`, message: `${v.rule}: ${v.message}` }));
    throw new RuleViolated(first?.rule ?? 'surplus-allocation-refused', first?.message ?? 'The allocation was refused.', errors);
  }
  const allocation: StoredSurplusAllocation = {
    ...decision.allocation,
    caeId: params.caeId,
    requirements: decision.requirements,
    createdAt: nowIso(),
  };
  await createSurplusAllocation(allocation);
  const { caeId, ...view } = allocation;
  return { body: view };
});
