/**
 * Every flow that moves money reaches the books by itself (docs/domain.md "Accounting"): an issued invoice (VT),
 * its payment (BQ), an approved supplier invoice (AC) and an approved expense claim (NDF), each balanced, with
 * the activity as analytic code, over the real HTTP server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../domain/money.js';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { runAsOf } from '../support/clock.js';
import { aCompany, aLine, settingsFor } from '../support/invoicing.js';
import { client, replyLog, startApi, tokenFor } from '../support/localApi.js';

runAsOf('2025-06-15');

let api: LocalApi;
let staff: ReturnType<typeof client>;
let caeId: string;
let employeeId: string;
const replies = replyLog();
let keys = 0;
const key = () => ({ 'idempotency-key': `flow-${++keys}` });

beforeAll(async () => {
  api = await startApi();
  const admin = client(api.url, await tokenFor({ sub: 'a', role: 'federation_admin' }));
  const cae = aCae();
  caeId = (await admin('POST', '/caes', { body: cae })).body.id;
  staff = replies.track(client(api.url, await tokenFor({ sub: 's', role: 'cae_staff', caeId })));
  await staff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } });
  expect((await staff('PUT', `/caes/${caeId}/invoicing-settings`, { body: settingsFor(cae.siret) })).status).toBe(200);
  employeeId = (await staff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: '2025-01-02' }) })).body.id;
  await staff('POST', `/caes/${caeId}/entrepreneurs/${employeeId}/contract`, { body: { signedOn: '2025-01-02', startsOn: '2025-01-02', fixedMonthlyGross: '0.00' } });
  const base = `/caes/${caeId}/entrepreneurs/${employeeId}`;

  const customer = await staff('POST', `${base}/customers`, { body: aCompany });
  const draft = await staff('POST', `${base}/invoices`, { body: { customerId: customer.body.id, operationKind: 'services', lines: [aLine('80.00', '0.20', '10')] } });
  const issued = await staff('POST', `${base}/invoices/${draft.body.id}/issue`, { headers: key(), body: { issuedOn: '2025-03-10' } });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  const paid = await staff('POST', `${base}/invoices/${draft.body.id}/payments`, { headers: key(), body: { receivedOn: '2025-03-20', amount: '960.00', method: 'transfer' } });
  expect(paid.status, JSON.stringify(paid.body)).toBe(201);

  const purchase = await staff('POST', `${base}/supplier-invoices`, {
    body: { supplier: { name: 'Imprimerie du Rhône', siren: '732829320' }, number: 'F-77', issuedOn: '2025-03-05', lines: [{ description: 'Flyers', amountExclVat: '120.00', vatRate: '0.20' }], purchaseForResale: false },
  });
  expect(purchase.status, JSON.stringify(purchase.body)).toBe(201);
  expect((await staff('POST', `${base}/supplier-invoices/${purchase.body.id}/approval`, { headers: key() })).status).toBe(201);

  const claim = await staff('POST', `${base}/expense-claims`, {
    body: { lines: [{ kind: 'expense', date: '2025-03-12', description: 'Déjeuner client', amountExclVat: '25.00', vatRate: '0.10', category: 'meals' }] },
  });
  expect(claim.status, JSON.stringify(claim.body)).toBe(201);
  expect((await staff('POST', `${base}/expense-claims/${claim.body.id}/submission`)).status).toBe(201);
  expect((await staff('POST', `${base}/expense-claims/${claim.body.id}/approval`, { headers: key() })).status).toBe(201);
});

afterAll(async () => {
  await api?.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

interface Line {
  account: string;
  debit: string;
  credit: string;
  activity?: string;
}

describe('the flows in the books', () => {
  it('book the invoice (VT), its payment (BQ), the supplier invoice (AC) and the claim (NDF), each balanced, on the activity', async () => {
    const list = await staff('GET', `/caes/${caeId}/accounting/entries?from=2025-03-01&to=2025-03-31`);
    expect(list.status).toBe(200);
    const entries = list.body.items as { journal: string; lines: Line[] }[];
    expect(entries.map((e) => e.journal).sort()).toEqual(['AC', 'BQ', 'NDF', 'VT']);
    for (const entry of entries) {
      const sum = (side: 'debit' | 'credit') => entry.lines.reduce((s, l) => s.plus(l[side]), new Dec(0)).toFixed(2);
      expect(sum('debit'), entry.journal).toBe(sum('credit'));
      expect(entry.lines.some((l) => l.activity === employeeId), entry.journal).toBe(true);
    }
    const sales = entries.find((e) => e.journal === 'VT')?.lines ?? [];
    expect(sales.find((l) => l.account.startsWith('706'))?.credit).toBe('800.00');
  });

  it('give a trial balance whose debits equal its credits', async () => {
    const tb = await staff('GET', `/caes/${caeId}/accounting/trial-balance?from=2025-03-01&to=2025-03-31`);
    expect(tb.status).toBe(200);
    expect(tb.body.totals.debit).toBe(tb.body.totals.credit);
    expect(new Dec(tb.body.totals.debit).gt(0)).toBe(true);
  });
});
