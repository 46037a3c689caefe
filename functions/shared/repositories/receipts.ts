/**
 * Receipts (justificatifs): the record of a file an entrepreneur uploads to object storage through a presigned
 * URL (functions/expenses/createReceipt.ts). The record says what may be uploaded (name, type, size) and where
 * (`objectKey`, under the CAE's prefix); the bytes never pass through the API. Whether the upload happened is
 * asked of the storage when it matters (functions/expenses/receiptFiles.ts), not stored here.
 *
 * One item per receipt in its entrepreneur's partition (keys.receipt), written once with `attribute_not_exists`:
 * a receipt is never changed afterwards, so that a claim or supplier invoice that names it keeps pointing at the
 * same file. Another entrepreneur's or CAE's receipt is simply not found under the caller's keys.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../dynamo.js';
import * as keys from '../keys.js';

/** The file types a receipt may be (docs/api.md "Expenses and purchases"). */
export const RECEIPT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/xml'] as const;
export type ReceiptContentType = (typeof RECEIPT_CONTENT_TYPES)[number];

/** 10 MB: the largest receipt accepted (the presigned upload signs the exact size, at most this). */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

export interface Receipt {
  id: string;
  caeId: string;
  entrepreneurId: string;
  fileName: string;
  contentType: ReceiptContentType;
  /** Bytes, exactly: the upload must be this size. */
  size: number;
  /** Where the file is (or will be) in object storage: `cae/<caeId>/entrepreneurs/<id>/receipts/<receiptId>`. */
  objectKey: string;
  createdAt: string;
  /** The `sub` of whoever created it. */
  createdBy: string;
}

/** Stores a new receipt record; false when one with this id exists already (nothing is overwritten). */
export async function createReceipt(receipt: Receipt): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.receipt(receipt.caeId, receipt.entrepreneurId, receipt.id), type: 'RECEIPT', ...receipt },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** One entrepreneur's receipt, or undefined (also when it is another entrepreneur's or another CAE's). */
export async function getReceipt(caeId: string, entrepreneurId: string, receiptId: string): Promise<Receipt | undefined> {
  const out = await db.send(new GetCommand({ TableName: tableName, Key: keys.receipt(caeId, entrepreneurId, receiptId), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const { PK, SK, type, ...receipt } = out.Item;
  return receipt as Receipt;
}
