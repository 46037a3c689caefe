/**
 * Each Lambda bundle as CDK builds it (esbuild, minified, CJS, node22, all but the runtime's AWS SDK): its size and
 * the time a fresh Node process takes to load it, a proxy for cold start, as a ratio to the health bundle's measured
 * in the same rounds. Prints figures, asserts nothing.
 *
 * The AWS SDK is not in the bundles (the Lambda runtime provides it), but loading it is part of a cold start: the
 * "fresh" time counts it. Health does not touch DynamoDB, so a handler that does carries the SDK's own load on top
 * of health's; the "own" time (the bundle loaded after the SDK, in a fresh process) is what the bundle itself costs.
 * BENCH_BUNDLE_ROUNDS (default 5) sets the number of fresh processes per figure.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { SDK_PROVIDED_BY_RUNTIME } from '../../infra/aws/constructs/caeFunction.js';
import { REPO_ROOT } from '../../infra/aws/paths.js';
import { routeList } from '../../functions/routes.js';
import { percentile } from './localStack.js';

const SIZE_TARGET_KIB = 250;
const LOAD_RATIO_TARGET = 2;
const HEALTH = 'functions/service/health.ts';
/** What a DynamoDB handler loads from the runtime's SDK (functions/shared/dynamo.ts). */
const SDK_MODULES = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'];

// `argv[1]`: modules to load first, untimed (comma-separated, may be empty); `argv[2]`: the file timed.
const LOAD = `for (const m of process.argv[1].split(',').filter(Boolean)) require(m);
const t = process.hrtime.bigint(); require(process.argv[2]); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
const TIME_SDK = `const t = process.hrtime.bigint(); for (const m of process.argv[1].split(',')) require(m); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;

const loadEnv = {
  ...process.env,
  TABLE_NAME: 'bench',
  AWS_REGION: 'eu-west-3',
  // Configuration is validated at load, as on Lambda (where the stack sets it from a secret).
  CURSOR_SECRET: 'bench-cursor-secret-of-at-least-32-characters',
  NODE_NO_WARNINGS: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  // The SDK resolves from node_modules, as it does from the runtime's own on Lambda: its load time counts.
  NODE_PATH: join(REPO_ROOT, 'node_modules'),
};
const run = (script: string, args: string[]) => Number(execFileSync(process.execPath, ['-e', script, ...args], { env: loadEnv }).toString().trim());

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

export async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_BUNDLE_ROUNDS ?? 5);
  const out = mkdtempSync(join(tmpdir(), 'cae-bundles-'));
  const { WORKFLOW_TASKS } = await import('../../infra/aws/stacks/workflowStack.js');
  const modules = [...new Set([HEALTH, ...routeList().map((r) => r.handler), ...Object.values(WORKFLOW_TASKS)])];
  const bundles = new Map<string, { file: string; size: number; fresh: number[]; own: number[] }>();
  for (const module of modules) {
    const file = join(out, `${module.replace(/[/.]/g, '_')}.js`);
    await build({
      entryPoints: [join(REPO_ROOT, module)],
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: [...SDK_PROVIDED_BY_RUNTIME],
      outfile: file,
      logLevel: 'error',
    });
    bundles.set(module, { file, size: statSync(file).size, fresh: [], own: [] });
  }
  // Rounds over every bundle in turn, so that a busy moment of the machine weighs on all of them alike.
  const sdk: number[] = [];
  for (let round = 0; round < rounds; round++) {
    sdk.push(run(TIME_SDK, [SDK_MODULES.join(',')]));
    for (const b of bundles.values()) {
      b.fresh.push(run(LOAD, ['', b.file]));
      b.own.push(run(LOAD, [SDK_MODULES.join(','), b.file]));
    }
  }
  const health = bundles.get(HEALTH) as { size: number; fresh: number[]; own: number[] };
  const healthFresh = median(health.fresh);
  const healthOwn = median(health.own);
  console.log(`\n# Lambda bundles (minified; load = median of ${rounds} fresh Node processes; ratios to health, same rounds)`);
  console.log(`${'bundle'.padEnd(46)}   size  fresh load (÷ health)  own load (÷ health)`);
  let largest = 0;
  let worstFresh = 0;
  let worstOwn = 0;
  for (const [module, b] of bundles) {
    const fresh = median(b.fresh);
    const own = median(b.own);
    largest = Math.max(largest, b.size);
    worstFresh = Math.max(worstFresh, fresh / healthFresh);
    worstOwn = Math.max(worstOwn, own / healthOwn);
    console.log(
      `${module.padEnd(46)} ${(b.size / 1024).toFixed(0).padStart(4)} KiB ${fresh.toFixed(1).padStart(7)} ms (${(fresh / healthFresh).toFixed(2)})` +
        `  ${own.toFixed(1).padStart(7)} ms (${(own / healthOwn).toFixed(2)})`,
    );
  }
  console.log(`AWS SDK alone (${SDK_MODULES.join(' + ')}), fresh: ${median(sdk).toFixed(1)} ms = ${(median(sdk) / healthFresh).toFixed(2)} × health`);
  console.log(`largest bundle ${(largest / 1024).toFixed(0)} KiB (target < ${SIZE_TARGET_KIB} KiB)`);
  console.log(`worst fresh load ÷ health ${worstFresh.toFixed(2)} (target ≤ ${LOAD_RATIO_TARGET}); worst own load ÷ health ${worstOwn.toFixed(2)}`);
}
