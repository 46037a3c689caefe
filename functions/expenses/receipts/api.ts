/**
 * The HTTP contract of receipts (docs/api.md "Expenses and purchases"): a receipt is registered with its name,
 * type and size, then uploaded by the client straight to object storage with the presigned URL it gets back.
 */
import * as z from 'zod';
import { entrepreneurParams } from '../../entrepreneurs/api.js';
import { MAX_RECEIPT_BYTES, RECEIPT_CONTENT_TYPES } from '../../shared/repositories/receipts.js';
import { id, text } from '../../shared/validation.js';

export const receiptParams = entrepreneurParams.extend({ receiptId: id });

export const receipt = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.enum(RECEIPT_CONTENT_TYPES),
  size: z.number().int(),
  /** True once the storage holds the file (of the registered type and size). */
  uploaded: z.boolean(),
  /** A presigned GET, valid until `downloadExpiresAt`; null until the file is uploaded. */
  downloadUrl: z.string().nullable(),
  downloadExpiresAt: z.string().nullable(),
  createdAt: z.string(),
});

export const contracts = {
  createReceipt: {
    status: 201,
    params: entrepreneurParams,
    body: z.strictObject({
      /** The file's name as the entrepreneur knows it (shown, and offered when downloading). */
      fileName: text(255),
      contentType: z.enum(RECEIPT_CONTENT_TYPES, { error: `must be one of ${RECEIPT_CONTENT_TYPES.join(', ')}` }),
      /** The exact size in bytes: the upload URL is signed for it. */
      size: z
        .number({ error: 'must be a JSON integer (bytes)' })
        .int({ message: 'must be a JSON integer (bytes)' })
        .min(1, { message: 'must be at least 1 byte' })
        .max(MAX_RECEIPT_BYTES, { message: `must be at most ${MAX_RECEIPT_BYTES} bytes (10 MB)` }),
    }),
    response: z.object({
      id: z.string(),
      /** A presigned PUT to object storage. */
      uploadUrl: z.string(),
      /** After this instant the storage refuses the upload (ask for a new receipt). */
      expiresAt: z.string(),
      uploadMethod: z.literal('PUT'),
      /**
       * The headers to send with the PUT, exactly: they are signed, and the storage refuses the upload when the
       * body's type or length differs (`curl --upload-file` sends Content-Length itself).
       */
      uploadHeaders: z.object({ 'Content-Type': z.string(), 'Content-Length': z.string() }),
    }),
  },
  getReceipt: { status: 200, params: receiptParams, response: receipt },
};
