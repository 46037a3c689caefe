/**
 * Local API latency and throughput at 20 concurrent connections (autocannon) for the four routes of the latency
 * target: GET and POST entrepreneur, POST transaction, GET account. Target p99 < 50 ms each. Prints figures,
 * asserts nothing. BENCH_API_SECONDS (default 8) sets the duration of each load.
 *
 * At 20 connections on one Node process, latency is about 20 × the CPU time of one request, so the CPU time per
 * request of the API process and of dynalite is printed too: unlike latency, it does not depend on what else the
 * machine runs. (The POST transaction load runs its client on the API's thread, a new key per request: its API
 * figure includes the client's share.)
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { todayInParis } from '../../functions/shared/clock.js';
import { aCae, aPerson } from '../support/builders.js';
import { load, startBenchStack } from './localStack.js';

const P99_TARGET_MS = 50;

/** CPU time used so far by a process (Linux /proc; ms). */
function cpuMs(pid: number): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
// Last year's dates: the CESA is in force and no month of it is closed.
const Y = Number(todayInParis().slice(0, 4)) - 1;

export async function main(): Promise<void> {
  const stack = await startBenchStack();
  const duration = Number(process.env.BENCH_API_SECONDS ?? 8);
  try {
    const admin = await stack.token({ sub: 'bench', role: 'federation_admin' });
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(`${stack.api.url}${path}`, { method, headers: { ...headers, ...extra }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return res.json() as Promise<{ id: string }>;
    };
    const cae = await call('POST', '/caes', aCae());
    await call('PUT', `/caes/${cae.id}/settings`, { requireConventionBeforeContract: false });
    const person = await call('POST', `/caes/${cae.id}/entrepreneurs`, aPerson({ welcomedOn: `${Y - 1}-12-01` }));
    await call('POST', `/caes/${cae.id}/entrepreneurs/${person.id}/contract`, { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' });
    const tx = { type: 'revenue', date: `${Y}-03-10`, amountExclVat: '100.00', vatRate: '0.20', label: 'Invoice' };
    // A month of 100 entries to read.
    for (let i = 0; i < 100; i += 20) {
      await Promise.all(Array.from({ length: 20 }, () => call('POST', `/caes/${cae.id}/entrepreneurs/${person.id}/transactions`, tx, { 'idempotency-key': randomUUID() })));
    }
    const entrepreneur = `${stack.api.url}/caes/${cae.id}/entrepreneurs`;
    console.log(`\n# Local API (dynalite in a child process, one Node process, 20 connections, ${duration} s each; target p99 < ${P99_TARGET_MS} ms)`);
    const measured = async (title: string, options: Parameters<typeof load>[1]) => {
      const [api0, dynamo0] = [process.cpuUsage(), cpuMs(stack.dynamo.pid)];
      const result = await load(title, options);
      const api = process.cpuUsage(api0);
      const n = Math.max(1, result.requests.total);
      console.log(`${''.padEnd(52)} CPU per request: API ${((api.user + api.system) / 1000 / n).toFixed(2)} ms, dynalite ${((cpuMs(stack.dynamo.pid) - dynamo0) / n).toFixed(2)} ms`);
      return result;
    };
    const results = [
      await measured('GET  /caes/{caeId}/entrepreneurs/{id}', { url: `${entrepreneur}/${person.id}`, headers, duration }),
      await measured('POST /caes/{caeId}/entrepreneurs', { url: entrepreneur, method: 'POST', headers, body: JSON.stringify(aPerson()), duration }),
      await measured('POST …/transactions (a new Idempotency-Key each)', {
        url: `${entrepreneur}/${person.id}/transactions`,
        method: 'POST',
        headers,
        body: JSON.stringify({ ...tx, date: `${Y}-04-10` }),
        duration,
        setupClient: (client: any) => {
          client.setHeaders({ ...headers, 'idempotency-key': randomUUID() });
          client.on('response', () => client.setHeaders({ ...headers, 'idempotency-key': randomUUID() }));
        },
      }),
      await measured('GET  …/account (a month of 100 entries)', { url: `${entrepreneur}/${person.id}/account?month=${Y}-03`, headers, duration }),
    ];
    const worst = Math.max(...results.map((r) => r.latency.p99));
    console.log(`worst p99 ${worst} ms (target < ${P99_TARGET_MS} ms)`);
  } finally {
    await stack.close();
  }
}
