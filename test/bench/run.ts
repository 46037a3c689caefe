/**
 * `npm run bench [-- name…]`: runs the benchmarks and prints their figures. Targets are printed next to the
 * figures, never asserted: performance is reported, not tested.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const suites: Record<string, () => Promise<{ main: () => Promise<void> }>> = {
  bundles: () => import('./bundles.js'),
  api: () => import('./api.js'),
  activity: () => import('./activity.js'),
  workflow: () => import('./workflow.js'),
  payroll: () => import('./payroll.js'),
  reports: () => import('./reports.js'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length > 0 ? wanted : Object.keys(suites)) {
  const suite = suites[name];
  if (!suite) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  await (await suite()).main();
}
process.exit(0);
