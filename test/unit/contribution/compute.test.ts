import { describe, expect, it } from 'vitest';
import { computeContribution, contributionOnCumulatedBase } from '../../../domain/contribution/index.js';
import { contributionInput, d, DOMAIN_TIERS, flat, MARGIN_FLOOR_CAP } from './builders.js';

const euros = (value: { toFixed(n: number): string }) => value.toFixed(2);

describe('flat policy', () => {
  it('takes 10% of revenue, the rate of the founding documents', () => {
    expect(euros(computeContribution(contributionInput(flat('0.10'), '5000.00')))).toBe('500.00');
  });

  it('takes 11.5% of revenue', () => {
    expect(euros(computeContribution(contributionInput(flat('0.115'), '1000.00')))).toBe('115.00');
  });

  it('takes 12% of revenue', () => {
    expect(euros(computeContribution(contributionInput(flat('0.12'), '2500.00')))).toBe('300.00');
  });

  it('rounds the month half-up to the cent (0.05 × 10% = 0.005 → 0.01)', () => {
    expect(euros(computeContribution(contributionInput(flat('0.10'), '0.05')))).toBe('0.01');
  });

  it('ignores the cumulated base: the rate is the same all year', () => {
    const input = contributionInput(flat('0.10'), '1000.00', { cumulatedBaseBeforeMonth: d('90000.00') });
    expect(euros(computeContribution(input))).toBe('100.00');
  });
});

describe('tiered policy (marginal brackets on the cumulated yearly base)', () => {
  it('gives 440.00 for 5,000 in a month after 33,000 cumulated (docs/domain.md)', () => {
    const input = contributionInput(DOMAIN_TIERS, '5000.00', {
      cumulatedBaseBeforeMonth: d('33000.00'),
      cumulatedContributionBeforeMonth: d('3300.00'),
    });
    expect(euros(computeContribution(input))).toBe('440.00');
  });

  it('applies the top rate to the part above the last limit', () => {
    const input = contributionInput(DOMAIN_TIERS, '10000.00', { cumulatedBaseBeforeMonth: d('44000.00') });
    expect(euros(computeContribution(input))).toBe('620.00'); // 1,000 × 8% + 9,000 × 6%
  });

  it('costs a whole year 3,500 + 800 + 6% above 45,000', () => {
    expect(euros(contributionOnCumulatedBase(DOMAIN_TIERS, d('50000.00')))).toBe('4600.00');
  });
});

describe('margin base', () => {
  it('takes the rate of the base the caller computed from the margin', () => {
    const input = contributionInput(MARGIN_FLOOR_CAP, '1000.00', { revenueThisMonth: d('3000.00') });
    expect(euros(computeContribution(input))).toBe('120.00');
  });
});

describe('monthly floor', () => {
  it('raises a small month to the floor (12% of 100 margin → 40.00)', () => {
    const input = contributionInput(MARGIN_FLOOR_CAP, '100.00', { revenueThisMonth: d('100.00') });
    expect(euros(computeContribution(input))).toBe('40.00');
  });

  it('applies when there is revenue even if the margin is nil', () => {
    const input = contributionInput(MARGIN_FLOOR_CAP, '0.00', { revenueThisMonth: d('800.00') });
    expect(euros(computeContribution(input))).toBe('40.00');
  });

  it('does not apply to a month without activity', () => {
    expect(euros(computeContribution(contributionInput(MARGIN_FLOOR_CAP, '0.00')))).toBe('0.00');
  });

  it('decides activity from the base when revenue is not given', () => {
    expect(euros(computeContribution(contributionInput(MARGIN_FLOOR_CAP, '10.00')))).toBe('40.00');
  });
});

describe('yearly cap', () => {
  it('lowers the month to what is left under the cap', () => {
    const input = contributionInput(MARGIN_FLOOR_CAP, '10000.00', { cumulatedContributionBeforeMonth: d('8000.00') });
    expect(euros(computeContribution(input))).toBe('400.00');
  });

  it('takes nothing once the cap is reached', () => {
    const input = contributionInput(MARGIN_FLOOR_CAP, '10000.00', { cumulatedContributionBeforeMonth: d('8400.00') });
    expect(euros(computeContribution(input))).toBe('0.00');
  });

  it('wins over the floor', () => {
    const input = contributionInput(MARGIN_FLOOR_CAP, '100.00', { cumulatedContributionBeforeMonth: d('8390.00') });
    expect(euros(computeContribution(input))).toBe('10.00');
  });
});

describe('months with a negative base (reversals)', () => {
  it('refund at the rate the base was charged', () => {
    const input = contributionInput(flat('0.10'), '-1000.00', {
      cumulatedBaseBeforeMonth: d('5000.00'),
      cumulatedContributionBeforeMonth: d('500.00'),
    });
    expect(euros(computeContribution(input))).toBe('-100.00');
  });

  it('refund at the marginal rates of the brackets the base falls back through', () => {
    const input = contributionInput(DOMAIN_TIERS, '-5000.00', {
      cumulatedBaseBeforeMonth: d('38000.00'),
      cumulatedContributionBeforeMonth: d('3740.00'),
    });
    expect(euros(computeContribution(input))).toBe('-440.00');
  });

  it('refund only what falls back under the cap once the cap was reached', () => {
    // 80,000 of margin at 12% costs 9,600, capped at 8,400; after a 5,000 reversal it costs 9,000: still capped.
    const input = contributionInput(MARGIN_FLOOR_CAP, '-5000.00', {
      cumulatedBaseBeforeMonth: d('80000.00'),
      cumulatedContributionBeforeMonth: d('8400.00'),
    });
    expect(euros(computeContribution(input))).toBe('0.00');
  });

  it('refund at the first rate in a year that starts with a reversal of last year', () => {
    expect(euros(computeContribution(contributionInput(DOMAIN_TIERS, '-1000.00')))).toBe('-100.00');
  });
});

describe('invalid policies', () => {
  it('are refused with a RangeError rather than computed', () => {
    expect(() => computeContribution(contributionInput(flat('1.5'), '100.00', { month: '2025-03' }))).toThrow(
      /2025-03/,
    );
  });
});
