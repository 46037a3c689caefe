/**
 * GET …/receipts/{receiptId}: the receipt, whether its file is uploaded, and a presigned download URL. Another
 * entrepreneur's or CAE's receipt is a 404 (it is not under the caller's keys).
 */
import { requireEntrepreneur } from '../../shared/auth.js';
import { NotFound } from '../../shared/errors.js';
import { httpHandler } from '../../shared/http.js';
import { getReceipt } from '../../shared/repositories/receipts.js';
import { contracts } from './api.js';
import { receiptView } from './files.js';

export const handler = httpHandler('getReceipt', contracts.getReceipt, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const receipt = await getReceipt(params.caeId, params.id, params.receiptId);
  if (!receipt) throw new NotFound(`No receipt ${params.receiptId}.`);
  return { body: await receiptView(receipt) };
});
