/**
 * POST …/receipts: registers a receipt (name, type, size) and answers a presigned PUT to object storage, signed
 * for exactly that type and size (functions/shared/objectStorage.ts), so that the storage refuses any other file.
 */
import { ulid } from 'ulid';
import { requireEntrepreneur } from '../../shared/auth.js';
import { nowIso } from '../../shared/clock.js';
import { httpHandler } from '../../shared/http.js';
import { objectKeys, presignUpload } from '../../shared/objectStorage.js';
import { getEntrepreneur } from '../../shared/repositories/entrepreneurs.js';
import { createReceipt } from '../../shared/repositories/receipts.js';
import { contracts } from './api.js';

export const handler = httpHandler('createReceipt', contracts.createReceipt, async ({ caller, params, body }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  await getEntrepreneur(params.caeId, params.id);
  const receiptId = ulid();
  const objectKey = objectKeys.receipt(params.caeId, params.id, receiptId);
  await createReceipt({
    id: receiptId,
    caeId: params.caeId,
    entrepreneurId: params.id,
    fileName: body.fileName,
    contentType: body.contentType,
    size: body.size,
    objectKey,
    createdAt: nowIso(),
    createdBy: caller.sub,
  });
  const upload = await presignUpload(objectKey, { contentType: body.contentType, size: body.size });
  return {
    status: 201,
    body: { id: receiptId, uploadUrl: upload.url, expiresAt: upload.expiresAt, uploadMethod: upload.method, uploadHeaders: upload.headers },
  };
});
