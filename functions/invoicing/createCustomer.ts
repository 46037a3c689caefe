/** POST …/customers: a customer of the activity (docs/api.md "Invoicing"). */
import { ulid } from 'ulid';
import { nowIso } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { createCustomer, type Customer } from '../shared/repositories/customers.js';
import { activityOf } from './access.js';
import { contracts } from './api.js';

export const handler = httpHandler('createCustomer', contracts.createCustomer, async ({ caller, params, body }) => {
  await activityOf(caller, params.caeId, params.id);
  const customer: Customer = { id: ulid(), entrepreneurId: params.id, ...body, createdAt: nowIso() };
  await createCustomer(params.caeId, customer);
  return { status: 201, body: customer };
});
