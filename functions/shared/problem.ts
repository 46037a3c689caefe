/**
 * Errors → RFC 9457 problem details. The only place that turns a failure into an HTTP response:
 * known problems keep their status and detail; DynamoDB throttling or a lost connection that the SDK's own
 * retries did not get past is a 503 with Retry-After (the client may try again: writes carry an
 * Idempotency-Key); anything else is a 500 that exposes nothing internal.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpProblem } from './errors.js';

/** Problem `type` URIs live under one base so clients can switch on the last segment. */
export const PROBLEM_BASE = 'https://cae.coop/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** What the SDK calls a transient failure: throttled, timed out, or refused by a server in trouble. */
const TRANSIENT_ERRORS = new Set([
  'TimeoutError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { $retryable, code } = error as Error & { $retryable?: unknown; code?: string };
  return TRANSIENT_ERRORS.has(error.name) || (code !== undefined && TRANSIENT_CODES.has(code)) || Boolean($retryable);
}

/** Seconds a client is asked to wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 1;

export function problemResponse(error: unknown): { response: APIGatewayProxyStructuredResultV2; internal: boolean } {
  if (error instanceof HttpProblem) {
    const body: ProblemBody = {
      type: PROBLEM_BASE + error.type,
      title: error.title,
      status: error.status,
      detail: error.message,
      ...(error.errors ? { errors: error.errors } : {}),
    };
    return { response: problem(body), internal: false };
  }
  if (isTransient(error)) {
    const response = problem({
      type: `${PROBLEM_BASE}service-unavailable`,
      title: 'Service unavailable',
      status: 503,
      detail: 'The request could not be completed now: retry later.',
    });
    // Logged as internal: an operator wants to see throttling and lost connections.
    return { response: { ...response, headers: { ...response.headers, 'retry-after': String(RETRY_AFTER_SECONDS) } }, internal: true };
  }
  return {
    response: problem({
      type: `${PROBLEM_BASE}internal-error`,
      title: 'Internal error',
      status: 500,
      detail: 'The request could not be completed. It has been logged.',
    }),
    internal: true,
  };
}

export function problem(body: ProblemBody): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: body.status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify(body),
  };
}
