/** PUT /caes/{caeId}/settings: the CAE's career-path settings. */
import { requireCae } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { withOptimisticRetry } from '../shared/optimistic.js';
import { getCae, saveCae } from '../shared/repositories/caes.js';
import { contracts } from './api.js';
import { caeView } from './view.js';

export const handler = httpHandler('putCaeSettings', contracts.putCaeSettings, async ({ params, body, caller }) => {
  requireCae(caller, params.caeId);
  const saved = await withOptimisticRetry(async () => {
    const cae = await getCae(params.caeId);
    return saveCae({ ...cae, settings: { ...cae.settings, ...body } });
  });
  return { body: caeView(saved) };
});
