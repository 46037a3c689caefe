/**
 * The local API on a free port, over the run's dynalite, for end-to-end tests through real HTTP.
 */
import { expect } from 'vitest';
import { startLocalApi, type LocalApi } from '../../infra/local/server.js';
import { type LocalClaims, signLocalToken } from '../../infra/local/tokens.js';

export const TEST_SECRET = 'test-secret';

export async function startApi(): Promise<LocalApi> {
  return startLocalApi({ jwtSecret: TEST_SECRET });
}

export function tokenFor(claims: LocalClaims, secret = TEST_SECRET): Promise<string> {
  return signLocalToken(claims, secret);
}

export interface HttpReply<T = any> {
  status: number;
  body: T;
  contentType: string;
}

/** A small client: JSON in and out, a bearer token when given. */
export function client(baseUrl: string, token?: string) {
  return async function request<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpReply<T>> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.body !== undefined || options.raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const contentType = res.headers.get('content-type') ?? '';
    const text = await res.text();
    return { status: res.status, body: (/json/.test(contentType) && text ? JSON.parse(text) : text) as T, contentType };
  };
}

/**
 * Keeps every reply of the clients it tracks, so that a test file can check after each test that none was a
 * 5xx (docs/api.md: no input a client can send produces one).
 */
export function replyLog() {
  const seen: HttpReply[] = [];
  return {
    track(send: ReturnType<typeof client>): ReturnType<typeof client> {
      return async (...args) => {
        const reply = await send(...args);
        seen.push(reply);
        return reply;
      };
    },
    expectNo5xx(): void {
      for (const reply of seen) expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
      seen.length = 0;
    },
  };
}

/** A problem+json reply of this status, naming the field and of the type when given. */
export function expectProblem(reply: HttpReply, status: number, expected: { field?: string; type?: string } = {}): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.contentType).toBe('application/problem+json');
  expect(reply.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  if (expected.field) expect(reply.body.errors.map((e: { path: string }) => e.path).join(' ')).toContain(expected.field);
  if (expected.type) expect(reply.body.type).toMatch(new RegExp(`/${expected.type}$`));
}
