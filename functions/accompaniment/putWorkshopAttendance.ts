/**
 * PUT /caes/{caeId}/workshops/{workshopId}/attendance (staff): who came, as a whole list that replaces the
 * previous one. Every id must be one of the CAE's people (else a 404 naming it, like any id of another CAE);
 * no more than the capacity (422 `over-capacity`).
 */
import { requireCae } from '../shared/auth.js';
import { getMany, keyOf } from '../shared/dynamo.js';
import { NotFound, RuleViolated } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import * as keys from '../shared/keys.js';
import { withOptimisticRetry } from '../shared/optimistic.js';
import { getWorkshop, saveWorkshop } from '../shared/repositories/workshops.js';
import { contracts } from './api.js';
import { workshopView } from './view.js';

export const handler = httpHandler('putWorkshopAttendance', contracts.putWorkshopAttendance, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  const ids = body.entrepreneurIds;
  const first = await getWorkshop(params.caeId, params.workshopId);
  if (first.capacity !== undefined && ids.length > first.capacity) {
    throw new RuleViolated('over-capacity', `The workshop takes at most ${first.capacity} people.`, [
      { path: 'body.entrepreneurIds', message: `names ${ids.length} people, more than the capacity of ${first.capacity}` },
    ]);
  }
  const found = await getMany(ids.map((id) => keys.entrepreneur(params.caeId, id)));
  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(keyOf(keys.entrepreneur(params.caeId, id))));
  if (missing.length > 0) {
    throw new NotFound(
      `No entrepreneur ${missing[0]?.id} in CAE ${params.caeId}.`,
      missing.map(({ id, i }) => ({ path: `body.entrepreneurIds.${i}`, message: `no entrepreneur ${id} in this CAE` })),
    );
  }
  const saved = await withOptimisticRetry(async () => {
    const current = await getWorkshop(params.caeId, params.workshopId);
    return saveWorkshop({ ...current, entrepreneurIds: ids });
  });
  return { body: workshopView(saved, caller) };
});
