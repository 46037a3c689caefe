/**
 * Invoicing benchmark (issue 12): the latency of `POST …/invoices/{id}/issue`, p50/p99, one issuer alone and
 * 20 concurrent issuers on one CAE (each issuing its drafts one after the other), the ratio of the two measured
 * in the same run, DynamoDB requests per issue, and a check that the numbers stay gapless (1..n, each once).
 * Prints figures, asserts nothing. The server waits as long as API Gateway (29 s): numbers of one CAE are taken
 * one at a time, so 20 issuers queue on the counter.
 */
import { randomUUID } from 'node:crypto';
import { startLocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { aCompany, aLine, settingsFor } from '../support/invoicing.js';
import { BENCH_SECRET, percentile, startBenchStack } from './localStack.js';

const Y = 2026;
const ISSUERS = 20;
const PER_ISSUER = 3;

export async function main(): Promise<void> {
  const stack = await startBenchStack();
  const api = await startLocalApi({ jwtSecret: BENCH_SECRET, timeoutMs: 29_000 });
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
    const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...extra },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    const newCae = async () => {
      const spec = aCae();
      const cae = (await call('POST', '/caes', spec)).body;
      await call('PUT', `/caes/${cae.id}/settings`, { requireConventionBeforeContract: false });
      await call('PUT', `/caes/${cae.id}/invoicing-settings`, settingsFor(spec.siret));
      const person = (await call('POST', `/caes/${cae.id}/entrepreneurs`, aPerson({ welcomedOn: `${Y - 1}-12-01` }))).body;
      await call('POST', `/caes/${cae.id}/entrepreneurs/${person.id}/contract`, { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' });
      const base = `/caes/${cae.id}/entrepreneurs/${person.id}`;
      const customerId = (await call('POST', `${base}/customers`, aCompany)).body.id;
      const drafts = async (n: number) => {
        const ids: string[] = [];
        for (let i = 0; i < n; i++) ids.push((await call('POST', `${base}/invoices`, { customerId, operationKind: 'services', lines: [aLine()] })).body.id as string);
        return ids;
      };
      return { base, drafts };
    };
    /** Issues each list one draft after the other, the lists side by side; latencies in ms. */
    const issueAll = async (base: string, lists: string[][]) => {
      const latencies: number[] = [];
      const numbers: string[] = [];
      let failures = 0;
      await Promise.all(
        lists.map(async (list) => {
          for (const id of list) {
            const t0 = performance.now();
            const reply = await call('POST', `${base}/invoices/${id}/issue`, { issuedOn: `${Y}-03-10` }, { 'idempotency-key': randomUUID() });
            latencies.push(performance.now() - t0);
            if (reply.status === 201) numbers.push(reply.body.number as string);
            else failures += 1;
          }
        }),
      );
      return { latencies: latencies.sort((a, b) => a - b), numbers: numbers.sort(), failures };
    };
    const gapless = (numbers: string[]) => numbers.every((n, i) => n === `${Y}-${String(i + 1).padStart(6, '0')}`);

    // Warm up the handlers (module load, first connections) outside the figures.
    const warm = await newCae();
    await issueAll(warm.base, [await warm.drafts(3)]);

    const alone = await newCae();
    const aloneDrafts = await alone.drafts(20);
    requests = 0;
    const one = await issueAll(alone.base, [aloneDrafts]);
    const perIssue = requests / aloneDrafts.length;

    const crowd = await newCae();
    const lists: string[][] = [];
    for (let i = 0; i < ISSUERS; i++) lists.push(await crowd.drafts(PER_ISSUER));
    const t0 = performance.now();
    const many = await issueAll(crowd.base, lists);
    const seconds = (performance.now() - t0) / 1000;

    const line = (title: string, r: typeof one) =>
      console.log(
        `${title.padEnd(48)} p50 ${percentile(r.latencies, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(r.latencies, 99).toFixed(0).padStart(5)} ms  (${r.latencies.length} issues, ${r.failures} failed, gapless: ${gapless(r.numbers)})`,
      );
    line('issue, 1 issuer alone', one);
    line(`issue, ${ISSUERS} concurrent issuers on one CAE`, many);
    console.log(`  throughput at ${ISSUERS} issuers: ${(many.numbers.length / seconds).toFixed(1)} issues/s; p50 ratio ${ISSUERS} issuers ÷ 1 issuer: ${(percentile(many.latencies, 50) / percentile(one.latencies, 50)).toFixed(1)}`);
    console.log(`  DynamoDB requests per issue (one VAT rate, alone): ${perIssue.toFixed(1)}`);
  } finally {
    await api.close();
    await stack.close();
  }
}
