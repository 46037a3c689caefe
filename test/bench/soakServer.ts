/**
 * The local runtime as `npm start` runs it (dynalite on disk in a child process, the local API), started in a
 * process of its own so that the soak benchmark measures the API's memory without the load generator's. Prints
 * one JSON line (url, pids) when ready; ends on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTables, startDynalite } from '../../infra/local/dynamo.js';
import { startLocalApi } from '../../infra/local/server.js';
import { BENCH_SECRET } from './localStack.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const dataDir = mkdtempSync(join(tmpdir(), 'cae-soak-'));
const dynamo = await startDynalite({ path: join(dataDir, 'dynamodb'), separateProcess: true });
await ensureTables(dynamo.endpoint, 'cae-soak');
process.env.TABLE_NAME = 'cae-soak';
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const api = await startLocalApi({ jwtSecret: BENCH_SECRET });
console.log(JSON.stringify({ url: api.url, apiPid: process.pid, dynamoPid: dynamo.pid }));

process.on('SIGTERM', async () => {
  await api.close();
  await dynamo.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
