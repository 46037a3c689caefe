/** POST /caes/{caeId}/workshops (staff): a collective workshop, its attendance empty until recorded. */
import { ulid } from 'ulid';
import { requireCae } from '../shared/auth.js';
import { nowIso } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { createWorkshop, type Workshop } from '../shared/repositories/workshops.js';
import { contracts } from './api.js';
import { workshopView } from './view.js';

export const handler = httpHandler('createWorkshop', contracts.createWorkshop, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const workshop: Workshop = {
    id: ulid(),
    caeId: params.caeId,
    title: body.title,
    heldOn: body.heldOn,
    durationMinutes: body.durationMinutes,
    ...(body.capacity === undefined ? {} : { capacity: body.capacity }),
    entrepreneurIds: [],
    createdAt: nowIso(),
    version: 1,
  };
  await createWorkshop(workshop);
  return { body: workshopView(workshop, caller) };
});
