/**
 * The invoice documents (docs/architecture.md "Invoice documents (Factur-X)"): how long a Factur-X PDF and the CII
 * XML alone take to make (p50/p99, wall and CPU time, in this process after a warm-up), how big the PDF is, and
 * what the renderer costs a Lambda: the size of a minimal handler's bundle (esbuild, minified, as the CDK
 * construct builds it) and the time a fresh Node process takes to load it, as ratios to the health handler's
 * measured in the same rounds, against the budget of the other Lambdas (test/bench/bundles.ts).
 *
 * It also prints the comparison behind the choice of libraries: pdf-lib (with @pdf-lib/fontkit, or with our own
 * TrueType reader, trueType.ts) against pdfkit, and
 * fast-xml-parser's XMLBuilder against xmlbuilder2: bundle size, fresh load, and for the PDF libraries the time to
 * draw the same page with the same embedded font. Prints figures, asserts nothing.
 * BENCH_DOCUMENTS (default 200) sets the documents per figure, BENCH_BUNDLE_ROUNDS (default 5) the fresh processes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { SDK_PROVIDED_BY_RUNTIME } from '../../infra/aws/constructs/caeFunction.js';
import { REPO_ROOT } from '../../infra/aws/paths.js';
import { documentAssets } from '../../functions/invoicing/documents/assets.js';
import { ciiXml } from '../../functions/invoicing/documents/cii.js';
import { facturxPdf } from '../../functions/invoicing/documents/facturx.js';
import type { InvoiceDocument } from '../../functions/invoicing/documents/model.js';
import { trueTypeKit } from '../../functions/invoicing/documents/trueType.js';
import { businessInvoice, longInvoice } from '../unit/invoicing/documents/samples.js';

const SIZE_TARGET_KIB = 250;
const LOAD_RATIO_TARGET = 2;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

interface Timing {
  wall: number[];
  cpu: number[];
}

async function time(runs: number, fn: () => unknown): Promise<Timing> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

const fmt = (t: Timing) =>
  `wall p50 ${percentile(t.wall, 50).toFixed(1)} ms, p99 ${percentile(t.wall, 99).toFixed(1)} ms; CPU p50 ${percentile(t.cpu, 50).toFixed(1)} ms, p99 ${percentile(t.cpu, 99).toFixed(1)} ms`;

// ---------------------------------------------------------------------------------------------------------------
// The same page drawn by both PDF libraries: 60 lines of text in the embedded regular font, then saved.

const PAGE_LINES = Array.from({ length: 60 }, (_, i) => `Prestation n° ${i + 1} : accompagnement, 3 h à 85,50 € – 256,50 €`);

async function pdfLibPage(font: Uint8Array, kit: unknown = fontkit): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(kit as typeof fontkit);
  const f = await pdf.embedFont(font, { subset: true });
  const page = pdf.addPage([595.28, 841.89]);
  PAGE_LINES.forEach((text, i) => {
    page.drawText(text, { x: 42, y: 800 - i * 12, size: 9, font: f });
  });
  return pdf.save();
}

async function pdfkitPage(font: Uint8Array): Promise<Uint8Array> {
  // pdfkit ships no types (and is here only to compare against): imported untyped.
  const specifier = 'pdfkit';
  const { default: PDFKit } = await import(specifier);
  return new Promise((resolve, reject) => {
    const doc = new PDFKit({ size: 'A4', margin: 42, autoFirstPage: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.font(Buffer.from(font)).fontSize(9);
    PAGE_LINES.forEach((text, i) => {
      doc.text(text, 42, 42 + i * 12, { lineBreak: false });
    });
    doc.end();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Bundles: each entry is a minimal handler, bundled as infra/aws/constructs/caeFunction.ts does.

const ENTRIES: Record<string, string> = {
  'health (reference)': `export { handler } from '${REPO_ROOT}/functions/service/health.ts';`,
  'Factur-X renderer (facturxPdf + ciiXml)': `import { facturxPdf } from '${REPO_ROOT}/functions/invoicing/documents/facturx.ts';
export const handler = async (event) => ({ statusCode: 200, isBase64Encoded: true, body: Buffer.from(await facturxPdf(event.doc)).toString('base64') });`,
  'CII renderer alone (ciiXml)': `import { ciiXml } from '${REPO_ROOT}/functions/invoicing/documents/cii.ts';
export const handler = async (event) => ({ statusCode: 200, body: ciiXml(event.doc) });`,
  'pdf-lib alone': `import { PDFDocument } from 'pdf-lib';
export const handler = async () => (await (await PDFDocument.create()).save()).length;`,
  'pdf-lib + @pdf-lib/fontkit': `import { PDFDocument } from 'pdf-lib'; import fontkit from '@pdf-lib/fontkit';
export const handler = async () => { const d = await PDFDocument.create(); d.registerFontkit(fontkit); return (await d.save()).length; };`,
  // Its CommonJS build: the ESM one finds its data with import.meta.url, which a CJS bundle does not have.
  'pdfkit (its CommonJS build)': `const PDFDocument = require('pdfkit');
exports.handler = async () => { const d = new PDFDocument(); d.end(); return 1; };`,
  "fast-xml-parser's XMLBuilder": `import { XMLBuilder } from 'fast-xml-parser';
export const handler = async (e) => new XMLBuilder({}).build(e);`,
  xmlbuilder2: `import { create } from 'xmlbuilder2';
export const handler = async (e) => create(e).end();`,
};

const LOAD = `const t = process.hrtime.bigint(); require(process.argv[1]); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
/** Load, then make one document: what the first request of a cold Lambda pays. */
const COLD_RENDER = `const t = process.hrtime.bigint(); const m = require(process.argv[1]);
m.handler({ doc: JSON.parse(process.argv[2]) }).then(() => console.log(Number(process.hrtime.bigint() - t) / 1e6));`;

const loadEnv = { ...process.env, TABLE_NAME: 'bench', AWS_REGION: 'eu-west-3', CURSOR_SECRET: 'bench-cursor-secret-of-at-least-32-characters', NODE_NO_WARNINGS: '1' };
const run = (script: string, args: string[]) => Number(execFileSync(process.execPath, ['-e', script, ...args], { env: loadEnv }).toString().trim());

async function bundles(rounds: number, doc: InvoiceDocument): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'cae-documents-'));
  const files = new Map<string, { file: string; size: number; loads: number[] }>();
  for (const [name, source] of Object.entries(ENTRIES)) {
    const entry = join(out, `${name.replace(/\W+/g, '_')}.entry.${source.includes('require(') ? 'cjs' : 'mjs'}`);
    writeFileSync(entry, source);
    const file = entry.replace(/\.entry\.[cm]js$/, '.js');
    await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: [...SDK_PROVIDED_BY_RUNTIME],
      outfile: file,
      logLevel: 'error',
      nodePaths: [join(REPO_ROOT, 'node_modules')],
    });
    files.set(name, { file, size: statSync(file).size, loads: [] });
  }
  const cold: number[] = [];
  const renderer = files.get('Factur-X renderer (facturxPdf + ciiXml)') as { file: string };
  for (let r = 0; r < rounds; r++) {
    for (const b of files.values()) b.loads.push(run(LOAD, [b.file]));
    cold.push(run(COLD_RENDER, [renderer.file, JSON.stringify(doc)]));
  }
  const health = files.get('health (reference)') as { size: number; loads: number[] };
  const healthLoad = percentile(health.loads, 50);
  console.log(`\n# Bundles (esbuild, minified, CJS, node22; load = median of ${rounds} fresh Node processes; ratio to health, same rounds)`);
  console.log(`${'bundle'.padEnd(42)}     size   fresh load (÷ health)`);
  for (const [name, b] of files) {
    const load = percentile(b.loads, 50);
    console.log(`${name.padEnd(42)} ${(b.size / 1024).toFixed(0).padStart(5)} KiB ${load.toFixed(1).padStart(8)} ms (${(load / healthLoad).toFixed(2)})`);
  }
  const coldMedian = percentile(cold, 50);
  console.log(`Factur-X handler, fresh process: load + first document ${coldMedian.toFixed(1)} ms (${(coldMedian / healthLoad).toFixed(2)} × health's load)`);
  console.log(`budget of the other Lambdas: < ${SIZE_TARGET_KIB} KiB, fresh load ≤ ${LOAD_RATIO_TARGET} × health`);
}

export async function main(): Promise<void> {
  const n = Number(process.env.BENCH_DOCUMENTS ?? 200);
  const rounds = Number(process.env.BENCH_BUNDLE_ROUNDS ?? 5);
  const oneLine = businessInvoice();
  const sixty = longInvoice(60);
  console.log(`\n# Invoice documents (${n} documents per figure, after a warm-up; CPU = this process's user + system time)`);
  for (const [name, doc] of [
    ['Factur-X PDF, 3 lines (1 page)', oneLine],
    ['Factur-X PDF, 60 lines', sixty],
  ] as const) {
    const pdf = await facturxPdf(doc);
    console.log(`${name.padEnd(32)} ${(pdf.length / 1024).toFixed(1).padStart(6)} KiB  ${fmt(await time(n, () => facturxPdf(doc)))}`);
  }
  for (const [name, doc] of [
    ['CII XML alone, 3 lines', oneLine],
    ['CII XML alone, 60 lines', sixty],
  ] as const) {
    const xml = ciiXml(doc);
    console.log(`${name.padEnd(32)} ${(Buffer.byteLength(xml) / 1024).toFixed(1).padStart(6)} KiB  ${fmt(await time(n, () => ciiXml(doc)))}`);
  }

  const font = documentAssets().regularFont;
  const libN = Math.max(20, Math.floor(n / 2));
  // Interleaved in blocks, so that a busy moment of the machine weighs on both alike.
  const lib: Timing = { wall: [], cpu: [] };
  const ours: Timing = { wall: [], cpu: [] };
  const kit: Timing = { wall: [], cpu: [] };
  const add = (to: Timing, t: Timing) => {
    to.wall.push(...t.wall);
    to.cpu.push(...t.cpu);
  };
  for (let block = 0; block < 5; block++) {
    add(lib, await time(Math.ceil(libN / 5), () => pdfLibPage(font)));
    add(ours, await time(Math.ceil(libN / 5), () => pdfLibPage(font, trueTypeKit)));
    add(kit, await time(Math.ceil(libN / 5), () => pdfkitPage(font)));
  }
  console.log(`\n# The same page (60 lines, the same embedded subset font) drawn by each PDF library`);
  console.log(`pdf-lib 1.17.1 + @pdf-lib/fontkit  ${(((await pdfLibPage(font)).length) / 1024).toFixed(1).padStart(5)} KiB  ${fmt(lib)}`);
  console.log(`pdf-lib 1.17.1 + trueType.ts         ${(((await pdfLibPage(font, trueTypeKit)).length) / 1024).toFixed(1).padStart(5)} KiB  ${fmt(ours)}`);
  console.log(`pdfkit                             ${(((await pdfkitPage(font)).length) / 1024).toFixed(1).padStart(5)} KiB  ${fmt(kit)}`);
  console.log(`CPU p50 ÷ pdf-lib + fontkit: pdfkit ${(percentile(kit.cpu, 50) / percentile(lib.cpu, 50)).toFixed(2)}, pdf-lib + trueType.ts ${(percentile(ours.cpu, 50) / percentile(lib.cpu, 50)).toFixed(2)}`);

  await bundles(rounds, oneLine);
}
