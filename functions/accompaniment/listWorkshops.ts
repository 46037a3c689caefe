/** GET /caes/{caeId}/workshops: the CAE's workshops by day; an entrepreneur sees whether they attended, not who else did. */
import { requireCae } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { listWorkshops } from '../shared/repositories/workshops.js';
import { contracts } from './api.js';
import { workshopView } from './view.js';

export const handler = httpHandler('listWorkshops', contracts.listWorkshops, async ({ caller, params, query }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const page = await listWorkshops(params.caeId, query.limit, query.cursor);
  return { body: { items: page.items.map((w) => workshopView(w, caller)), nextCursor: page.nextCursor } };
});
