/**
 * The books at the scale of a large CAE: 150 entrepreneurs × 12 months of invoices, payments, supplier invoices,
 * expense claims and payroll (10 entries per entrepreneur and month, 18,000 entries), decided by the domain's
 * own `bookingOf` and bulk-loaded as `bookEvent` leaves them (numbered entries, journal counters, transfers).
 * Then, with the route handlers in process over dynalite in a child process: the FEC of the year (time and
 * size, against API Gateway's 10 MB and Lambda's 6 MB response limit), the year's trial balance of the CAE and
 * of one activity, and the cost of booking one event through `bookEvent` (requests, time). Prints figures,
 * asserts nothing. `npm run bench -- books`.
 */
import { gunzipSync } from 'node:zlib';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ulid } from 'ulid';
import type { BusinessEvent, VatBreakdown } from '../../domain/accounting/index.js';
import { lastDayOf } from '../../domain/calendar.js';
import { Dec, formatMoney } from '../../domain/money.js';
import { event } from '../support/events.js';
import { percentile } from './localStack.js';

const ENTREPRENEURS = Number(process.env.BOOKS_ENTREPRENEURS ?? 150);
const YEAR = 2026;
const RUNS = 5;

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 30_000 } as Context;
const counter = { requests: 0 };

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cents = (n: number) => formatMoney(new Dec(n).dividedBy(100));
const vat20 = (baseCents: number): VatBreakdown[] => [{ rate: '0.20', base: cents(baseCents), amount: cents(Math.round(baseCents * 0.2)) }];
const incl = (v: VatBreakdown[]) => formatMoney(v.reduce((s, x) => s.plus(x.base).plus(x.amount), new Dec(0)));

/** One entrepreneur's year of events, deterministic. */
function yearOf(activity: string, index: number): BusinessEvent[] {
  const rand = prng(index + 1);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const events: BusinessEvent[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${YEAR}-${String(m).padStart(2, '0')}`;
    const day = (d: number) => `${month}-${String(d).padStart(2, '0')}`;
    for (let i = 0; i < 3; i++) {
      const vat = vat20(int(30_000, 300_000));
      const customer = { id: ulid(), name: `Client ${index}-${int(1, 40)} SARL` };
      const invoiceId = ulid();
      const number = `${YEAR}-${String(index * 100 + m * 3 + i).padStart(6, '0')}`;
      const operationKind = i === 2 ? 'goods' : 'services';
      events.push({ kind: 'invoice_issued', invoiceId, number, date: day(int(1, 20)), activity, customer, operationKind, vat });
      events.push({ kind: 'payment_received', paymentId: ulid(), invoiceNumber: number, date: day(int(21, 28)), activity, customer, amount: incl(vat), operationKind, invoiceVat: vat, invoiceInclVat: incl(vat), paidBefore: '0.00' });
    }
    events.push({ kind: 'supplier_invoice_approved', supplierInvoiceId: ulid(), number: `F-${int(1000, 99999)}`, date: day(int(1, 28)), activity, supplier: { id: String(int(100000000, 999999999)), name: 'Fournitures et Cie' }, purchaseForResale: rand() < 0.5, vat: vat20(int(5_000, 60_000)) });
    events.push({
      kind: 'expense_claim_approved',
      claimId: ulid(),
      activity,
      entrepreneurName: `Entrepreneur ${index}`,
      lines: [
        { date: day(int(1, 14)), category: 'meals', amountExclVat: cents(int(1_000, 8_000)), vatRate: '0.10', vatAmount: '3.00' },
        { date: day(int(15, 28)), category: 'mileage', amountExclVat: cents(int(2_000, 30_000)), vatRate: '0', vatAmount: '0.00' },
      ],
    });
    const gross = int(180_000, 350_000);
    events.push({
      kind: 'payroll_month_closed',
      month,
      activity,
      entrepreneurName: `Entrepreneur ${index}`,
      contribution: cents(int(20_000, 80_000)),
      payslip: {
        gross: cents(gross),
        employerContributions: cents(Math.round(gross * 0.3)),
        employeeContributions: cents(Math.round(gross * 0.22)),
        net: cents(gross - Math.round(gross * 0.22)),
        taxWithheld: cents(Math.round(gross * 0.02)),
        otherSocialBodies: { employee: cents(Math.round(gross * 0.04)), employer: cents(Math.round(gross * 0.07)) },
      },
    });
  }
  return events;
}

async function writeAll(db: { send: (c: BatchWriteCommand) => Promise<{ UnprocessedItems?: Record<string, unknown[]> }> }, table: string, items: Record<string, unknown>[]): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }
    }),
  );
}

async function timed(handler: Handler, e: APIGatewayProxyEventV2, runs = RUNS) {
  const times: number[] = [];
  let last: APIGatewayProxyStructuredResultV2 | undefined;
  let requests = 0;
  for (let i = 0; i < runs; i++) {
    const before = counter.requests;
    const start = performance.now();
    last = await handler(e, context);
    times.push(performance.now() - start);
    requests = counter.requests - before;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), max: times.at(-1) as number, last: last as APIGatewayProxyStructuredResultV2, requests };
}

export async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { ensureTables, startDynalite } = await import('../../infra/local/dynamo.js');
  const dynamo = await startDynalite({ separateProcess: true });
  try {
    await ensureTables(dynamo.endpoint, 'cae-bench');
    Object.assign(process.env, { TABLE_NAME: 'cae-bench', DYNAMODB_ENDPOINT: dynamo.endpoint, POWERTOOLS_LOG_LEVEL: 'SILENT' });
    const { db, tableName } = await import('../../functions/shared/dynamo.js');
    db.middlewareStack.add(
      (next) => async (args) => {
        counter.requests += 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchRequestCounter' },
    );
    const { bookingOf, DEFAULT_SETTINGS, entryNumber, fiscalYearOf } = await import('../../domain/accounting/index.js');
    const { entryItem, transferItem, bookEvent, journalSequence, monthTotalsItems } = await import('../../functions/shared/repositories/books.js');
    const keys = await import('../../functions/shared/keys.js');
    const { accountingSettingsItem } = await import('../../functions/shared/repositories/accountingSettings.js');
    const { createCae } = await import('../../functions/shared/repositories/caes.js');
    const { entrepreneurToItem } = await import('../../functions/shared/repositories/entrepreneurs.js');
    const { siretWithCheckDigit } = await import('../../infra/local/seed.js');

    const caeId = ulid();
    await createCae({
      id: caeId,
      name: 'CAE du banc',
      siret: siretWithCheckDigit('7900000000001'),
      communeCode: '69123',
      contributionPolicies: [{ effectiveFrom: '1900-01', policy: { kind: 'flat', rate: '0.10' } }],
      settings: { requireConventionBeforeContract: true },
      lastClosedMonth: `${YEAR}-12`,
      createdAt: `${YEAR - 1}-01-01T00:00:00.000Z`,
      version: 1,
    } as never);
    const activities = Array.from({ length: ENTREPRENEURS }, () => ulid());
    const items: Record<string, unknown>[] = [accountingSettingsItem(caeId, DEFAULT_SETTINGS, YEAR)];
    for (const id of activities) {
      items.push(entrepreneurToItem({ id, caeId, firstName: 'E', lastName: id, email: `${id}@example.org`, communeCode: '69123', activity: 'x', path: { stages: [] }, createdAt: `${YEAR - 1}-01-01T00:00:00.000Z`, version: 1 } as never));
    }
    // Numbered as bookEvent numbers them: in booking order, per journal and fiscal year, validated when booked.
    const sequences = new Map<string, number>();
    let entries = 0;
    const numbered: Parameters<typeof monthTotalsItems>[1][number][] = [];
    let lines = 0;
    const events = activities.flatMap((a, i) => yearOf(a, i)).sort((a, b) => ((a as { date?: string }).date ?? '').localeCompare((b as { date?: string }).date ?? ''));
    for (const e of events) {
      const booking = bookingOf(e, DEFAULT_SETTINGS);
      for (const t of booking.transfers) items.push(transferItem(caeId, t));
      for (const draft of booking.entries) {
        const fiscalYear = fiscalYearOf(draft.date, 1);
        const key = `${draft.journal}#${fiscalYear}`;
        const sequence = (sequences.get(key) ?? 0) + 1;
        sequences.set(key, sequence);
        const validatedOn = draft.journal === 'PA' ? draft.date : lastDayOf(draft.date.slice(0, 7));
        const booked = { ...draft, eventId: draft.key, fiscalYear, sequence, number: entryNumber(draft.journal, fiscalYear, sequence), validatedOn };
        items.push(entryItem(caeId, booked));
        numbered.push(booked);
        entries += 1;
        lines += draft.lines.length;
      }
    }
    items.push(...monthTotalsItems(caeId, numbered));
    for (const [key, last] of sequences) {
      const [journal, fy] = key.split('#') as [string, string];
      // The journal's counter as sequences.ts leaves it once every number is finished.
      items.push({ ...keys.sequenceCounter(caeId, journalSequence(journal), Number(fy)), type: 'SEQUENCE_COUNTER', last, done: true, takenAt: 0 });
    }
    const loadStart = performance.now();
    await writeAll(db as never, tableName, items);
    console.log(`\n# The books of one CAE: ${ENTREPRENEURS} entrepreneurs × 12 months of ${YEAR} (handlers in process, dynalite in a child process)`);
    console.log(`loaded ${entries} entries (${lines} lines) in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

    const fec = (await import('../../functions/accounting/getFec.js')).handler as Handler;
    const tb = (await import('../../functions/accounting/getTrialBalance.js')).handler as Handler;
    const vat = (await import('../../functions/accounting/getVatFigures.js')).handler as Handler;
    const staff = { role: 'cae_staff' as const, caeId };
    const f = await timed(fec, event('GET /caes/{caeId}/accounting/fec', { caller: staff, pathParameters: { caeId }, query: { fiscalYear: String(YEAR) }, headers: { 'accept-encoding': 'gzip, deflate' } }));
    const payload = Buffer.byteLength(f.last.body ?? '', 'utf8');
    const text = f.last.isBase64Encoded ? gunzipSync(Buffer.from(f.last.body ?? '', 'base64')) : Buffer.from(f.last.body ?? '', 'utf8');
    const bytes = text.byteLength;
    console.log(
      `FEC ${YEAR}: status ${f.last.statusCode}, ${(bytes / 1e6).toFixed(2)} MB of text (${(bytes / lines).toFixed(0)} bytes a line), sent ${f.last.headers?.['content-encoding'] ?? 'uncompressed'} as ${(payload / 1e6).toFixed(2)} MB ` +
        `(${((payload / 6_291_456) * 100).toFixed(0)}% of Lambda's 6 MB response), p50 ${f.p50.toFixed(0)} ms, max ${f.max.toFixed(0)} ms, ${f.requests} DynamoDB requests`,
    );
    const plain = await timed(fec, event('GET /caes/{caeId}/accounting/fec', { caller: staff, pathParameters: { caeId }, query: { fiscalYear: String(YEAR) } }), 1);
    console.log(`FEC ${YEAR} to a client without gzip: status ${plain.last.statusCode} (${plain.last.statusCode === 406 ? 'refused with how to ask' : 'sent'})`);
    const year = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
    const t1 = await timed(tb, event('GET /caes/{caeId}/accounting/trial-balance', { caller: staff, pathParameters: { caeId }, query: year }));
    const t2 = await timed(tb, event('GET /caes/{caeId}/accounting/trial-balance', { caller: staff, pathParameters: { caeId }, query: { from: `${YEAR}-03-01`, to: `${YEAR}-03-31` } }));
    const t5 = await timed(tb, event('GET /caes/{caeId}/accounting/trial-balance', { caller: staff, pathParameters: { caeId }, query: { from: `${YEAR}-01-15`, to: `${YEAR}-12-14` } }));
    const t3 = await timed(tb, event('GET /caes/{caeId}/accounting/trial-balance', { caller: staff, pathParameters: { caeId }, query: { ...year, activity: activities[0] as string } }));
    const t4 = await timed(vat, event('GET /caes/{caeId}/accounting/vat', { caller: staff, pathParameters: { caeId }, query: { month: `${YEAR}-03` } }));
    const row = (label: string, t: Awaited<ReturnType<typeof timed>>) => console.log(`${label.padEnd(36)} status ${t.last.statusCode}  p50 ${t.p50.toFixed(0).padStart(5)} ms  max ${t.max.toFixed(0).padStart(5)} ms  ${t.requests} DynamoDB requests`);
    row('trial balance, CAE, the year', t1);
    row('trial balance, CAE, one month', t2);
    row('trial balance, CAE, 15 Jan to 14 Dec', t5);
    row('trial balance, one activity, the year', t3);
    row('VAT figures, one month', t4);
    console.log(`ratio year ÷ month (CAE trial balance): ${(t1.p50 / t2.p50).toFixed(1)} (whole months read month totals: the cost grows with the months, not the entries)`);

    // Booking cost: events booked one by one through bookEvent, on top of the loaded year.
    const sample = yearOf(ulid(), 999).slice(0, 60).map((e) => ({ ...e, activity: activities[1] as string }) as BusinessEvent);
    const before = counter.requests;
    const start = performance.now();
    for (const e of sample) await bookEvent(caeId, e);
    const ms = performance.now() - start;
    console.log(`bookEvent: ${sample.length} events in ${ms.toFixed(0)} ms (${(ms / sample.length).toFixed(1)} ms each), ${((counter.requests - before) / sample.length).toFixed(1)} DynamoDB requests per event`);
  } finally {
    await dynamo.close();
  }
}
