/**
 * Activity benchmarks (issue 11): account read p99 for a month of 2,000 entries ÷ a month of 10 (target ≤ 1.3:
 * the read costs the same whatever the entries), DynamoDB requests per transaction and per account read
 * (counted by a middleware on the handlers' client, in this process: the local API runs the handlers here), and
 * p50/p99 of POST transaction and GET account at 20 connections. Prints figures, asserts nothing.
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
    // Imported once the stack has set the table's endpoint (the client is built at module load).
    const { db } = await import('../../functions/shared/dynamo.js');
    let requests = 0;
    db.middlewareStack.add(
      (next) => async (args) => {
        requests += 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchRequestCounter' },
    );
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
    // The monthly steady state: payroll has paid February (the workflow's own steps, in this process).
    const { handler: openRun } = await import('../../functions/payroll/workflow/openRun.js');
    const { handler: payBatch } = await import('../../functions/payroll/workflow/payBatch.js');
    const opened = await openRun({ caeId: cae.id, month: `${Y}-02` });
    await payBatch({ BatchInput: { caeId: cae.id, month: `${Y}-02` }, Items: opened.batches });
    const tx = (month: string) => ({ type: 'revenue', date: `${month}-10`, amountExclVat: '100.00', vatRate: '0.20', label: 'Invoice' });
    const post = (id: string, month: string) => call('POST', `/caes/${cae.id}/entrepreneurs/${id}/transactions`, tx(month), { 'idempotency-key': randomUUID() });
    const seed = async (id: string, n: number) => {
      for (let i = 0; i < n; i += 50) await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => post(id, `${Y}-03`)));
    };
    await seed(small, 10);
    await seed(large, 2000);

    /** DynamoDB requests per call of `work`, over `n` calls one after the other. */
    const requestsPer = async (n: number, work: () => Promise<unknown>) => {
      requests = 0;
      for (let i = 0; i < n; i++) await work();
      return requests / n;
    };
    const accountPath = (id: string, month: string) => `/caes/${cae.id}/entrepreneurs/${id}/account?month=${month}`;
    const perTransaction = await requestsPer(20, () => post(writer, `${Y}-05`));
    const perReplay = await requestsPer(1, async () => {
      const key = { 'idempotency-key': 'bench-replay' };
      await call('POST', `/caes/${cae.id}/entrepreneurs/${writer}/transactions`, tx(`${Y}-05`), key);
      requests = 0;
      await call('POST', `/caes/${cae.id}/entrepreneurs/${writer}/transactions`, tx(`${Y}-05`), key);
    });
    const perRead10 = await requestsPer(20, () => call('GET', accountPath(small, `${Y}-03`)));
    const perRead2000 = await requestsPer(20, () => call('GET', accountPath(large, `${Y}-03`)));
    const perReadGap = await requestsPer(20, () => call('GET', accountPath(large, `${Y}-04`)));
    console.log('\n# Activity (dynalite in a child process, local API in this process)');
    console.log(`DynamoDB requests per POST transaction (Idempotency-Key included): ${perTransaction.toFixed(2)}   target ≤ 3`);
    console.log(`DynamoDB requests per repeated POST (same key, same body: the first response): ${perReplay.toFixed(2)}`);
    console.log(`DynamoDB requests per GET account (month before paid), month of 10 entries: ${perRead10.toFixed(2)}; of 2,000 entries: ${perRead2000.toFixed(2)}   target ≤ 3`);
    console.log(`DynamoDB requests per GET account, the month after an unpaid month of 2,000 entries: ${perReadGap.toFixed(2)}   target ≤ 3`);

    /** Median and p90 of `n` calls one after the other (no queueing: what one read costs). */
    const sequential = async (n: number, path: string) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await call('GET', path);
        times.push(performance.now() - t0);
      }
      times.sort((x, y) => x - y);
      return { p50: times[Math.floor(n / 2)] as number, p90: times[Math.floor(n * 0.9)] as number };
    };
    const s10 = await sequential(200, accountPath(small, `${Y}-03`));
    const s2000 = await sequential(200, accountPath(large, `${Y}-03`));
    console.log(
      `GET account one at a time: 10 entries p50 ${s10.p50.toFixed(1)} ms p90 ${s10.p90.toFixed(1)} ms; 2,000 entries p50 ${s2000.p50.toFixed(1)} ms p90 ${s2000.p90.toFixed(1)} ms; p50 ratio ${(s2000.p50 / s10.p50).toFixed(2)}`,
    );

    console.log('\n# Latency at 20 connections, 8 s each');
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
    const a = await load('GET  …/account, month of 10 entries', { url: `${stack.api.url}${accountPath(small, `${Y}-03`)}`, headers });
    const b = await load('GET  …/account, month of 2,000 entries', { url: `${stack.api.url}${accountPath(large, `${Y}-03`)}`, headers });
    console.log(`account read p99 ratio 2,000 / 10 entries: ${(b.latency.p99 / a.latency.p99).toFixed(2)}   target ≤ 1.3`);
    const check = await call('GET', accountPath(writer, `${Y}-04`));
    console.log('writer April revenue (100.00 per 2xx POST):', check.revenue);
  } finally {
    await stack.close();
  }
}
