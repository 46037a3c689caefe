import { describe, expect, it } from 'vitest';
import { NotFound } from '../../../functions/shared/errors.js';
import { problemResponse } from '../../../functions/shared/problem.js';

function named(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('x'), { name, ...extra });
}

describe('problemResponse', () => {
  it.each([
    ['a timeout of the SDK (socket hang up, middy ending a handler out of time)', named('TimeoutError')],
    ['DynamoDB throttling', named('ProvisionedThroughputExceededException', { $retryable: { throttling: true } })],
    ['a throttling the SDK marks retryable', named('SomethingThrottled', { $retryable: { throttling: true } })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
  ])('answers %s with 503 and Retry-After, logged as internal', (_what, error) => {
    const { response, internal } = problemResponse(error);
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': '1' });
    expect(JSON.parse(response.body as string)).toMatchObject({ status: 503, type: 'https://cae.coop/problems/service-unavailable' });
    expect(internal).toBe(true);
  });

  it('answers any other failure with a 500 that exposes nothing', () => {
    const { response, internal } = problemResponse(new Error('socket hang up'));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('socket');
    expect(internal).toBe(true);
  });

  it('keeps a known problem as it is', () => {
    const { response, internal } = problemResponse(new NotFound('No such CAE.'));
    expect(response.statusCode).toBe(404);
    expect(response.headers).not.toHaveProperty('retry-after');
    expect(internal).toBe(false);
  });
});
