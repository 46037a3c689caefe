/**
 * Activity benchmarks (issue 3): POST transaction req/s and p99 at 20 connections; account read p99 for a month
 * with 10 entries and with 2,000 entries, and their ratio. Prints figures, asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { todayInParis } from '../../functions/shared/clock.js';
import { aCae, aPerson } from '../support/builders.js';
import { load, startBenchStack } from './localStack.js';

// Last year's dates: the CESA is in force and no month of it is closed.
const Y = Number(todayInParis().slice(0, 4)) - 1;


export async function main(): Promise<void> {
  const stack = await startBenchStack();
  try {
    const admin = await stack.token({ sub: 'bench', role: 'federation_admin' });
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(`${stack.api.url}${path}`, { method, headers: { ...headers, ...extra }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return res.json() as Promise<any>;
    };
    const cae = await call('POST', '/caes', aCae());
    await call('PUT', `/caes/${cae.id}/settings`, { requireConventionBeforeContract: false });
    const employee = async () => {
      const p = await call('POST', `/caes/${cae.id}/entrepreneurs`, aPerson({ welcomedOn: `${Y - 1}-12-01` }));
      await call('POST', `/caes/${cae.id}/entrepreneurs/${p.id}/contract`, { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' });
      return p.id as string;
    };
    const [writer, small, large] = [await employee(), await employee(), await employee()];
    const tx = (month: string) => ({ type: 'revenue', date: `${month}-10`, amountExclVat: '100.00', vatRate: '0.20', label: 'Invoice' });
    const seed = async (id: string, n: number) => {
      for (let i = 0; i < n; i += 50) {
        await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => call('POST', `/caes/${cae.id}/entrepreneurs/${id}/transactions`, tx(`${Y}-03`), { 'idempotency-key': randomUUID() })));
      }
    };
    await seed(small, 10);
    await seed(large, 2000);
    console.log('\n# Activity (dynalite in a child process, local API, 20 connections, 8 s each)');
    await load('POST …/transactions (a new Idempotency-Key each)', {
      url: `${stack.api.url}/caes/${cae.id}/entrepreneurs/${writer}/transactions`,
      method: 'POST',
      headers,
      body: JSON.stringify(tx(`${Y}-04`)),
      setupClient: (client: any) => {
        client.setHeaders({ ...headers, 'idempotency-key': randomUUID() });
        client.on('response', () => client.setHeaders({ ...headers, 'idempotency-key': randomUUID() }));
      },
    });
    const a = await load('GET  …/account, month of 10 entries', { url: `${stack.api.url}/caes/${cae.id}/entrepreneurs/${small}/account?month=${Y}-03`, headers });
    const b = await load('GET  …/account, month of 2,000 entries', { url: `${stack.api.url}/caes/${cae.id}/entrepreneurs/${large}/account?month=${Y}-03`, headers });
    console.log(`account read p99 ratio 2,000 / 10 entries: ${(b.latency.p99 / a.latency.p99).toFixed(1)}`);
    const check = await call('GET', `/caes/${cae.id}/entrepreneurs/${writer}/account?month=${Y}-04`);
    console.log('writer April revenue (100.00 per POST):', check.revenue);
  } finally {
    await stack.close();
  }
}
