/**
 * The CAE's two sequences (docs/domain.md "Invoicing"): `invoices` ("YYYY-NNNNNN", invoices and credit notes
 * together, by year of issue) and `quotes` ("D-YYYY-NNNNN"), taken through repositories/sequences.ts. Each
 * sequence has one finishing step that can finish ANY of its documents from the payload kept with its number:
 * the request that took the number runs it, and so does the next taker when that request died, so a number
 * taken is always a document written (docs/architecture.md "Gapless numbering").
 */
import { formatNumber } from '../../domain/invoicing/index.js';
import { Dec, formatMoney } from '../../domain/money.js';
import { RuleViolated } from '../shared/errors.js';
import { bookEvent } from '../shared/repositories/books.js';
import { applyCredit, type CreditNote, getInvoice, type Invoice, putCreditNote, writeIssued } from '../shared/repositories/invoices.js';
import { countInMonth } from '../shared/repositories/invoicingMonths.js';
import { putQuote, type Quote } from '../shared/repositories/quotes.js';
import { type BoundNumber, numberOf, OutOfOrder, takeNumber } from '../shared/repositories/sequences.js';
import { postDocumentEntry } from './posting.js';

export const INVOICE_SEQUENCE = 'invoices';
export const QUOTE_SEQUENCE = 'quotes';

/** What finishing an invoice-sequence number needs: the issued invoice or the credit note, without its number. */
export type InvoiceSequencePayload =
  | { kind: 'invoice'; invoice: Omit<Invoice, 'number'> }
  | { kind: 'credit_note'; creditNote: Omit<CreditNote, 'number'>; invoiceTotalsInclVat: string };

const label = (text: string) => text.slice(0, 200);

/** Finishes an issued invoice: the invoice written with its number, then one revenue entry per VAT rate. */
async function finishInvoice(caeId: string, number: string, payload: Extract<InvoiceSequencePayload, { kind: 'invoice' }>): Promise<void> {
  const invoice: Invoice = { ...payload.invoice, number };
  await writeIssued(caeId, invoice);
  for (const group of invoice.totals.vat) {
    await postDocumentEntry(caeId, invoice.entrepreneurId, 'invoice', ['invoice', invoice.id, group.rate], {
      type: 'revenue',
      date: invoice.issuedOn as string,
      amountExclVat: group.base,
      vatRate: group.rate,
      vatAmount: group.amount,
      label: label(`Facture ${number} – ${invoice.customer?.name ?? ''}`),
      reference: number,
    });
  }
  await countInMonth(caeId, (invoice.issuedOn as string).slice(0, 7), invoice.id, { invoiced: invoice.totals.exclVat });
  // The books' sales journal (docs/domain.md "Accounting"), here so that a number finished by the next taker
  // is booked too; booking is idempotent by the invoice's id.
  await bookEvent(caeId, {
    kind: 'invoice_issued',
    invoiceId: invoice.id,
    number,
    date: invoice.issuedOn as string,
    activity: invoice.entrepreneurId,
    customer: { id: invoice.customerId, name: invoice.customer?.name ?? invoice.customerId },
    operationKind: invoice.operationKind,
    vat: invoice.totals.vat,
  });
}

/** Finishes a credit note: the credit note written, taken off its invoice, and its revenue reversed per rate. */
async function finishCreditNote(caeId: string, number: string, payload: Extract<InvoiceSequencePayload, { kind: 'credit_note' }>): Promise<void> {
  const creditNote: CreditNote = { ...payload.creditNote, number };
  await putCreditNote(caeId, creditNote);
  await applyCredit(caeId, creditNote.entrepreneurId, creditNote.creditedInvoiceId, { id: creditNote.id, totals: creditNote.totals });
  for (const group of creditNote.totals.vat) {
    await postDocumentEntry(caeId, creditNote.entrepreneurId, 'credit_note', ['credit_note', creditNote.id, group.rate], {
      type: 'revenue',
      date: creditNote.issuedOn,
      amountExclVat: formatMoney(new Dec(group.base).negated()),
      vatRate: group.rate,
      vatAmount: formatMoney(new Dec(group.amount).negated()),
      label: label(`Avoir ${number} sur facture ${creditNote.creditedInvoiceNumber}`),
      reference: number,
    });
  }
  await countInMonth(caeId, creditNote.issuedOn.slice(0, 7), creditNote.id, { invoiced: formatMoney(new Dec(creditNote.totals.exclVat).negated()) });
  const credited = await getInvoice(caeId, creditNote.entrepreneurId, creditNote.creditedInvoiceId);
  await bookEvent(caeId, {
    kind: 'credit_note_issued',
    creditNoteId: creditNote.id,
    number,
    creditedInvoiceNumber: creditNote.creditedInvoiceNumber,
    date: creditNote.issuedOn,
    activity: creditNote.entrepreneurId,
    customer: { id: credited.customerId, name: credited.customer?.name ?? credited.customerId },
    operationKind: credited.operationKind,
    vat: creditNote.totals.vat,
  });
}

/** The finishing step of the invoice sequence, for any of its numbers. */
export async function finishInvoiceNumber(bound: BoundNumber<InvoiceSequencePayload>): Promise<void> {
  const number = formatNumber('invoice', bound.year, bound.number);
  if (bound.payload.kind === 'invoice') await finishInvoice(bound.caeId, number, bound.payload);
  else await finishCreditNote(bound.caeId, number, bound.payload);
}

/** The finishing step of the quote sequence: the quote written with its number. */
export async function finishQuoteNumber(bound: BoundNumber<{ quote: Omit<Quote, 'number'> }>): Promise<void> {
  await putQuote(bound.caeId, { ...bound.payload.quote, number: formatNumber('quote', bound.year, bound.number) });
}

/**
 * Takes the next number of the invoice sequence for a document (its id), finishing it, or the number it already
 * has. A date before the last one numbered is a 422 naming `body.issuedOn`: the sequence is chronological.
 */
export async function numberInvoiceDocument(
  caeId: string,
  documentId: string,
  issuedOn: string,
  fingerprint: string,
  payload: InvoiceSequencePayload,
): Promise<BoundNumber<InvoiceSequencePayload>> {
  try {
    const { bound } = await takeNumber({
      caeId,
      sequence: INVOICE_SEQUENCE,
      year: Number(issuedOn.slice(0, 4)),
      documentRef: documentId,
      fingerprint,
      payload,
      date: issuedOn,
      finish: finishInvoiceNumber,
    });
    return bound;
  } catch (error) {
    if (error instanceof OutOfOrder) {
      const message = `the CAE's last invoice or credit note is dated ${error.latestDate}: numbers follow the dates, so this one is dated on or after it`;
      throw new RuleViolated('issue-date-out-of-sequence', message, [{ path: 'body.issuedOn', message }]);
    }
    throw error;
  }
}

/**
 * For a repeat of a request whose document is already numbered: finishes the document again (harmless when it
 * is finished) and says whether that number was taken by this very request (`fingerprint`).
 */
export async function finishNumbered(caeId: string, documentId: string, fingerprint: string): Promise<boolean> {
  const bound = await numberOf<InvoiceSequencePayload>(caeId, INVOICE_SEQUENCE, documentId);
  if (!bound || bound.fingerprint !== fingerprint) return false;
  await finishInvoiceNumber(bound);
  return true;
}
