/**
 * GET /caes/{caeId}/accounting/fec?fiscalYear=[&provisional=true]: the year's Fichier des Écritures Comptables
 * (docs/domain.md "Accounting"), as `text/plain` with its legal file name. A year whose months are not all
 * closed by payroll is a 409 naming them, unless provisional (the name then says `_provisoire`): only a closed
 * year's numbering is final, since the flows refuse anything dated in a closed month.
 */
import { fecFileName } from '../../domain/accounting/index.js';
import { openMonthsOf } from '../../domain/accounting/index.js';
import { Conflict } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { caeBooks, fiscalYearInLife } from './access.js';
import { contracts } from './api.js';
import { fecText } from './fecFile.js';

export const handler = httpHandler('getFec', contracts.getFec, async ({ caller, params, query }) => {
  const { cae, books } = await caeBooks(caller, params.caeId);
  const bounds = fiscalYearInLife(cae, books, query.fiscalYear);
  const provisional = query.provisional === 'true';
  const open = openMonthsOf(bounds, cae.lastClosedMonth);
  if (open.length > 0 && !provisional) {
    throw new Conflict('fiscal-year-open', `Fiscal year ${query.fiscalYear} has months not closed by payroll: ${open.join(', ')}. Close them, or ask for ?provisional=true.`);
  }
  const text = await fecText(params.caeId, query.fiscalYear, books.settings, books.firstFiscalYear);
  return {
    raw: text,
    contentType: 'text/plain; charset=utf-8',
    headers: {
      'cache-control': 'private, no-store',
      'content-disposition': `attachment; filename="${fecFileName(cae.siret, bounds.end, provisional)}"`,
    },
  };
});
