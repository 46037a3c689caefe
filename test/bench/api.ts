/**
 * Local API latency and throughput at 20 concurrent connections (autocannon), for the routes issue 2 names:
 * GET /caes/{caeId}/entrepreneurs/{id} and POST /caes/{caeId}/entrepreneurs. Prints figures, asserts nothing.
 */
import { aCae, aPerson } from '../support/builders.js';
import { load, startBenchStack } from './localStack.js';


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
