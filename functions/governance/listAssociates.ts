/**
 * GET /caes/{caeId}/associates?asOf=: the associates register on a date (today in Europe/Paris by default),
 * derived from the career paths: one entry and one vote per person, whatever their capital.
 */
import { associatesOn } from '../../domain/governance/index.js';
import { requireCae } from '../shared/auth.js';
import { todayInParis } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { listMemberships } from '../shared/repositories/governance.js';
import { contracts } from './api.js';

export const handler = httpHandler('listAssociates', contracts.listAssociates, async ({ caller, params, query }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const asOf = query.asOf ?? todayInParis();
  const items = associatesOn(await listMemberships(params.caeId), asOf);
  return { body: { asOf, items } };
});
