import { describe, expect, it } from 'vitest';
import { bookingOf, type EntryDraft, isBalanced, paidVatShare, type VatBreakdown } from '../../../domain/accounting/index.js';
import { Dec } from '../../../domain/money.js';
import { ACTIVITY, claim, invoice, payment, payroll, settings, supplierInvoice, transaction } from './builders.js';

/** An entry's lines as `account debit/credit` strings, easy to read in a test. */
const shape = (entry: EntryDraft) => entry.lines.map((l) => `${l.account}${l.auxiliary ? `/${l.auxiliary}` : ''} ${l.debit} ${l.credit}`);
const only = (drafts: readonly EntryDraft[]) => {
  expect(drafts).toHaveLength(1);
  return drafts[0] as EntryDraft;
};

describe('an issued invoice (VT)', () => {
  it('debits the customer, credits services sold and, for services, the VAT pending payment', () => {
    const entry = only(bookingOf(invoice(), settings()).entries);
    expect(entry.journal).toBe('VT');
    expect(shape(entry)).toEqual(['411000/CCUST1 1200.00 0.00', '706000 0.00 1000.00', '445740 0.00 200.00']);
    expect(entry.lines.every((l) => l.activity === ACTIVITY)).toBe(true);
  });

  it('credits goods sold and the VAT collected at once for goods', () => {
    const entry = only(bookingOf(invoice({ operationKind: 'goods' }), settings()).entries);
    expect(shape(entry)).toEqual(['411000/CCUST1 1200.00 0.00', '707000 0.00 1000.00', '445710 0.00 200.00']);
  });

  it('collects the VAT of services on invoicing when the CAE pays VAT on debits', () => {
    const entry = only(bookingOf(invoice(), settings({ vatOnDebits: true })).entries);
    expect(entry.lines.find((l) => l.account === '445710')?.vat).toEqual({ side: 'collected', rate: '0.20', base: '1000.00' });
  });

  it('uses the CAE\'s override of an account', () => {
    const entry = only(bookingOf(invoice(), settings({ accounts: { servicesSold: '706100' } })).entries);
    expect(entry.lines.map((l) => l.account)).toContain('706100');
  });

  it('books a credit note as the mirror of an invoice', () => {
    const entry = only(
      bookingOf({ ...invoice(), kind: 'credit_note_issued', creditNoteId: 'CN1', creditedInvoiceNumber: '2025-000001', number: '2025-000002' }, settings()).entries,
    );
    expect(shape(entry)).toEqual(['411000/CCUST1 0.00 1200.00', '706000 1000.00 0.00', '445740 200.00 0.00']);
  });
});

describe('a customer payment (BQ)', () => {
  it('debits the bank, credits the customer and moves the VAT of services from pending to collected', () => {
    const entry = only(bookingOf(payment(), settings()).entries);
    expect(shape(entry)).toEqual(['512000 1200.00 0.00', '411000/CCUST1 0.00 1200.00', '445740 200.00 0.00', '445710 0.00 200.00']);
  });

  it('moves no VAT for goods, already collected on invoicing', () => {
    expect(shape(only(bookingOf(payment({ operationKind: 'goods' }), settings()).entries))).toEqual(['512000 1200.00 0.00', '411000/CCUST1 0.00 1200.00']);
  });

  it('shares the VAT among partial payments so that they add up to the invoice VAT exactly', () => {
    const invoiceVat = [{ rate: '0.20', base: '100.01', amount: '20.00' }];
    const first = paidVatShare({ invoiceVat, invoiceInclVat: '120.01', paidBefore: '0.00', amount: '40.00' });
    const second = paidVatShare({ invoiceVat, invoiceInclVat: '120.01', paidBefore: '40.00', amount: '40.00' });
    const last = paidVatShare({ invoiceVat, invoiceInclVat: '120.01', paidBefore: '80.00', amount: '40.01' });
    const added = (pick: 'amount' | 'base') => [first, second, last].reduce((sum, share) => sum.plus((share[0] as VatBreakdown)[pick]), new Dec(0)).toFixed(2);
    expect(added('amount')).toBe('20.00');
    expect(added('base')).toBe('100.01');
    expect([first, second, last].map((s) => s[0]?.base)).toEqual(['33.33', '33.34', '33.34']);
  });
});

describe('an approved supplier invoice (AC)', () => {
  it('debits purchases for resale and deductible VAT, credits the supplier', () => {
    expect(shape(only(bookingOf(supplierInvoice(), settings()).entries))).toEqual(['607000 300.00 0.00', '445660 60.00 0.00', '401000/F552100554 0.00 360.00']);
  });

  it('debits the charge of its category when not bought for resale', () => {
    const entry = only(bookingOf(supplierInvoice({ purchaseForResale: false, category: 'subcontracting' }), settings()).entries);
    expect(entry.lines[0]?.account).toBe('611000');
  });
});

describe('an approved expense claim (NDF)', () => {
  it('gives one entry per date of its lines, each owed to the entrepreneur', () => {
    const entries = bookingOf(claim(), settings()).entries;
    expect(entries.map((e) => e.date)).toEqual(['2025-03-03', '2025-03-20']);
    expect(shape(entries[0] as EntryDraft)).toEqual(['625700 40.00 0.00', '625100 63.60 0.00', '445660 4.00 0.00', `438600/S${ACTIVITY} 0.00 107.60`]);
  });

  it('owes the claims on 467 when the CAE says so', () => {
    const entries = bookingOf(claim(), settings({ staffExpensesAccount: '467' })).entries;
    expect(entries[0]?.lines.at(-1)?.account).toBe('467000');
  });
});

describe('a month closed by payroll (PA)', () => {
  it('books gross, employer contributions, social bodies, net owed and withholding tax', () => {
    const booking = bookingOf(payroll(), settings());
    expect(shape(only(booking.entries))).toEqual([
      '641000 2000.00 0.00',
      '645000 600.00 0.00',
      '431000 0.00 800.00',
      '437000 0.00 240.00',
      `421000/S${ACTIVITY} 0.00 1515.00`,
      '442100 0.00 45.00',
    ]);
  });

  it('carries the contribution as an analytic transfer, not as an entry', () => {
    const booking = bookingOf(payroll({ payslip: undefined }), settings());
    expect(booking.entries).toEqual([]);
    expect(booking.transfers).toEqual([expect.objectContaining({ activity: ACTIVITY, amount: '100.00', date: '2025-03-31', account: '655000' })]);
  });
});

describe('a typed transaction (OD)', () => {
  it('books a revenue against the suspense account', () => {
    expect(shape(only(bookingOf(transaction(), settings()).entries))).toEqual(['471000 600.00 0.00', '706000 0.00 500.00', '445710 0.00 100.00']);
  });

  it('books a reversal with the sides swapped, never a negative amount', () => {
    const entry = only(bookingOf(transaction({ transactionId: 'TX2', amountExclVat: '-500.00', vatAmount: '-100.00', reverses: 'TX1' }), settings()).entries);
    expect(shape(entry)).toEqual(['471000 0.00 600.00', '706000 500.00 0.00', '445710 100.00 0.00']);
    expect(entry.label).toMatch(/^Annulation/);
  });

  it('books an expense as a charge and deductible VAT against the suspense account', () => {
    const entry = only(bookingOf(transaction({ type: 'expense', category: 'purchase_for_resale' }), settings()).entries);
    expect(shape(entry)).toEqual(['607000 500.00 0.00', '445660 100.00 0.00', '471000 0.00 600.00']);
  });
});

describe('every kind of event', () => {
  it('gives balanced entries', () => {
    const events = [invoice(), payment(), supplierInvoice(), claim(), payroll(), transaction()];
    for (const event of events) for (const entry of bookingOf(event, settings()).entries) expect(isBalanced(entry)).toBe(true);
  });
});
