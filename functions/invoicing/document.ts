/**
 * A stored invoice or credit note as the document renderers take it (documents/model.ts `InvoiceDocument`):
 * the CAE's invoicing identity as seller with the activity's trade name beside it, the customer as billed at
 * issue, the lines with their rounded totals, what was paid and what is due. Drafts have no document (409).
 */
import { lineAmount, RECOVERY_INDEMNITY } from '../../domain/invoicing/index.js';
import { formatMoney } from '../../domain/money.js';
import { Conflict, NotFound } from '../shared/errors.js';
import type { Cae } from '../shared/repositories/caes.js';
import type { Entrepreneur } from '../shared/repositories/entrepreneurs.js';
import { type CreditNote, dueOf, findCreditNote, findInvoice, type Invoice } from '../shared/repositories/invoices.js';
import { settingsOf } from './access.js';
import type { DocumentLine, InvoiceDocument, SellerParty } from './documents/model.js';

function sellerOf(cae: Cae): SellerParty {
  const s = settingsOf(cae);
  return {
    name: s.legalName,
    legalForm: s.legalForm,
    shareCapital: s.shareCapital,
    rcs: s.rcs,
    siret: cae.siret,
    vatNumber: s.vatNumber,
    address: s.address,
    iban: s.iban,
    ...(s.bic ? { bic: s.bic } : {}),
    apeCode: s.apeCode.replace('.', ''),
  };
}

function linesOf(lines: Invoice['lines']): DocumentLine[] {
  return lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    ...(l.unit ? { unit: l.unit } : {}),
    unitPriceExclVat: l.unitPriceExclVat,
    vatRate: l.vatRate,
    lineTotalExclVat: formatMoney(lineAmount(l)),
  }));
}

function invoiceDocument(cae: Cae, entrepreneur: Entrepreneur, invoice: Invoice): InvoiceDocument {
  const customer = invoice.customer;
  if (invoice.number === null || !invoice.issuedOn || !invoice.dueOn || !customer) throw new Conflict('invoice-not-issued', 'A draft has no document: issue it first.');
  const settings = settingsOf(cae);
  return {
    kind: 'invoice',
    number: invoice.number,
    issuedOn: invoice.issuedOn,
    ...(invoice.deliveredOn ? { deliveredOn: invoice.deliveredOn } : {}),
    dueOn: invoice.dueOn,
    operationKind: invoice.operationKind,
    paymentTermsDays: invoice.paymentTermsDays ?? settings.paymentTermsDays,
    latePenaltyRate: invoice.latePenaltyRate ?? settings.latePenaltyRate,
    ...(customer.kind === 'person' ? {} : { fixedRecoveryIndemnity: RECOVERY_INDEMNITY }),
    seller: sellerOf(cae),
    ...(entrepreneur.tradeName ? { tradeName: entrepreneur.tradeName } : {}),
    buyer: customer,
    lines: linesOf(invoice.lines),
    totals: invoice.totals,
    paid: invoice.paid,
    amountDue: dueOf(invoice),
    ...(invoice.notes ? { notes: invoice.notes } : {}),
    currency: 'EUR',
  };
}

function creditNoteDocument(cae: Cae, entrepreneur: Entrepreneur, creditNote: CreditNote, invoice: Invoice): InvoiceDocument {
  const base = invoiceDocument(cae, entrepreneur, invoice);
  return {
    ...base,
    kind: 'credit_note',
    number: creditNote.number,
    issuedOn: creditNote.issuedOn,
    dueOn: creditNote.issuedOn,
    lines: linesOf(creditNote.lines),
    totals: creditNote.totals,
    paid: '0.00',
    amountDue: creditNote.totals.inclVat,
    creditedInvoice: { number: invoice.number as string, issuedOn: invoice.issuedOn as string },
    reason: creditNote.reason,
  };
}

/** The document of `…/invoices/{invoiceId}`: an invoice, or a credit note (its id names it the same way). */
export async function documentOf(cae: Cae, entrepreneur: Entrepreneur, documentId: string): Promise<InvoiceDocument> {
  const invoice = await findInvoice(cae.id, entrepreneur.id, documentId);
  if (invoice) return invoiceDocument(cae, entrepreneur, invoice);
  const creditNote = await findCreditNote(cae.id, entrepreneur.id, documentId);
  if (!creditNote) throw new NotFound(`No invoice ${documentId}.`);
  const credited = await findInvoice(cae.id, entrepreneur.id, creditNote.creditedInvoiceId);
  if (!credited) throw new NotFound(`No invoice ${creditNote.creditedInvoiceId}.`);
  return creditNoteDocument(cae, entrepreneur, creditNote, credited);
}
