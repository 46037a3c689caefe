/**
 * POST …/supplier-invoices/{supplierInvoiceId}/approval (staff, Idempotency-Key): posts the invoice's expenses
 * through the ledger (repositories/ledger.ts `postEntry`), one entry per VAT rate dated on the issue date
 * (domain `expenseEntriesOf`), then marks the invoice approved.
 *
 * Each entry's claim is derived from the invoice and its rate, not from the request: whoever approves, with
 * whatever key, the same entries are posted once, and approving again answers the approved invoice. The
 * Idempotency-Key still follows the API's convention (shared/idempotency.ts: the same key for another
 * invoice is a 409). A closed month refuses the first entry before anything is written (409 month-closed).
 */
import { expenseEntriesOf } from '../../../domain/expenses/supplierInvoices.js';
import { recordTransaction } from '../../../domain/activityAccount/index.js';
import type { Violation } from '../../../domain/contribution/violation.js';
import { type Caller, requireCae } from '../../shared/auth.js';
import { nowIso } from '../../shared/clock.js';
import { MonthClosed, NotFound, RuleViolated } from '../../shared/errors.js';
import { httpHandler } from '../../shared/http.js';
import { entryClaim, idempotent } from '../../shared/idempotency.js';
import { postEntry } from '../../shared/repositories/ledger.js';
import { bookEvent } from '../../shared/repositories/books.js';
import { getSupplierInvoice, markApproved, type SupplierInvoice } from '../../shared/repositories/supplierInvoices.js';
import { contracts } from './api.js';
import { supplierInvoiceView } from './view.js';

/** The idempotency scope of supplier invoice approvals (lower case: never an entrepreneur's ULID). */
const APPROVALS_SCOPE = 'supplier-invoice-approvals';

/** Who an approval's entries are claimed by: the invoice itself, so that any approval finds the same entries. */
const INVOICE_POSTER: Caller = { sub: 'supplier-invoice', role: 'cae_staff', territories: [] };

/** A ledger refusal of an entry, as the invoice's problem: the field at fault is its issue date. */
function refusal(violations: readonly Violation[]): Error {
  const errors = violations.map((v) => ({ path: v.path === 'date' ? 'issuedOn' : `entry.${v.path}`, message: v.message }));
  const closed = violations.find((v) => v.id === 'month-closed');
  if (closed) return new MonthClosed(`${closed.message}: the invoice's issue date is in a month closed by payroll.`, errors);
  const [first] = violations;
  return new RuleViolated(first?.id ?? 'supplier-invoice-refused', first?.message ?? 'The ledger refused the invoice.', errors);
}

/**
 * The purchases journal (docs/domain.md "Accounting"): booked after the approval is saved, and again when an
 * approved invoice is approved again, so that a crash between the two is finished by any retry (booking is
 * idempotent by the invoice's id).
 */
function book(invoice: SupplierInvoice): Promise<void> {
  return bookEvent(invoice.caeId, {
    kind: 'supplier_invoice_approved',
    supplierInvoiceId: invoice.id,
    number: invoice.number,
    date: invoice.issuedOn,
    activity: invoice.entrepreneurId,
    supplier: { id: invoice.supplier.siren ?? invoice.supplier.name, name: invoice.supplier.name },
    purchaseForResale: invoice.purchaseForResale,
    vat: invoice.vatBreakdown.map((v) => ({ rate: v.vatRate, base: v.taxableAmount, amount: v.vatAmount })),
  });
}

export const handler = httpHandler('approveSupplierInvoice', contracts.approveSupplierInvoice, async ({ caller, params, headers }) => {
  requireCae(caller, params.caeId);
  const key = headers['idempotency-key'] as string;
  const request = { route: 'approveSupplierInvoice', params, body: {} };
  return idempotent({ caeId: params.caeId, scope: APPROVALS_SCOPE, caller, key, request }, async () => {
    const invoice = await getSupplierInvoice(params.caeId, params.id, params.supplierInvoiceId);
    if (!invoice) throw new NotFound(`No supplier invoice ${params.supplierInvoiceId}.`);
    if (invoice.status === 'approved') {
      await book(invoice);
      return { status: 201, body: supplierInvoiceView(invoice) };
    }
    const entryIds: string[] = [];
    for (const expense of expenseEntriesOf(invoice)) {
      const claim = entryClaim({
        caeId: params.caeId,
        scope: params.id,
        caller: INVOICE_POSTER,
        key: `${invoice.id}#${expense.vatRate}`,
        request: { route: 'approveSupplierInvoice', params: { supplierInvoiceId: invoice.id }, body: expense },
      });
      const posted = await postEntry({
        caeId: params.caeId,
        entrepreneurId: params.id,
        claim,
        origin: 'supplier_invoice',
        decide: ({ cae, entrepreneur }) => {
          const decision = recordTransaction(claim.id, { type: 'expense', ...expense }, { path: entrepreneur.path, lastClosedMonth: cae.lastClosedMonth ?? null });
          if (!decision.ok) throw refusal(decision.violations);
          return decision.value;
        },
      });
      entryIds.push(posted.entry.id);
    }
    const approved = await markApproved(invoice, { approvedAt: nowIso(), approvedBy: caller.sub, entryIds });
    await book(approved);
    return { status: 201, body: supplierInvoiceView(approved) };
  });
});
