/**
 * Payslips with tax withheld at source, and their PDF, over real HTTP: the dated rate per entrepreneur (or the
 * neutral grid), the payslip JSON's netSocial / taxRate / taxWithheld / netPaid, the PDF whose text carries
 * the same figures, its isolation (a colleague's, another CAE's, an unpaid month: 404) and its bad inputs.
 */
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../domain/money.js';
import { euros, percent } from '../../functions/payroll/documents/format.js';
import { getObjectBytes, objectKeys, putObject } from '../../functions/shared/objectStorage.js';
import { createLocalPayroll } from '../../infra/local/payrollRunner.js';
import type { LocalApi } from '../../infra/local/server.js';
import { LOCAL_STATE_MACHINE_ARN, type LocalStepFunctions, startLocalStepFunctions } from '../../infra/local/stepFunctionsEndpoint.js';
import { aCae, aPerson } from '../support/builders.js';
import { runAsOf } from '../support/clock.js';
import { client, expectProblem, replyLog, startApi, tokenFor } from '../support/localApi.js';

// CESAs from 2025-01-02: the months paid here (2025) are judged while they run, whatever the real date.
runAsOf('2026-06-15');

type Client = ReturnType<typeof client>;

let api: LocalApi;
let sfn: LocalStepFunctions;
let asStaff: Client;
let asEntrepreneur: Client;
let asOtherStaff: Client;
let caeId: string;
let otherCaeId: string;
let entrepreneurId: string;
let colleagueId: string;
let entrepreneurToken: string;
const replies = replyLog();
const tracked = replies.track;

const slipPath = (id: string, month: string) => `/caes/${caeId}/entrepreneurs/${id}/payslips/${month}`;

async function fetchPdf(path: string, token = entrepreneurToken): Promise<{ status: number; type: string; bytes: Uint8Array }> {
  const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, ' ') };
}

async function earn(id: string, date: string, amount: string): Promise<void> {
  const tx = await asStaff('POST', `/caes/${caeId}/entrepreneurs/${id}/transactions`, {
    headers: { 'idempotency-key': randomUUID() },
    body: { type: 'revenue', date, amountExclVat: amount, vatRate: '0.20', label: 'Prestation' },
  });
  expect(tx.status).toBe(201);
}

async function pay(month: string): Promise<void> {
  expect((await asStaff('POST', `/caes/${caeId}/payroll-runs`, { body: { month } })).status).toBe(202);
  await sfn.idle();
  expect((await asStaff('GET', `/caes/${caeId}/payroll-runs/${month}`)).body.status).toBe('completed');
}

beforeAll(async () => {
  sfn = await startLocalStepFunctions(createLocalPayroll());
  process.env.SFN_ENDPOINT = sfn.endpoint;
  process.env.PAYROLL_STATE_MACHINE_ARN = LOCAL_STATE_MACHINE_ARN;
  api = await startApi();
  const asAdmin = tracked(client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' })));
  caeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  otherCaeId = (await asAdmin('POST', '/caes', { body: aCae({ communeCode: '35238' }) })).body.id;
  asStaff = tracked(client(api.url, await tokenFor({ sub: 'staff', role: 'cae_staff', caeId })));
  asOtherStaff = tracked(client(api.url, await tokenFor({ sub: 'other', role: 'cae_staff', caeId: otherCaeId })));
  await asStaff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  for (const _ of [0, 1]) {
    const id = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: '2025-01-02' }) })).body.id as string;
    const signed = await asStaff('POST', `/caes/${caeId}/entrepreneurs/${id}/contract`, {
      body: { signedOn: '2025-01-02', startsOn: '2025-01-02', fixedMonthlyGross: '1801.80' },
    });
    expect(signed.status).toBe(201);
    if (!entrepreneurId) entrepreneurId = id;
    else colleagueId = id;
  }
  entrepreneurToken = await tokenFor({ sub: 'ent', role: 'entrepreneur', caeId, entrepreneurId });
  asEntrepreneur = tracked(client(api.url, entrepreneurToken));
  await earn(entrepreneurId, '2025-02-10', '5000.00');
  await earn(entrepreneurId, '2025-03-10', '7000.00');
  await earn(colleagueId, '2025-03-12', '3000.00');
}, 60_000);

afterAll(async () => {
  await sfn.close();
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

describe('the rate of tax withheld at source', () => {
  const put = (c: Client, body: unknown, id = entrepreneurId, cae = caeId) =>
    c('PUT', `/caes/${cae}/entrepreneurs/${id}/tax-withholding`, { body });

  it.each([
    ['above 43%', { effectiveFrom: '2025-03', rate: '0.44' }, 'body.rate'],
    ['negative', { effectiveFrom: '2025-03', rate: '-0.01' }, 'body.rate'],
    ['a number', { effectiveFrom: '2025-03', rate: 0.045 }, 'body.rate'],
    ['a percentage', { effectiveFrom: '2025-03', rate: '4.5' }, 'body.rate'],
    ['no month', { rate: '0.045' }, 'body.effectiveFrom'],
    ['not a month', { effectiveFrom: '2025-13', rate: '0.045' }, 'body.effectiveFrom'],
  ])('refuses a rate %s (400 naming the field) and stores nothing', async (_, body, field) => {
    expectProblem(await put(asStaff, body), 400, { field });
  });

  it('is set by staff only: an entrepreneur is refused (403), another CAE sees a 404', async () => {
    expectProblem(await put(asEntrepreneur, { effectiveFrom: '2025-03', rate: '0.045' }), 403);
    expectProblem(await put(asOtherStaff, { effectiveFrom: '2025-03', rate: '0.045' }), 404);
  });

  it('keeps dated versions, the same month replacing the one there', async () => {
    expect((await put(asStaff, { effectiveFrom: '2025-03', rate: '0.05' })).status).toBe(200);
    const reply = await put(asStaff, { effectiveFrom: '2025-03', rate: '0.045' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ entrepreneurId, versions: [{ effectiveFrom: '2025-03', rate: '0.045' }] });
  });
});

describe('payslips with tax withheld at source', () => {
  beforeAll(async () => {
    await pay('2025-02');
    await pay('2025-03');
  }, 120_000);

  it('withhold the neutral grid of the month without a personal rate (February 2025: the 2024 grid)', async () => {
    const slip = (await asEntrepreneur('GET', slipPath(entrepreneurId, '2025-02'))).body;
    expect(slip.taxRateSource).toBe('PAS-2024');
    const tax = new Dec(slip.netTaxable).times(slip.taxRate).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    expect(slip.taxWithheld).toBe(tax.toFixed(2));
    expect(slip.netPaid).toBe(new Dec(slip.net).minus(tax).toFixed(2));
    expect(slip.netSocial).toBe(new Dec(slip.gross).minus(slip.employeeContributions).toFixed(2));
  });

  it('withhold the personal rate from its month on (March 2025: 4.5%)', async () => {
    const slip = (await asEntrepreneur('GET', slipPath(entrepreneurId, '2025-03'))).body;
    expect(slip).toMatchObject({ taxRate: '0.045', taxRateSource: 'personal' });
    expect(slip.taxWithheld).toBe(new Dec(slip.netTaxable).times('0.045').toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2));
    expect(new Dec(slip.netTaxable).greaterThan(slip.net)).toBe(true);
  });

  it('a rate may not take effect in a closed month (409 month-closed)', async () => {
    const reply = await asStaff('PUT', `/caes/${caeId}/entrepreneurs/${entrepreneurId}/tax-withholding`, {
      body: { effectiveFrom: '2025-03', rate: '0.10' },
    });
    expectProblem(reply, 409, { field: 'body.effectiveFrom', type: 'month-closed' });
  });

  it('the PDF is one page whose figures are the payslip JSON', async () => {
    const slip = (await asEntrepreneur('GET', slipPath(entrepreneurId, '2025-03'))).body;
    const february = (await asEntrepreneur('GET', slipPath(entrepreneurId, '2025-02'))).body;
    const pdf = await fetchPdf(`${slipPath(entrepreneurId, '2025-03')}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBe(1);
    const { pages, text } = await pdfText(pdf.bytes);
    expect(pages).toBe(1);
    for (const label of ['BULLETIN DE PAIE', 'SALAIRE BRUT', 'SANTÉ', 'RETRAITE', 'FAMILLE', 'ASSURANCE CHÔMAGE', 'MONTANT NET SOCIAL', 'NET PAYÉ']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('Période du 01/03/2025 au 31/03/2025');
    expect(text).toContain('sans limitation de durée');
    for (const field of ['gross', 'employeeContributions', 'employerContributions', 'employerCost', 'netSocial', 'net', 'netTaxable', 'taxWithheld', 'netPaid']) {
      expect(text, field).toContain(euros(slip[field]));
    }
    expect(text).toContain(percent(slip.taxRate));
    for (const line of slip.lines) expect(text, line.code).toContain(euros(line.employerAmount === '0.00' ? line.employeeAmount : line.employerAmount));
    const ytdGross = new Dec(slip.gross).plus(february.gross).toFixed(2);
    const ytdTaxable = new Dec(slip.netTaxable).plus(february.netTaxable).toFixed(2);
    expect(text).toContain(`Salaire brut : ${euros(ytdGross)} €`);
    expect(text).toContain(`Net imposable : ${euros(ytdTaxable)} €`);
  });

  it('gives the same bytes every time it is read', async () => {
    const first = await fetchPdf(`${slipPath(entrepreneurId, '2025-02')}/pdf`);
    const second = await fetchPdf(`${slipPath(entrepreneurId, '2025-02')}/pdf`);
    expect(first.status).toBe(200);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it('is kept in object storage on its first read, and the kept bytes are what later reads return', async () => {
    const key = objectKeys.payslipPdf(caeId, entrepreneurId, '2025-03');
    const served = await fetchPdf(`${slipPath(entrepreneurId, '2025-03')}/pdf`);
    const kept = await getObjectBytes(key);
    expect(kept && Buffer.from(kept).equals(Buffer.from(served.bytes))).toBe(true);
    // what is kept wins over a new rendering: the document handed out never changes
    const marked = Buffer.concat([Buffer.from(served.bytes), Buffer.from('\n%kept\n')]);
    await putObject(key, marked, 'application/pdf');
    const again = await fetchPdf(`${slipPath(entrepreneurId, '2025-03')}/pdf`);
    expect(Buffer.from(again.bytes).equals(marked)).toBe(true);
    await putObject(key, served.bytes, 'application/pdf');
  });

  it("is 404 for a colleague's payslip, another CAE's and a month not paid", async () => {
    expect((await fetchPdf(`${slipPath(colleagueId, '2025-03')}/pdf`)).status).toBe(404);
    expect((await fetchPdf(`${slipPath(entrepreneurId, '2025-04')}/pdf`)).status).toBe(404);
    const other = await tokenFor({ sub: 'other', role: 'cae_staff', caeId: otherCaeId });
    expect((await fetchPdf(`${slipPath(entrepreneurId, '2025-03')}/pdf`, other)).status).toBe(404);
    const staff = await tokenFor({ sub: 'staff', role: 'cae_staff', caeId });
    expect((await fetchPdf(`${slipPath(colleagueId, '2025-03')}/pdf`, staff)).status).toBe(200);
  });
});
