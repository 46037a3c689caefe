/** The invoice life cycle (domain/invoicing/lifecycle.ts): statuses, credit notes, payments, payment terms. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountDue,
  type Balance,
  checkIssuable,
  checkPayment,
  collectedExclVat,
  creditNoteTotals,
  dueDate,
  type Line,
  statusOf,
  totalsOfLines,
  withinSelfIssueLimit,
} from '../../../domain/invoicing/index.js';
import { Dec, formatMoney } from '../../../domain/money.js';

const line = (quantity: string, unitPriceExclVat: string, vatRate: Line['vatRate'] = '0.20'): Line => ({ description: 'x', quantity, unitPriceExclVat, vatRate });

describe('the invoice life cycle', () => {
  it('goes issued → partially_paid → paid as payments come', () => {
    expect(statusOf({ inclVat: '120.00', credited: '0.00', paid: '0.00' })).toBe('issued');
    expect(statusOf({ inclVat: '120.00', credited: '0.00', paid: '20.00' })).toBe('partially_paid');
    expect(statusOf({ inclVat: '120.00', credited: '0.00', paid: '120.00' })).toBe('paid');
  });

  it('is credited when credit notes took off everything, paid when the rest was paid', () => {
    expect(statusOf({ inclVat: '120.00', credited: '120.00', paid: '0.00' })).toBe('credited');
    expect(statusOf({ inclVat: '120.00', credited: '20.00', paid: '100.00' })).toBe('paid');
    expect(statusOf({ inclVat: '120.00', credited: '20.00', paid: '0.00' })).toBe('issued');
  });

  it('refuses to issue a draft without lines', () => {
    expect(checkIssuable([]).map((v) => v.id)).toEqual(['no-lines']);
    expect(checkIssuable([line('1', '10.00')])).toEqual([]);
  });

  it('is due 30 days after issue by default, at most 60', () => {
    expect(dueDate('2026-01-31', 30)).toBe('2026-03-02');
    expect(dueDate('2026-01-01', 60)).toBe('2026-03-02');
    expect(() => dueDate('2026-01-01', 61)).toThrow(RangeError);
  });

  it('credits by default all that remains, rate by rate, and never more than what is due', () => {
    const totals = totalsOfLines([line('1', '100.00'), line('1', '100.00', '0.055')]);
    const invoice = { totals, balance: { inclVat: totals.inclVat, credited: '0.00', paid: '0.00' }, creditedGroups: [] };
    const whole = creditNoteTotals(invoice, undefined);
    expect(whole).toEqual({ ok: true, totals });
    const tooMuch = creditNoteTotals({ ...invoice, balance: { ...invoice.balance, paid: '100.00' } }, undefined);
    expect(tooMuch.ok ? [] : tooMuch.violations.map((v) => v.id)).toEqual(['credit-exceeds-remaining']);
    const partial = creditNoteTotals(invoice, [line('1', '50.00')]);
    expect(partial.ok && partial.totals.inclVat).toBe('60.00');
  });

  it('refuses a payment above what is due, or before the issue date', () => {
    const balance = { inclVat: '120.00', credited: '20.00', paid: '50.00' };
    expect(checkPayment(balance, '2026-03-01', { amount: '50.01', receivedOn: '2026-03-05' }).map((v) => v.id)).toEqual(['payment-exceeds-due']);
    expect(checkPayment(balance, '2026-03-01', { amount: '50.00', receivedOn: '2026-03-05' })).toEqual([]);
    expect(checkPayment(balance, '2026-03-01', { amount: '1.00', receivedOn: '2026-02-28' }).map((v) => v.id)).toEqual(['date-before-issue']);
  });

  it('lets an entrepreneur issue alone up to the limit, incl. VAT', () => {
    expect(withinSelfIssueLimit('1000.00', '1000.00')).toBe(true);
    expect(withinSelfIssueLimit('1000.01', '1000.00')).toBe(false);
  });

  it('counts the part of a payment excl. VAT in the proportion of the invoice', () => {
    expect(collectedExclVat('60.00', { exclVat: '100.00', inclVat: '120.00' }).toFixed(2)).toBe('50.00');
  });

  it('keeps credited + due + paid equal to the invoice through any accepted credit notes and payments', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('pay' as const), cents: fc.integer({ min: 1, max: 200_000 }) }),
      fc.record({ kind: fc.constant('credit' as const), cents: fc.integer({ min: 1, max: 200_000 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.array(step, { maxLength: 20 }), (priceCents, steps) => {
        const totals = totalsOfLines([line('1', new Dec(priceCents).dividedBy(100).toFixed(2))]);
        let balance: Balance = { inclVat: totals.inclVat, credited: '0.00', paid: '0.00' };
        for (const s of steps) {
          const amount = new Dec(s.cents).dividedBy(100);
          if (s.kind === 'pay') {
            if (checkPayment(balance, '2026-01-01', { amount: amount.toFixed(2), receivedOn: '2026-01-02' }).length === 0) {
              balance = { ...balance, paid: formatMoney(amount.plus(balance.paid)) };
            }
          } else {
            const credit = creditNoteTotals({ totals, balance, creditedGroups: [] }, [line('1', amount.toFixed(2), '0')]);
            if (credit.ok) balance = { ...balance, credited: formatMoney(new Dec(credit.totals.inclVat).plus(balance.credited)) };
          }
          const due = amountDue(balance);
          expect(due.isNegative()).toBe(false);
          expect(due.plus(balance.credited).plus(balance.paid).toFixed(2)).toBe(totals.inclVat);
        }
      }),
    );
  });
});
