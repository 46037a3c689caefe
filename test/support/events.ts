/**
 * Builders for API Gateway v2 events, as the JWT authorizer passes them, so integration tests can call a
 * handler module directly on dynalite.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export type TestCaller =
  | { role: 'federation_admin'; sub?: string }
  | { role: 'cae_staff'; caeId: string; sub?: string }
  | { role: 'entrepreneur'; caeId: string; entrepreneurId: string; sub?: string }
  | { role: 'funder'; territories: string[]; sub?: string };

export const admin: TestCaller = { role: 'federation_admin' };
export const staffOf = (caeId: string): TestCaller => ({ role: 'cae_staff', caeId });
export const entrepreneurOf = (caeId: string, entrepreneurId: string): TestCaller => ({ role: 'entrepreneur', caeId, entrepreneurId });
export const funderOf = (...territories: string[]): TestCaller => ({ role: 'funder', territories });

export function claimsOf(caller: TestCaller): Record<string, string> {
  // As API Gateway passes them: strings, `exp` included (an hour from now, as Cognito's ID tokens).
  const exp = String(Math.floor(Date.now() / 1000) + 3600);
  const claims: Record<string, string> = { sub: caller.sub ?? `test-${caller.role}`, 'custom:role': caller.role, exp };
  if ('caeId' in caller) claims['custom:caeId'] = caller.caeId;
  if ('entrepreneurId' in caller) claims['custom:entrepreneurId'] = caller.entrepreneurId;
  if ('territories' in caller) claims['custom:territories'] = caller.territories.join(',');
  return claims;
}

export interface EventOptions {
  caller?: TestCaller;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A raw body string, sent as is (malformed JSON...). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export function event(routeKey: string, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ') as [string, string];
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'test',
      domainPrefix: 'test',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'test',
      routeKey,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      ...(options.caller ? { authorizer: { jwt: { claims: claimsOf(options.caller), scopes: [] } } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body }),
  };
}

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, string>;
}

/** Calls a handler and parses its JSON reply. */
export async function invoke<T = any>(handler: Handler, e: APIGatewayProxyEventV2): Promise<Reply<T>> {
  const out = await handler(e, { awsRequestId: 'test', getRemainingTimeInMillis: () => 10_000 } as Context);
  const headers = (out.headers ?? {}) as Record<string, string>;
  const text = out.body ?? '';
  const isJson = /json/.test(headers['content-type'] ?? '');
  return { status: out.statusCode ?? 200, body: (isJson && text ? JSON.parse(text) : text) as T, headers };
}
