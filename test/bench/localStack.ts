/** dynalite in memory + the local object storage + the local API on free ports, for benchmarks (the same stack `npm start` runs). */
import autocannon from 'autocannon';
import { ensureTables, startDynalite } from '../../infra/local/dynamo.js';
import { startObjectStorage } from '../../infra/local/objectStorage.js';
import { startLocalApi } from '../../infra/local/server.js';
import { signLocalToken, type LocalClaims } from '../../infra/local/tokens.js';

export const BENCH_SECRET = 'bench-secret';

export async function startBenchStack() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynalite({ separateProcess: true });
  await ensureTables(dynamo.endpoint, 'cae-bench');
  process.env.TABLE_NAME = 'cae-bench';
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const objectStorage = await startObjectStorage();
  process.env.OBJECT_STORAGE_ENDPOINT = objectStorage.endpoint;
  process.env.OBJECT_STORAGE_BUCKET = objectStorage.bucket;
  const api = await startLocalApi({ jwtSecret: BENCH_SECRET });
  return {
    api,
    dynamo,
    token: (claims: LocalClaims) => signLocalToken(claims, BENCH_SECRET),
    async close() {
      await api.close();
      await objectStorage.close();
      await dynamo.close();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * 20 connections for 8 s against one request, with its latency and throughput printed on one line. The load
 * runs in a worker thread unless the request needs per-request code (a new Idempotency-Key each time), which
 * autocannon can only run on the main thread.
 */
export async function load(title: string, options: autocannon.Options) {
  const inWorker = options.setupClient === undefined;
  const result = await autocannon({ connections: 20, duration: 8, ...(inWorker ? { workers: 1 } : {}), ...options });
  const errors = result.non2xx + result.errors;
  console.log(
    `${title.padEnd(52)} p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(4)} ms  ${Math.round(result.requests.average)
      .toString()
      .padStart(5)} req/s  (${result.requests.total} requests, ${errors} non-2xx/errors)`,
  );
  return result;
}
