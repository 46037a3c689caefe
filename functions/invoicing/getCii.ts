/** GET …/invoices/{invoiceId}/cii: the issued invoice (or credit note) as UN/CEFACT CII XML, Factur-X EN 16931. */
import { httpHandler } from '../shared/http.js';
import { activityOf } from './access.js';
import { contracts } from './api.js';
import { documentOf } from './document.js';
import { ciiXml } from './documents/cii.js';

export const handler = httpHandler('getInvoiceCii', contracts.getInvoiceCii, async ({ caller, params }) => {
  const { cae, entrepreneur } = await activityOf(caller, params.caeId, params.id);
  return { raw: ciiXml(await documentOf(cae, entrepreneur, params.invoiceId)), contentType: 'application/xml' };
});
