/**
 * A receipt's file, asked of the object storage: whether it is there as registered, and its bytes for the
 * routes that read it (the e-invoice import).
 */
import { getObjectBytes, headObject, presignDownload } from '../../shared/objectStorage.js';
import type { Receipt } from '../../shared/repositories/receipts.js';

/**
 * True when the storage holds the receipt's file with its registered size and type. The presigned upload
 * signed both, so anything else there would not have come through it.
 */
export async function isUploaded(receipt: Receipt): Promise<boolean> {
  const head = await headObject(receipt.objectKey);
  return head !== undefined && head.size === receipt.size && head.contentType === receipt.contentType;
}

/** The receipt as the API shows it, with a download URL once uploaded. */
export async function receiptView(receipt: Receipt) {
  const uploaded = await isUploaded(receipt);
  const download = uploaded ? await presignDownload(receipt.objectKey, { fileName: receipt.fileName }) : undefined;
  return {
    id: receipt.id,
    fileName: receipt.fileName,
    contentType: receipt.contentType,
    size: receipt.size,
    uploaded,
    downloadUrl: download?.url ?? null,
    downloadExpiresAt: download?.expiresAt ?? null,
    createdAt: receipt.createdAt,
  };
}

/** The receipt's bytes (at most its registered size), or undefined when not uploaded yet. */
export async function receiptBytes(receipt: Receipt): Promise<Uint8Array | undefined> {
  return getObjectBytes(receipt.objectKey, { maxBytes: receipt.size });
}
