/**
 * Local API latency and throughput at 20 concurrent connections (autocannon), for the routes issue 2 names:
 * GET /caes/{caeId}/entrepreneurs/{id} and POST /caes/{caeId}/entrepreneurs. Prints figures, asserts nothing.
 */
import autocannon from 'autocannon';
import { aCae, aPerson } from '../support/builders.js';
import { startBenchStack } from './localStack.js';

async function load(title: string, options: autocannon.Options) {
  // The load runs in a worker thread, so it does not share the server's event loop.
  const result = await autocannon({ connections: 20, duration: 8, workers: 1, ...options });
  const errors = result.non2xx + result.errors;
  console.log(
    `${title.padEnd(44)} p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(4)} ms  ${Math.round(result.requests.average)
      .toString()
      .padStart(5)} req/s  (${result.requests.total} requests, ${errors} non-2xx/errors)`,
  );
  return result;
}

export async function main(): Promise<void> {
  const stack = await startBenchStack();
  try {
    const admin = await stack.token({ sub: 'bench', role: 'federation_admin' });
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const cae = (await (await fetch(`${stack.api.url}/caes`, { method: 'POST', headers, body: JSON.stringify(aCae()) })).json()) as { id: string };
    const person = (await (
      await fetch(`${stack.api.url}/caes/${cae.id}/entrepreneurs`, { method: 'POST', headers, body: JSON.stringify(aPerson()) })
    ).json()) as { id: string };
    console.log('\n# Local API (dynalite in memory, one Node process, 20 connections, 8 s each)');
    await load('GET  /caes/{caeId}/entrepreneurs/{id}', { url: `${stack.api.url}/caes/${cae.id}/entrepreneurs/${person.id}`, headers });
    await load('POST /caes/{caeId}/entrepreneurs', {
      url: `${stack.api.url}/caes/${cae.id}/entrepreneurs`,
      method: 'POST',
      headers,
      body: JSON.stringify(aPerson()),
    });
  } finally {
    await stack.close();
  }
}
