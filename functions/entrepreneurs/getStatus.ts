/** GET …/status?asOf=: the status on a date, as funders count it ('none' before the first stage). */
import { statusOn } from '../../domain/careerPath/index.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { contracts } from './api.js';

export const handler = httpHandler('getEntrepreneurStatus', contracts.getEntrepreneurStatus, async ({ caller, params, query }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const entrepreneur = await getEntrepreneur(params.caeId, params.id);
  return { body: { asOf: query.asOf, status: statusOn(entrepreneur.path, query.asOf) } };
});
