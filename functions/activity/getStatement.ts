/**
 * GET …/entrepreneurs/{id}/account/statement?from=&to=&format=json|csv|html|pdf: the activity account statement
 * over a period (statement.ts). The entrepreneur reads their own, the CAE's staff anyone's of the CAE; anyone
 * else's is a 404. A period from after its end, or longer than 24 months, is a 400 naming query.to.
 */
import { monthsBetween } from '../../domain/calendar.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { ValidationFailed } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { STATEMENT_MAX_MONTHS, statementOf } from './statement.js';
import { contracts } from './statementApi.js';
import { statementFileName, statementCsv } from './statementCsv.js';
import { statementHtml } from './statementHtml.js';

/** The page loads nothing: no script, no external style, image or font. */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const handler = httpHandler('getAccountStatement', contracts.getAccountStatement, async ({ caller, params, query }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const { from, to, format } = query;
  if (to < from) throw new ValidationFailed('The period ends before it starts.', [{ path: 'query.to', message: `must not be before from (${from})` }]);
  const months = monthsBetween(from, to).length;
  if (months > STATEMENT_MAX_MONTHS) {
    throw new ValidationFailed(`A statement covers at most ${STATEMENT_MAX_MONTHS} months.`, [
      { path: 'query.to', message: `the period has ${months} months; at most ${STATEMENT_MAX_MONTHS}` },
    ]);
  }
  const statement = await statementOf(params.caeId, params.id, from, to);
  const noStore = { 'cache-control': 'private, no-store' };
  if (format === 'csv') {
    return {
      raw: statementCsv(statement),
      contentType: 'text/csv; charset=utf-8',
      headers: { ...noStore, 'content-disposition': `attachment; filename="${statementFileName(statement, 'csv')}"` },
    };
  }
  if (format === 'html') {
    return {
      raw: statementHtml(statement),
      contentType: 'text/html; charset=utf-8',
      headers: { ...noStore, 'content-security-policy': HTML_POLICY, 'x-content-type-options': 'nosniff' },
    };
  }
  if (format === 'pdf') {
    // pdf-lib is most of this Lambda's bundle (about 540 KiB of its 750, minified): loaded on the first PDF asked for, so that a cold
    // start for JSON, CSV or HTML does not evaluate it.
    const { statementPdf } = await import('./statementPdf.js');
    return {
      bytes: await statementPdf(statement),
      contentType: 'application/pdf',
      headers: { ...noStore, 'content-disposition': `inline; filename="${statementFileName(statement, 'pdf')}"` },
    };
  }
  return { body: statement, headers: noStore };
});
