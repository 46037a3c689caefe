/**
 * The demo's expense claims (docs/api.md "Expense claims and mileage"), through the API like the rest of the
 * seed: for the first CAE's employee, a claim at each status, each with a receipt uploaded through its
 * presigned URL, one with a mileage line; staff approve one, so the month's account shows it.
 */
import { randomUUID } from 'node:crypto';
import { scaleFor } from '../../../domain/expenses/mileage.js';
import { signLocalToken } from '../tokens.js';

async function call(base: string, token: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`seed: ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A one-page PDF small enough to read: what a scanned ticket stands for in the demo. */
function ticketPdf(label: string): Buffer {
  const text = `BT /F1 18 Tf 60 760 Td (${label.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Registers a receipt and uploads it with the presigned PUT, as a client would. */
async function uploadedReceipt(base: string, token: string, account: string, label: string): Promise<string> {
  const file = ticketPdf(label);
  const created = await call(base, token, 'POST', `${account}/receipts`, { fileName: `${label.toLowerCase().replace(/\W+/g, '-')}.pdf`, contentType: 'application/pdf', size: file.length });
  const put = await fetch(created.uploadUrl as string, { method: 'PUT', headers: (created.uploadHeaders as Record<string, string>) ?? { 'content-type': 'application/pdf' }, body: file });
  if (!put.ok) throw new Error(`seed: receipt upload → ${put.status}`);
  return created.id as string;
}

/**
 * Seeds the claims of one entrepreneur, dated in the open month of `today` (the months before are paid): the
 * entrepreneur files and submits with their own token, the CAE's staff approve and reject.
 */
export async function seedClaims(base: string, secret: string, caeId: string, entrepreneurId: string, today: string): Promise<void> {
  const staffToken = await signLocalToken({ sub: 'seed-claims-staff', role: 'cae_staff', caeId }, secret, 1);
  const ownToken = await signLocalToken({ sub: 'seed-claims-entrepreneur', role: 'entrepreneur', caeId, entrepreneurId }, secret, 1);
  const account = `/caes/${caeId}/entrepreneurs/${entrepreneurId}`;
  const first = `${today.slice(0, 7)}-01`;
  const expense = async (date: string, description: string, amountExclVat: string, vatRate: string, category: string) => ({
    kind: 'expense',
    date,
    description,
    amountExclVat,
    vatRate,
    category,
    receiptId: await uploadedReceipt(base, ownToken, account, description),
  });
  // The scales end with the last published year: without one for today, the demo files no trip.
  const trip = scaleFor(today)
    ? [{ kind: 'mileage', date: first, description: 'Client workshop, Lyon → Villefranche and back', km: 64, vehicle: { type: 'car', fiscalPower: 5, electric: false, registration: 'GE-421-LY' } }]
    : [];
  const file = async (lines: unknown[]) => (await call(base, ownToken, 'POST', `${account}/expense-claims`, { lines })).id as string;
  const submit = (id: string) => call(base, ownToken, 'POST', `${account}/expense-claims/${id}/submission`);

  const approved = await file([await expense(first, 'Train ticket Lyon–Paris', '62.50', '0.10', 'travel'), ...trip]);
  await submit(approved);
  await call(base, staffToken, 'POST', `${account}/expense-claims/${approved}/approval`);

  const rejected = await file([await expense(first, 'Dinner with a prospect', '48.00', '0.10', 'meals')]);
  await submit(rejected);
  await call(base, staffToken, 'POST', `${account}/expense-claims/${rejected}/rejection`, { reason: 'The receipt shows four guests: claim your own share only.' });

  const submitted = await file([await expense(first, 'Printer paper and ink', '39.90', '0.20', 'supplies')]);
  await submit(submitted);

  await file([await expense(first, 'Design software, one month', '24.99', '0.20', 'fees')]);
}
