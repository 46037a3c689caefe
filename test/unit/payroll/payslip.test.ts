import { describe, expect, it } from 'vitest';
import { computePayslip, InvalidPayrollInput } from '../../../domain/payroll/index.js';
import { d, hasLine, line, payslip, s } from './builders.js';

// Expected amounts are computed by hand from the rates of the law (rate files list them with their sources).

describe('payslip lines', () => {
  it('split the pay at the PSS: tranche 1 up to 3,925.00, tranche 2 above (2025, full time)', () => {
    const p = payslip('2025-09-15', '5000.00');
    expect(s(line(p, 'vieillesse-plafonnee').base)).toBe('3925.00');
    expect(s(line(p, 'vieillesse-plafonnee').employeeAmount)).toBe('270.83'); // 6.90% × 3,925 = 270.825
    expect(s(line(p, 'vieillesse-plafonnee').employerAmount)).toBe('335.59'); // 8.55% × 3,925 = 335.5875
    expect(s(line(p, 'retraite-complementaire-t1').employeeAmount)).toBe('157.39'); // 4.01% × 3,925
    expect(s(line(p, 'retraite-complementaire-t2').base)).toBe('1075.00');
    expect(s(line(p, 'retraite-complementaire-t2').employeeAmount)).toBe('104.49'); // 9.72% × 1,075
    expect(s(line(p, 'retraite-complementaire-t2').employerAmount)).toBe('156.63'); // 14.57% × 1,075 = 156.6275
  });

  it('charge the CET on the whole pay once it exceeds the PSS, and no tranche 2 nor CET below it', () => {
    expect(s(line(payslip('2025-09-15', '5000.00'), 'cet').employeeAmount)).toBe('7.00'); // 0.14% × 5,000
    const below = payslip('2025-09-15', '3000.00');
    expect(hasLine(below, 'retraite-complementaire-t2')).toBe(false);
    expect(hasLine(below, 'cet')).toBe(false);
  });

  it('take CSG and CRDS on 98.25% of the gross plus the employer health share', () => {
    const p = payslip('2025-09-15', '2500.00');
    expect(s(line(p, 'csg-deductible').base)).toBe('2476.25'); // 2,500 × 98.25% + 20.00
    expect(s(line(p, 'csg-deductible').employeeAmount)).toBe('168.39'); // 6.8% × 2,476.25 = 168.385
    expect(s(line(p, 'csg-crds-non-deductible').employeeAmount)).toBe('71.81'); // 2.9% × 2,476.25
  });

  it('take CSG on 100% of the gross above 4 PSS', () => {
    // 15,700 × 98.25% + 4,300 + 20.00
    expect(s(line(payslip('2025-09-15', '20000.00'), 'csg-deductible').base)).toBe('19745.25');
  });

  it('prorate the PSS by the working time (17.5 h: half of 3,925.00)', () => {
    const p = payslip('2025-09-15', '2500.00', {}, '17.5');
    expect(s(line(p, 'vieillesse-plafonnee').base)).toBe('1962.50');
    expect(s(line(p, 'retraite-complementaire-t2').base)).toBe('537.50');
  });

  it('round each line half-up to the cent', () => {
    // 0.40% × 2,501.25 = 10.005
    expect(s(line(payslip('2025-09-15', '2501.25'), 'vieillesse-deplafonnee').employeeAmount)).toBe('10.01');
  });

  it('make the totals the sums of the lines', () => {
    for (const [date, gross] of [['2025-03-15', '1801.80'], ['2025-09-15', '4321.09'], ['2026-07-15', '12000.00']]) {
      const p = payslip(date as string, gross as string);
      const employee = p.lines.reduce((a, l) => a.plus(l.employeeAmount), d(0));
      const employer = p.lines.reduce((a, l) => a.plus(l.employerAmount), d(0));
      expect(s(p.employeeContributions)).toBe(s(employee));
      expect(s(p.employerContributions)).toBe(s(employer));
      expect(s(p.net)).toBe(s(p.gross.minus(employee)));
      expect(s(p.employerCost)).toBe(s(p.gross.plus(employer)));
      for (const l of p.lines) expect(l.employeeAmount.decimalPlaces() <= 2 && l.employerAmount.decimalPlaces() <= 2).toBe(true);
    }
  });

  it('include the health insurance, half paid by the employer by default', () => {
    const health = line(payslip('2026-02-15', '2000.00'), 'complementaire-sante');
    expect([s(health.base), s(health.employeeAmount), s(health.employerAmount)]).toEqual(['40.00', '20.00', '20.00']);
  });

  it('give a month without pay no line and zero totals', () => {
    const p = payslip('2026-02-15', '0');
    expect(p.lines).toEqual([]);
    expect([p.net, p.employeeContributions, p.employerContributions, p.generalReduction, p.employerCost].map(s)).toEqual([
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
    ]);
  });

  it('carry the rules version of the date', () => {
    expect(payslip('2025-03-15', '2000.00').rulesVersion).toBe('FR-2025-01');
    expect(payslip('2026-07-15', '2000.00').rulesVersion).toBe('FR-2026-06');
  });
});

describe('2025 reduced employer rates', () => {
  it('charge health at 7% strictly under 2.25 SMIC (4,054.05) and 13% from it', () => {
    expect(line(payslip('2025-09-15', '4054.04'), 'maladie').employerRate?.toString()).toBe('0.07');
    expect(line(payslip('2025-09-15', '4054.05'), 'maladie').employerRate?.toString()).toBe('0.13');
  });

  it('charge family at 3.45% strictly under 3.3 SMIC (5,945.94) and 5.25% from it', () => {
    expect(line(payslip('2025-09-15', '5945.93'), 'allocations-familiales').employerRate?.toString()).toBe('0.0345');
    expect(line(payslip('2025-09-15', '5945.94'), 'allocations-familiales').employerRate?.toString()).toBe('0.0525');
  });

  it('prorate the threshold for part time (24 h: 2.25 × 1,235.52 = 2,779.92)', () => {
    expect(line(payslip('2025-09-15', '2779.91', {}, '24'), 'maladie').employerRate?.toString()).toBe('0.07');
    expect(line(payslip('2025-09-15', '2779.92', {}, '24'), 'maladie').employerRate?.toString()).toBe('0.13');
  });

  it('are gone in 2026', () => {
    const p = payslip('2026-02-15', '2000.00');
    expect(line(p, 'maladie').employerRate?.toString()).toBe('0.13');
    expect(line(p, 'allocations-familiales').employerRate?.toString()).toBe('0.0525');
  });
});

describe('general reduction', () => {
  it('is maximal at the SMIC in 2025: T × 1,801.80 (0.3193 under 50 employees, 0.3233 from 50)', () => {
    expect(s(payslip('2025-09-15', '1801.80').generalReduction)).toBe('575.31'); // 575.31474
    expect(s(payslip('2025-09-15', '1801.80', { headcount: 50 }).generalReduction)).toBe('582.52'); // 582.52194
  });

  it('decreases linearly to nil at 1.6 SMIC in 2025', () => {
    // T / 0.6 × (2,882.88 / 2,500 − 1) = 0.0815 → 2,500 × 0.0815
    expect(s(payslip('2025-09-15', '2500.00').generalReduction)).toBe('203.75');
    expect(s(payslip('2025-09-15', '2882.88').generalReduction)).toBe('0.00');
    expect(hasLine(payslip('2025-09-15', '2882.88'), 'reduction-generale')).toBe(false);
  });

  it('is carried as a negative employer line', () => {
    const l = line(payslip('2025-09-15', '2500.00'), 'reduction-generale');
    expect([l.employerRate?.toString(), s(l.employerAmount)]).toEqual(['-0.0815', '-203.75']);
  });

  it('uses the SMIC prorated by the working time (17.5 h: 900.90)', () => {
    expect(s(payslip('2025-09-15', '900.90', {}, '17.5').generalReduction)).toBe('287.66'); // 0.3193 × 900.90
    expect(s(payslip('2025-09-15', '1441.44', {}, '17.5').generalReduction)).toBe('0.00'); // 1.6 × 900.90
  });

  it('is maximal at the SMIC in 2026 (RGDU): (0.02 + 0.3781) × 1,823.03', () => {
    expect(s(payslip('2026-02-15', '1823.03').generalReduction)).toBe('725.75'); // 725.748
    expect(s(payslip('2026-02-15', '1823.03', { headcount: 50 }).generalReduction)).toBe('733.04'); // 0.4021 ×
  });

  it('follows the RGDU curve in 2026: 0.02 + 0.3781 × (½ × (3 × 1,823.0333 / 2,500 − 1))^1.75 = 0.1719', () => {
    expect(s(payslip('2026-02-15', '2500.00').generalReduction)).toBe('429.75');
  });

  it('falls from 2% of the pay to nil at 3 SMIC in 2026 (5,469.10)', () => {
    expect(s(payslip('2026-02-15', '5469.09').generalReduction)).toBe('109.38'); // 0.0200 × 5,469.09
    expect(s(payslip('2026-02-15', '5469.10').generalReduction)).toBe('0.00');
  });

  it('uses the SMIC of June 2026 (12.31 €/h) from June', () => {
    // 3 × 12.31 × 151.67 = 5,601.05: still reduced at 5,500.00 in July, not in May
    expect(payslip('2026-07-15', '5500.00').generalReduction.greaterThan(0)).toBe(true);
    expect(s(payslip('2026-05-15', '5500.00').generalReduction)).toBe('0.00');
  });
});

describe('headcount thresholds', () => {
  const others = (headcount: number, extra = {}) =>
    line(payslip('2025-09-15', '2000.00', { headcount, ...extra }), 'autres-contributions-employeur').employerRate?.toString();

  it('charge vocational training at 0.55% under 11 employees and 1% from 11', () => {
    // CSA 0.30 + dialogue social 0.016 + apprenticeship tax 0.68 + training
    expect(others(10)).toBe('0.01546');
    expect(others(11)).toBe('0.01996');
  });

  it('add PEEC 0.45% and FNAL 0.50% on the whole pay from 50 employees', () => {
    expect(others(49)).toBe('0.01996');
    expect(others(50)).toBe('0.02946');
    expect(s(line(payslip('2025-09-15', '5000.00', { headcount: 49 }), 'fnal').base)).toBe('3925.00'); // 0.10% within PSS
    expect(hasLine(payslip('2025-09-15', '2000.00', { headcount: 50 }), 'fnal')).toBe(false);
  });

  it('add the apprenticeship surcharge 0.40% from 250 employees', () => {
    expect(others(249)).toBe('0.02946');
    expect(others(250)).toBe('0.03346');
  });

  it('charge the mobility rate and the 8% forfait social on the health share only from 11 employees', () => {
    expect(others(10, { mobilityRate: '0.0295' })).toBe('0.01546');
    expect(others(11, { mobilityRate: '0.0295' })).toBe('0.04946');
    expect(hasLine(payslip('2025-09-15', '2000.00', { headcount: 10 }), 'forfait-social')).toBe(false);
    expect(s(line(payslip('2025-09-15', '2000.00', { headcount: 11 }), 'forfait-social').employerAmount)).toBe('1.60');
  });

  it('use the AT/MP rate of the settings, else the national average of the date', () => {
    expect(line(payslip('2025-09-15', '2000.00'), 'accidents-du-travail').employerRate?.toString()).toBe('0.0212');
    expect(line(payslip('2026-02-15', '2000.00'), 'accidents-du-travail').employerRate?.toString()).toBe('0.0208');
    expect(s(line(payslip('2026-02-15', '2000.00', { atMpRate: '0.015' }), 'accidents-du-travail').employerAmount)).toBe('30.00');
  });
});

describe('bad input', () => {
  const bad = (input: Partial<Parameters<typeof computePayslip>[0]>) => () =>
    computePayslip({ date: '2025-09-15', gross: '2000.00', settings: { headcount: 20 }, ...input });

  it('refuses a negative gross, one above 1,000,000.00, or one with fractions of a cent', () => {
    expect(bad({ gross: '-1.00' })).toThrow(InvalidPayrollInput);
    expect(bad({ gross: '1000000.01' })).toThrow(InvalidPayrollInput);
    expect(bad({ gross: '2000.001' })).toThrow(InvalidPayrollInput);
    expect(bad({ gross: 'abc' })).toThrow(InvalidPayrollInput);
  });

  it('refuses weekly hours outside (0, 35]', () => {
    expect(bad({ weeklyHours: '0' })).toThrow(InvalidPayrollInput);
    expect(bad({ weeklyHours: '35.5' })).toThrow(InvalidPayrollInput);
    expect(bad({ weeklyHours: '35' })).not.toThrow();
  });

  it('refuses a headcount that is not a positive integer', () => {
    expect(bad({ settings: { headcount: 0 } })).toThrow(InvalidPayrollInput);
    expect(bad({ settings: { headcount: 1.5 } })).toThrow(InvalidPayrollInput);
  });
});
