/**
 * GET …/account?month=: the monthly activity account. A closed month is its stored account; an open one is
 * computed from the month's totals and the previous closing figures (repositories/accounts.ts: ≤ 3 requests,
 * whatever the number of entries).
 */
import { accountView } from '../../domain/activityAccount/index.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { accountOfMonth } from '../shared/repositories/accounts.js';
import { contracts } from './api.js';

export const handler = httpHandler('getAccount', contracts.getAccount, async ({ caller, params, query }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  return { body: accountView(await accountOfMonth(params.caeId, params.id, query.month)) };
});
