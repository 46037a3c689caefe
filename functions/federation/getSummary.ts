/**
 * GET /federation/summary?month=YYYY-MM (federation admin): one row per CAE, a page of the federation's CAEs
 * at a time: the people by status at the month's end, revenue, cooperative contributions and gross salaries
 * (the CAE's own `france` figures of the month, from the manifest written when its month was added to the
 * territorial aggregates), and the payroll run's status (with how many entrepreneurs it could not pay). A month
 * not closed yet has no figures (null) rather than figures that would change.
 * Cost per page: the CAE list, one BatchGet of manifests, one of invoicing months, one read per CAE's run, one BatchGet of the CAEs' kept
 * compliance figures (`accompaniment`: the share of people with their interviews, docs/architecture.md
 * "Accompaniment"; taken again, 2 queries, only for a CAE whose kept figures are missing or stale).
 * Invoiced and collected revenue (excl. VAT) come from the CAE's invoicing month (repositories/invoicingMonths.ts),
 * kept as documents are issued and paid, so they show before the month is closed (absent: nothing invoiced).
 */
import { COUNTED_STATUSES } from '../../domain/reporting/index.js';
import { complianceSummaries } from '../accompaniment/compliance.js';
import { httpHandler } from '../shared/http.js';
import { caeFigures, manifestsOfCaes } from '../shared/repositories/aggregates.js';
import { listCaes } from '../shared/repositories/caes.js';
import { invoicingOfCaes } from '../shared/repositories/invoicingMonths.js';
import { findRun } from '../shared/repositories/payrollRuns.js';
import { contracts } from '../reports/api.js';

export const handler = httpHandler('getFederationSummary', contracts.getFederationSummary, async ({ query }) => {
  const { month, limit, cursor } = query;
  const caes = await listCaes(limit, cursor);
  const ids = caes.items.map((c) => c.id);
  const [manifests, runs, compliance, invoicing] = await Promise.all([
    manifestsOfCaes(month, ids),
    Promise.all(ids.map((id) => findRun(id, month))),
    complianceSummaries(ids, month),
    invoicingOfCaes(month, ids),
  ]);
  const items = caes.items.map((cae, i) => {
    const manifest = manifests.get(cae.id);
    const a = manifest && caeFigures(manifest, 'france');
    return {
      caeId: cae.id,
      name: cae.name,
      entrepreneurs: a ? Object.fromEntries(COUNTED_STATUSES.map((s) => [s, a.byStatusAtEnd[s] ?? 0])) as Record<(typeof COUNTED_STATUSES)[number], number> : null,
      revenue: a?.revenue ?? null,
      contributions: a?.cooperativeContributions ?? null,
      grossSalaries: a?.grossSalaries ?? null,
      accompaniment: compliance.get(cae.id) ?? null,
      ...invoicing.get(cae.id),
      payrollRun: { status: runs[i]?.status ?? ('not_started' as const), ...(runs[i]?.unpaid?.length ? { unpaid: runs[i]?.unpaid?.length } : {}) },
    };
  });
  return { body: { month, items, nextCursor: caes.nextCursor } };
});
