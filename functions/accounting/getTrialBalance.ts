/**
 * GET /caes/{caeId}/accounting/trial-balance?from=&to=[&activity=]: the balance of every account over the
 * period, from the month totals kept as entries are booked (its whole months) and the entries of the days at
 * its edges (books.ts `periodFigures`): 1 to 3 queries whatever the number of entries. With `activity`, that activity's
 * analytic balance (its GSI2 listing): its lines, and its contribution as a charge (the analytic transfer), so
 * that its result is its activity account's revenue − contribution − expenses − employer cost.
 */
import { trialBalance } from '../../domain/accounting/index.js';
import { httpHandler } from '../shared/http.js';
import { activityLinesBetween, periodFigures } from '../shared/repositories/books.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { caeBooks } from './access.js';
import { contracts } from './api.js';

export const handler = httpHandler('getTrialBalance', contracts.getTrialBalance, async ({ caller, params, query }) => {
  await caeBooks(caller, params.caeId);
  const { from, to, activity } = query;
  if (activity) {
    await getEntrepreneur(params.caeId, activity);
    const { lines, transfers } = await activityLinesBetween(params.caeId, activity, from, to);
    return { body: { from, to, activity, ...trialBalance(lines, transfers) } };
  }
  return { body: { from, to, ...trialBalance(await periodFigures(params.caeId, from, to)) } };
});
