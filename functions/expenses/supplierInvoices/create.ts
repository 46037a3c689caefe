/**
 * POST …/supplier-invoices: a supplier invoice typed in, stored as a draft with its VAT per rate and totals
 * (domain/expenses/supplierInvoices.ts). The same supplier and number twice in the CAE is a 409.
 */
import { ulid } from 'ulid';
import { draftOfTyped } from '../../../domain/expenses/supplierInvoices.js';
import { requireEntrepreneur } from '../../shared/auth.js';
import { nowIso } from '../../shared/clock.js';
import { NotFound, RuleViolated } from '../../shared/errors.js';
import { httpHandler } from '../../shared/http.js';
import { getEntrepreneur } from '../../shared/repositories/entrepreneurs.js';
import { getReceipt } from '../../shared/repositories/receipts.js';
import { createSupplierInvoice } from '../../shared/repositories/supplierInvoices.js';
import { contracts } from './api.js';
import { supplierInvoiceView } from './view.js';

export const handler = httpHandler('createSupplierInvoice', contracts.createSupplierInvoice, async ({ caller, params, body }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  await getEntrepreneur(params.caeId, params.id);
  if (body.receiptId && !(await getReceipt(params.caeId, params.id, body.receiptId))) {
    throw new NotFound(`No receipt ${body.receiptId}.`, [{ path: 'body.receiptId', message: 'no receipt of this entrepreneur has this id' }]);
  }
  const draft = draftOfTyped(body);
  if (!draft.ok) {
    const [first] = draft.violations;
    throw new RuleViolated(first?.id ?? 'invalid-supplier-invoice', first?.message ?? 'The invoice was refused.', draft.violations.map((v) => ({ path: `body.${v.path}`, message: v.message })));
  }
  const invoice = {
    ...draft.value,
    id: ulid(),
    caeId: params.caeId,
    entrepreneurId: params.id,
    status: 'draft' as const,
    source: 'typed' as const,
    ...(body.receiptId ? { receiptId: body.receiptId } : {}),
    createdAt: nowIso(),
    createdBy: caller.sub,
  };
  await createSupplierInvoice(invoice);
  return { status: 201, body: supplierInvoiceView(invoice) };
});
