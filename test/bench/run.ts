/**
 * `npm run bench [-- name…]`: runs the benchmarks and prints their figures. Targets are printed next to the
 * figures, never asserted: performance is reported, not tested. Each benchmark runs in a process of its own,
 * since handlers bind their DynamoDB client to one endpoint when first loaded.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const suites: Record<string, () => Promise<{ main: () => Promise<void> }>> = {
  bundles: () => import('./bundles.js'),
  api: () => import('./api.js'),
  activity: () => import('./activity.js'),
  payroll: () => import('./payroll.js'),
  workflow: () => import('./workflow.js'),
  reports: () => import('./reports.js'),
  claims: () => import('./claims.js'),
  invoicing: () => import('./invoicing.js'),
  books: () => import('./books.js'),
  soak: () => import('./soak.js'),
  documents: () => import('./documents.js'),
  purchases: () => import('./purchases.js'),
  accompaniment: () => import('./accompaniment.js'),
  payslipPdf: () => import('./payslipPdf.js'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !suites[name]);
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
if (wanted.length === 1) {
  await (await (suites[wanted[0] as string] as () => Promise<{ main: () => Promise<void> }>)()).main();
} else {
  for (const name of wanted.length > 0 ? wanted : Object.keys(suites)) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (run.status !== 0) console.error(`benchmark ${name} exited with ${run.status}`);
  }
}
process.exit(0);
