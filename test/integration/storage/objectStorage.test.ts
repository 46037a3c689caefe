/**
 * The object storage as the product uses it, on the local S3-compatible server the run starts: presigned uploads
 * and downloads, and the refusals that the storage itself makes (docs/architecture.md "Object storage").
 */
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import {
  getObjectBytes,
  headObject,
  ObjectTooLarge,
  objectKeys,
  PRESIGNED_URL_SECONDS,
  presignDownload,
  presignUpload,
  putObject,
} from '../../../functions/shared/objectStorage.js';

const pdf = (size: number) => new Uint8Array(size).fill(0x25);
const key = () => objectKeys.receipt(ulid(), ulid(), ulid());

async function upload(url: string, body: Uint8Array, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'PUT', body, headers });
  return { status: res.status, text: await res.text() };
}

describe('presigned uploads', () => {
  it('stores the file that matches the signed type and size, readable through a presigned download', async () => {
    const k = key();
    const body = pdf(1234);
    const up = await presignUpload(k, { contentType: 'application/pdf', size: body.byteLength });
    expect((await upload(up.url, body, up.headers)).status).toBe(200);
    expect(await headObject(k)).toEqual({ size: 1234, contentType: 'application/pdf' });
    const down = await presignDownload(k, { fileName: 'facture été.pdf' });
    const res = await fetch(down.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''facture%20%C3%A9t%C3%A9.pdf");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(body);
  });

  it('is refused by the storage when the Content-Type differs from the signed one', async () => {
    const k = key();
    const up = await presignUpload(k, { contentType: 'application/pdf', size: 10 });
    const reply = await upload(up.url, pdf(10), { ...up.headers, 'Content-Type': 'text/html' });
    expect(reply.status).toBe(403);
    expect(reply.text).toContain('SignatureDoesNotMatch');
    expect(await headObject(k)).toBeUndefined();
  });

  it('is refused by the storage when the body is larger than the signed size', async () => {
    const k = key();
    const up = await presignUpload(k, { contentType: 'image/png', size: 10 });
    // fetch sends the real length of the body: 11 bytes against the 10 signed.
    const reply = await upload(up.url, pdf(11), { 'Content-Type': 'image/png' });
    expect(reply.status).toBe(403);
    expect(await headObject(k)).toBeUndefined();
  });

  it('is refused by the storage once expired', async () => {
    const k = key();
    const signedAt = new Date(Date.now() - (PRESIGNED_URL_SECONDS + 5) * 1000);
    const up = await presignUpload(k, { contentType: 'application/pdf', size: 10 }, signedAt);
    const reply = await upload(up.url, pdf(10), up.headers);
    expect(reply.status).toBe(403);
    expect(reply.text).toContain('Request has expired');
    expect(await headObject(k)).toBeUndefined();
  });

  it('is refused by the storage when the URL was altered (another key)', async () => {
    const k = key();
    const up = await presignUpload(k, { contentType: 'application/pdf', size: 10 });
    const other = up.url.replace(/receipts\/[^?]+/, `receipts/${ulid()}`);
    expect((await upload(other, pdf(10), up.headers)).status).toBe(403);
  });

  it('is refused by the storage when the URL was altered (a longer expiry)', async () => {
    const up = await presignUpload(key(), { contentType: 'application/pdf', size: 10 });
    const longer = up.url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604800');
    expect((await upload(longer, pdf(10), up.headers)).status).toBe(403);
  });

  it('refuses a request that carries no signature: the bucket is private', async () => {
    const k = key();
    await putObject(k, pdf(3), 'application/pdf');
    const down = await presignDownload(k);
    const res = await fetch(down.url.slice(0, down.url.indexOf('?')));
    expect(res.status).toBe(403);
  });
});

describe('bytes kept by the product', () => {
  it('reads back what it stored, and nothing for a key never written', async () => {
    const k = objectKeys.payslipPdf(ulid(), ulid(), '2026-03');
    await putObject(k, new Uint8Array([1, 2, 3]), 'application/pdf');
    expect(await getObjectBytes(k)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await getObjectBytes(key())).toBeUndefined();
    expect(await headObject(key())).toBeUndefined();
  });

  it('refuses to read an object larger than the limit asked', async () => {
    const k = key();
    await putObject(k, pdf(2048), 'application/pdf');
    await expect(getObjectBytes(k, { maxBytes: 1024 })).rejects.toBeInstanceOf(ObjectTooLarge);
  });

  it('keeps every key of a CAE under its tenant prefix', () => {
    const caeId = ulid();
    for (const k of [objectKeys.receipt(caeId, 'e', 'r'), objectKeys.payslipPdf(caeId, 'e', '2026-01'), objectKeys.document(caeId, 'exports', 'x.csv')]) {
      expect(k.startsWith(objectKeys.tenantPrefix(caeId))).toBe(true);
    }
  });
});
