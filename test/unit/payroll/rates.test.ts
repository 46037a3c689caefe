import { describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/calendar.js';
import {
  InvalidPayrollInput,
  NoRatesForDate,
  RATE_TABLES,
  ratesFor,
} from '../../../domain/payroll/index.js';
import { d, payslip, thrown } from './builders.js';

describe('rate tables', () => {
  it('follow each other day after day, without gap or overlap, from 2025-01-01 to 2026-12-31', () => {
    expect(RATE_TABLES[0]?.validFrom).toBe('2025-01-01');
    expect(RATE_TABLES[RATE_TABLES.length - 1]?.validTo).toBe('2026-12-31');
    for (let i = 1; i < RATE_TABLES.length; i += 1) {
      expect(RATE_TABLES[i]?.validFrom).toBe(addDays(RATE_TABLES[i - 1]?.validTo as string, 1));
    }
  });

  it('give every contribution, the SMIC, the PSS and the reduction a legal source', () => {
    for (const table of RATE_TABLES) {
      for (const c of table.contributions) expect(c.source.length, `${table.id} ${c.code}`).toBeGreaterThan(10);
      expect(table.smicHourly.source).not.toBe('');
      expect(table.pss.source).not.toBe('');
      expect(table.generalReduction.source).not.toBe('');
    }
  });

  it('pick the table in force on the date', () => {
    expect(ratesFor('2025-04-30').id).toBe('FR-2025-01');
    expect(ratesFor('2025-05-01').id).toBe('FR-2025-05');
    expect(ratesFor('2026-01-01').id).toBe('FR-2026-01');
    expect(ratesFor('2026-06-01').id).toBe('FR-2026-06');
  });

  it('carry the SMIC and PSS of the law: 11.88 and 3,925 in 2025; 12.02, then 12.31 from June, and 4,005 in 2026', () => {
    expect([ratesFor('2025-07-01').smicHourly.value, ratesFor('2025-07-01').pss.value]).toEqual(['11.88', '3925']);
    expect([ratesFor('2026-02-01').smicHourly.value, ratesFor('2026-02-01').pss.value]).toEqual(['12.02', '4005']);
    expect(ratesFor('2026-06-01').smicHourly.value).toBe('12.31');
  });

  it('refuse a date before the first table with an error naming the date', () => {
    const error = thrown(() => payslip('2024-12-31', '2000.00'));
    expect(error).toBeInstanceOf(NoRatesForDate);
    expect((error as NoRatesForDate).date).toBe('2024-12-31');
    expect((error as Error).message).toContain('2024-12-31');
    expect((error as Error).message).toContain('2025-01-01');
  });

  it('refuse a date after the last table rather than reuse the last rates', () => {
    expect(() => payslip('2027-01-01', '2000.00')).toThrow(NoRatesForDate);
  });

  it('refuse a date that is not on the calendar', () => {
    expect(() => ratesFor('2025-02-29')).toThrow(InvalidPayrollInput);
  });

  it('set the Fillon maximum T to the sum of the employer rates it covers (2025 from May, fewer than 50)', () => {
    // health 7, family 3.45, old age 8.55 + 2.02, CSA 0.30, AT/MP 0.50, FNAL 0.10, unemployment 4.00,
    // AGIRC-ARRCO T1 4.72 + CEG 1.29 (CSS D241-7)
    const t = ['0.07', '0.0345', '0.0855', '0.0202', '0.003', '0.005', '0.001', '0.04', '0.0472', '0.0129'];
    const sum = t.reduce((a, x) => a.plus(x), d(0));
    const rule = ratesFor('2025-09-01').generalReduction;
    expect(rule.kind === 'fillon' && rule.maxCoefficient.under50).toBe(sum.toFixed(4));
    expect(rule.kind === 'fillon' && rule.maxCoefficient.from50).toBe(sum.plus('0.004').toFixed(4));
  });
});
