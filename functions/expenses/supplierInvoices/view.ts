/** A supplier invoice as the API shows it (its stored fields but the keys and who typed it). */
import type { SupplierInvoice } from '../../shared/repositories/supplierInvoices.js';

export function supplierInvoiceView(invoice: SupplierInvoice) {
  const { caeId, createdBy, approvedBy, ...shown } = invoice;
  return shown;
}
