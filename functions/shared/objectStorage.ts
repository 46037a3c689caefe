/**
 * Object storage (docs/architecture.md "Object storage"): one S3 bucket, every key under `cae/<caeId>/…` so that
 * IAM can confine a tenant's request to its own prefix, as `dynamodb:LeadingKeys` does for the table. The same
 * AWS SDK client and presigner serve AWS and the local S3-compatible server (infra/local/objectStorage.ts): only
 * the endpoint (from OBJECT_STORAGE_ENDPOINT, path-style) and the credentials differ.
 *
 * Uploads and downloads go straight between the client and the storage through presigned URLs: the Lambda never
 * carries a receipt's bytes. An upload URL signs the object's Content-Type and Content-Length, so the storage
 * itself refuses a file of another type or size than the one recorded.
 */
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import * as z from 'zod';
import { systemNow } from './clock.js';
import { LOCAL_OBJECT_STORAGE_CREDENTIALS } from './localObjectStorage.js';
import { currentTenant } from './tenantScope.js';

const schema = z.object({
  /** The bucket (the data stack's, on AWS). */
  OBJECT_STORAGE_BUCKET: z.string().min(1, 'OBJECT_STORAGE_BUCKET is required'),
  /** Set by the local runtime and the tests (the local S3-compatible server); absent on AWS. */
  OBJECT_STORAGE_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('eu-west-3'),
  /** The role a tenant's request assumes (API stack): its policy also confines objects to `cae/<caeId>/`. */
  TENANT_ROLE_ARN: z.string().startsWith('arn:').optional(),
});

function load() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

const config = load();

/** The bucket every key below lives in. */
export const bucketName = config.OBJECT_STORAGE_BUCKET;

const base: S3ClientConfig = {
  region: config.AWS_REGION,
  // Checksums only where S3 requires them: with the default (when supported) a presigned PUT would carry the
  // checksum of an empty body, and every real upload through it would be refused.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
  ...(config.OBJECT_STORAGE_ENDPOINT
    ? { endpoint: config.OBJECT_STORAGE_ENDPOINT, forcePathStyle: true, credentials: LOCAL_OBJECT_STORAGE_CREDENTIALS }
    : {}),
};

const functionClient = new S3Client(base);

/** Tenant-scoped clients by CAE id (as functions/shared/dynamo.ts does for the table). */
const tenantClients = new Map<string, S3Client>();
const MAX_TENANT_CLIENTS = 200;

function tenantClient(caeId: string, roleArn: string): S3Client {
  let found = tenantClients.get(caeId);
  if (!found) {
    if (tenantClients.size >= MAX_TENANT_CLIENTS) {
      const oldest = tenantClients.keys().next().value as string;
      tenantClients.get(oldest)?.destroy();
      tenantClients.delete(oldest);
    }
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: roleArn, RoleSessionName: `cae-${caeId}`, DurationSeconds: 900, Tags: [{ Key: 'caeId', Value: caeId }] },
      clientConfig: { region: config.AWS_REGION },
    });
    found = new S3Client({ ...base, credentials });
    tenantClients.set(caeId, found);
  }
  return found;
}

/**
 * The client of the current request: tenant-scoped on AWS while a CAE's request runs, so that a presigned URL is
 * signed with credentials that reach that CAE's prefix only.
 */
function client(): S3Client {
  const caeId = currentTenant();
  return caeId && config.TENANT_ROLE_ARN ? tenantClient(caeId, config.TENANT_ROLE_ARN) : functionClient;
}

/**
 * How long a presigned URL lives. Tenant credentials last 15 minutes and the SDK renews them when fewer than 5
 * are left, so a URL signed with them stays valid for its whole life only up to 5 minutes.
 */
export const PRESIGNED_URL_SECONDS = 300;

/** Every object key, built in one place; each one starts with the tenant prefix of its CAE. */
export const objectKeys = {
  /** The prefix of everything a CAE stores (the IAM policies name `cae/${aws:PrincipalTag/caeId}/*`). */
  tenantPrefix: (caeId: string) => `cae/${caeId}/`,
  receipt: (caeId: string, entrepreneurId: string, receiptId: string) => `cae/${caeId}/entrepreneurs/${entrepreneurId}/receipts/${receiptId}`,
  /** A payslip PDF kept at month close (kept five years). */
  payslipPdf: (caeId: string, entrepreneurId: string, month: string) => `cae/${caeId}/entrepreneurs/${entrepreneurId}/payslips/${month}.pdf`,
  /** Any other document of a CAE: `cae/<caeId>/<path>` (path segments without `..`). */
  document: (caeId: string, ...path: string[]) => `cae/${caeId}/${path.join('/')}`,
} as const;

/** A presigned upload: the URL and the headers the client must send with it, exactly (they are signed). */
export interface PresignedUpload {
  url: string;
  method: 'PUT';
  headers: { 'Content-Type': string; 'Content-Length': string };
  expiresAt: string;
}

/**
 * A presigned PUT of one object whose type and size are signed into the request: S3 (and the local server)
 * refuse an upload with another Content-Type or Content-Length, after `expiresAt`, or with any change to the URL.
 * Signed on real time (`systemNow`), never the business clock: the storage judges expiry on its own clock.
 */
export async function presignUpload(key: string, file: { contentType: string; size: number }, now: Date = systemNow()): Promise<PresignedUpload> {
  const command = new PutObjectCommand({ Bucket: bucketName, Key: key, ContentType: file.contentType, ContentLength: file.size });
  const url = await getSignedUrl(client(), command, {
    expiresIn: PRESIGNED_URL_SECONDS,
    signingDate: now,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
  return {
    url,
    method: 'PUT',
    headers: { 'Content-Type': file.contentType, 'Content-Length': String(file.size) },
    expiresAt: new Date(now.getTime() + PRESIGNED_URL_SECONDS * 1000).toISOString(),
  };
}

/** A presigned GET; `fileName` makes browsers save it under that name. */
export async function presignDownload(key: string, options: { fileName?: string; now?: Date } = {}): Promise<{ url: string; expiresAt: string }> {
  const now = options.now ?? systemNow();
  const command = new GetObjectCommand({
    Bucket: bucketName,
    Key: key,
    ...(options.fileName ? { ResponseContentDisposition: contentDisposition(options.fileName) } : {}),
  });
  const url = await getSignedUrl(client(), command, { expiresIn: PRESIGNED_URL_SECONDS, signingDate: now });
  return { url, expiresAt: new Date(now.getTime() + PRESIGNED_URL_SECONDS * 1000).toISOString() };
}

/** `attachment` with the name in both forms (RFC 6266): ASCII fallback and UTF-8. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** What storage knows of an object. */
export interface StoredObjectHead {
  size: number;
  contentType: string | undefined;
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey || error instanceof NotFound) return true;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** The object's size and type, or undefined when nothing was stored under the key. */
export async function headObject(key: string): Promise<StoredObjectHead | undefined> {
  try {
    const out = await client().send(new HeadObjectCommand({ Bucket: bucketName, Key: key }));
    return { size: out.ContentLength ?? 0, contentType: out.ContentType };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Stores bytes under a key (documents generated by the product: payslip PDFs, exports). */
export async function putObject(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
  await client().send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.byteLength }));
}

/** Thrown when an object is larger than the reader accepts: nothing beyond the limit is read. */
export class ObjectTooLarge extends Error {
  constructor(
    readonly key: string,
    readonly limit: number,
  ) {
    super(`object ${key} is larger than ${limit} bytes`);
  }
}

/**
 * The bytes of an object, or undefined when there is none. With `maxBytes`, an object larger than that is
 * refused (ObjectTooLarge) rather than read into memory.
 */
export async function getObjectBytes(key: string, options: { maxBytes?: number } = {}): Promise<Uint8Array | undefined> {
  try {
    const out = await client().send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
    if (options.maxBytes !== undefined && (out.ContentLength ?? 0) > options.maxBytes) {
      // Not read: the connection is dropped rather than the object downloaded for nothing.
      (out.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new ObjectTooLarge(key, options.maxBytes);
    }
    const bytes = await out.Body?.transformToByteArray();
    if (options.maxBytes !== undefined && bytes && bytes.byteLength > options.maxBytes) throw new ObjectTooLarge(key, options.maxBytes);
    return bytes ?? new Uint8Array();
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}
