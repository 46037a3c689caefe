/**
 * Invoices and credit notes (docs/api.md "Invoicing"; docs/architecture.md "Invoices, numbers and the ledger").
 *
 * Items, in the entrepreneur's partition:
 * - `INVOICE#<id>`: the invoice, draft then issued, with what credit notes took off (`credited`, `creditNotes`,
 *   the VAT groups credited) and its payments. Listed for the CAE through GSI1 (`CAE#<caeId>#INVOICES`) and,
 *   while something is due, among the CAE's receivables through GSI2 (`CAE#<caeId>#RECEIVABLES`, by due date).
 *   A draft changes under an optimistic `version`; issuing writes the issued invoice once, on condition that it
 *   is still a draft (or already carries that number: a repeat); a credit note or a payment is added once, on
 *   condition that its id is not there yet and the version is the one read.
 * - `CREDITNOTE#<id>`: a credit note, written once.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  addGroups,
  amountDue,
  type CustomerKind,
  type InvoiceStatus,
  type Line,
  type OperationKind,
  statusOf,
  type Totals,
  type VatGroup,
} from '../../../domain/invoicing/index.js';
import { Dec, formatMoney } from '../../../domain/money.js';
import { db, queryPage, tableName } from '../dynamo.js';
import { Conflict, NotFound } from '../errors.js';
import * as keys from '../keys.js';
import { ConcurrentChange, withOptimisticRetry } from '../optimistic.js';
import type { Address } from './customers.js';

/** The customer as the invoice shows it, copied when it is issued. */
export interface BilledCustomer {
  name: string;
  kind: CustomerKind;
  siren?: string;
  vatNumber?: string;
  address: Address;
  email?: string;
}

export interface Payment {
  id: string;
  receivedOn: string;
  amount: string;
  method: 'transfer' | 'card' | 'check' | 'cash' | 'other';
  reference?: string;
}

export interface Invoice {
  id: string;
  kind: 'invoice';
  entrepreneurId: string;
  status: InvoiceStatus;
  number: string | null;
  customerId: string;
  quoteId?: string;
  operationKind: OperationKind;
  deliveredOn?: string;
  paymentTermsDays?: number;
  lines: Line[];
  notes?: string;
  totals: Totals;
  issuedOn?: string;
  dueOn?: string;
  /** Set when issued: the customer then, the late-penalty rate then, and the request that issued it. */
  customer?: BilledCustomer;
  latePenaltyRate?: string;
  issueFingerprint?: string;
  credited: string;
  creditedGroups: VatGroup[];
  creditNotes: string[];
  paid: string;
  payments: Payment[];
  createdAt: string;
  version: number;
}

export interface CreditNote {
  id: string;
  kind: 'credit_note';
  entrepreneurId: string;
  number: string;
  creditedInvoiceId: string;
  creditedInvoiceNumber: string;
  issuedOn: string;
  reason: string;
  lines: Line[];
  totals: Totals;
  createdAt: string;
}

/** Whether an issued invoice still waits for money (it is then among the CAE's receivables). */
export function isOpen(invoice: Pick<Invoice, 'status'>): boolean {
  return invoice.status === 'issued' || invoice.status === 'partially_paid';
}

function toItem(caeId: string, invoice: Invoice) {
  return {
    ...keys.invoice(caeId, invoice.entrepreneurId, invoice.id),
    ...keys.caeInvoiceListing(caeId, invoice.id),
    ...(isOpen(invoice) && invoice.dueOn ? keys.receivableListing(caeId, invoice.dueOn, invoice.id) : {}),
    type: 'INVOICE',
    ...invoice,
  };
}

function fromItem(item: Record<string, unknown>): Invoice {
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, type, ...rest } = item;
  return rest as unknown as Invoice;
}

export async function createDraft(caeId: string, invoice: Invoice): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: toItem(caeId, invoice), ConditionExpression: 'attribute_not_exists(PK)' }));
}

export async function findInvoice(caeId: string, entrepreneurId: string, invoiceId: string): Promise<Invoice | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.invoice(caeId, entrepreneurId, invoiceId), ConsistentRead: true }));
  return out.Item ? fromItem(out.Item) : undefined;
}

/** The invoice, or a 404 (another entrepreneur's, or another CAE's, reads the same). */
export async function getInvoice(caeId: string, entrepreneurId: string, invoiceId: string): Promise<Invoice> {
  const found = await findInvoice(caeId, entrepreneurId, invoiceId);
  if (!found) throw new NotFound(`No invoice ${invoiceId}.`);
  return found;
}

function notDraft(invoice: Pick<Invoice, 'number' | 'status'>): Conflict {
  return new Conflict('invoice-not-draft', `Invoice ${invoice.number ?? ''} is ${invoice.status}: an issued invoice is never changed; correct it with a credit note.`.replace('  ', ' '));
}

/** Replaces a draft if it is still the version read and still a draft (409 otherwise). */
export async function saveDraft(caeId: string, invoice: Invoice): Promise<Invoice> {
  const next = { ...invoice, version: invoice.version + 1 };
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: toItem(caeId, next),
        ConditionExpression: 'version = :v AND #status = :draft',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':v': invoice.version, ':draft': 'draft' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const current = await getInvoice(caeId, invoice.entrepreneurId, invoice.id);
    if (current.status !== 'draft') throw notDraft(current);
    throw new ConcurrentChange();
  }
  return next;
}

/** Deletes a draft; an issued invoice is never deleted (409). */
export async function deleteDraft(caeId: string, entrepreneurId: string, invoiceId: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName,
        Key: keys.invoice(caeId, entrepreneurId, invoiceId),
        ConditionExpression: 'attribute_exists(PK) AND #status = :draft',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':draft': 'draft' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw notDraft(await getInvoice(caeId, entrepreneurId, invoiceId));
  }
}

/**
 * Writes the issued invoice (the number's finishing step): once, over the draft, or again with the same number
 * (a repeat, or the request and a roll-forward at the same time). A draft deleted or edited while its issue was
 * in flight is replaced by what was issued: the number is taken, so the invoice must exist as numbered.
 */
export async function writeIssued(caeId: string, issued: Invoice): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: toItem(caeId, issued),
        ConditionExpression: 'attribute_not_exists(PK) OR #status = :draft',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':draft': 'draft' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const current = await findInvoice(caeId, issued.entrepreneurId, issued.id);
    if (current?.number !== issued.number) throw new Error(`invoice ${issued.id} was issued as ${current?.number}, not ${issued.number}`);
  }
}

/** Puts the invoice back with a new version, if nobody changed it since `read` (ConcurrentChange otherwise). */
async function replace(caeId: string, read: Invoice, next: Invoice): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: toItem(caeId, { ...next, version: read.version + 1 }),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': read.version },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChange();
    throw error;
  }
}

/** The invoice with a credit note's totals taken off, once per credit note (the credit note's finishing step). */
export async function applyCredit(caeId: string, entrepreneurId: string, invoiceId: string, credit: { id: string; totals: Totals }): Promise<void> {
  await withOptimisticRetry(async () => {
    const invoice = await getInvoice(caeId, entrepreneurId, invoiceId);
    if (invoice.creditNotes.includes(credit.id)) return;
    const credited = formatMoney(new Dec(invoice.credited).plus(credit.totals.inclVat));
    const balance = { inclVat: invoice.totals.inclVat, credited, paid: invoice.paid };
    await replace(caeId, invoice, {
      ...invoice,
      credited,
      creditedGroups: addGroups(invoice.creditedGroups, credit.totals.vat),
      creditNotes: [...invoice.creditNotes, credit.id],
      status: statusOf(balance),
    });
  }, 20);
}

/**
 * Adds a payment once (its id is derived from the request's Idempotency-Key): `check` judges it on the invoice
 * as read (throws the refusal, before anything is written); the write is conditional on that very version.
 */
export async function applyPayment(
  caeId: string,
  entrepreneurId: string,
  invoiceId: string,
  payment: Payment,
  check: (invoice: Invoice) => void,
): Promise<Invoice> {
  return withOptimisticRetry(async () => {
    const invoice = await getInvoice(caeId, entrepreneurId, invoiceId);
    if (invoice.payments.some((p) => p.id === payment.id)) return invoice;
    check(invoice);
    const paid = formatMoney(new Dec(invoice.paid).plus(payment.amount));
    const next: Invoice = { ...invoice, paid, payments: [...invoice.payments, payment], status: statusOf({ inclVat: invoice.totals.inclVat, credited: invoice.credited, paid }) };
    await replace(caeId, invoice, next);
    return { ...next, version: invoice.version + 1 };
  }, 20);
}

/** Writes a credit note once (its request and a roll-forward may both try). */
export async function putCreditNote(caeId: string, creditNote: CreditNote): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.creditNote(caeId, creditNote.entrepreneurId, creditNote.id), type: 'CREDITNOTE', ...creditNote },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export async function findCreditNote(caeId: string, entrepreneurId: string, creditNoteId: string): Promise<CreditNote | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.creditNote(caeId, entrepreneurId, creditNoteId), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const { PK, SK, type, ...rest } = out.Item;
  return rest as unknown as CreditNote;
}

/** An invoice's balance for the life-cycle rules: its total, what was credited, what was paid. */
export function balanceOf(invoice: Invoice): { inclVat: string; credited: string; paid: string } {
  return { inclVat: invoice.totals.inclVat, credited: invoice.credited, paid: invoice.paid };
}

/** What is still due on an invoice, as a money string. */
export function dueOf(invoice: Invoice): string {
  return formatMoney(amountDue({ inclVat: invoice.totals.inclVat, credited: invoice.credited, paid: invoice.paid }));
}

type Page = { items: Invoice[]; nextCursor: string | null };

/** One page of an entrepreneur's invoices, oldest first, optionally of a status and issued between two dates. */
export async function listInvoices(
  caeId: string,
  entrepreneurId: string,
  filter: { status?: InvoiceStatus; from?: string; to?: string },
  limit: number,
  cursor?: string,
): Promise<Page> {
  const { PK } = keys.invoice(caeId, entrepreneurId, '');
  const conditions: string[] = [];
  const values: Record<string, unknown> = { ':pk': PK, ':sk': 'INVOICE#' };
  if (filter.status) {
    conditions.push('#status = :status');
    values[':status'] = filter.status;
  }
  if (filter.from) {
    conditions.push('issuedOn >= :from');
    values[':from'] = filter.from;
  }
  if (filter.to) {
    conditions.push('issuedOn <= :to');
    values[':to'] = filter.to;
  }
  const page = await queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: values,
      ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
      ...(filter.status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
    },
    { attribute: 'PK', value: PK },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}

/**
 * One page of a CAE's invoices: every invoice (GSI1, optionally of a status), or with `overdueOn` the open
 * receivables due before that day (GSI2, by due date: only what is still due is there).
 */
export async function listCaeInvoices(caeId: string, filter: { status?: InvoiceStatus; overdueOn?: string }, limit: number, cursor?: string): Promise<Page> {
  const statusFilter = filter.status
    ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' }, statusValue: { ':status': filter.status } }
    : undefined;
  if (filter.overdueOn) {
    const { GSI2PK } = keys.receivableListing(caeId, '', '');
    const page = await queryPage(
      {
        IndexName: keys.GSI2,
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :due',
        ExpressionAttributeValues: { ':pk': GSI2PK, ':due': `DUE#${filter.overdueOn}`, ...(statusFilter?.statusValue ?? {}) },
        ...(statusFilter ? { FilterExpression: statusFilter.FilterExpression, ExpressionAttributeNames: statusFilter.ExpressionAttributeNames } : {}),
      },
      { attribute: 'GSI2PK', value: GSI2PK },
      limit,
      cursor,
    );
    return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
  }
  const { GSI1PK } = keys.caeInvoiceListing(caeId, '');
  const page = await queryPage(
    {
      IndexName: keys.GSI1,
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': GSI1PK, ...(statusFilter?.statusValue ?? {}) },
      ...(statusFilter ? { FilterExpression: statusFilter.FilterExpression, ExpressionAttributeNames: statusFilter.ExpressionAttributeNames } : {}),
    },
    { attribute: 'GSI1PK', value: GSI1PK },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}
