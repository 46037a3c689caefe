/**
 * Expense-claim benchmarks (issue 13): the latency of approving a 20-line claim (10 expenses, 10 trips of one
 * car) over HTTP, one approval at a time, with the DynamoDB requests it makes (counted on the handlers' client,
 * in this process: the local API runs the handlers here). For scale, in the same run: approving a 1-line claim,
 * and posting the same 20 entries as 20 POST …/transactions. Prints figures and ratios, asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { aCae, aPerson } from '../support/builders.js';
import { percentile, startBenchStack } from './localStack.js';

// A fixed year the mileage scales cover; no month of it is closed here, whatever today is.
const Y = 2026;
const RUNS = 15;

const day = (n: number) => `${Y}-03-${String(n).padStart(2, '0')}`;
const expense = (n: number) => ({ kind: 'expense', date: day(1 + (n % 28)), description: `Supplies ${n}`, amountExclVat: '42.10', vatRate: '0.20', category: 'supplies' });
const trip = (n: number) => ({
  kind: 'mileage',
  date: day(1 + (n % 28)),
  description: `Client visit ${n}`,
  km: 80 + n,
  vehicle: { type: 'car', fiscalPower: 5, electric: false, registration: 'BE-123-NC' },
});

export async function main(): Promise<void> {
  const stack = await startBenchStack();
  try {
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
      const json = (await res.json()) as any;
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const cae = await call('POST', '/caes', aCae());
    await call('PUT', `/caes/${cae.id}/settings`, { requireConventionBeforeContract: false });
    const p = await call('POST', `/caes/${cae.id}/entrepreneurs`, aPerson({ welcomedOn: `${Y - 1}-12-01` }));
    await call('POST', `/caes/${cae.id}/entrepreneurs/${p.id}/contract`, { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' });
    const claims = `/caes/${cae.id}/entrepreneurs/${p.id}/expense-claims`;

    /** Files and submits claims of these lines (not timed), then approves them one at a time (timed). */
    const approvals = async (lines: () => unknown[]) => {
      const ids: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        const claim = await call('POST', claims, { lines: lines() });
        await call('POST', `${claims}/${claim.id}/submission`);
        ids.push(claim.id);
      }
      const times: number[] = [];
      let counted = 0;
      for (const id of ids) {
        requests = 0;
        const t0 = performance.now();
        await call('POST', `${claims}/${id}/approval`, undefined, { 'idempotency-key': randomUUID() });
        times.push(performance.now() - t0);
        counted += requests;
      }
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), p90: percentile(times, 90), max: times[times.length - 1] as number, requests: counted / RUNS };
    };

    // A warm-up, so that the first timed approval does not pay for loading modules.
    await approvals(() => [expense(0)]);
    const twenty = await approvals(() => [...Array.from({ length: 10 }, (_, n) => expense(n)), ...Array.from({ length: 10 }, (_, n) => trip(n))]);
    const one = await approvals(() => [expense(0)]);

    const byHand: number[] = [];
    let handRequests = 0;
    for (let i = 0; i < RUNS; i++) {
      requests = 0;
      const t0 = performance.now();
      for (let n = 0; n < 20; n++) {
        await call(
          'POST',
          `/caes/${cae.id}/entrepreneurs/${p.id}/transactions`,
          { type: 'expense', date: day(1 + (n % 28)), amountExclVat: '42.10', vatRate: '0.20', label: `Supplies ${n}` },
          { 'idempotency-key': randomUUID() },
        );
      }
      byHand.push(performance.now() - t0);
      handRequests += requests;
    }
    byHand.sort((a, b) => a - b);

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(`\n# Expense claims (dynalite in a child process, local API in this process; ${RUNS} approvals each, one at a time)`);
    console.log(`approve a 20-line claim (10 expenses, 10 trips): p50 ${ms(twenty.p50)} p90 ${ms(twenty.p90)} max ${ms(twenty.max)}; DynamoDB requests ${twenty.requests.toFixed(1)}`);
    console.log(`approve a 1-line claim: p50 ${ms(one.p50)} p90 ${ms(one.p90)}; DynamoDB requests ${one.requests.toFixed(1)}`);
    console.log(`20 × POST …/transactions, one after the other: p50 ${ms(percentile(byHand, 50))} p90 ${ms(percentile(byHand, 90))}; DynamoDB requests ${(handRequests / RUNS).toFixed(1)}`);
    console.log(`ratios: 20-line ÷ 1-line approval p50 ${(twenty.p50 / one.p50).toFixed(2)}; 20-line approval ÷ 20 transactions p50 ${(twenty.p50 / percentile(byHand, 50)).toFixed(2)}`);
  } finally {
    await stack.close();
  }
}
