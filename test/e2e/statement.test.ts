/**
 * The activity account statement over real HTTP (the local API Gateway adapter): the PDF comes through as bytes
 * (base64 between handler and server, as on API Gateway), the CSV as a French spreadsheet file, and the HTML page
 * renders in headless Chromium (Debian's chromium through playwright-core; skipped only when it is missing
 * outside CI) with the JSON's figures and without loading anything.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { extractText } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { amountLabel } from '../../functions/activity/statementLabels.js';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, replyLog, startApi, tokenFor } from '../support/localApi.js';

const CHROMIUM = '/usr/bin/chromium';
const runBrowser = existsSync(CHROMIUM) || Boolean(process.env.CI);
/** A fixed year: entries are judged on their own dates, whatever today is. */
const MONTHS = { from: '2026-02', to: '2026-03' };

let api: LocalApi;
let staffToken: string;
let selfToken: string;
let caeId: string;
let selfId: string;
const replies = replyLog();

beforeAll(async () => {
  api = await startApi();
  const asAdmin = client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' }));
  caeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  staffToken = await tokenFor({ sub: 'staff', role: 'cae_staff', caeId });
  const asStaff = replies.track(client(api.url, staffToken));
  await asStaff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  selfId = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ firstName: 'Éloïse', welcomedOn: '2025-12-01' }) })).body.id;
  await asStaff('POST', `/caes/${caeId}/entrepreneurs/${selfId}/contract`, { body: { signedOn: '2026-01-01', startsOn: '2026-01-01', fixedMonthlyGross: '0.00' } });
  const post = (body: Record<string, string>) =>
    asStaff('POST', `/caes/${caeId}/entrepreneurs/${selfId}/transactions`, { body, headers: { 'Idempotency-Key': `statement-e2e-${body.date}` } });
  expect((await post({ type: 'revenue', date: '2026-02-12', amountExclVat: '2350.00', vatRate: '0.20', label: 'Traduction catalogue', reference: 'F-2026-0042' })).status).toBe(201);
  expect((await post({ type: 'expense', date: '2026-03-03', amountExclVat: '89.90', vatRate: '0.20', label: 'Dictionnaire spécialisé' })).status).toBe(201);
  selfToken = await tokenFor({ sub: 'self', role: 'entrepreneur', caeId, entrepreneurId: selfId });
});

afterAll(async () => {
  await api?.close();
});

afterEach(() => replies.expectNo5xx());

const statementUrl = (format: string) => `${api.url}/caes/${caeId}/entrepreneurs/${selfId}/account/statement?from=${MONTHS.from}&to=${MONTHS.to}&format=${format}`;

describe('the statement over HTTP', () => {
  it('sends the PDF as bytes whose text carries the JSON’s figures', async () => {
    const url = new URL(statementUrl('json'));
    const json = (await replies.track(client(api.url, selfToken))('GET', url.pathname + url.search)).body;
    const res = await fetch(statementUrl('pdf'), { headers: { authorization: `Bearer ${selfToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { text } = await extractText(bytes, { mergePages: true });
    const flat = text.replace(/[\s\u00a0]/g, '');
    expect(text).toContain('Éloïse');
    expect(text).toContain('F-2026-0042');
    for (const m of json.months) for (const line of ['revenue', 'contribution', 'expenses', 'envelope', 'closingBalance']) expect(flat).toContain(amountLabel(m[line]).replace(/\u202f/g, ''));
  });

  it('sends the CSV with a byte-order mark, `;` and comma decimals', async () => {
    const res = await fetch(statementUrl('csv'), { headers: { authorization: `Bearer ${selfToken}` } });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('2026-02;Écriture;12/02/2026;Recette;Saisie;Traduction catalogue;F-2026-0042;2350,00;470,00');
  });

  it('refuses another entrepreneur’s statement with a 404', async () => {
    const other = await tokenFor({ sub: 'other', role: 'entrepreneur', caeId, entrepreneurId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' });
    const res = await fetch(statementUrl('pdf'), { headers: { authorization: `Bearer ${other}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe.skipIf(!runBrowser)('the HTML statement in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows each month with the JSON’s closing balance, and loads nothing else', async () => {
    const json = (await (await fetch(statementUrl('json'), { headers: { authorization: `Bearer ${selfToken}` } })).json()) as { months: { month: string; closingBalance: string }[] };
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${selfToken}` } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const response = await page.goto(statementUrl('html'));
    expect(response?.status()).toBe(200);
    expect(await page.title()).toContain('Relevé du compte d’activité');
    expect(await page.locator('section[data-month]').count()).toBe(2);
    for (const m of json.months) {
      const shown = await page.locator(`section[data-month="${m.month}"] [data-line="closingBalance"]`).textContent();
      expect(shown).toBe(`${amountLabel(m.closingBalance)}\u202f€`);
    }
    // STATEMENT_SCREENSHOT=/tmp/statement.png keeps a full-page screenshot to look at.
    if (process.env.STATEMENT_SCREENSHOT) await page.screenshot({ path: process.env.STATEMENT_SCREENSHOT, fullPage: true });
    expect(requests).toEqual([statementUrl('html')]);
  });
});
