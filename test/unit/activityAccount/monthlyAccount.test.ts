import { describe, expect, it } from 'vitest';
import {
  accountView,
  computeMonthlyAccount,
  type MonthlyAccountInput,
  NO_HISTORY,
  openingFigures,
  toSnapshot,
} from '../../../domain/activityAccount/index.js';
import { type ContributionPolicy, DEFAULT_POLICY } from '../../../domain/contribution/index.js';
import { Dec } from '../../../domain/money.js';
import { expense, revenue, reversal } from './builders.js';

const view = (input: Partial<MonthlyAccountInput>) =>
  accountView(
    toSnapshot(computeMonthlyAccount({ month: '2025-03', opening: NO_HISTORY, entries: [], policy: DEFAULT_POLICY, ...input })),
  );

const snapshot = (input: Partial<MonthlyAccountInput>) =>
  toSnapshot(computeMonthlyAccount({ month: '2025-03', opening: NO_HISTORY, entries: [], policy: DEFAULT_POLICY, ...input }));

const TIERS: ContributionPolicy = {
  kind: 'tiered',
  brackets: [
    { upTo: '35000.00', rate: '0.10' },
    { upTo: '45000.00', rate: '0.08' },
    { upTo: null, rate: '0.06' },
  ],
};

describe('monthly account (docs/domain.md "Salary")', () => {
  it('gives an envelope of 3,900.00 for revenue 5,000.00, contribution 10%, expenses 600.00, opening 0', () => {
    const entries = [revenue('5000.00', { vatRate: '0.20' }), expense('600.00', { vatRate: '0.20' })];
    expect(view({ entries })).toEqual({
      month: '2025-03',
      openingBalance: '0.00',
      revenue: '5000.00',
      contribution: '500.00',
      expenses: '600.00',
      envelope: '3900.00',
      employerCost: '0.00',
      closingBalance: '3900.00',
      vatCollected: '1000.00',
      vatDeductible: '120.00',
      closed: false,
    });
  });

  it('adds the opening balance to the envelope', () => {
    const opening = { ...NO_HISTORY, balance: new Dec('250.00') };
    expect(view({ opening, entries: [revenue('1000.00')] }).envelope).toBe('1150.00');
  });

  it('takes the employer cost of a paid month out of the closing balance', () => {
    const account = view({ entries: [revenue('5000.00')], employerCost: new Dec('3000.00') });
    expect([account.envelope, account.employerCost, account.closingBalance]).toEqual(['4500.00', '3000.00', '1500.00']);
  });

  it('rolls the opening balance forward in a month with no entries', () => {
    const opening = { ...NO_HISTORY, balance: new Dec('-120.35') };
    const account = view({ opening });
    expect([account.openingBalance, account.contribution, account.envelope, account.closingBalance]).toEqual([
      '-120.35',
      '0.00',
      '-120.35',
      '-120.35',
    ]);
  });

  it('charges no floor in a month with no entries', () => {
    const policy: ContributionPolicy = { kind: 'flat', rate: '0.10', monthlyFloor: '40.00' };
    expect(view({ policy }).contribution).toBe('0.00');
  });

  it('nets a reversal out of the month', () => {
    const invoice = revenue('700.00');
    const account = view({ entries: [revenue('1000.00'), invoice, reversal(invoice)] });
    expect([account.revenue, account.vatCollected, account.contribution]).toEqual(['1000.00', '200.00', '100.00']);
  });

  it('keeps VAT out of the envelope', () => {
    const account = view({ entries: [revenue('1000.00', { vatRate: '0.20' })] });
    expect(account.envelope).toBe('900.00');
  });

  it('refuses an entry of another month', () => {
    expect(() => view({ entries: [revenue('1.00', { date: '2025-04-01' })] })).toThrow(RangeError);
  });
});

describe('contribution in the monthly account', () => {
  it('gives 440.00 for a tiered policy after 33,000 of revenue earlier in the year (docs/domain.md)', () => {
    const opening = { ...NO_HISTORY, cumulatedRevenue: new Dec('33000.00'), cumulatedContribution: new Dec('3300.00') };
    expect(view({ opening, policy: TIERS, entries: [revenue('5000.00')] }).contribution).toBe('440.00');
  });

  it('counts only purchases for resale against the margin', () => {
    const policy: ContributionPolicy = { kind: 'flat', rate: '0.12', base: 'margin' };
    const entries = [
      revenue('3000.00'),
      expense('1000.00', { category: 'purchase_for_resale' }),
      expense('500.00', { category: 'other' }),
    ];
    const s = snapshot({ policy, entries });
    expect([s.purchases, s.margin, s.contributionBase, s.contribution, s.expenses]).toEqual([
      '1000.00',
      '2000.00',
      '2000.00',
      '240.00',
      '1500.00',
    ]);
  });

  it('uses the year-to-date margin, not revenue, for a tiered policy on margin', () => {
    const policy: ContributionPolicy = { ...TIERS, base: 'margin' };
    const opening = { ...NO_HISTORY, cumulatedRevenue: new Dec('50000.00'), cumulatedMargin: new Dec('33000.00') };
    expect(view({ opening, policy, entries: [revenue('5000.00')] }).contribution).toBe('440.00');
  });

  it('stops at the yearly cap, counting the contribution paid earlier in the year', () => {
    const policy: ContributionPolicy = { kind: 'flat', rate: '0.12', base: 'margin', monthlyFloor: '40.00', yearlyCap: '8400.00' };
    const opening = { ...NO_HISTORY, cumulatedMargin: new Dec('68000.00'), cumulatedContribution: new Dec('8160.00') };
    expect(view({ opening, policy, entries: [revenue('5000.00')] }).contribution).toBe('240.00');
  });
});

describe('year-to-date figures', () => {
  it('add the month to what the year had before', () => {
    const opening = {
      balance: new Dec('0'),
      cumulatedRevenue: new Dec('1000.00'),
      cumulatedMargin: new Dec('800.00'),
      cumulatedContribution: new Dec('100.00'),
    };
    const s = snapshot({ opening, entries: [revenue('500.00'), expense('200.00', { category: 'purchase_for_resale' })] });
    expect([s.cumulatedRevenue, s.cumulatedMargin, s.cumulatedBase, s.cumulatedContribution]).toEqual([
      '1500.00',
      '1100.00',
      '1500.00',
      '150.00',
    ]);
  });

  it("open a month from the previous month's closing balance and year-to-date figures", () => {
    const february = snapshot({ month: '2025-02', entries: [revenue('2000.00', { date: '2025-02-03' })] });
    const opening = openingFigures('2025-03', february);
    expect([opening.balance, opening.cumulatedRevenue, opening.cumulatedContribution].map((x) => x.toFixed(2))).toEqual([
      '1800.00',
      '2000.00',
      '200.00',
    ]);
  });

  it('restart in January while the balance carries over', () => {
    const december = snapshot({ month: '2024-12', entries: [revenue('2000.00', { date: '2024-12-03' })] });
    const opening = openingFigures('2025-01', december);
    const figures = [opening.balance, opening.cumulatedRevenue, opening.cumulatedMargin, opening.cumulatedContribution];
    expect(figures.map((x) => x.toFixed(2))).toEqual([
      '1800.00',
      '0.00',
      '0.00',
      '0.00',
    ]);
  });

  it('are zero with no history', () => {
    expect(openingFigures('2025-03', null)).toBe(NO_HISTORY);
  });

  it('cannot open a month from a snapshot of the same or a later month', () => {
    expect(() => openingFigures('2025-03', snapshot({ month: '2025-03' }))).toThrow(RangeError);
  });
});
