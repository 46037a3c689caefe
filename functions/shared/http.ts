/**
 * The middy stack every HTTP handler runs in, so that a handler only parses nothing, checks nothing and
 * maps nothing: it receives validated input and a verified caller, and returns a status and a body.
 *
 * Order: header normalisation → problem details (onError, so it sees every failure) → caller and role
 * → JSON body → zod validation of path, query and body → handler.
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import { routes, type RouteId } from '../routes.js';
import { type Caller, callerOf, requireRole } from './auth.js';
import { MalformedJson, PayloadTooLarge, UnsupportedMediaType, ValidationFailed } from './errors.js';
import { logger } from './logger.js';
import { problemResponse } from './problem.js';
import { withinTenant } from './tenantScope.js';
import { fieldErrors } from './validation.js';

/** No valid request of this API comes near this; API Gateway's own limit is 10 MB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** What a route accepts and returns, as zod schemas (they also generate /openapi.json). */
export interface Contract {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Success status. */
  status: number;
  /** Money-creating POSTs require an `Idempotency-Key` header. */
  idempotencyKey?: boolean;
  /** Media types other than JSON that the route can return (e.g. text/csv). */
  produces?: string[];
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : unknown;

export interface HttpRequest<C extends Contract, Auth extends boolean> {
  params: Out<C['params']>;
  query: Out<C['query']>;
  body: Out<C['body']>;
  caller: Auth extends true ? Caller : undefined;
  headers: Record<string, string | undefined>;
  event: APIGatewayProxyEventV2;
}

export type HttpReply<C extends Contract> =
  | { status?: number; body: In<C['response']>; headers?: Record<string, string> }
  | { status?: number; raw: string; contentType: string; headers?: Record<string, string> }
  /** A binary document (a PDF): sent base64-encoded with isBase64Encoded, as API Gateway expects. */
  | { status?: number; bytes: Uint8Array; contentType: string; headers?: Record<string, string> };

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

function parseJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new PayloadTooLarge(`The body exceeds ${MAX_BODY_BYTES} bytes.`);
  }
  const contentType = event.headers?.['content-type'];
  if (contentType && !/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new UnsupportedMediaType(`Content-Type ${contentType} is not JSON.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedJson('The body could not be parsed as JSON.');
  }
}

function validate<S extends z.ZodType | undefined>(schema: S, value: unknown, where: 'path' | 'query' | 'body'): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) {
    throw new ValidationFailed(`The ${where} is not valid.`, fieldErrors(result.error, where));
  }
  return result.data as Out<S>;
}

/**
 * Wraps a route's handler. `id` ties it to the route table (roles, path); `contract` to its schemas.
 */
export function httpHandler<C extends Contract, Id extends RouteId>(
  id: Id,
  contract: C,
  handle: (
    request: HttpRequest<C, (typeof routes)[Id]['roles'] extends 'public' ? false : true>,
  ) => Promise<HttpReply<C>>,
): Handler {
  const route = routes[id];
  const core = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    let caller: Caller | undefined;
    if (route.roles !== 'public') {
      caller = callerOf(event as never);
      logger.appendKeys({ role: caller.role, caeId: caller.caeId ?? null, sub: caller.sub });
      requireRole(caller, route.roles);
    }
    const headers = (event.headers ?? {}) as Record<string, string | undefined>;
    if (contract.idempotencyKey) {
      const key = headers['idempotency-key'];
      if (!key || key.length > 128 || !/^[\x21-\x7e]+$/.test(key)) {
        throw new ValidationFailed('An Idempotency-Key header is required.', [
          { path: 'headers.idempotency-key', message: 'required: 1 to 128 printable ASCII characters' },
        ]);
      }
    }
    const params = validate(contract.params, event.pathParameters, 'path');
    const query = validate(contract.query, event.queryStringParameters, 'query');
    const body = validate(contract.body, contract.body ? parseJsonBody(event) : undefined, 'body');
    const run = () => handle({ params, query, body, caller, headers, event } as never);
    // A CAE's staff and entrepreneurs reach DynamoDB confined to their CAE's keys (IAM backstop, tenantScope.ts).
    const reply = caller?.caeId && (caller.role === 'cae_staff' || caller.role === 'entrepreneur') ? await withinTenant(caller.caeId, run) : await run();
    const status = reply.status ?? contract.status;
    if ('bytes' in reply) {
      const body = Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength).toString('base64');
      return { statusCode: status, headers: { 'content-type': reply.contentType, ...reply.headers }, body, isBase64Encoded: true };
    }
    if ('raw' in reply) {
      return { statusCode: status, headers: { 'content-type': reply.contentType, ...reply.headers }, body: reply.raw };
    }
    return {
      statusCode: status,
      headers: { 'content-type': 'application/json', ...reply.headers },
      body: JSON.stringify(reply.body),
    };
  };

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpHeaderNormalizer())
    .use({
      before: () => {
        logger.resetKeys();
      },
      onError: (request) => {
        const { response, internal } = problemResponse(request.error);
        if (internal) logger.error('unhandled error', { route: id, error: request.error as Error });
        else logger.info('refused', { route: id, status: response.statusCode, detail: (request.error as Error).message });
        request.response = response;
      },
    })
    .handler(core) as unknown as Handler;
}
