/**
 * What creating and editing a draft share: the body checked (lines, customer, quote) and turned into the
 * draft's fields. A draft may have no lines (it is then refused at issue).
 */
import { checkInvoiceFromQuote, checkLines, normaliseLines, totalsOfLines } from '../../domain/invoicing/index.js';
import { ValidationFailed } from '../shared/errors.js';
import { getCustomer } from '../shared/repositories/customers.js';
import type { Invoice } from '../shared/repositories/invoices.js';
import { findQuoteOf } from './quoteLookup.js';
import { customerUnknown, refuseIf } from './problems.js';
import type { contracts } from './api.js';
import type * as z from 'zod';

type Body = z.output<(typeof contracts)['createInvoice']['body']>;

export async function draftFields(caeId: string, entrepreneurId: string, body: Body): Promise<Pick<Invoice, 'customerId' | 'quoteId' | 'operationKind' | 'deliveredOn' | 'paymentTermsDays' | 'lines' | 'notes' | 'totals'>> {
  await getCustomer(caeId, entrepreneurId, body.customerId).catch(() => {
    throw customerUnknown(body.customerId);
  });
  if (body.quoteId !== undefined) {
    const quote = await findQuoteOf(caeId, entrepreneurId, body.quoteId);
    if (!quote) throw new ValidationFailed(`No quote ${body.quoteId}.`, [{ path: 'body.quoteId', message: 'names no quote of this activity' }]);
    refuseIf(checkInvoiceFromQuote(quote, body.customerId));
  }
  refuseIf(checkLines(body.lines));
  const lines = normaliseLines(body.lines);
  return {
    customerId: body.customerId,
    ...(body.quoteId === undefined ? {} : { quoteId: body.quoteId }),
    operationKind: body.operationKind,
    ...(body.deliveredOn === undefined ? {} : { deliveredOn: body.deliveredOn }),
    ...(body.paymentTermsDays === undefined ? {} : { paymentTermsDays: body.paymentTermsDays }),
    lines,
    ...(body.notes === undefined ? {} : { notes: body.notes }),
    totals: totalsOfLines(lines),
  };
}
