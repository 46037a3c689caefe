/** GET /caes/{caeId} */
import { requireCae } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { contracts } from './api.js';
import { caeView } from './view.js';

export const handler = httpHandler('getCae', contracts.getCae, async ({ params, caller }) => {
  requireCae(caller, params.caeId);
  return { body: caeView(await getCae(params.caeId)) };
});
