/**
 * GET …/account?month=: the monthly activity account. A closed month is its stored snapshot; an open one is
 * computed from its entries and the previous closing figures (repositories/accounts.ts: bounded reads).
 */
import { accountView } from '../../domain/activityAccount/index.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { findOverrides, monthlyAccountOf } from '../shared/repositories/accounts.js';
import { getCae } from '../shared/repositories/caes.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { contracts } from './api.js';

export const handler = httpHandler('getAccount', contracts.getAccount, async ({ caller, params, query }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const [cae, , overrides] = await Promise.all([
    getCae(params.caeId),
    getEntrepreneur(params.caeId, params.id),
    findOverrides(params.caeId, params.id),
  ]);
  const snapshot = await monthlyAccountOf(params.caeId, params.id, query.month, {
    policies: cae.contributionPolicies,
    overrides: overrides.versions,
    lastClosedMonth: cae.lastClosedMonth ?? null,
  });
  return { body: accountView(snapshot) };
});
