/**
 * A small stand-in for API Gateway (HTTP API, payload v2): matches the route table, verifies the bearer token
 * for non-public routes as the JWT authorizer would, builds the v2 event and calls the same handler module
 * the Lambda runs. Only what API Gateway does is done here; everything else is the handlers' job.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type RouteId, type RouteSpec, routeList } from '../../functions/routes.js';
import { REPO_ROOT } from '../aws/paths.js';
import { createAdmission } from './admission.js';
import { verifyLocalToken } from './tokens.js';

/** API Gateway refuses bodies over 10 MB; reading stops there. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** The Lambdas' timeout (infra/aws/constructs/caeFunction.ts). */
const LAMBDA_TIMEOUT_MS = 10_000;
/** What an overloaded server asks a client to wait before retrying (seconds). */
const RETRY_AFTER_SECONDS = 1;

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | string>;

interface CompiledRoute {
  id: RouteId;
  spec: RouteSpec;
  pattern: RegExp;
  names: string[];
  /** Literal segments first, as API Gateway prefers the most specific route. */
  specificity: number;
}

function compile(id: RouteId, spec: RouteSpec): CompiledRoute {
  const names: string[] = [];
  const segments = spec.path.split('/').slice(1);
  const source = segments
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1]) {
        names.push(param[1]);
        return '/([^/]+)';
      }
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    })
    .join('');
  return { id, spec, pattern: new RegExp(`^${source}$`), names, specificity: segments.filter((s) => !s.startsWith('{')).length };
}

function problem(res: ServerResponse, status: number, type: string, title: string, detail: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: `https://cae.coop/problems/${type}`, title, status, detail }));
}

function whenAborted(signal: AbortSignal): Promise<'late'> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve('late');
    else signal.addEventListener('abort', () => resolve('late'), { once: true });
  });
}

/** Overload, as API Gateway answers it when Lambda cannot take a request in time: 503, retry later. */
function unavailable(res: ServerResponse, detail: string): void {
  if (res.headersSent) return;
  problem(res, 503, 'service-unavailable', 'Service unavailable', detail, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export interface LocalApiOptions {
  jwtSecret: string;
  port?: number;
  host?: string;
  /** Requests handled at once (default 64); see admission.ts. */
  maxInFlight?: number;
  /** Requests waiting for a slot (default 1,000); one more is answered 503 at once. */
  maxQueued?: number;
  /** A request not answered within this time, its wait for a slot included, is answered 503 (default: the Lambda timeout, 10 s). */
  timeoutMs?: number;
}

export interface LocalApi {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts the local API. Handlers are imported on first use, after the environment is set. */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const routes = routeList()
    .map((r) => compile(r.id, r))
    .sort((a, b) => b.specificity - a.specificity);
  const handlers = new Map<RouteId, Promise<LambdaHandler>>();
  const load = (route: CompiledRoute) => {
    let handler = handlers.get(route.id);
    if (!handler) {
      handler = import(pathToFileURL(join(REPO_ROOT, route.spec.handler)).href).then((m: { handler: LambdaHandler }) => m.handler);
      handlers.set(route.id, handler);
    }
    return handler;
  };

  // API Gateway caches nothing per token, but it verifies in native code; here a verified token's claims are
  // kept until the token expires, so HMAC verification does not dominate a local request.
  const verifiedTokens = new Map<string, { claims: Record<string, string>; expiresAt: number }>();
  const verified = async (token: string) => {
    const cached = verifiedTokens.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.claims;
    const claims = await verifyLocalToken(token, options.jwtSecret);
    if (claims) {
      if (verifiedTokens.size >= 1000) verifiedTokens.clear();
      verifiedTokens.set(token, { claims, expiresAt: Number(claims.exp) * 1000 });
    }
    return claims;
  };

  const admission = createAdmission({ maxInFlight: options.maxInFlight ?? 64, maxQueued: options.maxQueued ?? 1000 });
  const timeoutMs = options.timeoutMs ?? LAMBDA_TIMEOUT_MS;
  const tooLate = `No answer within ${timeoutMs / 1000} s: the server is overloaded.`;

  const server = createServer(async (req, res) => {
    const arrivedAt = Date.now();
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = (req.method ?? 'GET').toUpperCase();
      const candidates = routes.filter((r) => r.pattern.test(url.pathname));
      const route = candidates.find((r) => r.spec.method === method);
      if (!route) {
        problem(res, 404, 'not-found', 'Not found', `No route ${method} ${url.pathname}.`);
        return;
      }
      const match = route.pattern.exec(url.pathname) as RegExpExecArray;
      const pathParameters: Record<string, string> = {};
      try {
        route.names.forEach((name, i) => {
          pathParameters[name] = decodeURIComponent(match[i + 1] as string);
        });
      } catch {
        problem(res, 400, 'validation-failed', 'The request is not valid', 'The path is not correctly encoded.');
        return;
      }

      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
      }
      // Locally only, a GET may carry its token as `?access_token=` (RFC 6750 §2.3), so that a browser can
      // open a funder's HTML report from a link. It is taken out before the handler sees the query.
      const queryToken = method === 'GET' ? url.searchParams.get('access_token') : null;
      url.searchParams.delete('access_token');
      let claims: Record<string, string> | undefined;
      if (route.spec.roles !== 'public') {
        const token = /^Bearer (\S+)$/i.exec(headers.authorization ?? '')?.[1] ?? queryToken ?? undefined;
        claims = token ? await verified(token) : undefined;
        if (!claims) {
          problem(res, 401, 'unauthenticated', 'Authentication is required', 'A valid bearer token is required.');
          return;
        }
      }
      const body = await readBody(req);
      if (body === 'too-large') {
        problem(res, 413, 'payload-too-large', 'The body is too large', 'The body exceeds 10 MB.');
        return;
      }

      const query: Record<string, string> = {};
      for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
      const now = new Date();
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey: `${route.spec.method} ${route.spec.path}`,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(url.search ? { queryStringParameters: query } : {}),
        ...(route.names.length > 0 ? { pathParameters } : {}),
        requestContext: {
          accountId: 'local',
          apiId: 'local',
          domainName: headers.host ?? 'localhost',
          domainPrefix: 'localhost',
          http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '', userAgent: headers['user-agent'] ?? '' },
          requestId: randomUUID(),
          routeKey: `${route.spec.method} ${route.spec.path}`,
          stage: '$default',
          time: now.toISOString(),
          timeEpoch: now.getTime(),
          ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
        } as APIGatewayProxyEventV2['requestContext'],
        isBase64Encoded: false,
        ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
      };
      const admitted = await admission.enter(deadline);
      if (admitted === 'full') return unavailable(res, 'Too many requests in progress: the server is overloaded.');
      if (admitted === 'expired') return unavailable(res, tooLate);
      const context = {
        awsRequestId: event.requestContext.requestId,
        functionName: route.id,
        getRemainingTimeInMillis: () => Math.max(0, arrivedAt + timeoutMs - Date.now()),
      } as Context;
      // The slot is held until the handler is done, even when its answer comes too late: it bounds the work.
      const work = load(route).then((handler) => handler(event, context));
      work.then(admitted.release, admitted.release);
      const result = await Promise.race([work, whenAborted(deadline)]);
      if (result === 'late') return unavailable(res, tooLate);
      const response = typeof result === 'string' ? { statusCode: 200, body: result, headers: { 'content-type': 'application/json' } } : result;
      res.writeHead(response.statusCode ?? 200, response.headers as Record<string, string>);
      // a binary body (a PDF) comes base64-encoded, as API Gateway decodes it
      res.end(response.isBase64Encoded && response.body ? Buffer.from(response.body, 'base64') : (response.body ?? ''));
    } catch (error) {
      // A handler that throws past its own error middleware is a bug; like API Gateway, expose nothing.
      console.error(error);
      if (!res.headersSent) problem(res, 500, 'internal-error', 'Internal error', 'The request could not be completed.');
      else res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
