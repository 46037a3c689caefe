/**
 * Errors → RFC 9457 problem details. The only place that turns a failure into an HTTP response:
 * known problems keep their status and detail; anything else is a 500 that exposes nothing internal.
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
