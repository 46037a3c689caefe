/**
 * Each Lambda bundle as CDK builds it (esbuild, minified, CJS, node22, all but the runtime's AWS SDK): its size and
 * the time a fresh Node process takes to load it, a proxy for cold start. Prints figures, asserts nothing.
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

const LOAD = `const t = process.hrtime.bigint(); require(process.argv[1]); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;

export async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'cae-bundles-'));
  const modules = [...new Set(routeList().map((r) => r.handler))];
  console.log('\n# Lambda bundles (minified; load time = median of 5 fresh Node processes)');
  let largest = 0;
  let slowest = 0;
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
    const size = statSync(file).size;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const ms = execFileSync(process.execPath, ['-e', LOAD, file], {
        // The SDK resolves from node_modules, as it does from the runtime's own on Lambda: its load time counts.
        env: { ...process.env, TABLE_NAME: 'bench', AWS_REGION: 'eu-west-3', NODE_NO_WARNINGS: '1', NODE_PATH: join(REPO_ROOT, 'node_modules') },
      });
      times.push(Number(ms.toString().trim()));
    }
    times.sort((a, b) => a - b);
    const median = percentile(times, 50);
    largest = Math.max(largest, size);
    slowest = Math.max(slowest, median);
    console.log(`${module.padEnd(52)} ${(size / 1024).toFixed(0).padStart(5)} KiB  load ${median.toFixed(1).padStart(6)} ms`);
  }
  console.log(`largest bundle ${(largest / 1024).toFixed(0)} KiB (target < 1024 KiB); slowest load ${slowest.toFixed(1)} ms (target < 150 ms)`);
}
