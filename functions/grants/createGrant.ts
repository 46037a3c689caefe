/**
 * POST /caes/{caeId}/grants (Idempotency-Key): a public grant the CAE received, counted in the funder's
 * territory and in every territory that contains it (domain/reporting/grants.ts).
 *
 * Idempotency reuses the activity routes' protocol (shared/idempotency.ts), scoped to the CAE's grants
 * (records under `CAE#<caeId>#IDEMPOTENCY#grants#…`; a lower-case scope can never be an entrepreneur's ULID).
 */
import { datasetVintage, parseTerritory } from '../../domain/territory/index.js';
import { enclosingTerritories } from '../../domain/reporting/index.js';
import { requireCae } from '../shared/auth.js';
import { nowIso } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { idempotent } from '../shared/idempotency.js';
import { getCae } from '../shared/repositories/caes.js';
import { createGrant } from '../shared/repositories/grants.js';
import { contracts } from '../reports/api.js';

/** The idempotency scope of a CAE's grants (an entrepreneur's ledger uses their id). */
const GRANTS_SCOPE = 'grants';

export const handler = httpHandler('createGrant', contracts.createGrant, async ({ caller, params, body, headers }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const parsed = parseTerritory(body.territory);
  if (!parsed.ok) throw new Error('unreachable: the contract validated the territory');
  const key = headers['idempotency-key'] as string;
  const request = { route: 'createGrant', params, body };
  return idempotent({ caeId: params.caeId, scope: GRANTS_SCOPE, caller, key, request }, async (grantId) => {
    const stored = await createGrant({
      id: grantId,
      caeId: params.caeId,
      funder: body.funder,
      territory: body.territory,
      year: body.year,
      amount: body.amount,
      countsIn: enclosingTerritories(parsed.territory),
      datasetVintage,
      createdAt: nowIso(),
    });
    return { status: 201, body: stored };
  });
});
