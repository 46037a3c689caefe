/**
 * GET /federation/summary?month=YYYY-MM (federation admin): one row per CAE, a page of the federation's CAEs
 * at a time: the people by status at the month's end, revenue, cooperative contributions and gross salaries
 * (from the CAE's `france` aggregate of the month, written when payroll closed it), and the payroll run's
 * status (with how many entrepreneurs it could not pay). A month not closed yet has no figures (null) rather than
 * figures that would change.
 * Cost per page: the CAE list, one BatchGet of aggregates, one read per CAE's run.
 */
import { COUNTED_STATUSES } from '../../domain/reporting/index.js';
import { httpHandler } from '../shared/http.js';
import { aggregatesOfCaes } from '../shared/repositories/aggregates.js';
import { listCaes } from '../shared/repositories/caes.js';
import { findRun } from '../shared/repositories/payrollRuns.js';
import { contracts } from '../reports/api.js';

export const handler = httpHandler('getFederationSummary', contracts.getFederationSummary, async ({ query }) => {
  const { month, limit, cursor } = query;
  const caes = await listCaes(limit, cursor);
  const ids = caes.items.map((c) => c.id);
  const [aggregates, runs] = await Promise.all([aggregatesOfCaes('france', month, ids), Promise.all(ids.map((id) => findRun(id, month)))]);
  const items = caes.items.map((cae, i) => {
    const a = aggregates.get(cae.id);
    return {
      caeId: cae.id,
      name: cae.name,
      entrepreneurs: a ? Object.fromEntries(COUNTED_STATUSES.map((s) => [s, a.byStatusAtEnd[s] ?? 0])) as Record<(typeof COUNTED_STATUSES)[number], number> : null,
      revenue: a?.revenue ?? null,
      contributions: a?.cooperativeContributions ?? null,
      grossSalaries: a?.grossSalaries ?? null,
      payrollRun: { status: runs[i]?.status ?? ('not_started' as const), ...(runs[i]?.unpaid?.length ? { unpaid: runs[i]?.unpaid?.length } : {}) },
    };
  });
  return { body: { month, items, nextCursor: caes.nextCursor } };
});
