import { describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/calendar.js';
import { Dec } from '../../../domain/money.js';
import {
  afterTax,
  InvalidPayrollInput,
  NEUTRAL_GRIDS,
  neutralRate,
  NoRatesForDate,
  RATE_TABLES,
  taxRateFor,
  withholdingOf,
} from '../../../domain/payroll/index.js';
import { line, payslip } from './builders.js';

describe('neutral rate grids', () => {
  it('follow each other day after day and cover every day the social rate tables cover', () => {
    for (let i = 1; i < NEUTRAL_GRIDS.length; i += 1) {
      expect(NEUTRAL_GRIDS[i]?.validFrom).toBe(addDays(NEUTRAL_GRIDS[i - 1]?.validTo as string, 1));
    }
    expect(NEUTRAL_GRIDS[0]?.validFrom).toBe(RATE_TABLES[0]?.validFrom);
    expect(NEUTRAL_GRIDS.at(-1)?.validTo).toBe(RATE_TABLES.at(-1)?.validTo);
  });

  it('have increasing brackets and rates, from 0% to 43%, each with a source', () => {
    for (const grid of NEUTRAL_GRIDS) {
      expect(grid.source).toMatch(/CGI art\. 204 H/);
      const rates = grid.brackets.map((b) => new Dec(b.rate));
      expect(rates[0]?.isZero()).toBe(true);
      expect(rates.at(-1)?.toString()).toBe('0.43');
      expect(grid.brackets.at(-1)?.below).toBeUndefined();
      for (let i = 1; i < rates.length; i += 1) expect(rates[i]?.greaterThan(rates[i - 1] as Dec)).toBe(true);
      const bounds = grid.brackets.slice(0, -1).map((b) => new Dec(b.below as string));
      for (let i = 1; i < bounds.length; i += 1) expect(bounds[i]?.greaterThan(bounds[i - 1] as Dec)).toBe(true);
    }
  });

  it('apply a bracket from its lower bound: 1,619.99 → 0%, 1,620.00 → 0.5% from May 2025', () => {
    expect(neutralRate('2025-06-01', new Dec('1619.99')).rate.toString()).toBe('0');
    expect(neutralRate('2025-06-01', new Dec('1620.00')).rate.toString()).toBe('0.005');
    expect(neutralRate('2025-06-01', new Dec('1620.00')).gridId).toBe('PAS-2025-05');
  });

  it('use the grid of the pay month: the 2024 grid until April 2025, the 2025 grid until April 2026, then 2026', () => {
    const base = new Dec('1625.00');
    expect(neutralRate('2025-04-01', base)).toEqual({ rate: new Dec('0.005'), gridId: 'PAS-2024' });
    expect(neutralRate('2025-05-01', base)).toEqual({ rate: new Dec('0.005'), gridId: 'PAS-2025-05' });
    expect(neutralRate('2026-04-01', base)).toEqual({ rate: new Dec('0.005'), gridId: 'PAS-2025-05' });
    expect(neutralRate('2026-05-01', base)).toEqual({ rate: new Dec('0'), gridId: 'PAS-2026-05' });
  });

  it('refuse a date no grid covers, naming it', () => {
    expect(() => neutralRate('2027-01-01', new Dec(2000))).toThrow(NoRatesForDate);
  });
});

describe('tax withheld at source', () => {
  it('is the net taxable pay times the personal rate, rounded half-up to the cent', () => {
    const w = withholdingOf('2026-03-01', new Dec('2048.87'), '0.045');
    expect(w.amount.toFixed(2)).toBe('92.20'); // 92.19915
    expect(w.rateSource).toBe('personal');
  });

  it('takes the neutral grid when no personal rate is set: 3,214.65 taxable in July 2025 → 9.9%', () => {
    const w = withholdingOf('2025-07-01', new Dec('3214.65'), null);
    expect(w.rate.toString()).toBe('0.099');
    expect(w.amount.toFixed(2)).toBe('318.25');
    expect(w.rateSource).toBe('PAS-2025-05');
  });

  it('refuses a personal rate above 43% or negative', () => {
    expect(() => withholdingOf('2026-03-01', new Dec(2000), '0.44')).toThrow(InvalidPayrollInput);
    expect(() => withholdingOf('2026-03-01', new Dec(2000), '-0.01')).toThrow(InvalidPayrollInput);
  });

  it('is based on the net taxable pay: net + CSG non deductible and CRDS + the employer health share', () => {
    const p = payslip('2026-03-01', '2500.00', { headcount: 5 });
    const csgNd = line(p, 'csg-crds-non-deductible').employeeAmount;
    expect(p.netTaxable.toFixed(2)).toBe(p.net.plus(csgNd).plus('20.00').toFixed(2));
    const { withholding, netPaid } = afterTax(p, '0.10');
    expect(withholding.base.toFixed(2)).toBe(p.netTaxable.toFixed(2));
    expect(netPaid.toFixed(2)).toBe(p.net.minus(withholding.amount).toFixed(2));
  });

  it('adds the employee health share above its deduction (5% PSS + 2% gross) to the taxable pay', () => {
    const p = payslip('2026-03-01', '2000.00', { headcount: 5, healthInsurance: { monthlyAmount: '900.00', employerShare: '0.50' } });
    // employee share 450.00, deductible 5% × 4,005 + 2% × 2,000 = 240.25: 209.75 taxable
    const csgNd = line(p, 'csg-crds-non-deductible').employeeAmount;
    expect(p.netTaxable.toFixed(2)).toBe(p.net.plus(csgNd).plus('450.00').plus('209.75').toFixed(2));
  });

  it('a payslip without pay has no taxable pay', () => {
    expect(payslip('2026-03-01', '0.00').netTaxable.toFixed(2)).toBe('0.00');
  });
});

describe('the rate in force in a month', () => {
  const versions = [
    { effectiveFrom: '2025-09', rate: '0.045' },
    { effectiveFrom: '2026-01', rate: null },
    { effectiveFrom: '2026-04', rate: '0.062' },
  ];
  it('is the latest version at or before the month; before the first, the neutral grid (null)', () => {
    expect(taxRateFor(versions, '2025-08')).toBeNull();
    expect(taxRateFor(versions, '2025-09')).toBe('0.045');
    expect(taxRateFor(versions, '2025-12')).toBe('0.045');
    expect(taxRateFor(versions, '2026-02')).toBeNull();
    expect(taxRateFor(versions, '2026-04')).toBe('0.062');
    expect(taxRateFor([...versions].reverse(), '2026-12')).toBe('0.062');
  });
});
