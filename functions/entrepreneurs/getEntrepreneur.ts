/** GET /caes/{caeId}/entrepreneurs/{id}: staff read any record of their CAE; an entrepreneur only their own. */
import { requireEntrepreneur } from '../shared/auth.js';
import { todayInParis } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { contracts } from './api.js';
import { entrepreneurView } from './view.js';

export const handler = httpHandler('getEntrepreneur', contracts.getEntrepreneur, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  return { body: entrepreneurView(await getEntrepreneur(params.caeId, params.id), todayInParis()) };
});
