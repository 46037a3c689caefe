/** Thin wrappers around the accounting handlers, and events dated in the activity tests' fixed year. */
import { expect } from 'vitest';
import type { InvoiceIssued, PaymentReceived } from '../../../domain/accounting/index.js';
import { handler as getFec } from '../../../functions/accounting/getFec.js';
import { handler as getTrialBalance } from '../../../functions/accounting/getTrialBalance.js';
import { handler as getVatFigures } from '../../../functions/accounting/getVatFigures.js';
import { handler as listEntries } from '../../../functions/accounting/listEntries.js';
import { handler as putSettings } from '../../../functions/accounting/putSettings.js';
import { event, invoke, type Reply, staffOf, type TestCaller } from '../../support/events.js';
import { day } from '../activity/fixtures.js';

const caller = (caeId: string, as?: TestCaller) => as ?? staffOf(caeId);

export const putAccountingSettings = (caeId: string, body: unknown, as?: TestCaller): Promise<Reply> =>
  invoke(putSettings, event('PUT /caes/{caeId}/accounting-settings', { caller: caller(caeId, as), pathParameters: { caeId }, body }));

export const entries = (caeId: string, query: Record<string, string>, as?: TestCaller): Promise<Reply> =>
  invoke(listEntries, event('GET /caes/{caeId}/accounting/entries', { caller: caller(caeId, as), pathParameters: { caeId }, query }));

export const trialBalance = (caeId: string, query: Record<string, string>, as?: TestCaller): Promise<Reply> =>
  invoke(getTrialBalance, event('GET /caes/{caeId}/accounting/trial-balance', { caller: caller(caeId, as), pathParameters: { caeId }, query }));

export const vat = (caeId: string, month: string, as?: TestCaller): Promise<Reply> =>
  invoke(getVatFigures, event('GET /caes/{caeId}/accounting/vat', { caller: caller(caeId, as), pathParameters: { caeId }, query: { month } }));

export const fec = (caeId: string, query: Record<string, string>, as?: TestCaller): Promise<Reply<string>> =>
  invoke(getFec, event('GET /caes/{caeId}/accounting/fec', { caller: caller(caeId, as), pathParameters: { caeId }, query }));

/** Every entry of the period, all pages. */
export async function allEntries(caeId: string, query: Record<string, string>) {
  const items: { journal: string; number: string; date: string; lines: { account: string; debit: string; credit: string }[] }[] = [];
  let cursor: string | undefined;
  do {
    const reply = await entries(caeId, { ...query, limit: '200', ...(cursor ? { cursor } : {}) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    items.push(...reply.body.items);
    cursor = reply.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

let n = 0;

export function anInvoice(activity: string, overrides: Partial<InvoiceIssued> = {}): InvoiceIssued {
  n += 1;
  return {
    kind: 'invoice_issued',
    invoiceId: `INV${n}`,
    number: `2026-${String(n).padStart(6, '0')}`,
    date: day(3, 10),
    activity,
    customer: { id: 'CUST1', name: 'Boulangerie Martin' },
    operationKind: 'services',
    vat: [{ rate: '0.20', base: '1000.00', amount: '200.00' }],
    ...overrides,
  };
}

export function aPayment(invoice: InvoiceIssued, overrides: Partial<PaymentReceived> = {}): PaymentReceived {
  n += 1;
  return {
    kind: 'payment_received',
    paymentId: `PAY${n}`,
    invoiceNumber: invoice.number,
    date: day(4, 2),
    activity: invoice.activity,
    customer: invoice.customer,
    amount: '1200.00',
    operationKind: invoice.operationKind,
    invoiceVat: invoice.vat,
    invoiceInclVat: '1200.00',
    paidBefore: '0.00',
    ...overrides,
  };
}
