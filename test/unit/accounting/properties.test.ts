/**
 * For random streams of business events: every entry balances, and each activity's analytic result (its lines
 * on classes 6 and 7, its contribution as a transfer) equals the movements of its activity account over the
 * same events, as the activity ledger's own domain adds them up (revenue − contribution − expenses − employer cost).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BusinessEvent,
  bookingOf,
  isBalanced,
  trialBalance,
  type VatBreakdown,
} from '../../../domain/accounting/index.js';
import { type Transaction, totalsOf, VAT_RATES, vatOn } from '../../../domain/activityAccount/index.js';
import { Dec, formatMoney, ZERO } from '../../../domain/money.js';
import { settings } from './builders.js';

const ACTIVITIES = ['A', 'B', 'C'];
const cents = fc.integer({ min: 1, max: 500_000 }).map((c) => new Dec(c).dividedBy(100));
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2025-03-${String(d).padStart(2, '0')}`);
const vatLines = fc.array(fc.record({ rate: fc.constantFrom(...VAT_RATES), base: cents }), { minLength: 1, maxLength: 3 }).map((lines) =>
  lines.map((l): VatBreakdown => ({ rate: l.rate, base: formatMoney(l.base), amount: formatMoney(vatOn(l.base, l.rate)) })),
);
const kind = fc.constantFrom('services' as const, 'goods' as const, 'mixed' as const);

const event: fc.Arbitrary<BusinessEvent> = fc.oneof(
  fc.record({ n: fc.nat(), activity: fc.constantFrom(...ACTIVITIES), date: day, kind, vat: vatLines }).map(
    (e): BusinessEvent => ({ kind: 'invoice_issued', invoiceId: `I${e.n}`, number: `N${e.n}`, date: e.date, activity: e.activity, customer: { id: 'C', name: 'Client' }, operationKind: e.kind, vat: e.vat }),
  ),
  fc.record({ n: fc.nat(), activity: fc.constantFrom(...ACTIVITIES), date: day, kind, vat: vatLines }).map(
    (e): BusinessEvent => ({ kind: 'credit_note_issued', creditNoteId: `K${e.n}`, number: `N${e.n}`, creditedInvoiceNumber: 'N0', date: e.date, activity: e.activity, customer: { id: 'C', name: 'Client' }, operationKind: e.kind, vat: e.vat }),
  ),
  fc.record({ n: fc.nat(), activity: fc.constantFrom(...ACTIVITIES), date: day, kind, vat: vatLines, share: fc.integer({ min: 1, max: 100 }) }).map((e): BusinessEvent => {
    const incl = e.vat.reduce((s, v) => s.plus(v.base).plus(v.amount), ZERO);
    return {
      kind: 'payment_received',
      paymentId: `P${e.n}`,
      invoiceNumber: 'N0',
      date: e.date,
      activity: e.activity,
      customer: { id: 'C', name: 'Client' },
      amount: formatMoney(incl.times(e.share).dividedBy(100)),
      operationKind: e.kind,
      invoiceVat: e.vat,
      invoiceInclVat: formatMoney(incl),
      paidBefore: '0.00',
    };
  }),
  fc.record({ n: fc.nat(), activity: fc.constantFrom(...ACTIVITIES), date: day, resale: fc.boolean(), vat: vatLines }).map(
    (e): BusinessEvent => ({ kind: 'supplier_invoice_approved', supplierInvoiceId: `S${e.n}`, number: `F${e.n}`, date: e.date, activity: e.activity, supplier: { id: '552100554', name: 'F' }, purchaseForResale: e.resale, vat: e.vat }),
  ),
  fc
    .record({
      n: fc.nat(),
      activity: fc.constantFrom(...ACTIVITIES),
      lines: fc.array(fc.record({ date: day, amount: cents, rate: fc.constantFrom(...VAT_RATES), category: fc.constantFrom('travel' as const, 'meals' as const, 'mileage' as const, 'fees' as const) }), { minLength: 1, maxLength: 4 }),
    })
    .map(
      (e): BusinessEvent => ({
        kind: 'expense_claim_approved',
        claimId: `E${e.n}`,
        activity: e.activity,
        lines: e.lines.map((l) => ({ date: l.date, category: l.category, amountExclVat: formatMoney(l.amount), vatRate: l.rate, vatAmount: formatMoney(vatOn(l.amount, l.rate)) })),
      }),
    ),
  fc
    .record({ activity: fc.constantFrom(...ACTIVITIES), contribution: cents, gross: cents, employer: cents, employee: cents, tax: fc.option(cents), paid: fc.boolean() })
    .map(
      (e): BusinessEvent => ({
        kind: 'payroll_month_closed',
        month: '2025-03',
        activity: e.activity,
        contribution: formatMoney(e.contribution),
        ...(e.paid
          ? {
              payslip: {
                gross: formatMoney(e.gross),
                employerContributions: formatMoney(e.employer),
                employeeContributions: formatMoney(e.employee),
                net: formatMoney(e.gross.minus(e.employee)),
                ...(e.tax === null ? {} : { taxWithheld: formatMoney(e.tax) }),
              },
            }
          : {}),
      }),
    ),
  fc.record({ n: fc.nat(), activity: fc.constantFrom(...ACTIVITIES), date: day, type: fc.constantFrom('revenue' as const, 'expense' as const), amount: cents, rate: fc.constantFrom(...VAT_RATES), negate: fc.boolean() }).map((e): BusinessEvent => {
    const amount = e.negate ? e.amount.negated() : e.amount;
    return {
      kind: 'transaction_recorded',
      transactionId: `T${e.n}`,
      activity: e.activity,
      type: e.type,
      date: e.date,
      amountExclVat: formatMoney(amount),
      vatRate: e.rate,
      vatAmount: formatMoney(vatOn(amount, e.rate)),
      label: 'x',
    };
  }),
);

/** The activity account's movements of an event, as the flows post them to the activity ledger. */
function ledgerOf(e: BusinessEvent): { entries: Transaction[]; contribution: Dec; employerCost: Dec } {
  const none = { entries: [], contribution: ZERO, employerCost: ZERO };
  const entry = (type: 'revenue' | 'expense', amount: Dec, vatRate: string, category?: 'purchase_for_resale' | 'other'): Transaction =>
    ({ id: 'x', type, date: '2025-03-01', month: '2025-03', amountExclVat: formatMoney(amount), vatRate, vatAmount: '0.00', label: 'x', ...(category ? { category } : {}) }) as Transaction;
  switch (e.kind) {
    case 'invoice_issued':
      return { ...none, entries: e.vat.map((v) => entry('revenue', new Dec(v.base), v.rate)) };
    case 'credit_note_issued':
      return { ...none, entries: e.vat.map((v) => entry('revenue', new Dec(v.base).negated(), v.rate)) };
    case 'payment_received':
      return none;
    case 'supplier_invoice_approved':
      return { ...none, entries: e.vat.map((v) => entry('expense', new Dec(v.base), v.rate, e.purchaseForResale ? 'purchase_for_resale' : 'other')) };
    case 'expense_claim_approved':
      return { ...none, entries: e.lines.map((l) => entry('expense', new Dec(l.amountExclVat), l.vatRate)) };
    case 'payroll_month_closed':
      return { entries: [], contribution: new Dec(e.contribution), employerCost: e.payslip ? new Dec(e.payslip.gross).plus(e.payslip.employerContributions) : ZERO };
    case 'transaction_recorded':
      return { ...none, entries: [entry(e.type, new Dec(e.amountExclVat), e.vatRate)] };
  }
}

describe('books of random event streams', () => {
  it('balance every entry, and give each activity the result of its activity account', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.boolean(), (events, vatOnDebits) => {
        const chart = settings({ vatOnDebits });
        const bookings = events.map((e) => bookingOf(e, chart));
        for (const b of bookings) for (const entry of b.entries) expect(isBalanced(entry) || entry.lines.length === 0).toBe(true);
        const all = trialBalance(bookings.flatMap((b) => b.entries.flatMap((e) => e.lines)));
        expect(all.totals.debit).toBe(all.totals.credit);
        for (const activity of ACTIVITIES) {
          const lines = bookings.flatMap((b) => b.entries.flatMap((e) => e.lines)).filter((l) => l.activity === activity);
          const transfers = bookings.flatMap((b) => b.transfers).filter((t) => t.activity === activity);
          const analytic = trialBalance(lines, transfers).totals.result;
          const mine = events.filter((e) => e.activity === activity).map(ledgerOf);
          const totals = totalsOf(mine.flatMap((m) => m.entries));
          const contribution = mine.reduce((s, m) => s.plus(m.contribution), ZERO);
          const employerCost = mine.reduce((s, m) => s.plus(m.employerCost), ZERO);
          expect(analytic).toBe(formatMoney(totals.revenue.minus(totals.expenses).minus(contribution).minus(employerCost)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
