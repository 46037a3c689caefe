/**
 * GET /reports/territories/{territory}?from=&to=[&format=json|csv|html]: the territorial impact report, summed
 * from the territory's federation-wide months (one query, one item per month) and the grant lines counted in it
 * (one query, one item per funder and year): its cost does not grow with the number of CAEs, entrepreneurs or
 * transactions; the ledger is never read. Federation admins read every territory, funders theirs and those
 * inside them. Statistical secrecy applies to every reader but the federation admin, who runs the platform and
 * sees every person's record anyway (docs/domain.md "Statistical secrecy").
 */
import { yearOf } from '../../domain/calendar.js';
import { buildReport } from '../../domain/reporting/index.js';
import { parseTerritory } from '../../domain/territory/index.js';
import { httpHandler } from '../shared/http.js';
import { territoryMonths } from '../shared/repositories/aggregates.js';
import { territoryGrantLines } from '../shared/repositories/grants.js';
import { requireTerritory } from './access.js';
import { contracts } from './api.js';
import { csvFileName, reportCsv } from './csv.js';
import { reportHtml } from './html.js';

/** The page loads nothing: no script, no external style, image or font. */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const handler = httpHandler('getTerritoryReport', contracts.getTerritoryReport, async ({ caller, params, query }) => {
  const parsed = parseTerritory(params.territory);
  if (!parsed.ok) throw new Error('unreachable: the contract validated the territory');
  requireTerritory(caller, parsed.territory);
  const { from, to, format } = query;
  const [months, grants] = await Promise.all([
    territoryMonths(params.territory, from, to),
    territoryGrantLines(params.territory, yearOf(from), yearOf(to)),
  ]);
  const report = buildReport({ territory: params.territory, from, to, months, grants, statisticalSecrecy: caller.role !== 'federation_admin' });
  const noStore = { 'cache-control': 'private, no-store' };
  if (format === 'csv') {
    return {
      raw: reportCsv(report),
      contentType: 'text/csv; charset=utf-8',
      headers: { ...noStore, 'content-disposition': `attachment; filename="${csvFileName(report)}"` },
    };
  }
  if (format === 'html') {
    return {
      raw: reportHtml(report),
      contentType: 'text/html; charset=utf-8',
      headers: { ...noStore, 'content-security-policy': HTML_POLICY, 'x-content-type-options': 'nosniff' },
    };
  }
  return { body: report, headers: noStore };
});
