/** How invoicing's records are shown (docs/api.md "Invoicing"): without storage fields (version, fingerprints). */
import { dueOf, type CreditNote, type Invoice } from '../shared/repositories/invoices.js';
import type { Quote } from '../shared/repositories/quotes.js';

export function invoiceView(invoice: Invoice) {
  return {
    id: invoice.id,
    kind: 'invoice' as const,
    entrepreneurId: invoice.entrepreneurId,
    status: invoice.status,
    number: invoice.number,
    customerId: invoice.customerId,
    ...(invoice.quoteId === undefined ? {} : { quoteId: invoice.quoteId }),
    operationKind: invoice.operationKind,
    ...(invoice.deliveredOn === undefined ? {} : { deliveredOn: invoice.deliveredOn }),
    ...(invoice.paymentTermsDays === undefined ? {} : { paymentTermsDays: invoice.paymentTermsDays }),
    lines: invoice.lines,
    ...(invoice.notes === undefined ? {} : { notes: invoice.notes }),
    totals: invoice.totals,
    ...(invoice.issuedOn === undefined ? {} : { issuedOn: invoice.issuedOn }),
    ...(invoice.dueOn === undefined ? {} : { dueOn: invoice.dueOn }),
    credited: invoice.credited,
    creditNotes: invoice.creditNotes,
    paid: invoice.paid,
    payments: invoice.payments,
    amountDue: invoice.status === 'draft' ? invoice.totals.inclVat : dueOf(invoice),
    createdAt: invoice.createdAt,
  };
}

export function creditNoteView(cn: CreditNote) {
  const { createdAt, ...view } = cn;
  return view;
}

export function quoteView(quote: Quote) {
  return quote;
}
