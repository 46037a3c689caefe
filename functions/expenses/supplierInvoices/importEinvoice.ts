/**
 * POST …/supplier-invoices/import `{ receiptId }`: a draft filled from an uploaded e-invoice (a Factur-X PDF, or
 * CII or UBL XML), read from the storage and mapped by domain/expenses/einvoice. What is missing or does not add
 * up is a 422 naming the field of the e-invoice (`einvoice.…`); the same supplier and number twice is a 409.
 */
import { ulid } from 'ulid';
import { draftFromEInvoice, readEInvoice } from '../../../domain/expenses/einvoice/index.js';
import type { SupplierInvoiceDraft } from '../../../domain/expenses/supplierInvoices.js';
import type { Violation } from '../../../domain/contribution/violation.js';
import { requireEntrepreneur } from '../../shared/auth.js';
import { nowIso } from '../../shared/clock.js';
import { Conflict, NotFound, RuleViolated } from '../../shared/errors.js';
import { httpHandler } from '../../shared/http.js';
import { getEntrepreneur } from '../../shared/repositories/entrepreneurs.js';
import { getReceipt } from '../../shared/repositories/receipts.js';
import { createSupplierInvoice } from '../../shared/repositories/supplierInvoices.js';
import { text } from '../../shared/validation.js';
import { receiptBytes } from '../receipts/files.js';
import { contracts } from './api.js';
import { supplierInvoiceView } from './view.js';

function refused(violations: readonly Violation[]): RuleViolated {
  const [first] = violations;
  return new RuleViolated(
    first?.id ?? 'einvoice-invalid',
    first?.message ?? 'The e-invoice was refused.',
    violations.map((v) => ({ path: v.path === 'receiptId' ? 'body.receiptId' : v.path, message: v.message })),
  );
}

/** The document's texts go through the API's own text rules (they end up in CSVs, PDFs and logs like typed ones). */
function checkTexts(draft: SupplierInvoiceDraft): Violation[] {
  const checks: [string, string, number][] = [
    ['einvoice.seller.name', draft.supplier.name, 200],
    ['einvoice.number', draft.number, 100],
    ...draft.lines.map((line, i): [string, string, number] => [`einvoice.lines.${i}.name`, line.description, 500]),
  ];
  return checks.flatMap(([path, value, max]) => {
    const result = text(max).safeParse(value);
    return result.success ? [] : [{ id: 'einvoice-invalid-field', path, message: `${result.error.issues[0]?.message ?? 'is not valid text'}` }];
  });
}

export const handler = httpHandler('importSupplierInvoice', contracts.importSupplierInvoice, async ({ caller, params, body }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  await getEntrepreneur(params.caeId, params.id);
  const receipt = await getReceipt(params.caeId, params.id, body.receiptId);
  if (!receipt) throw new NotFound(`No receipt ${body.receiptId}.`, [{ path: 'body.receiptId', message: 'no receipt of this entrepreneur has this id' }]);
  const bytes = await receiptBytes(receipt);
  if (!bytes) throw new Conflict('receipt-not-uploaded', `Receipt ${receipt.id} has no file yet: upload it with its uploadUrl first.`);
  const read = await readEInvoice(bytes, receipt.contentType);
  if (!read.ok) throw refused(read.violations);
  const draft = draftFromEInvoice(read.value.einvoice, body.purchaseForResale);
  if (!draft.ok) throw refused(draft.violations);
  const textViolations = checkTexts(draft.value);
  if (textViolations.length > 0) throw refused(textViolations);
  const invoice = {
    ...draft.value,
    supplier: { ...draft.value.supplier, name: draft.value.supplier.name.normalize('NFC') },
    id: ulid(),
    caeId: params.caeId,
    entrepreneurId: params.id,
    status: 'draft' as const,
    source: read.value.source,
    receiptId: receipt.id,
    createdAt: nowIso(),
    createdBy: caller.sub,
  };
  await createSupplierInvoice(invoice);
  return { status: 201, body: supplierInvoiceView(invoice) };
});
