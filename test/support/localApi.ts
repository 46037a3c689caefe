/**
 * The local API on a free port, over the run's dynalite, for end-to-end tests through real HTTP.
 */
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
