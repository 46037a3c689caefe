/** GET …/invoices/{invoiceId}/facturx: the issued invoice (or credit note) as a Factur-X PDF/A-3 (EN 16931). */
import { httpHandler } from '../shared/http.js';
import { activityOf } from './access.js';
import { contracts } from './api.js';
import { documentOf } from './document.js';
import { facturxPdf } from './documents/facturx.js';

export const handler = httpHandler('getInvoiceFacturx', contracts.getInvoiceFacturx, async ({ caller, params }) => {
  const { cae, entrepreneur } = await activityOf(caller, params.caeId, params.id);
  const doc = await documentOf(cae, entrepreneur, params.invoiceId);
  return {
    bytes: await facturxPdf(doc),
    contentType: 'application/pdf',
    headers: { 'content-disposition': `inline; filename="${doc.kind === 'invoice' ? 'facture' : 'avoir'}-${doc.number}.pdf"` },
  };
});
