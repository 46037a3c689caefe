/**
 * The check S3 makes of every signed request (AWS Signature Version 4), done in front of the local S3 server
 * (s3rver accepts any v4 signature without computing it: docs/architecture.md "Object storage"). Written from
 * the SigV4 specification, not with the SDK's signer, so that it checks the SDK rather than agreeing with it.
 *
 * Both forms are checked: presigned URLs (query parameters, `UNSIGNED-PAYLOAD`, expiry) and the Authorization
 * header the SDK sends for the product's own calls (the declared payload hash is signed; the body is not hashed
 * here). As on S3, every signed header must arrive with the value that was signed: a presigned upload that signs
 * Content-Type and Content-Length is refused with any other type or size.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SigV4Request {
  method: string;
  /** The request target as received: path and query, still percent-encoded. */
  url: string;
  /** Lower-case names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
}

export type SigV4Verdict =
  | { ok: true; accessKeyId: string }
  | { ok: false; status: 400 | 403; code: string; message: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;

/** RFC 3986 encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

function headerValue(headers: SigV4Request['headers'], name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

/** `20260101T120000Z` → Date, or undefined. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const refuse = (code: string, message: string, status: 400 | 403 = 403): SigV4Verdict => ({ ok: false, status, code, message });

/**
 * Verifies one request against the secret of its access key. `secretFor` answers undefined for an unknown key.
 * A request that carries no signature at all is the caller's business (`ok: false`, code `MissingSignature`).
 */
export function verifySigV4(request: SigV4Request, secretFor: (accessKeyId: string) => string | undefined, now: Date = new Date()): SigV4Verdict {
  const queryIndex = request.url.indexOf('?');
  const rawPath = queryIndex === -1 ? request.url : request.url.slice(0, queryIndex);
  const rawQuery = queryIndex === -1 ? '' : request.url.slice(queryIndex + 1);
  const params: [string, string][] = rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq === -1 ? [safeDecode(part), ''] : [safeDecode(part.slice(0, eq)), safeDecode(part.slice(eq + 1))];
    });
  const param = (name: string) => params.find(([k]) => k === name)?.[1];

  const authorization = headerValue(request.headers, 'authorization');
  const presigned = param('X-Amz-Algorithm') !== undefined;
  if (presigned && authorization) return refuse('InvalidArgument', 'Only one auth mechanism allowed', 400);

  let credential: string | undefined;
  let signedHeaderList: string | undefined;
  let signature: string | undefined;
  let amzDate: string | undefined;
  let payloadHash: string;
  if (presigned) {
    if (param('X-Amz-Algorithm') !== ALGORITHM) return refuse('AuthorizationQueryParametersError', `X-Amz-Algorithm only supports "${ALGORITHM}"`, 400);
    credential = param('X-Amz-Credential');
    signedHeaderList = param('X-Amz-SignedHeaders');
    signature = param('X-Amz-Signature');
    amzDate = param('X-Amz-Date');
    const expires = param('X-Amz-Expires');
    if (!credential || !signedHeaderList || !signature || !amzDate || expires === undefined) {
      return refuse('AuthorizationQueryParametersError', 'Query-string authentication version 4 requires X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders and X-Amz-Expires', 400);
    }
    const seconds = /^\d{1,7}$/.test(expires) ? Number(expires) : Number.NaN;
    if (!(seconds >= 1 && seconds <= MAX_PRESIGNED_SECONDS)) return refuse('AuthorizationQueryParametersError', 'X-Amz-Expires must be between 1 and 604800 seconds', 400);
    const signedAt = parseAmzDate(amzDate);
    if (!signedAt) return refuse('AuthorizationQueryParametersError', 'X-Amz-Date must be YYYYMMDDTHHMMSSZ', 400);
    if (now.getTime() > signedAt.getTime() + seconds * 1000) return refuse('AccessDenied', 'Request has expired');
    if (signedAt.getTime() > now.getTime() + 15 * 60 * 1000) return refuse('AccessDenied', 'Request is not valid yet');
    payloadHash = param('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  } else if (authorization) {
    const m = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(authorization.trim());
    if (!m) return refuse('AuthorizationHeaderMalformed', 'The authorization header is malformed', 400);
    [, credential, signedHeaderList, signature] = m;
    amzDate = headerValue(request.headers, 'x-amz-date');
    const signedAt = parseAmzDate(amzDate);
    if (!signedAt) return refuse('AccessDenied', 'AWS authentication requires a valid x-amz-date header');
    if (Math.abs(now.getTime() - signedAt.getTime()) > 15 * 60 * 1000) return refuse('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    const declared = headerValue(request.headers, 'x-amz-content-sha256');
    if (!declared) return refuse('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256', 400);
    payloadHash = declared;
  } else {
    return refuse('MissingSignature', 'The request is not signed');
  }

  const [accessKeyId, scopeDate, region, service, terminator, ...extra] = (credential ?? '').split('/');
  if (!accessKeyId || !scopeDate || !region || service !== 's3' || terminator !== 'aws4_request' || extra.length > 0) {
    return refuse('AuthorizationHeaderMalformed', 'The credential scope is malformed', 400);
  }
  if (!amzDate?.startsWith(scopeDate)) return refuse('AuthorizationHeaderMalformed', 'The credential date does not match X-Amz-Date', 400);
  const secret = secretFor(accessKeyId);
  if (secret === undefined) return refuse('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');

  const signedHeaders = (signedHeaderList ?? '').split(';');
  if (!signedHeaders.includes('host')) return refuse('AccessDenied', 'The host header must be signed');
  // S3 refuses x-amz-* headers that the signature does not cover: they would change the request unseen.
  const unsigned = Object.keys(request.headers).filter((name) => name.startsWith('x-amz-') && !signedHeaders.includes(name));
  if (unsigned.length > 0 && (presigned || unsigned.some((name) => name !== 'x-amz-content-sha256'))) {
    return refuse('AccessDenied', `There were headers present in the request which were not signed: ${unsigned.join(', ')}`);
  }

  const canonicalUri = rawPath
    .split('/')
    .map((segment) => uriEncode(safeDecode(segment)))
    .join('/');
  const canonicalQuery = params
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${(headerValue(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [request.method.toUpperCase(), canonicalUri, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, scopeDate), region), service), 'aws4_request');
  const expected = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest();
  const provided = /^[0-9a-f]{64}$/.test(signature ?? '') ? Buffer.from(signature ?? '', 'hex') : Buffer.alloc(0);
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return refuse('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
  return { ok: true, accessKeyId };
}
