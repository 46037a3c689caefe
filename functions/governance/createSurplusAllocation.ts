/**
 * POST /caes/{caeId}/surplus-allocations: records how a year's surplus is allocated, if it follows law 78-763
 * art. 33 (docs/domain.md "The cooperative itself"). A refusal is a 422 whose `type` is the first rule broken and
 * whose `errors` list every breach, each on its field. One allocation per year: a second one is a 409.
 * It creates a money record, so it takes an Idempotency-Key (docs/api.md): a retried request gets the first answer.
 */
import { checkSurplusAllocation } from '../../domain/governance/index.js';
import { requireCae } from '../shared/auth.js';
import { nowIso } from '../shared/clock.js';
import { RuleViolated } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { idempotent } from '../shared/idempotency.js';
import { getCae } from '../shared/repositories/caes.js';
import { createSurplusAllocation, type StoredSurplusAllocation } from '../shared/repositories/governance.js';
import { contracts } from './api.js';

export const handler = httpHandler('createSurplusAllocation', contracts.createSurplusAllocation, async ({ caller, params, body, headers }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const key = headers['idempotency-key'] as string;
  const request = { route: 'createSurplusAllocation', params, body };
  return idempotent({ caeId: params.caeId, scope: 'surplus', caller, key, request }, async () => allocate(params.caeId, body));
});

async function allocate(caeId: string, body: Parameters<typeof checkSurplusAllocation>[0]) {
  const decision = checkSurplusAllocation(body);
  if (!decision.ok) {
    const [first] = decision.violations;
    const errors = decision.violations.map((v) => ({ path: `body.${v.field}`, message: `${v.rule}: ${v.message}` }));
    throw new RuleViolated(first?.rule ?? 'surplus-allocation-refused', first?.message ?? 'The allocation was refused.', errors);
  }
  const allocation: StoredSurplusAllocation = {
    ...decision.allocation,
    caeId,
    requirements: decision.requirements,
    createdAt: nowIso(),
  };
  await createSurplusAllocation(allocation);
  const { caeId: _tenant, ...view } = allocation;
  return { status: 201, body: view };
}
