/**
 * Territorial reports over real HTTP (the local API Gateway adapter, real tokens), and the HTML page in a real
 * headless browser (Debian's chromium through playwright-core): the chart must be drawn, with bars and points
 * of non-zero size and a screenshot that is not blank. A year of closed months (2013, a year no other test
 * uses) is written as payroll writes it, then the workflow's aggregation step runs on each month. Five people
 * with the same activity, so that the funder sees the sums; one man and one person of unknown gender among
 * them, so that the gender breakdown has hidden cells (statistical secrecy).
 *
 * The browser part skips only when /usr/bin/chromium is missing outside CI; in CI (CI set) it always runs.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, startApi, tokenFor } from '../support/localApi.js';
import { aggregate, aMonthResult, putResult } from '../integration/reports/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const runBrowser = existsSync(CHROMIUM) || Boolean(process.env.CI);

const YEAR = '2013';
const MONTHS = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);
const PERIOD = `from=${YEAR}-01&to=${YEAR}-12`;
const TERRITORY = 'departement:69';

let api: LocalApi;
let funderToken: string;
const secrets: string[] = [];

beforeAll(async () => {
  api = await startApi();
  const admin = client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' }));
  funderToken = await tokenFor({ sub: 'funder-69', role: 'funder', territories: ['departement:69'] });
  const cae = await admin('POST', '/caes', { body: aCae({ name: 'CAE du Rhône' }) });
  const caeId = cae.body.id as string;
  const profiles = [
    { firstName: 'Philomène', lastName: 'Trébuchet', gender: 'female', birthDate: '1985-04-02' },
    { firstName: 'Clémence', lastName: 'Aubépine', gender: 'female', birthDate: '1986-07-19' },
    { firstName: 'Gaëlle', lastName: 'Marjolaine', gender: 'female', birthDate: '1984-11-30', priorityNeighbourhood: true },
    { firstName: 'Théodore', lastName: 'Quincampoix', gender: 'male', birthDate: '1960-01-15' },
    { firstName: 'Dominique', lastName: 'Vermeil', birthDate: '1950-03-03' },
  ];
  for (const profile of profiles) {
    const person = aPerson({ communeCode: '69123', welcomedOn: '2012-01-09', ...profile });
    const created = await admin('POST', `/caes/${caeId}/entrepreneurs`, { body: person });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    secrets.push(id, profile.firstName, profile.lastName, person.email as string);
    const base = `/caes/${caeId}/entrepreneurs/${id}`;
    expect((await admin('POST', `${base}/convention`, { body: { signedOn: '2012-01-09', startsOn: '2012-01-09', endsOn: '2012-12-31' } })).status).toBe(201);
    expect((await admin('POST', `${base}/contract`, { body: { signedOn: '2013-01-01', startsOn: '2013-01-01', fixedMonthlyGross: '1000.00' } })).status).toBe(201);
    // A growing activity: revenue 3000 + 250 × month, salary 1500 + 100 × month.
    await Promise.all(
      MONTHS.map((month, i) =>
        putResult(
          aMonthResult(caeId, id, month, '69123', {
            revenue: `${3000 + 250 * i}.00`,
            vatCollected: `${600 + 50 * i}.00`,
            contribution: `${300 + 25 * i}.00`,
            payslip: { gross: `${1500 + 100 * i}.00`, employerContributions: '300.00', employeeContributions: '330.00' },
          }),
        ),
      ),
    );
  }
  for (const month of MONTHS) await aggregate(caeId, month);
  const grant = await admin('POST', `/caes/${caeId}/grants`, {
    body: { funder: 'Métropole de Lyon <script>alert(1)</script>', territory: 'epci:200046977', year: 2013, amount: '24000.00' },
    headers: { 'idempotency-key': `e2e-grant-${caeId}` },
  });
  expect(grant.status).toBe(201);
});

afterAll(async () => {
  await api?.close();
});

describe('GET /reports/territories/{territory} over HTTP', () => {
  it('gives a funder the JSON report of its département', async () => {
    const reply = await client(api.url, funderToken)('GET', `/reports/territories/${TERRITORY}?${PERIOD}`);
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe('application/json');
    // Σ revenue 5 people × (12 × 3000 + 250 × (0 + … + 11)) = 5 × 52500; the grant counts whole: 24000
    expect(reply.body).toMatchObject({ revenue: '262500.00', publicFunding: '24000.00', caes: 1, statisticalSecrecy: true });
  });

  it('hides the breakdown cells of fewer than 3 people: one man, one person of unknown gender', async () => {
    const reply = await client(api.url, funderToken)('GET', `/reports/territories/${TERRITORY}?${PERIOD}`);
    expect(reply.body.breakdowns.gender.map((c: { peopleAtEnd: number | null }) => c.peopleAtEnd)).toEqual([3, null, 0, null]);
    expect(reply.body.breakdowns.ageBand.map((c: { peopleAtEnd: number | null }) => c.peopleAtEnd)).toEqual([0, 3, null, null, 0]);
  });

  it('gives the same months in CSV as in JSON', async () => {
    const request = client(api.url, funderToken);
    const [json, csv] = await Promise.all([
      request('GET', `/reports/territories/${TERRITORY}?${PERIOD}`),
      request('GET', `/reports/territories/${TERRITORY}?${PERIOD}&format=csv`),
    ]);
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = (csv.body as string).trim().split('\r\n').map((l) => l.split(','));
    const months = rows.filter((row) => row[0] === 'month');
    const asJson = months.map((row) => Object.fromEntries((header as string[]).map((h, i) => [h, row[i]]).filter(([h]) => (h as string) in (json.body.months[0] ?? {}))));
    expect(asJson).toEqual(json.body.months.map((m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v === null ? 'secret' : String(v)]))));
    const gender = rows.filter((row) => row[0] === 'breakdown' && row.at(-4) === 'gender').map((row) => row.at(-2));
    expect(gender).toEqual(['3', 'secret', '0', 'secret']);
  });

  it("refuses a funder of another département with a 403 problem", async () => {
    const other = client(api.url, await tokenFor({ sub: 'funder-38', role: 'funder', territories: ['departement:38'] }));
    const reply = await other('GET', `/reports/territories/${TERRITORY}?${PERIOD}&format=html`);
    expect(reply.status).toBe(403);
    expect(reply.contentType).toBe('application/problem+json');
  });

  it('names nobody in any format', async () => {
    const request = client(api.url, funderToken);
    for (const format of ['json', 'csv', 'html']) {
      const reply = await request('GET', `/reports/territories/${TERRITORY}?${PERIOD}&format=${format}`);
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      for (const secret of secrets) expect(text, `${format} ${secret}`).not.toContain(secret);
    }
  });
});

interface ChartMeasure {
  bars: Record<string, number>;
  points: number;
  line: { width: number; height: number };
  svg: { width: number; height: number };
}

/** The chart's drawn elements with a non-zero rendered size. */
async function measureChart(page: Page): Promise<ChartMeasure> {
  return page.evaluate(() => {
    // Runs in the page: the DOM's globals, typed loosely (the project compiles without the DOM library).
    const document = (globalThis as any).document;
    const sized = (selector: string) =>
      [...document.querySelectorAll(selector)].filter((e: any) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      }).length;
    const box = (selector: string) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      return { width: r?.width ?? 0, height: r?.height ?? 0 };
    };
    return {
      bars: { revenue: sized('#chart rect.bar-revenue'), grossSalaries: sized('#chart rect.bar-grossSalaries') },
      points: sized('#chart circle.point-publicFunding'),
      line: box('#chart polyline.line-publicFunding'),
      svg: box('#chart'),
    };
  });
}

interface PixelStats {
  variance: number;
  /** Share of pixels close to each series colour. */
  colours: Record<string, number>;
}

/** Decodes a PNG screenshot in the browser and measures it: luminance variance and series colours. */
async function pixelStats(page: Page, png: Buffer): Promise<PixelStats> {
  return page.evaluate(async (dataUrl) => {
    const { document, Image } = globalThis as any;
    const img = new Image();
    img.src = dataUrl;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const targets: Record<string, [number, number, number]> = { revenue: [0x1f, 0x5f, 0xa8], grossSalaries: [0x2e, 0x9e, 0x5b], publicFunding: [0xe0, 0x7b, 0x00] };
    const counts: Record<string, number> = { revenue: 0, grossSalaries: 0, publicFunding: 0 };
    let sum = 0;
    let sumSq = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
      const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      sum += lum;
      sumSq += lum * lum;
      for (const [name, [tr, tg, tb]] of Object.entries(targets)) {
        if (Math.abs(r - tr) < 24 && Math.abs(g - tg) < 24 && Math.abs(b - tb) < 24) counts[name] = (counts[name] as number) + 1;
      }
    }
    const mean = sum / n;
    return { variance: sumSq / n - mean * mean, colours: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / n])) };
  }, `data:image/png;base64,${png.toString('base64')}`);
}

describe.skipIf(!runBrowser)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  let reportUrl: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, extraHTTPHeaders: { authorization: `Bearer ${funderToken}` } });
    page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    reportUrl = `${api.url}/reports/territories/${TERRITORY}?${PERIOD}&format=html`;
    const response = await page.goto(reportUrl);
    expect(response?.status()).toBe(200);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the key figures of the département', async () => {
    expect(await page.title()).toContain('Rhône');
    await expect(page.locator('#key-figures').textContent()).resolves.toContain('262\u202f500,00\u202f€');
    expect(await page.locator('#months tbody tr').count()).toBe(12);
  });

  it('draws a bar per month for revenue and for salaries, and a point per month for public funding', async () => {
    const chart = await measureChart(page);
    expect(chart.bars).toEqual({ revenue: 12, grossSalaries: 12 });
    expect(chart.points).toBe(12);
    expect(chart.svg.width).toBeGreaterThan(600);
    expect(chart.line.width).toBeGreaterThan(300);
  });

  it('renders a chart screenshot that is not blank and shows the three series', async () => {
    const png = await page.locator('#chart').screenshot();
    // REPORT_SCREENSHOT=/tmp/report.png keeps a full-page screenshot to look at.
    if (process.env.REPORT_SCREENSHOT) await page.screenshot({ path: process.env.REPORT_SCREENSHOT, fullPage: true });
    const stats = await pixelStats(page, png);
    expect(stats.variance).toBeGreaterThan(200);
    for (const share of Object.values(stats.colours)) expect(share).toBeGreaterThan(0.001);
  });

  it('would catch an empty chart: the same measures fail on a page whose SVG draws nothing', async () => {
    const empty = await browser.newPage();
    await empty.setContent('<svg id="chart" width="900" height="380"><rect class="bar bar-revenue" width="0" height="0"/></svg>');
    const chart = await measureChart(empty);
    const stats = await pixelStats(empty, await empty.locator('#chart').screenshot());
    await empty.close();
    expect(chart.bars.revenue).toBe(0);
    expect(stats.variance).toBeLessThan(1);
  });

  it('shows the breakdowns with a bar chart for gender and age, hidden cells written "secret statistique"', async () => {
    const bars = await page.evaluate(() => {
      const document = (globalThis as any).document;
      const sized = (selector: string) =>
        [...document.querySelectorAll(selector)].filter((e: any) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0).length;
      return { gender: sized('#chart-gender rect.bar'), age: sized('#chart-ageBand rect.bar') };
    });
    expect(bars).toEqual({ gender: 1, age: 1 }); // 3 women; 3 people aged 26–44: the other counts are hidden or 0
    await expect(page.locator('#chart-gender').textContent()).resolves.toContain('secret statistique');
    expect(await page.locator('#breakdown-gender td.secret').count()).toBe(2);
    await expect(page.locator('.notes').last().textContent()).resolves.toContain('Secret statistique');
  });

  it('escapes text from the data: a funder name with markup stays text', async () => {
    expect(await page.locator('#grants td').first().textContent()).toBe('Métropole de Lyon <script>alert(1)</script>');
    expect(await page.locator('script').count()).toBe(0);
  });

  it('loads nothing but the page itself', () => {
    expect(requests).toEqual([reportUrl]);
  });

  it('prints: the page renders to a PDF', async () => {
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  });
});
