/**
 * `Idempotency-Key` for the POSTs that create money records (docs/api.md "Conventions"):
 * - the same key with the same request returns the first response again (same status, same body);
 * - the same key with another request (another body, route or account) is a 409 `idempotency-key-reused`;
 * - concurrent duplicates create one record: they race on one conditional write (repositories/idempotency.ts),
 *   the winner does the work, the others wait for its response and return it.
 *
 * A key is scoped to the CAE, the account (entrepreneur) and the caller, so two tenants or two users may use
 * the same key. A refused request (a 4xx problem, raised before anything is written) releases its key: it
 * changed nothing, and the key may be used again, with the same body or a corrected one. After any other
 * failure the key stays claimed with its record id, its lease ended: a retry with the same request takes it
 * over and finishes the work under that id.
 *
 * The record's id is chosen when the key is first claimed and kept if a claim is taken over after its lease
 * (a Lambda that crashed mid-way): the work must write under that id with conditional writes, so that
 * finishing someone else's half-done work writes each item once.
 *
 * Ledger entries (transactions, reversals, and every later flow that posts to an activity account) need no
 * record of their own: `entryClaim` derives the entry's id from the key, and the entry's conditional put is
 * the claim (repositories/ledger.ts), so recording a transaction stays within three requests.
 */
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ulid } from 'ulid';
import type { Caller } from './auth.js';
import { systemNow } from './clock.js';
import { Conflict, HttpProblem } from './errors.js';
import {
  completeClaim,
  expireClaim,
  findRecord,
  type IdempotencyKeyRef,
  type IdempotencyRecord,
  putNewClaim,
  releaseClaim,
  takeOverClaim,
} from './repositories/idempotency.js';

/** How long a claim protects the work in progress: beyond any Lambda behind API Gateway (29 s). */
const LEASE_MS = 30_000;
/** How long a duplicate waits for the first request's response before answering 409 (retry later). */
const WAIT_MS = 5_000;
const POLL_MS = 25;
/** Records are kept a day (for a TTL on `expiresAt`). */
const KEEP_SECONDS = 24 * 3600;

export interface IdempotentRequest {
  caeId: string;
  /**
   * What the key belongs to inside the CAE: an entrepreneur's id for their ledger, or a CAE-level scope such
   * as `grants`. Two scopes may use the same key.
   */
  scope: string;
  caller: Caller;
  /** The `Idempotency-Key` header (checked by the middy stack). */
  key: string;
  /** What makes two requests the same: the route, its path parameters and its validated body. */
  request: { route: string; params: unknown; body: unknown };
}

export interface IdempotentResult {
  status: number;
  body: unknown;
}

export interface IdempotentReply {
  status: number;
  raw: string;
  contentType: string;
  headers?: Record<string, string>;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level, so that key order never makes two bodies differ. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The 32 digits of a ULID (Crockford's base32), so that a derived id looks like every other id. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * What a ledger entry created under an Idempotency-Key is claimed with (repositories/ledger.ts `postEntry`):
 * its id, derived from the CAE, the scope (the entrepreneur), the caller and the key, so that a repeat of the
 * request finds the entry it wrote with the same conditional put, without a claim item of its own; and the
 * request's fingerprint, so that another request under the same key is told apart (409).
 */
export interface EntryClaim {
  /** 26 characters of Crockford's base32: 130 bits of sha256 of (CAE, scope, caller, key). */
  id: string;
  /** sha256 of the route, its path parameters and the validated body. */
  fingerprint: string;
}

/** The claim of a request that creates a ledger entry (see `EntryClaim`). */
export function entryClaim({ caeId, scope, caller, key, request }: IdempotentRequest): EntryClaim {
  return { id: idOf([caeId, scope, caller.role, caller.sub, key]), fingerprint: sha256(canonicalJson(request)) };
}

/**
 * The claim of an entry that a business document posts (an invoice's revenue for one VAT rate, a payment): its
 * id derived from what the entry is (`parts`, e.g. CAE, 'invoice', invoice id, rate) rather than from a request,
 * so that the request, its retries and a roll-forward of the document all post it under one id, once.
 */
export function derivedEntryClaim(parts: readonly unknown[]): EntryClaim {
  return { id: idOf(parts), fingerprint: sha256(canonicalJson(['derived', ...parts])) };
}

/** 26 digits of Crockford's base32 from 130 bits of sha256 of `parts`. */
function idOf(parts: readonly unknown[]): string {
  const digest = createHash('sha256').update(canonicalJson(parts), 'utf8').digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 17)) bits = (bits << 8n) | BigInt(byte);
  bits >>= 6n; // 136 bits read, 130 kept
  let id = '';
  for (let i = 0; i < 26; i++) {
    id = CROCKFORD[Number(bits & 31n)] + id;
    bits >>= 5n;
  }
  return id;
}

function newClaim(fingerprint: string, now: number): IdempotencyRecord {
  return {
    fingerprint,
    status: 'in_progress',
    resourceId: ulid(),
    claimToken: randomUUID(),
    leaseUntil: now + LEASE_MS,
    createdAt: new Date(now).toISOString(),
    expiresAt: Math.floor(now / 1000) + KEEP_SECONDS,
  };
}

async function runClaimed(
  ref: IdempotencyKeyRef,
  claim: IdempotencyRecord,
  work: (resourceId: string) => Promise<IdempotentResult>,
): Promise<IdempotentReply> {
  let result: IdempotentResult;
  try {
    result = await work(claim.resourceId);
  } catch (error) {
    // A refusal happens before any write: the key is freed. Any other failure may have written part of the
    // work: the claim is kept with its id and its lease ended, so a retry finishes the same work at once.
    const settle = error instanceof HttpProblem ? releaseClaim : expireClaim;
    await settle(ref, claim.claimToken).catch(() => undefined);
    throw error;
  }
  const raw = JSON.stringify(result.body);
  // If the lease ran out and another request took over, it works under the same id and stores its own
  // (identical) response; this one is still the right answer.
  await completeClaim(ref, claim.claimToken, result.status, raw);
  return { status: result.status, raw, contentType: 'application/json' };
}

/**
 * Runs `work` at most once per key and request, and answers every repetition with the first response.
 * `work` receives the id to create the record under and returns the success status and body; a thrown error
 * (a refusal, a failure) releases the key.
 */
export async function idempotent(
  { caeId, scope, caller, key, request }: IdempotentRequest,
  work: (resourceId: string) => Promise<IdempotentResult>,
): Promise<IdempotentReply> {
  const ref: IdempotencyKeyRef = { caeId, scope, scopeHash: sha256(canonicalJson([caller.role, caller.sub, key])) };
  const fingerprint = sha256(canonicalJson(request));
  const deadline = systemNow().getTime() + WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0 && systemNow().getTime() >= deadline) {
      throw new Conflict('idempotency-request-in-progress', 'A request with this Idempotency-Key is still in progress; retry later.');
    }
    const claim = newClaim(fingerprint, systemNow().getTime());
    if (await putNewClaim(ref, claim)) return runClaimed(ref, claim, work);

    const existing = await findRecord(ref);
    if (!existing) continue; // released between the two reads: claim it again
    if (existing.fingerprint !== fingerprint) {
      throw new Conflict('idempotency-key-reused', 'This Idempotency-Key was used with another request; use a new key.');
    }
    if (existing.status === 'completed' && existing.responseStatus !== undefined && existing.responseBody !== undefined) {
      return {
        status: existing.responseStatus,
        raw: existing.responseBody,
        contentType: 'application/json',
        headers: { 'idempotent-replayed': 'true' },
      };
    }
    const now = systemNow().getTime();
    if (existing.leaseUntil < now) {
      const takeover = { ...existing, claimToken: randomUUID(), leaseUntil: now + LEASE_MS };
      if (await takeOverClaim(ref, takeover, existing.claimToken)) return runClaimed(ref, takeover, work);
      continue;
    }
    await sleep(POLL_MS + Math.floor(Math.random() * POLL_MS));
  }
}
