/**
 * The payslip PDF (`npm run bench -- payslipPdf`): rendering time (first render in the process, then the median
 * of warm renders) and size of a full payslip, and the PDF route's Lambda bundle (esbuild as CDK builds it):
 * its size and its load time in fresh Node processes, as a ratio to the health bundle's measured in the same
 * rounds. Prints figures, asserts nothing. BENCH_PDF_RENDERS (default 50), BENCH_BUNDLE_ROUNDS (default 5).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterTax, computePayslip } from '../../domain/payroll/index.js';
import type { PayslipDocument } from '../../functions/payroll/documents/model.js';
import { SDK_PROVIDED_BY_RUNTIME } from '../../infra/aws/constructs/caeFunction.js';
import { REPO_ROOT } from '../../infra/aws/paths.js';
import { percentile } from './localStack.js';

const ROUTE = 'functions/payroll/getPayslipPdf.ts';
const HEALTH = 'functions/service/health.ts';
const GET_PAYSLIP = 'functions/payroll/getPayslip.ts';

function aDocument(): PayslipDocument {
  // a payslip with every section: above the ceiling (tranche 2, CET), under 50 employees, with mobility
  const p = computePayslip({ date: '2025-07-01', gross: '4567.89', settings: { headcount: 12, mobilityRate: '0.02' } });
  const t = afterTax(p, null);
  const m = (d: { toFixed: (n: number) => string }) => d.toFixed(2);
  return {
    employer: { name: 'Coopérative d’activité et d’emploi de Lyon', address: ['12 rue de la République', '69001 Lyon'], siret: '12345678901234', apeCode: '7022Z', collectiveAgreement: null },
    employee: { name: 'Élodie Garçon', job: 'Graphiste', classification: 'Entrepreneur salarié associé, non-cadre', id: '01J8ZC4Q9RFV3X1M2N5B6T7Y8K' },
    month: '2025-07',
    hours: '151.67',
    fixedPart: '1801.80',
    variablePart: m(p.gross.minus('1801.80')),
    gross: m(p.gross),
    lines: p.lines.map((l) => ({
      code: l.code,
      label: l.label,
      base: m(l.base),
      employeeRate: l.employeeRate?.toString() ?? '',
      employeeAmount: m(l.employeeAmount),
      employerRate: l.employerRate?.toString() ?? '',
      employerAmount: m(l.employerAmount),
    })),
    employeeContributions: m(p.employeeContributions),
    employerContributions: m(p.employerContributions),
    generalReduction: m(p.generalReduction),
    employerCost: m(p.employerCost),
    netSocial: m(p.netSocial),
    net: m(p.net),
    tax: { base: m(t.withholding.base), rate: t.withholding.rate.toString(), personal: false, amount: m(t.withholding.amount) },
    netPaid: m(t.netPaid),
    yearToDate: { gross: '31975.23', netTaxable: '26214.16' },
    rulesVersion: p.rulesVersion,
  };
}

const LOAD = 'const t = process.hrtime.bigint(); require(process.argv[1]); console.log(Number(process.hrtime.bigint() - t) / 1e6);';
const loadEnv = {
  ...process.env,
  TABLE_NAME: 'bench',
  OBJECT_STORAGE_BUCKET: 'bench',
  AWS_REGION: 'eu-west-3',
  CURSOR_SECRET: 'bench-cursor-secret-of-at-least-32-characters',
  NODE_NO_WARNINGS: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NODE_PATH: join(REPO_ROOT, 'node_modules'),
};
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

export async function main(): Promise<void> {
  const renders = Number(process.env.BENCH_PDF_RENDERS ?? 50);
  const rounds = Number(process.env.BENCH_BUNDLE_ROUNDS ?? 5);
  const doc = aDocument();

  let t = performance.now();
  const { renderPayslipPdf } = await import('../../functions/payroll/documents/payslipPdf.js');
  const importMs = performance.now() - t;
  t = performance.now();
  const first = await renderPayslipPdf(doc);
  const firstMs = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < renders; i++) {
    t = performance.now();
    await renderPayslipPdf(doc);
    times.push(performance.now() - t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log('\n# Payslip PDF (pdf-lib, one A4 page, standard Helvetica fonts)');
  console.log(`size ${first.length} bytes (${(first.length / 1024).toFixed(1)} KiB)`);
  console.log(`import of the renderer ${importMs.toFixed(1)} ms; first render ${firstMs.toFixed(1)} ms`);
  console.log(
    `warm render over ${renders}: median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms ` +
      `(first ÷ warm median ${(firstMs / percentile(sorted, 50)).toFixed(1)})`,
  );

  const out = mkdtempSync(join(tmpdir(), 'cae-pdf-bundle-'));
  const bundles = new Map<string, { file: string; size: number; load: number[] }>();
  for (const module of [HEALTH, GET_PAYSLIP, ROUTE]) {
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
    bundles.set(module, { file, size: statSync(file).size, load: [] });
  }
  for (let round = 0; round < rounds; round++) {
    for (const b of bundles.values()) b.load.push(Number(execFileSync(process.execPath, ['-e', LOAD, b.file], { env: loadEnv }).toString().trim()));
  }
  const health = median((bundles.get(HEALTH) as { load: number[] }).load);
  console.log(`\n# The PDF route's Lambda bundle (minified, CJS, node22; load = median of ${rounds} fresh Node processes)`);
  for (const [module, b] of bundles) {
    const load = median(b.load);
    console.log(`${module.padEnd(40)} ${(b.size / 1024).toFixed(0).padStart(5)} KiB  load ${load.toFixed(1).padStart(7)} ms (${(load / health).toFixed(2)} × health)`);
  }
}
