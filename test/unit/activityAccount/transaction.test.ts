import { describe, expect, it } from 'vitest';
import { recordTransaction, reverseTransaction } from '../../../domain/activityAccount/index.js';
import { contract, convention, conventionOptional, exitOn, membership, pathOf, welcome } from '../careerPath/builders.js';
import { activeContext, expense, idsOf, request, revenue, reversal, reversalContext } from './builders.js';

/** Welcomed 2023-12-01 and nothing since. */
const candidatePath = pathOf([welcome('2023-12-01')]);
/** Employee from 2024-01-01, left on 2025-06-30 (exit effective 2025-07-01). */
const exitedPath = pathOf([welcome('2023-12-01'), contract('2024-01-01'), exitOn('2025-07-01', 'salaried_job')], conventionOptional);

const record = (over: Parameters<typeof request>[0] = {}, context = activeContext()) =>
  recordTransaction('tx-1', request(over), context);

describe('recording an entry', () => {
  it('computes the VAT and the month (5,000.00 at 20% on 2025-03-10 → 1,000.00 in 2025-03)', () => {
    const result = record({ amountExclVat: '5000.00', vatRate: '0.20', date: '2025-03-10' });
    expect(result.ok && { vatAmount: result.value.vatAmount, month: result.value.month }).toEqual({
      vatAmount: '1000.00',
      month: '2025-03',
    });
  });

  it('normalises the amount to two decimals and the rate to its canonical spelling', () => {
    const result = record({ amountExclVat: '12.5', vatRate: '0.2' });
    expect(result.ok && [result.value.amountExclVat, result.value.vatRate]).toEqual(['12.50', '0.20']);
  });

  it("files an expense as 'other' when no category is given", () => {
    expect(expense('10.00').category).toBe('other');
  });

  it('keeps the category of a purchase for resale', () => {
    expect(expense('10.00', { category: 'purchase_for_resale' }).category).toBe('purchase_for_resale');
  });

  it('gives revenue no category', () => {
    expect(revenue('10.00').category).toBeUndefined();
  });

  it('keeps the reference when there is one', () => {
    expect(revenue('10.00', { reference: 'F-2025-001' }).reference).toBe('F-2025-001');
  });
});

describe('amount rules', () => {
  it.each(['0.00', '0', '-10.00'])('refuse %s as not positive', (amountExclVat) => {
    expect(idsOf(record({ amountExclVat }))).toEqual(['amount-not-positive']);
  });

  it('refuse more than two decimals', () => {
    expect(idsOf(record({ amountExclVat: '10.005' }))).toEqual(['amount-too-many-decimals']);
  });

  it.each(['ten', '1e3', '10,50', ' 10.00', '1234567890123.00'])('refuse %j as not an amount', (amountExclVat) => {
    expect(idsOf(record({ amountExclVat }))).toEqual(['invalid-amount']);
  });

  it('refuse a number: amounts are strings', () => {
    expect(idsOf(record({ amountExclVat: 10 as unknown as string }))).toEqual(['invalid-amount']);
  });
});

describe('other entry rules', () => {
  it('refuse an unknown VAT rate', () => {
    expect(idsOf(record({ vatRate: '0.19' }))).toEqual(['unknown-vat-rate']);
  });

  it('refuse a date that does not exist', () => {
    expect(idsOf(record({ date: '2025-02-29' }))).toEqual(['invalid-date']);
  });

  it('refuse a type other than revenue or expense', () => {
    expect(idsOf(record({ type: 'gift' as 'revenue' }))).toEqual(['invalid-type']);
  });

  it('refuse a category on revenue', () => {
    expect(idsOf(record({ type: 'revenue', category: 'other' }))).toEqual(['invalid-category']);
  });

  it('refuse entries for a candidate, who has never had an activity', () => {
    expect(idsOf(record({}, activeContext({ path: candidatePath })))).toEqual(['entrepreneur-not-active']);
  });

  it.each([
    ['supported', pathOf([welcome('2023-12-01'), convention('2025-01-01', '2025-12-31')])],
    ['employee', pathOf([welcome('2023-12-01'), contract('2025-01-01')], conventionOptional)],
    ['associate', pathOf([welcome('2023-12-01'), contract('2024-01-01'), membership('2025-01-01')], conventionOptional)],
  ])('accept entries dated while the person is %s', (_status, path) => {
    expect(idsOf(record({ date: '2025-03-10' }, activeContext({ path })))).toEqual([]);
  });

  it('judge an entry on its own date: accepted while the person was employed, although they have left since', () => {
    expect(idsOf(record({ date: '2025-06-30' }, activeContext({ path: exitedPath })))).toEqual([]);
  });

  it('refuse an entry dated after the person left', () => {
    expect(idsOf(record({ date: '2025-07-01' }, activeContext({ path: exitedPath })))).toEqual(['entrepreneur-not-active']);
  });

  it("refuse a date before the entrepreneur's convention or contract starts", () => {
    expect(idsOf(record({ date: '2023-12-31' }))).toEqual(['before-activity-start']);
  });

  it('accept the first day of the activity', () => {
    expect(idsOf(record({ date: '2024-01-01' }))).toEqual([]);
  });

  it('refuse a date in a month closed by payroll (month-closed)', () => {
    expect(idsOf(record({ date: '2025-03-31' }, activeContext({ lastClosedMonth: '2025-03' })))).toEqual(['month-closed']);
  });

  it('accept the first day after the last closed month', () => {
    expect(idsOf(record({ date: '2025-04-01' }, activeContext({ lastClosedMonth: '2025-03' })))).toEqual([]);
  });

  it('report every rule broken at once', () => {
    const context = activeContext({ path: candidatePath });
    expect(idsOf(record({ amountExclVat: '-1.00', vatRate: '0.5' }, context)).sort()).toEqual([
      'amount-not-positive',
      'entrepreneur-not-active',
      'unknown-vat-rate',
    ]);
  });
});

describe('reversing an entry', () => {
  it('negates the amount and the VAT, same type, naming the original', () => {
    const original = revenue('100.00');
    const r = reversal(original);
    expect([r.type, r.amountExclVat, r.vatAmount, r.reverses]).toEqual(['revenue', '-100.00', '-20.00', original.id]);
  });

  it("keeps the original's rate, label and category", () => {
    const original = expense('40.00', { category: 'purchase_for_resale', vatRate: '0.055', label: 'Stock' });
    const r = reversal(original);
    expect([r.vatRate, r.label, r.category]).toEqual(['0.055', 'Stock', 'purchase_for_resale']);
  });

  it('is dated by the request, in that month', () => {
    const r = reversal(revenue('100.00', { date: '2025-03-10' }), '2025-05-02');
    expect([r.date, r.month]).toEqual(['2025-05-02', '2025-05']);
  });

  it('refuses a reversal of a reversal', () => {
    const r = reversal(revenue('100.00'));
    expect(idsOf(reverseTransaction('tx-x', r, { date: '2025-03-20', reason: 'x' }, reversalContext()))).toEqual([
      'reversal-of-reversal',
    ]);
  });

  it('refuses to reverse an entry twice', () => {
    const original = revenue('100.00');
    const context = reversalContext({ alreadyReversed: true });
    expect(idsOf(reverseTransaction('tx-x', original, { date: '2025-03-20', reason: 'x' }, context))).toEqual([
      'already-reversed',
    ]);
  });

  it('refuses a reversal dated before the original', () => {
    const original = revenue('100.00', { date: '2025-03-10' });
    expect(idsOf(reverseTransaction('tx-x', original, { date: '2025-03-09', reason: 'x' }, reversalContext()))).toEqual([
      'reversal-before-original',
    ]);
  });

  it('refuses a reversal dated in a closed month', () => {
    const original = revenue('100.00', { date: '2025-03-10' });
    const context = reversalContext({ lastClosedMonth: '2025-03' });
    expect(idsOf(reverseTransaction('tx-x', original, { date: '2025-03-20', reason: 'x' }, context))).toEqual([
      'month-closed',
    ]);
  });

  it('may reverse an entry of a closed month in an open month', () => {
    const original = revenue('100.00', { date: '2025-03-10' });
    const context = reversalContext({ lastClosedMonth: '2025-03' });
    expect(idsOf(reverseTransaction('tx-x', original, { date: '2025-04-01', reason: 'x' }, context))).toEqual([]);
  });

  it('refuses a reversal dated after the entrepreneur left, and accepts one dated before', () => {
    const context = reversalContext({ path: exitedPath });
    expect(idsOf(reverseTransaction('tx-x', revenue('1.00'), { date: '2025-07-02', reason: 'x' }, context))).toEqual([
      'entrepreneur-not-active',
    ]);
    expect(idsOf(reverseTransaction('tx-x', revenue('1.00'), { date: '2025-06-20', reason: 'x' }, context))).toEqual([]);
  });
});
