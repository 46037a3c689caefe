/**
 * Supplier invoices in the single table (docs/architecture.md "Object storage" and "Keys"):
 * - the invoice, in its entrepreneur's partition (keys.supplierInvoice), listed through GSI1 by entrepreneur and
 *   status and through GSI2 by CAE and status (what waits for the staff, oldest first: ids are ULIDs);
 * - its number's uniqueness item (keys.supplierInvoiceNumber, per CAE, supplier and number), written with
 *   `attribute_not_exists` BEFORE the invoice: the same supplier and number twice, even concurrently, stores one.
 *   It names the invoice it belongs to, so that a creation that crashed between the two writes does not block
 *   the number for ever: once its lease is over and its invoice is missing, the next creation takes it over.
 * Approval flips `status` from draft to approved with a condition, once, after its entries are posted.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SupplierInvoiceDraft } from '../../../domain/expenses/supplierInvoices.js';
import { numberKeyOf, supplierKeyOf } from '../../../domain/expenses/supplierInvoices.js';
import { systemNow } from '../clock.js';
import { db, queryPage, tableName } from '../dynamo.js';
import { Conflict } from '../errors.js';
import * as keys from '../keys.js';

export const SUPPLIER_INVOICE_STATUSES = ['draft', 'approved'] as const;
export type SupplierInvoiceStatus = (typeof SUPPLIER_INVOICE_STATUSES)[number];

/** How the invoice came in: typed in, or imported from a Factur-X PDF, a CII or a UBL XML. */
export type SupplierInvoiceSource = 'typed' | 'facturx' | 'cii' | 'ubl';

export interface SupplierInvoice extends SupplierInvoiceDraft {
  id: string;
  caeId: string;
  entrepreneurId: string;
  status: SupplierInvoiceStatus;
  source: SupplierInvoiceSource;
  /** The receipt holding the invoice's file (the imported e-invoice, or a scan). */
  receiptId?: string;
  createdAt: string;
  createdBy: string;
  approvedAt?: string;
  approvedBy?: string;
  /** The ledger entries its approval posted, one per VAT rate. */
  entryIds?: string[];
}

/** How long a creation may take between its two writes before its number may be taken over (ms). */
const NUMBER_LEASE_MS = 60_000;

function listingKeys(invoice: SupplierInvoice) {
  return {
    ...keys.supplierInvoiceByStatus(invoice.caeId, invoice.entrepreneurId, invoice.status, invoice.id),
    ...keys.caeSupplierInvoiceByStatus(invoice.caeId, invoice.status, invoice.id),
  };
}

function fromItem(item: Record<string, unknown>): SupplierInvoice {
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, type, ...invoice } = item;
  return invoice as unknown as SupplierInvoice;
}

function duplicate(invoice: SupplierInvoice): Conflict {
  return new Conflict(
    'duplicate-supplier-invoice',
    `The CAE already has invoice ${invoice.number} of ${invoice.supplier.siren ? `SIREN ${invoice.supplier.siren}` : invoice.supplier.name}.`,
  );
}

/** Claims the supplier's number for this invoice; false when another invoice holds it. */
async function claimNumber(invoice: SupplierInvoice): Promise<boolean> {
  const key = keys.supplierInvoiceNumber(invoice.caeId, supplierKeyOf(invoice.supplier), numberKeyOf(invoice.number));
  const item = { ...key, type: 'SUPPLIER_INVOICE_NUMBER', entrepreneurId: invoice.entrepreneurId, supplierInvoiceId: invoice.id, claimedAt: systemNow().getTime() };
  try {
    await db.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const held = (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  if (!held) return false;
  if (typeof held.claimedAt === 'number' && held.claimedAt > systemNow().getTime() - NUMBER_LEASE_MS) return false;
  if (await getSupplierInvoice(invoice.caeId, held.entrepreneurId as string, held.supplierInvoiceId as string)) return false;
  // A creation that crashed after its claim: its invoice never came. Take the number over, if nobody did since.
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: 'supplierInvoiceId = :held',
        ExpressionAttributeValues: { ':held': held.supplierInvoiceId },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Stores a new draft; a 409 `duplicate-supplier-invoice` when the CAE has this supplier's number already. */
export async function createSupplierInvoice(invoice: SupplierInvoice): Promise<void> {
  if (!(await claimNumber(invoice))) throw duplicate(invoice);
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.supplierInvoice(invoice.caeId, invoice.entrepreneurId, invoice.id), ...listingKeys(invoice), type: 'SUPPLIER_INVOICE', ...invoice },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/** One entrepreneur's supplier invoice, or undefined (also another entrepreneur's or CAE's). */
export async function getSupplierInvoice(caeId: string, entrepreneurId: string, supplierInvoiceId: string): Promise<SupplierInvoice | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.supplierInvoice(caeId, entrepreneurId, supplierInvoiceId), ConsistentRead: true }));
  return out.Item ? fromItem(out.Item) : undefined;
}

/**
 * Marks a draft approved with the entries its approval posted. Returns the invoice as stored afterwards: when
 * another approval got there first, the one it stored (the same entries: they are derived from the invoice).
 */
export async function markApproved(invoice: SupplierInvoice, approval: { approvedAt: string; approvedBy: string; entryIds: string[] }): Promise<SupplierInvoice> {
  const approved: SupplierInvoice = { ...invoice, status: 'approved', ...approval };
  const listing = listingKeys(approved);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.supplierInvoice(invoice.caeId, invoice.entrepreneurId, invoice.id),
        UpdateExpression: 'SET #status = :approved, approvedAt = :at, approvedBy = :by, entryIds = :entries, GSI1PK = :g1pk, GSI1SK = :g1sk, GSI2PK = :g2pk, GSI2SK = :g2sk',
        ConditionExpression: '#status = :draft',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':approved': 'approved',
          ':draft': 'draft',
          ':at': approval.approvedAt,
          ':by': approval.approvedBy,
          ':entries': approval.entryIds,
          ':g1pk': listing.GSI1PK,
          ':g1sk': listing.GSI1SK,
          ':g2pk': listing.GSI2PK,
          ':g2sk': listing.GSI2SK,
        },
      }),
    );
    return approved;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const stored = await getSupplierInvoice(invoice.caeId, invoice.entrepreneurId, invoice.id);
    if (stored?.status === 'approved') return stored;
    throw error;
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An entrepreneur's supplier invoices, oldest first, all or of one status. */
export async function listSupplierInvoices(
  caeId: string,
  entrepreneurId: string,
  status: SupplierInvoiceStatus | undefined,
  limit: number,
  cursor: string | undefined,
): Promise<Page<SupplierInvoice>> {
  if (status === undefined) {
    const { PK } = keys.supplierInvoice(caeId, entrepreneurId, '');
    const page = await queryPage(
      { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)', ExpressionAttributeValues: { ':pk': PK, ':prefix': 'SUPPLIER_INVOICE#' } },
      { attribute: 'PK', value: PK },
      limit,
      cursor,
    );
    return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
  }
  const partition = keys.supplierInvoiceByStatus(caeId, entrepreneurId, status, '').GSI1PK;
  const page = await queryPage(
    { IndexName: keys.GSI1, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': partition } },
    { attribute: 'GSI1PK', value: partition },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}

/** A CAE's supplier invoices of one status, oldest first: the staff's validation queue for `draft`. */
export async function listCaeSupplierInvoices(caeId: string, status: SupplierInvoiceStatus, limit: number, cursor: string | undefined): Promise<Page<SupplierInvoice>> {
  const partition = keys.caeSupplierInvoiceByStatus(caeId, status, '').GSI2PK;
  const page = await queryPage(
    { IndexName: keys.GSI2, KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': partition } },
    { attribute: 'GSI2PK', value: partition },
    limit,
    cursor,
  );
  return { items: page.items.map(fromItem), nextCursor: page.nextCursor };
}
