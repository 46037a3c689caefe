/**
 * Overload of the local API: requests beyond what it works on at once, and requests that outlive the Lambda
 * timeout, are answered 503 problem+json with Retry-After, never 500. DynamoDB here is a server that accepts
 * connections and never answers (a fault dynalite cannot be made to produce): every handler waits on it, so the
 * in-flight slots stay taken for as long as the test needs.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../../infra/local/server.js';
import { expectProblem, type HttpReply, TEST_SECRET, tokenFor } from '../support/localApi.js';

const TIMEOUT_MS = 1500;
const A_CAE = '01J00000000000000000000000';

let stalled: Server;
const sockets = new Set<Socket>();
let api: LocalApi;
let token: string;

/** GET as the federation admin, with the reply's Retry-After. */
async function get(path: string): Promise<HttpReply & { retryAfter: string | null }> {
  const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const contentType = res.headers.get('content-type') ?? '';
  const text = await res.text();
  return { status: res.status, body: /json/.test(contentType) ? JSON.parse(text) : text, contentType, retryAfter: res.headers.get('retry-after') };
}

beforeAll(async () => {
  stalled = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', () => resolve()));
  const address = stalled.address() as { port: number };
  // Handlers bind their DynamoDB client when first loaded, after this.
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${address.port}`;
  api = await startLocalApi({ jwtSecret: TEST_SECRET, maxInFlight: 2, maxQueued: 2, timeoutMs: TIMEOUT_MS });
  token = await tokenFor({ sub: 'admin', role: 'federation_admin' });
});

afterAll(async () => {
  await api.close();
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => stalled.close(() => resolve()));
});

function expectRetryLater(reply: HttpReply & { retryAfter: string | null }) {
  expectProblem(reply, 503, { type: 'service-unavailable' });
  expect(reply.retryAfter).toBe('1');
}

describe('the local API under overload', () => {
  it('answers 503 with Retry-After to a request that outlives the Lambda timeout', async () => {
    const reply = await get(`/caes/${A_CAE}`);
    expectRetryLater(reply);
  });

  it('answers 503 with Retry-After, at once, beyond its slots and its queue; none is a 500', async () => {
    const replies = await Promise.all(Array.from({ length: 10 }, () => get(`/caes/${A_CAE}`)));
    for (const reply of replies) expectRetryLater(reply);
    // 2 in flight and 2 queued wait for the timeout (the adapter's, or the handler's own: middy ends it when the
    // remaining time runs out); the others are refused without waiting.
    const refused = replies.filter((r) => /Too many requests in progress/.test(r.body.detail));
    expect(refused.length, JSON.stringify(replies.map((r) => r.body.detail))).toBeGreaterThanOrEqual(4);
  });
});
