/**
 * GET /caes/{caeId}/accounting/fec?fiscalYear=[&provisional=true]: the year's Fichier des Écritures Comptables
 * (docs/domain.md "Accounting"), as `text/plain` with its legal file name. A year whose months are not all
 * closed by payroll is a 409 naming them, unless provisional (the name then says `_provisoire`): only a closed
 * year's numbering is final, since the flows refuse anything dated in a closed month.
 *
 * Size (docs/architecture.md "The books"): a Lambda answer is at most 6 MB, and a year of a 150-entrepreneur
 * CAE is about 10 MB of text. Above 1 MB the file goes gzip-compressed when the client accepts it (FEC text
 * compresses about tenfold); a file above 5 MB to a client that does not is a 406 saying how to ask for it.
 */
import { gzipSync } from 'node:zlib';
import { fecFileName, openMonthsOf } from '../../domain/accounting/index.js';
import { Conflict, NotAcceptable } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { caeBooks, fiscalYearInLife } from './access.js';
import { contracts } from './api.js';
import { fecText } from './fecFile.js';

export const handler = httpHandler('getFec', contracts.getFec, async ({ caller, params, query, event }) => {
  const { cae, books } = await caeBooks(caller, params.caeId);
  const bounds = fiscalYearInLife(cae, books, query.fiscalYear);
  const provisional = query.provisional === 'true';
  const open = openMonthsOf(bounds, cae.lastClosedMonth);
  if (open.length > 0 && !provisional) {
    throw new Conflict('fiscal-year-open', `Fiscal year ${query.fiscalYear} has months not closed by payroll: ${open.join(', ')}. Close them, or ask for ?provisional=true.`);
  }
  const text = await fecText(params.caeId, query.fiscalYear, books.settings, books.firstFiscalYear);
  const headers = {
    'cache-control': 'private, no-store',
    'content-disposition': `attachment; filename="${fecFileName(cae.siret, bounds.end, provisional)}"`,
    vary: 'accept-encoding',
  };
  const size = Buffer.byteLength(text, 'utf8');
  const contentType = 'text/plain; charset=utf-8';
  if (size > COMPRESS_ABOVE && acceptsGzip(event.headers?.['accept-encoding'])) {
    return { bytes: gzipSync(text), contentType, headers: { ...headers, 'content-encoding': 'gzip' } };
  }
  if (size > INLINE_LIMIT) {
    throw new NotAcceptable(`The FEC of ${query.fiscalYear} is ${(size / 1e6).toFixed(1)} MB, more than an answer may carry uncompressed: ask again with Accept-Encoding: gzip (curl --compressed).`);
  }
  return { raw: text, contentType, headers };
});

/** Above this, a client that accepts gzip gets the file compressed. */
const COMPRESS_ABOVE = 1_000_000;
/** Lambda answers at most 6 MB (API Gateway 10 MB): room is kept for the headers. */
const INLINE_LIMIT = 5_500_000;

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.find((p) => p.trim().startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.trim().slice(2)) > 0);
  });
}
