/** dynalite in memory + the local API on free ports, for benchmarks (the same stack `npm start` runs). */
import { ensureTables, startDynalite } from '../../infra/local/dynamo.js';
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
  const api = await startLocalApi({ jwtSecret: BENCH_SECRET });
  return {
    api,
    dynamo,
    token: (claims: LocalClaims) => signLocalToken(claims, BENCH_SECRET),
    async close() {
      await api.close();
      await dynamo.close();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
