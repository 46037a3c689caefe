/** GET …/customers/{customerId}. */
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { getCustomer } from '../shared/repositories/customers.js';
import { contracts } from './api.js';

export const handler = httpHandler('getCustomer', contracts.getCustomer, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  return { body: await getCustomer(params.caeId, params.id, params.customerId) };
});
