/**
 * GET /caes/{caeId}/accompaniment/compliance?asOf= (staff): everyone supported or employed on asOf (today when
 * absent), with their individual interviews held in the 12 months before, compliant or not, and the next due
 * day. Two queries whatever the number of people's interviews (compliance.ts).
 */
import { compliantShare } from '../../domain/accompaniment/index.js';
import { requireCae } from '../shared/auth.js';
import { todayInParis } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { contracts } from './api.js';
import { complianceOf } from './compliance.js';

export const handler = httpHandler('getCompliance', contracts.getCompliance, async ({ caller, params, query }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const asOf = query.asOf ?? todayInParis();
  const { people, compliant, items } = await complianceOf(params.caeId, asOf);
  return { body: { asOf, people, compliant, share: compliantShare(people, compliant), items } };
});
