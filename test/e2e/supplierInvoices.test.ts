/**
 * Supplier invoices over real HTTP: typed in, imported from e-invoices uploaded to the local object storage
 * (Factur-X PDF, CII, UBL), approved by staff into the ledger, and the refusals, none of them a 5xx.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { anInvoice, ciiXml, facturXPdf, type FixtureInvoice, ublXml } from '../support/einvoiceFixtures.js';
import { client, expectProblem, replyLog, startApi, tokenFor } from '../support/localApi.js';
import { payMonth } from '../integration/activity/fixtures.js';

/** A fixed year the payroll rate tables cover (a month is closed through the real payroll below). */
const Y = 2026;

let api: LocalApi;
let asAdmin: ReturnType<typeof client>;
let asStaff: ReturnType<typeof client>;
let asSelf: ReturnType<typeof client>;
let asColleague: ReturnType<typeof client>;
let caeId: string;
let selfId: string;
let colleagueId: string;
const replies = replyLog();

async function newEmployee(staff: ReturnType<typeof client>, cae: string): Promise<string> {
  const person = await staff('POST', `/caes/${cae}/entrepreneurs`, { body: aPerson({ welcomedOn: `${Y - 1}-12-01` }) });
  const contract = await staff('POST', `/caes/${cae}/entrepreneurs/${person.body.id}/contract`, {
    body: { signedOn: `${Y}-01-01`, startsOn: `${Y}-01-01`, fixedMonthlyGross: '0.00' },
  });
  expect(contract.status).toBe(201);
  return person.body.id;
}

async function newCae(): Promise<{ cae: string; staff: ReturnType<typeof client> }> {
  const cae = (await asAdmin('POST', '/caes', { body: aCae() })).body.id as string;
  const staff = replies.track(client(api.url, await tokenFor({ sub: `staff-${cae}`, role: 'cae_staff', caeId: cae })));
  await staff('PUT', `/caes/${cae}/settings`, { body: { requireConventionBeforeContract: false } });
  return { cae, staff };
}

beforeAll(async () => {
  api = await startApi();
  asAdmin = replies.track(client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' })));
  ({ cae: caeId, staff: asStaff } = await newCae());
  selfId = await newEmployee(asStaff, caeId);
  colleagueId = await newEmployee(asStaff, caeId);
  asSelf = replies.track(client(api.url, await tokenFor({ sub: 'self', role: 'entrepreneur', caeId, entrepreneurId: selfId })));
  asColleague = replies.track(client(api.url, await tokenFor({ sub: 'colleague', role: 'entrepreneur', caeId, entrepreneurId: colleagueId })));
});

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

const base = (id = selfId, cae = caeId) => `/caes/${cae}/entrepreneurs/${id}`;
const number = () => `F-${randomUUID().slice(0, 8)}`;

function typed(overrides: Record<string, unknown> = {}) {
  return {
    supplier: { name: 'Imprimerie du Rhône', siren: '732829320', vatNumber: 'FR44732829320' },
    number: number(),
    issuedOn: `${Y}-05-20`,
    dueOn: `${Y}-06-19`,
    lines: [
      { description: 'Flyers', amountExclVat: '100.05', vatRate: '0.20' },
      { description: 'Brochure', amountExclVat: '10.10', vatRate: '0.055' },
    ],
    purchaseForResale: true,
    ...overrides,
  };
}

/** Registers and uploads a receipt; its id. */
async function uploaded(file: Uint8Array, contentType: string, as = asSelf, id = selfId): Promise<string> {
  const created = await as('POST', `${base(id)}/receipts`, { body: { fileName: 'invoice', contentType, size: file.byteLength } });
  expect(created.status).toBe(201);
  const put = await fetch(created.body.uploadUrl, { method: 'PUT', headers: created.body.uploadHeaders, body: file });
  expect(put.status).toBe(200);
  return created.body.id;
}

const xml = (text: string) => new TextEncoder().encode(text);
const importFrom = (receiptId: string, as = asSelf, extra: Record<string, unknown> = {}) =>
  as('POST', `${base()}/supplier-invoices/import`, { body: { receiptId, ...extra } });
const approve = (invoiceId: string, key: string = randomUUID(), as = asStaff, id = selfId) =>
  as('POST', `${base(id)}/supplier-invoices/${invoiceId}/approval`, { headers: { 'Idempotency-Key': key } });
const monthEntries = async (m: string, id = selfId) => (await asStaff('GET', `${base(id)}/transactions?month=${m}&limit=200`)).body.items as { reference?: string; category?: string; amountExclVat: string; vatAmount: string; vatRate: string }[];

describe('a typed-in supplier invoice', () => {
  it('is a draft with its VAT per rate and its totals, shown to the entrepreneur and in the lists', async () => {
    const created = await asSelf('POST', `${base()}/supplier-invoices`, { body: typed() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      source: 'typed',
      vatBreakdown: [
        { vatRate: '0.20', taxableAmount: '100.05', vatAmount: '20.01' },
        { vatRate: '0.055', taxableAmount: '10.10', vatAmount: '0.56' },
      ],
      totalExclVat: '110.15',
      vat: '20.57',
      total: '130.72',
    });
    expect((await asSelf('GET', `${base()}/supplier-invoices/${created.body.id}`)).body).toEqual(created.body);
    const drafts = await asSelf('GET', `${base()}/supplier-invoices?status=draft`);
    expect(drafts.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    const queue = await asStaff('GET', `/caes/${caeId}/supplier-invoices?status=draft&limit=200`);
    const ids = queue.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(created.body.id);
    expect([...ids].sort()).toEqual(ids); // oldest first
  });

  it('is a 409 the second time with the same supplier SIREN and number, even from a colleague', async () => {
    const body = typed();
    expect((await asSelf('POST', `${base()}/supplier-invoices`, { body })).status).toBe(201);
    expectProblem(await asColleague('POST', `${base(colleagueId)}/supplier-invoices`, { body: { ...body, supplier: { name: 'Other spelling', siren: '732829320' } } }), 409, { type: 'duplicate-supplier-invoice' });
    expectProblem(await asSelf('POST', `${base()}/supplier-invoices`, { body: { ...body, number: ` ${body.number.toLowerCase()} ` } }), 409, { type: 'duplicate-supplier-invoice' });
  });

  it('is no duplicate in another CAE', async () => {
    const body = typed();
    expect((await asSelf('POST', `${base()}/supplier-invoices`, { body })).status).toBe(201);
    const other = await newCae();
    const otherId = await newEmployee(other.staff, other.cae);
    expect((await other.staff('POST', `${base(otherId, other.cae)}/supplier-invoices`, { body })).status).toBe(201);
  });

  it('refuses bad input naming the field', async () => {
    expectProblem(await asSelf('POST', `${base()}/supplier-invoices`, { body: typed({ lines: [] }) }), 400, { field: 'body.lines' });
    expectProblem(await asSelf('POST', `${base()}/supplier-invoices`, { body: typed({ supplier: { name: 'X', siren: '123456789' } }) }), 400, { field: 'body.supplier.siren' });
    expectProblem(await asSelf('POST', `${base()}/supplier-invoices`, { body: typed({ lines: [{ description: 'x', amountExclVat: 12.5, vatRate: '0.20' }] }) }), 400, { field: 'body.lines.0.amountExclVat' });
    expectProblem(await asSelf('POST', `${base()}/supplier-invoices`, { body: typed({ lines: [{ description: 'x', amountExclVat: '1.00', vatRate: '0.19' }] }) }), 400, { field: 'body.lines.0.vatRate' });
    expectProblem(await asSelf('POST', `${base()}/supplier-invoices`, { body: typed({ dueOn: `${Y}-05-01` }) }), 422, { field: 'body.dueOn', type: 'due-before-issue' });
    expectProblem(await asSelf('POST', `${base()}/supplier-invoices`, { body: typed({ receiptId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }) }), 404, { field: 'body.receiptId' });
  });

  it("is a 404 for another entrepreneur and another CAE's staff", async () => {
    const created = await asSelf('POST', `${base()}/supplier-invoices`, { body: typed() });
    expectProblem(await asColleague('GET', `${base()}/supplier-invoices/${created.body.id}`), 404);
    expectProblem(await asColleague('GET', `${base(colleagueId)}/supplier-invoices/${created.body.id}`), 404);
    const other = await newCae();
    expectProblem(await other.staff('GET', `${base()}/supplier-invoices/${created.body.id}`), 404);
    expectProblem(await other.staff('GET', `/caes/${caeId}/supplier-invoices`), 404);
  });
});

describe('an imported e-invoice', () => {
  const fixture = (overrides: Partial<FixtureInvoice> = {}) => anInvoice({ number: number(), issuedOn: `${Y}-05-12`, dueOn: `${Y}-06-11`, ...overrides });
  const expectedTotals = { totalExclVat: '111.50', vat: '18.68', total: '130.18', amountDue: '130.18' };

  it('fills a draft from a Factur-X PDF', async () => {
    const inv = fixture();
    const receiptId = await uploaded(await facturXPdf(ciiXml(inv)), 'application/pdf');
    const imported = await importFrom(receiptId, asSelf, { purchaseForResale: true });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      status: 'draft',
      source: 'facturx',
      receiptId,
      supplier: { name: 'Papeterie Lumière SARL', siren: '732829320', vatNumber: 'FR44732829320' },
      number: inv.number,
      issuedOn: `${Y}-05-12`,
      dueOn: `${Y}-06-11`,
      purchaseForResale: true,
      ...expectedTotals,
    });
    expect(imported.body.lines).toHaveLength(3);
  });

  it('fills a draft from CII and from UBL XML', async () => {
    const fromCii = await importFrom(await uploaded(xml(ciiXml(fixture())), 'application/xml'));
    expect(fromCii.body).toMatchObject({ source: 'cii', ...expectedTotals });
    const fromUbl = await importFrom(await uploaded(xml(ublXml(fixture())), 'application/xml'));
    expect(fromUbl.body).toMatchObject({ source: 'ubl', ...expectedTotals });
  });

  it('is a 409 when the same invoice is imported twice', async () => {
    const file = xml(ublXml(fixture()));
    expect((await importFrom(await uploaded(file, 'application/xml'))).status).toBe(201);
    expectProblem(await importFrom(await uploaded(file, 'application/xml')), 409, { type: 'duplicate-supplier-invoice' });
  });

  it('refuses totals that do not add up with a 422 naming the e-invoice field, and stores nothing', async () => {
    const before = (await asSelf('GET', `${base()}/supplier-invoices?limit=200`)).body.items.length;
    const receiptId = await uploaded(xml(ciiXml(fixture({ totals: { lineTotal: '999.00' } }))), 'application/xml');
    expectProblem(await importFrom(receiptId), 422, { field: 'einvoice.totals.lineTotal', type: 'einvoice-lines-do-not-match-totals' });
    expect((await asSelf('GET', `${base()}/supplier-invoices?limit=200`)).body.items.length).toBe(before);
  });

  it('refuses a malicious XML (external entity, billion laughs) with a 422', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Invoice><ID>&x;</ID></Invoice>';
    expectProblem(await importFrom(await uploaded(xml(xxe), 'application/xml')), 422, { type: 'einvoice-doctype-forbidden' });
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 8 }, (_, i) => `<!ENTITY b${i} "${`&${i === 0 ? 'a' : `b${i - 1}`};`.repeat(10)}">`).join('')}]><Invoice>&b7;</Invoice>`;
    expectProblem(await importFrom(await uploaded(xml(laughs), 'application/xml')), 422, { type: 'einvoice-doctype-forbidden' });
  });

  it('refuses an XML that is no invoice, and an image', async () => {
    expectProblem(await importFrom(await uploaded(xml('<?xml version="1.0"?><Order><ID>1</ID></Order>'), 'application/xml')), 422, { type: 'einvoice-not-an-invoice' });
    expectProblem(await importFrom(await uploaded(new Uint8Array(16).fill(1), 'image/png')), 422, { field: 'body.receiptId', type: 'einvoice-not-an-einvoice' });
  });

  it('is a 409 before the file is uploaded, and a 404 for a receipt of another entrepreneur', async () => {
    const pending = await asSelf('POST', `${base()}/receipts`, { body: { fileName: 'x.xml', contentType: 'application/xml', size: 10 } });
    expectProblem(await importFrom(pending.body.id), 409, { type: 'receipt-not-uploaded' });
    const theirs = await uploaded(xml(ciiXml(fixture())), 'application/xml', asColleague, colleagueId);
    expectProblem(await importFrom(theirs), 404, { field: 'body.receiptId' });
  });
});

describe('approval', () => {
  it('posts one expense per VAT rate at the issue date, as purchases for resale when flagged', async () => {
    const body = typed({ issuedOn: `${Y}-05-20` });
    const created = await asSelf('POST', `${base()}/supplier-invoices`, { body });
    const approved = await approve(created.body.id);
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ status: 'approved', approvedAt: expect.any(String) });
    expect(approved.body.entryIds).toHaveLength(2);
    const reference = `732829320 ${body.number}`;
    const posted = (await monthEntries(`${Y}-05`)).filter((e) => e.reference === reference);
    expect(posted.map((e) => [e.vatRate, e.amountExclVat, e.vatAmount, e.category])).toEqual([
      ['0.20', '100.05', '20.01', 'purchase_for_resale'],
      ['0.055', '10.10', '0.56', 'purchase_for_resale'],
    ]);
    const queue = await asStaff('GET', `/caes/${caeId}/supplier-invoices?status=approved&limit=200`);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
  });

  it('answers the same a second time, with another key too, and posts nothing twice', async () => {
    const body = typed({ issuedOn: `${Y}-05-21`, purchaseForResale: false });
    const created = await asSelf('POST', `${base()}/supplier-invoices`, { body });
    const key = randomUUID();
    const first = await approve(created.body.id, key);
    expect((await approve(created.body.id, key)).body).toEqual(first.body);
    expect((await approve(created.body.id)).body).toEqual(first.body);
    const posted = (await monthEntries(`${Y}-05`)).filter((e) => e.reference === `732829320 ${body.number}`);
    expect(posted).toHaveLength(2);
    expect(new Set(posted.map((e) => e.category))).toEqual(new Set(['other']));
  });

  it('is for staff only, and refuses the same key for another invoice', async () => {
    const a = await asSelf('POST', `${base()}/supplier-invoices`, { body: typed() });
    const b = await asSelf('POST', `${base()}/supplier-invoices`, { body: typed() });
    expectProblem(await approve(a.body.id, randomUUID(), asSelf), 403);
    expectProblem(await asStaff('POST', `${base()}/supplier-invoices/${a.body.id}/approval`), 400, { field: 'headers.idempotency-key' });
    const key = randomUUID();
    expect((await approve(a.body.id, key)).status).toBe(201);
    expectProblem(await approve(b.body.id, key), 409, { type: 'idempotency-key-reused' });
  });

  it('is a 409 month-closed for an invoice dated in a month closed by payroll, and posts nothing', async () => {
    const { cae, staff } = await newCae();
    const id = await newEmployee(staff, cae);
    const created = await staff('POST', `${base(id, cae)}/supplier-invoices`, { body: typed({ issuedOn: `${Y}-03-10`, dueOn: undefined }) });
    expect(created.status).toBe(201);
    await payMonth(cae, `${Y}-03`);
    const refused = await staff('POST', `${base(id, cae)}/supplier-invoices/${created.body.id}/approval`, { headers: { 'Idempotency-Key': randomUUID() } });
    expectProblem(refused, 409, { field: 'issuedOn', type: 'month-closed' });
    expect((await staff('GET', `${base(id, cae)}/transactions?month=${Y}-03`)).body.items).toEqual([]);
    expect((await staff('GET', `${base(id, cae)}/supplier-invoices/${created.body.id}`)).body.status).toBe('draft');
  });
});
