/** GET …/customers: the activity's customers, in creation order. */
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { listCustomers } from '../shared/repositories/customers.js';
import { contracts } from './api.js';

export const handler = httpHandler('listCustomers', contracts.listCustomers, async ({ caller, params, query }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  return { body: await listCustomers(params.caeId, params.id, query.limit, query.cursor) };
});
