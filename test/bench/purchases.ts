/**
 * Purchases benchmarks (issue 13): the import time of a Factur-X supplier invoice, and the receipt-upload round
 * trip (create → PUT to the storage → GET until uploaded). Prints figures and ratios measured in this run,
 * asserts nothing.
 *
 * - Reading alone (domain/expenses/einvoice, in this process): a Factur-X made by the product's writer, and the
 *   same invoice as bare CII and UBL XML: p50/p99 of read + map + check, and Factur-X ÷ CII (what the PDF costs).
 * - The import route over HTTP (S3 GET of the receipt, reading, two DynamoDB writes): p50/p99, and ÷ the typed-in
 *   creation of the same invoice (what reading the e-invoice adds to a creation).
 * - The upload round trip at 10 KB, 1 MB and 10 MB: p50/p99 of each step and of the whole, 10 MB ÷ 10 KB.
 */
import { randomUUID } from 'node:crypto';
import { draftFromEInvoice, readEInvoice } from '../../domain/expenses/einvoice/index.js';
import { facturxPdf } from '../../functions/invoicing/documents/facturx.js';
import type { InvoiceDocument } from '../../functions/invoicing/documents/model.js';
import { aCae, aPerson } from '../support/builders.js';
import { anInvoice, ciiXml, ublXml } from '../support/einvoiceFixtures.js';
import { percentile, startBenchStack } from './localStack.js';

const Y = 2026;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}
const ms = (n: number) => `${n.toFixed(2).padStart(8)} ms`;
function line(title: string, samples: number[]) {
  const s = stats(samples);
  console.log(`${title.padEnd(58)} p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  (${samples.length} runs)`);
  return s;
}
async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** A supplier's invoice with `n` lines at 20 % and 5.5 %, as the product's writer takes it. */
function supplierDocument(number: string, n: number): InvoiceDocument {
  const lines = Array.from({ length: n }, (_, i) => ({
    description: `Fourniture ${i + 1}`,
    quantity: '2',
    unit: 'unit',
    unitPriceExclVat: '12.50',
    vatRate: i % 4 === 3 ? '0.055' : '0.20',
    lineTotalExclVat: '25.00',
  }));
  const base = (rate: string) => lines.filter((l) => l.vatRate === rate).length * 25;
  const at20 = base('0.20');
  const at55 = base('0.055');
  const vat20 = Math.round(at20 * 20) / 100;
  const vat55 = Math.round(at55 * 5.5) / 100;
  const vat = [{ rate: '0.20', base: at20.toFixed(2), amount: vat20.toFixed(2) }, ...(at55 > 0 ? [{ rate: '0.055', base: at55.toFixed(2), amount: vat55.toFixed(2) }] : [])];
  return {
    kind: 'invoice',
    number,
    issuedOn: `${Y}-03-12`,
    dueOn: `${Y}-04-11`,
    operationKind: 'goods',
    paymentTermsDays: 30,
    latePenaltyRate: '0.1065',
    fixedRecoveryIndemnity: '40.00',
    seller: { name: 'Papeterie Lumière SARL', siret: '73282932000074', vatNumber: 'FR44732829320', address: { line1: '5 rue Mercière', postalCode: '69002', city: 'Lyon', countryCode: 'FR' } },
    buyer: { name: 'Coopérative Rhône Entreprendre', kind: 'company', address: { line1: '1 place Bellecour', postalCode: '69002', city: 'Lyon', countryCode: 'FR' } },
    lines,
    totals: { exclVat: (at20 + at55).toFixed(2), vat, inclVat: (at20 + at55 + vat20 + vat55).toFixed(2) },
  };
}

async function readingAlone(): Promise<void> {
  console.log('\nReading an e-invoice (read + map + check, in process)');
  const runs = 200;
  const pdf = await facturxPdf(supplierDocument('BENCH-1', 10));
  const cii = new TextEncoder().encode(ciiXml(anInvoice()));
  const ubl = new TextEncoder().encode(ublXml(anInvoice()));
  const readAll = async (bytes: Uint8Array, type: string) => {
    const read = await readEInvoice(bytes, type);
    if (!read.ok || !draftFromEInvoice(read.value.einvoice, false).ok) throw new Error('bench invoice refused');
  };
  for (let i = 0; i < 20; i++) await readAll(pdf, 'application/pdf'); // warm-up
  const samples = async (bytes: Uint8Array, type: string) => {
    const out: number[] = [];
    for (let i = 0; i < runs; i++) out.push(await time(() => readAll(bytes, type)));
    return out;
  };
  const fx = line(`Factur-X PDF, 10 lines (${(pdf.byteLength / 1024).toFixed(0)} KiB)`, await samples(pdf, 'application/pdf'));
  const c = line(`CII XML, 3 lines (${(cii.byteLength / 1024).toFixed(1)} KiB)`, await samples(cii, 'application/xml'));
  line(`UBL XML, 3 lines (${(ubl.byteLength / 1024).toFixed(1)} KiB)`, await samples(ubl, 'application/xml'));
  const big = await facturxPdf(supplierDocument('BENCH-2', 200));
  const fx200 = line(`Factur-X PDF, 200 lines (${(big.byteLength / 1024).toFixed(0)} KiB)`, await samples(big, 'application/pdf'));
  console.log(`  Factur-X ÷ CII p50: ${(fx.p50 / c.p50).toFixed(1)}×   200 lines ÷ 10 lines p50: ${(fx200.p50 / fx.p50).toFixed(1)}×`);
}

export async function main(): Promise<void> {
  await readingAlone();
  const stack = await startBenchStack();
  try {
    const admin = await stack.token({ sub: 'bench', role: 'federation_admin' });
    const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(`${stack.api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...extra },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = (await res.json()) as any;
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const cae = await call('POST', '/caes', aCae());
    await call('PUT', `/caes/${cae.id}/settings`, { requireConventionBeforeContract: false });
    const person = await call('POST', `/caes/${cae.id}/entrepreneurs`, aPerson({ welcomedOn: `${Y - 1}-12-01` }));
    await call('POST', `/caes/${cae.id}/entrepreneurs/${person.id}/contract`, { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' });
    const account = `/caes/${cae.id}/entrepreneurs/${person.id}`;
    const upload = async (bytes: Uint8Array, contentType: string) => {
      const receipt = await call('POST', `${account}/receipts`, { fileName: 'f', contentType, size: bytes.byteLength });
      const put = await fetch(receipt.uploadUrl, { method: 'PUT', headers: receipt.uploadHeaders, body: bytes });
      if (put.status !== 200) throw new Error(`PUT → ${put.status}`);
      return receipt.id as string;
    };

    console.log('\nPOST …/supplier-invoices/import over HTTP (S3 GET + reading + DynamoDB), one after the other');
    const runs = 60;
    const receipts: string[] = [];
    for (let i = 0; i < runs + 5; i++) receipts.push(await upload(await facturxPdf(supplierDocument(`IMP-${randomUUID()}`, 10)), 'application/pdf'));
    for (const id of receipts.slice(0, 5)) await call('POST', `${account}/supplier-invoices/import`, { receiptId: id }); // warm-up
    const imports: number[] = [];
    for (const id of receipts.slice(5)) imports.push(await time(() => call('POST', `${account}/supplier-invoices/import`, { receiptId: id })));
    const imp = line('import of a 10-line Factur-X', imports);
    const typedBody = () => ({
      supplier: { name: 'Papeterie Lumière SARL', siren: '732829320' },
      number: `TYP-${randomUUID()}`,
      issuedOn: `${Y}-03-12`,
      lines: Array.from({ length: 10 }, (_, i) => ({ description: `Fourniture ${i + 1}`, amountExclVat: '25.00', vatRate: i % 4 === 3 ? '0.055' : '0.20' })),
    });
    for (let i = 0; i < 5; i++) await call('POST', `${account}/supplier-invoices`, typedBody());
    const typed: number[] = [];
    for (let i = 0; i < runs; i++) typed.push(await time(() => call('POST', `${account}/supplier-invoices`, typedBody())));
    const t = line('typed-in creation of the same invoice', typed);
    console.log(`  import ÷ typed-in p50: ${(imp.p50 / t.p50).toFixed(1)}×`);

    console.log('\nReceipt upload round trip: POST …/receipts → PUT to the storage → GET …/receipts/{id} (uploaded)');
    const whole: Record<string, number[]> = {};
    for (const [label, size, n] of [['10 KB', 10 * 1024, 60], ['1 MB', 1024 * 1024, 30], ['10 MB', 10 * 1024 * 1024, 10]] as const) {
      const bytes = new Uint8Array(size).fill(0x25);
      const steps = { create: [] as number[], put: [] as number[], get: [] as number[], all: [] as number[] };
      for (let i = 0; i < n + 2; i++) {
        const c0 = performance.now();
        const receipt = await call('POST', `${account}/receipts`, { fileName: 'r.pdf', contentType: 'application/pdf', size });
        const c1 = performance.now();
        const put = await fetch(receipt.uploadUrl, { method: 'PUT', headers: receipt.uploadHeaders, body: bytes });
        await put.arrayBuffer();
        const c2 = performance.now();
        const got = await call('GET', `${account}/receipts/${receipt.id}`);
        const c3 = performance.now();
        if (!got.uploaded) throw new Error('not uploaded');
        if (i < 2) continue; // warm-up
        steps.create.push(c1 - c0);
        steps.put.push(c2 - c1);
        steps.get.push(c3 - c2);
        steps.all.push(c3 - c0);
      }
      const s = stats(steps.all);
      console.log(
        `${label.padEnd(6)} create p50 ${ms(stats(steps.create).p50)}  PUT p50 ${ms(stats(steps.put).p50)}  GET p50 ${ms(stats(steps.get).p50)}  round trip p50 ${ms(s.p50)} p99 ${ms(s.p99)}  (${n} runs)`,
      );
      whole[label] = steps.all;
    }
    const small = stats(whole['10 KB'] ?? []).p50;
    const large = stats(whole['10 MB'] ?? []).p50;
    console.log(`  10 MB ÷ 10 KB round trip p50: ${(large / small).toFixed(1)}×`);
  } finally {
    await stack.close();
  }
}
