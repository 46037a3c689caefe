/**
 * Soak: the local runtime as `npm start` runs it (soakServer.ts: the API in its own process, dynalite on disk in
 * a child of it) under 20 connections for BENCH_SOAK_SECONDS (default 600) after BENCH_SOAK_WARMUP_SECONDS
 * (default 60), over a mix of routes: an entrepreneur read, a transaction (a new Idempotency-Key each), an
 * account read and a page of transactions, for 20 entrepreneurs and the 12 months of last year. Prints the RSS of
 * the API process and of dynalite after warm-up, along the way and at the end (target: end ÷ start ≤ 1.3 each),
 * and the replies by status (target: no 5xx; 20 connections are no overload, so no 503 either). Asserts nothing.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { todayInParis } from '../../functions/shared/clock.js';
import { signLocalToken } from '../../infra/local/tokens.js';
import { aCae, aPerson } from '../support/builders.js';
import { BENCH_SECRET } from './localStack.js';

const RATIO_TARGET = 1.3;
const CONNECTIONS = 20;
const ENTREPRENEURS = 20;
// Last year: the CESAs are in force and no month of it is closed.
const Y = Number(todayInParis().slice(0, 4)) - 1;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${Y}-${String(i + 1).padStart(2, '0')}`);

/** Resident set size of a process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)] as T;

export async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
  const warmup = Number(process.env.BENCH_SOAK_WARMUP_SECONDS ?? 60);
  const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./soakServer.ts', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ url: string; apiPid: number; dynamoPid: number }>((resolve, reject) => {
    createInterface({ input: server.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    server.once('exit', (code) => reject(new Error(`the soak server exited with ${code}`)));
  });
  try {
    const { url, apiPid, dynamoPid } = ready;
    const token = await signLocalToken({ sub: 'soak', role: 'federation_admin' }, BENCH_SECRET);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
      return (await res.json()) as { id: string };
    };
    const cae = (await call('POST', '/caes', aCae())).id;
    await call('PUT', `/caes/${cae}/settings`, { requireConventionBeforeContract: false });
    const ids: string[] = [];
    for (let i = 0; i < ENTREPRENEURS; i++) {
      const id = (await call('POST', `/caes/${cae}/entrepreneurs`, aPerson({ welcomedOn: `${Y - 1}-12-01` }))).id;
      await call('POST', `/caes/${cae}/entrepreneurs/${id}/contract`, { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' });
      ids.push(id);
    }
    const person = () => `/caes/${cae}/entrepreneurs/${pick(ids)}`;
    const mix: autocannon.Request[] = [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: person() }) },
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          path: `${person()}/transactions`,
          headers: { ...headers, 'idempotency-key': randomUUID() },
          body: JSON.stringify({ type: 'revenue', date: `${pick(MONTHS)}-10`, amountExclVat: '100.00', vatRate: '0.20', label: 'Invoice' }),
        }),
      },
      { method: 'GET', setupRequest: (req) => ({ ...req, path: `${person()}/account?month=${pick(MONTHS)}` }) },
      { method: 'GET', setupRequest: (req) => ({ ...req, path: `${person()}/transactions?month=${pick(MONTHS)}&limit=50` }) },
    ];
    const run = (duration: number) => autocannon({ url, headers, connections: CONNECTIONS, duration, requests: mix });

    console.log(`\n# Soak (the local runtime as npm start runs it; ${CONNECTIONS} connections; ${warmup} s warm-up, then ${seconds} s)`);
    console.log(`mix: GET entrepreneur, POST transaction, GET account, GET transactions; ${ENTREPRENEURS} entrepreneurs, 12 months`);
    await run(warmup);
    const start = { api: rssMiB(apiPid), dynamo: rssMiB(dynamoPid) };
    console.log(`after warm-up: API ${start.api.toFixed(0)} MiB, dynalite ${start.dynamo.toFixed(0)} MiB (dynalite runs in a child process)`);
    const began = Date.now();
    const peak = { ...start };
    const sampler = setInterval(() => {
      const now = { api: rssMiB(apiPid), dynamo: rssMiB(dynamoPid) };
      peak.api = Math.max(peak.api, now.api);
      peak.dynamo = Math.max(peak.dynamo, now.dynamo);
      const minutes = ((Date.now() - began) / 60_000).toFixed(1);
      console.log(`  ${minutes.padStart(5)} min: API ${now.api.toFixed(0)} MiB, dynalite ${now.dynamo.toFixed(0)} MiB`);
    }, Math.max(10_000, (seconds * 1000) / 10));
    const result = await run(seconds);
    clearInterval(sampler);
    const end = { api: rssMiB(apiPid), dynamo: rssMiB(dynamoPid) };
    const statuses = Object.entries(result.statusCodeStats ?? {}).map(([status, stat]) => [Number(status), stat.count ?? 0] as const);
    const byStatus = statuses.map(([status, count]) => `${status}: ${count}`).join(', ');
    const serverErrors = statuses.reduce((n, [status, count]) => n + (status >= 500 ? count : 0), 0);
    console.log(
      `${result.requests.total} requests (${Math.round(result.requests.average)} req/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
        `by status ${byStatus}; ${result.errors} connection errors, ${result.timeouts} timeouts`,
    );
    console.log(`5xx replies: ${serverErrors} (target 0)`);
    // RSS moves with the garbage collector: the peak says more than one sample at the end.
    for (const [name, key] of [['API     ', 'api'], ['dynalite', 'dynamo']] as const) {
      console.log(
        `${name} RSS ${start[key].toFixed(0)} → ${end[key].toFixed(0)} MiB (peak ${Math.max(peak[key], end[key]).toFixed(0)}): ` +
          `end ÷ start ${(end[key] / start[key]).toFixed(2)} (target ≤ ${RATIO_TARGET}), peak ÷ start ${(Math.max(peak[key], end[key]) / start[key]).toFixed(2)}`,
      );
    }
  } finally {
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
  }
}
