/**
 * Invoicing over real HTTP (docs/api.md "Invoicing"): settings, customers, quotes, drafts, issue with gapless
 * numbers and revenue posted, credit notes, payments and the "collected" base, lists, documents, roles, and the
 * refusals a client can cause. Dates are fixed in 2026 (nothing here reads today). Nothing may give a 5xx.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withOptimisticRetry } from '../../functions/shared/optimistic.js';
import { getCae, saveCae } from '../../functions/shared/repositories/caes.js';
import { type LocalApi, startLocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { aCompany, aLine, settingsFor } from '../support/invoicing.js';
import { client, expectProblem, replyLog, startApi, TEST_SECRET, tokenFor } from '../support/localApi.js';

const Y = 2026;
let api: LocalApi;
let asAdmin: ReturnType<typeof client>;
const replies = replyLog();

interface Activity {
  caeId: string;
  staff: ReturnType<typeof client>;
  selfId: string;
  self: ReturnType<typeof client>;
  colleagueId: string;
  colleague: ReturnType<typeof client>;
  customerId: string;
}


async function newEmployee(staff: ReturnType<typeof client>, caeId: string): Promise<string> {
  const person = await staff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: `${Y - 1}-12-01`, tradeName: 'Atelier Durand' }) });
  const contract = await staff('POST', `/caes/${caeId}/entrepreneurs/${person.body.id}/contract`, {
    body: { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' },
  });
  expect(contract.status, JSON.stringify(contract.body)).toBe(201);
  return person.body.id;
}

/** A CAE with invoicing settings, two employees and a customer of the first. */
async function anActivity(settings: Record<string, unknown> = {}): Promise<Activity> {
  const cae = aCae();
  const caeId = (await asAdmin('POST', '/caes', { body: cae })).body.id;
  const staff = replies.track(client(api.url, await tokenFor({ sub: `staff-${caeId}`, role: 'cae_staff', caeId })));
  await staff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  expect((await staff('PUT', `/caes/${caeId}/invoicing-settings`, { body: settingsFor(cae.siret, settings) })).status).toBe(200);
  const selfId = await newEmployee(staff, caeId);
  const colleagueId = await newEmployee(staff, caeId);
  const self = replies.track(client(api.url, await tokenFor({ sub: `self-${selfId}`, role: 'entrepreneur', caeId, entrepreneurId: selfId })));
  const colleague = replies.track(client(api.url, await tokenFor({ sub: `colleague-${colleagueId}`, role: 'entrepreneur', caeId, entrepreneurId: colleagueId })));
  const customer = await self('POST', `/caes/${caeId}/entrepreneurs/${selfId}/customers`, { body: aCompany });
  expect(customer.status, JSON.stringify(customer.body)).toBe(201);
  return { caeId, staff, selfId, self, colleagueId, colleague, customerId: customer.body.id };
}

const base = (a: Activity) => `/caes/${a.caeId}/entrepreneurs/${a.selfId}`;
let keyCounter = 0;
const aKey = () => `key-${Date.now()}-${++keyCounter}`;

async function aDraft(a: Activity, lines = [aLine()], as = a.staff) {
  const draft = await as('POST', `${base(a)}/invoices`, { body: { customerId: a.customerId, operationKind: 'services', lines } });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  return draft.body;
}

function issue(a: Activity, invoiceId: string, issuedOn = `${Y}-03-10`, key = aKey(), as = a.staff) {
  return as('POST', `${base(a)}/invoices/${invoiceId}/issue`, { body: { issuedOn }, headers: { 'Idempotency-Key': key } });
}

beforeAll(async () => {
  api = await startApi();
  asAdmin = client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' }));
});

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

describe('invoicing settings and customers', () => {
  it("refuses a VAT number that is not the CAE's own, and a wrong IBAN, naming the fields", async () => {
    const a = await anActivity();
    const cae = await a.staff('GET', `/caes/${a.caeId}`);
    expectProblem(await a.staff('PUT', `/caes/${a.caeId}/invoicing-settings`, { body: settingsFor('732829320', {}) }), 400, { field: 'body.vatNumber' });
    expectProblem(await a.staff('PUT', `/caes/${a.caeId}/invoicing-settings`, { body: settingsFor(cae.body.siret, { iban: 'FR7630006000011234567890188' }) }), 400, { field: 'body.iban' });
    expectProblem(await a.staff('PUT', `/caes/${a.caeId}/invoicing-settings`, { body: settingsFor(cae.body.siret, { paymentTermsDays: 61 }) }), 400, { field: 'body.paymentTermsDays' });
  });

  it('requires a valid SIREN for a company, checks the VAT key, and requires the address', async () => {
    const a = await anActivity();
    const url = `${base(a)}/customers`;
    expectProblem(await a.self('POST', url, { body: { ...aCompany, siren: undefined, vatNumber: undefined } }), 400, { field: 'body.siren' });
    expectProblem(await a.self('POST', url, { body: { ...aCompany, siren: '732829321' } }), 400, { field: 'body.siren' });
    expectProblem(await a.self('POST', url, { body: { ...aCompany, vatNumber: 'FR45732829320' } }), 400, { field: 'body.vatNumber' });
    expectProblem(await a.self('POST', url, { body: { ...aCompany, address: undefined } }), 400, { field: 'body.address' });
    const person = await a.self('POST', url, { body: { name: 'Camille Martin', kind: 'person', address: aCompany.address } });
    expect(person.status).toBe(201);
    const list = await a.self('GET', url);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['Client SAS', 'Camille Martin']);
  });
});

describe('issuing an invoice', () => {
  it('numbers it YYYY-NNNNNN, dates it due 30 days later and posts one revenue entry per VAT rate', async () => {
    const a = await anActivity();
    const draft = await aDraft(a, [aLine('80.00', '0.20'), aLine('100.00', '0.055', '1')]);
    expect(draft).toMatchObject({ status: 'draft', number: null, totals: { exclVat: '300.00', inclVat: '345.50' } });
    const issued = await issue(a, draft.id);
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body).toMatchObject({ status: 'issued', number: `${Y}-000001`, issuedOn: `${Y}-03-10`, dueOn: `${Y}-04-09`, amountDue: '345.50' });
    const entries = await a.staff('GET', `${base(a)}/transactions?month=${Y}-03`);
    expect(entries.body.items.map((e: Record<string, string>) => [e.type, e.amountExclVat, e.vatRate, e.vatAmount, e.reference])).toEqual([
      ['revenue', '200.00', '0.20', '40.00', `${Y}-000001`],
      ['revenue', '100.00', '0.055', '5.50', `${Y}-000001`],
    ]);
    const account = await a.staff('GET', `${base(a)}/account?month=${Y}-03`);
    expect(account.body).toMatchObject({ revenue: '300.00', vatCollected: '45.50', contribution: '30.00' });
  });

  it('answers a repeat (same key, same body) with the same number, and another key with a 409', async () => {
    const a = await anActivity();
    const draft = await aDraft(a);
    const key = aKey();
    const first = await issue(a, draft.id, `${Y}-03-10`, key);
    const again = await issue(a, draft.id, `${Y}-03-10`, key);
    expect(again.status).toBe(201);
    expect(again.body.number).toBe(first.body.number);
    expectProblem(await issue(a, draft.id, `${Y}-03-10`, aKey()), 409, { type: 'invoice-not-draft' });
    const entries = await a.staff('GET', `${base(a)}/transactions?month=${Y}-03`);
    expect(entries.body.items).toHaveLength(1);
  });

  it('never edits nor deletes an issued invoice (409), and deletes a draft', async () => {
    const a = await anActivity();
    const draft = await aDraft(a);
    await issue(a, draft.id);
    const body = { customerId: a.customerId, operationKind: 'services', lines: [aLine('1.00', '0.20', '1')] };
    expectProblem(await a.staff('PUT', `${base(a)}/invoices/${draft.id}`, { body }), 409, { type: 'invoice-not-draft' });
    expectProblem(await a.staff('DELETE', `${base(a)}/invoices/${draft.id}`), 409, { type: 'invoice-not-draft' });
    const other = await aDraft(a);
    expect((await a.staff('PUT', `${base(a)}/invoices/${other.id}`, { body })).body.totals.exclVat).toBe('1.00');
    expect((await a.staff('DELETE', `${base(a)}/invoices/${other.id}`)).status).toBe(204);
    expect((await a.staff('GET', `${base(a)}/invoices/${other.id}`)).status).toBe(404);
  });

  it('refuses a draft without lines (422), a date in a closed month (409), bad lines (400), and changes nothing', async () => {
    const a = await anActivity();
    const empty = await aDraft(a, []);
    expectProblem(await issue(a, empty.id), 422, { type: 'no-lines' });
    const draft = await aDraft(a);
    await withOptimisticRetry(async () => saveCae({ ...(await getCae(a.caeId)), lastClosedMonth: `${Y}-02` }));
    expectProblem(await issue(a, draft.id, `${Y}-02-20`), 409, { type: 'month-closed', field: 'body.issuedOn' });
    const url = `${base(a)}/invoices`;
    const lines = (line: Record<string, unknown>) => ({ body: { customerId: a.customerId, operationKind: 'services', lines: [{ ...aLine(), ...line }] } });
    expectProblem(await a.staff('POST', url, lines({ quantity: '0' })), 400, { field: 'body.lines.0.quantity' });
    expectProblem(await a.staff('POST', url, lines({ quantity: '1.00001' })), 400, { field: 'body.lines.0.quantity' });
    expectProblem(await a.staff('POST', url, lines({ unitPriceExclVat: 80 })), 400, { field: 'body.lines.0.unitPriceExclVat' });
    expectProblem(await a.staff('POST', url, lines({ vatRate: '0.19' })), 400, { field: 'body.lines.0.vatRate' });
    expectProblem(await a.staff('POST', url, { body: { customerId: a.customerId, operationKind: 'services', lines: [], paymentTermsDays: 61 } }), 400, { field: 'body.paymentTermsDays' });
    // The next issue still takes the first number: the refusals took none.
    expect((await issue(a, draft.id, `${Y}-03-01`)).body.number).toBe(`${Y}-000001`);
  });

  it('gives 20 concurrent issues on one CAE 20 consecutive numbers, none twice', async () => {
    const a = await anActivity();
    const drafts = [];
    for (let i = 0; i < 20; i++) drafts.push(await aDraft(a));
    // Through a server that waits as long as API Gateway does (29 s): a sequence is taken one number at a time,
    // and this machine is shared, so 20 at once may take longer than the local server's default 10 s.
    const patient = await startLocalApi({ jwtSecret: TEST_SECRET, timeoutMs: 29_000 });
    const staff = replies.track(client(patient.url, await tokenFor({ sub: `staff-${a.caeId}`, role: 'cae_staff', caeId: a.caeId })));
    const issued = await Promise.all(drafts.map((d) => issue(a, d.id, `${Y}-03-10`, aKey(), staff))).finally(() => patient.close());
    for (const reply of issued) expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const numbers = issued.map((r) => r.body.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `${Y}-${String(i + 1).padStart(6, '0')}`));
  }, 90_000);

  it('starts each year at 000001 and refuses a date before the last one numbered', async () => {
    const a = await anActivity();
    await issue(a, (await aDraft(a)).id, `${Y}-03-10`);
    expectProblem(await issue(a, (await aDraft(a)).id, `${Y}-03-09`), 422, { type: 'issue-date-out-of-sequence', field: 'body.issuedOn' });
    expect((await issue(a, (await aDraft(a)).id, `${Y + 1}-01-04`)).body.number).toBe(`${Y + 1}-000001`);
  });
});

describe('credit notes and payments', () => {
  it('credits all that remains in the same sequence, reversing the revenue, and refuses more', async () => {
    const a = await anActivity();
    const invoice = (await issue(a, (await aDraft(a, [aLine('80.00', '0.20'), aLine('100.00', '0.055', '1')])).id)).body;
    const partial = await a.staff('POST', `${base(a)}/invoices/${invoice.id}/credit-notes`, {
      body: { issuedOn: `${Y}-03-12`, reason: 'Remise', lines: [aLine('10.00', '0.20', '1')] },
      headers: { 'Idempotency-Key': aKey() },
    });
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect(partial.body).toMatchObject({ kind: 'credit_note', number: `${Y}-000002`, creditedInvoiceId: invoice.id, totals: { inclVat: '12.00' } });
    const tooMuch = await a.staff('POST', `${base(a)}/invoices/${invoice.id}/credit-notes`, {
      body: { issuedOn: `${Y}-03-12`, reason: 'Trop', lines: [aLine('1000.00', '0.20', '1')] },
      headers: { 'Idempotency-Key': aKey() },
    });
    expectProblem(tooMuch, 422, { type: 'credit-exceeds-remaining' });
    const rest = await a.staff('POST', `${base(a)}/invoices/${invoice.id}/credit-notes`, { body: { issuedOn: `${Y}-03-13`, reason: 'Annulation' }, headers: { 'Idempotency-Key': aKey() } });
    expect(rest.body).toMatchObject({ number: `${Y}-000003`, totals: { exclVat: '290.00', inclVat: '333.50' } });
    const after = await a.staff('GET', `${base(a)}/invoices/${invoice.id}`);
    expect(after.body).toMatchObject({ status: 'credited', credited: '345.50', amountDue: '0.00' });
    const account = await a.staff('GET', `${base(a)}/account?month=${Y}-03`);
    expect(account.body).toMatchObject({ revenue: '0.00', vatCollected: '0.00' });
  });

  it('records payments up to what is due: partially_paid, then paid; more is a 422', async () => {
    const a = await anActivity();
    const invoice = (await issue(a, (await aDraft(a)).id)).body; // 240.00 incl. VAT
    const pay = (amount: string, key = aKey()) =>
      a.staff('POST', `${base(a)}/invoices/${invoice.id}/payments`, { body: { receivedOn: `${Y}-03-20`, amount, method: 'transfer' }, headers: { 'Idempotency-Key': key } });
    const key = aKey();
    expect((await pay('100.00', key)).body).toMatchObject({ status: 'partially_paid', paid: '100.00', amountDue: '140.00' });
    expect((await pay('100.00', key)).body.paid).toBe('100.00');
    expectProblem(await pay('140.01'), 422, { type: 'payment-exceeds-due', field: 'body.amount' });
    expect((await pay('140.00')).body).toMatchObject({ status: 'paid', amountDue: '0.00' });
    const entries = await a.staff('GET', `${base(a)}/transactions?month=${Y}-03`);
    expect(entries.body.items.filter((e: { type: string }) => e.type === 'collection').map((e: { amountExclVat: string }) => e.amountExclVat)).toEqual(['83.33', '116.67']);
    // The federation summary shows the month's invoiced and collected revenue, excl. VAT.
    let row: Record<string, unknown> | undefined;
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: { body: { items: { caeId: string }[]; nextCursor: string | null } } = await asAdmin('GET', `/federation/summary?month=${Y}-03&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      row = row ?? page.body.items.find((r) => r.caeId === a.caeId);
      cursor = page.body.nextCursor;
    }
    expect(row).toMatchObject({ invoiced: '200.00', collected: '200.00' });
  });

  it('computes a "collected" policy on the payments received in the month, excl. VAT', async () => {
    const a = await anActivity();
    const policy = await a.staff('PUT', `/caes/${a.caeId}/contribution-policy`, { body: { effectiveFrom: `${Y}-01`, policy: { kind: 'flat', rate: '0.10', base: 'collected' } } });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    const invoice = (await issue(a, (await aDraft(a)).id)).body; // 200.00 excl. VAT
    await a.staff('POST', `${base(a)}/invoices/${invoice.id}/payments`, { body: { receivedOn: `${Y}-04-02`, amount: '120.00', method: 'card' }, headers: { 'Idempotency-Key': aKey() } });
    expect((await a.staff('GET', `${base(a)}/account?month=${Y}-03`)).body).toMatchObject({ revenue: '200.00', contribution: '0.00' });
    expect((await a.staff('GET', `${base(a)}/account?month=${Y}-04`)).body).toMatchObject({ revenue: '0.00', contribution: '10.00' });
  });

  it("lists the CAE's receivables overdue on a day", async () => {
    const a = await anActivity();
    const early = (await issue(a, (await aDraft(a)).id, `${Y}-01-05`)).body; // due 02-04
    const late = (await issue(a, (await aDraft(a)).id, `${Y}-03-05`)).body; // due 04-04
    const paid = (await issue(a, (await aDraft(a)).id, `${Y}-03-06`)).body;
    await a.staff('POST', `${base(a)}/invoices/${paid.id}/payments`, { body: { receivedOn: `${Y}-03-07`, amount: '240.00', method: 'check' }, headers: { 'Idempotency-Key': aKey() } });
    const overdue = await a.staff('GET', `/caes/${a.caeId}/invoices?overdueOn=${Y}-03-01`);
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([early.id]);
    const later = await a.staff('GET', `/caes/${a.caeId}/invoices?overdueOn=${Y}-05-01`);
    expect(later.body.items.map((i: { id: string }) => i.id)).toEqual([early.id, late.id]);
    const all = await a.staff('GET', `/caes/${a.caeId}/invoices?status=paid`);
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([paid.id]);
    const mine = await a.self('GET', `${base(a)}/invoices?from=${Y}-03-01&to=${Y}-03-31`);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([late.id, paid.id]);
  });
});

describe('quotes', () => {
  it('numbers quotes D-YYYY-NNNNN, accepts or refuses them once, and draws invoices from accepted ones only', async () => {
    const a = await anActivity();
    const body = { customerId: a.customerId, issuedOn: `${Y}-02-01`, validUntil: `${Y}-03-01`, lines: [aLine()] };
    const first = await a.self('POST', `${base(a)}/quotes`, { body });
    expect(first.body).toMatchObject({ number: `D-${Y}-00001`, status: 'sent', totals: { inclVat: '240.00' } });
    const second = await a.self('POST', `${base(a)}/quotes`, { body });
    expect(second.body.number).toBe(`D-${Y}-00002`);
    expectProblem(await a.self('POST', `${base(a)}/quotes/${first.body.id}/acceptance`, { body: { acceptedOn: `${Y}-03-02` } }), 422, { type: 'quote-expired' });
    expect((await a.self('POST', `${base(a)}/quotes/${first.body.id}/acceptance`, { body: { acceptedOn: `${Y}-02-10` } })).body.status).toBe('accepted');
    expectProblem(await a.self('POST', `${base(a)}/quotes/${first.body.id}/refusal`, { body: { refusedOn: `${Y}-02-11` } }), 409, { type: 'quote-already-answered' });
    expect((await a.self('POST', `${base(a)}/quotes/${second.body.id}/refusal`, { body: { refusedOn: `${Y}-02-11`, reason: 'Trop cher' } })).body.status).toBe('refused');
    const fromRefused = await a.self('POST', `${base(a)}/invoices`, { body: { customerId: a.customerId, quoteId: second.body.id, operationKind: 'services', lines: [aLine()] } });
    expectProblem(fromRefused, 422, { type: 'quote-not-accepted' });
    const fromAccepted = await a.self('POST', `${base(a)}/invoices`, { body: { customerId: a.customerId, quoteId: first.body.id, operationKind: 'services', lines: [aLine()] } });
    expect(fromAccepted.body.quoteId).toBe(first.body.id);
  });
});

describe('who may invoice', () => {
  it("lets an entrepreneur issue alone up to the CAE's limit; above it staff issue (403)", async () => {
    const a = await anActivity({ selfIssueLimit: '500.00' });
    const small = await aDraft(a, [aLine()], a.self);
    expect((await issue(a, small.id, `${Y}-03-10`, aKey(), a.self)).status).toBe(201);
    const big = await aDraft(a, [aLine('1000.00')], a.self);
    expectProblem(await issue(a, big.id, `${Y}-03-10`, aKey(), a.self), 403);
    expect((await issue(a, big.id, `${Y}-03-10`, aKey(), a.staff)).body.number).toBe(`${Y}-000002`);
  });

  it("hides a colleague's and another CAE's invoices (404) and shows funders nothing (403)", async () => {
    const a = await anActivity();
    const b = await anActivity();
    const invoice = await aDraft(a);
    expectProblem(await a.colleague('GET', `${base(a)}/invoices/${invoice.id}`), 404);
    expectProblem(await a.colleague('GET', `${base(a)}/customers`), 404);
    expectProblem(await b.staff('GET', `${base(a)}/invoices/${invoice.id}`), 404);
    expectProblem(await b.staff('GET', `/caes/${a.caeId}/invoices`), 404);
    expectProblem(await a.self('GET', `/caes/${a.caeId}/invoices`), 403);
    const funder = replies.track(client(api.url, await tokenFor({ sub: 'funder', role: 'funder', territories: ['departement:69'] })));
    expectProblem(await funder('GET', `${base(a)}/invoices/${invoice.id}`), 403);
    expectProblem(await funder('POST', `${base(a)}/customers`, { body: aCompany }), 403);
  });
});

describe('documents', () => {
  it('serves an issued invoice as Factur-X PDF and CII XML; a draft has neither (409)', async () => {
    const a = await anActivity();
    const draft = await aDraft(a);
    expectProblem(await a.self('GET', `${base(a)}/invoices/${draft.id}/facturx`), 409);
    expectProblem(await a.self('GET', `${base(a)}/invoices/${draft.id}/cii`), 409);
    await issue(a, draft.id);
    const res = await fetch(`${api.url}${base(a)}/invoices/${draft.id}/facturx`, { headers: { authorization: `Bearer ${await tokenFor({ sub: 's', role: 'cae_staff', caeId: a.caeId })}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.includes(Buffer.from('factur-x.xml'))).toBe(true);
    const cii = await a.self('GET', `${base(a)}/invoices/${draft.id}/cii`);
    expect(cii.contentType).toBe('application/xml');
    expect(cii.body).toContain(`${Y}-000001`);
  });
});
