import { describe, expect, it } from 'vitest';
import { NoRatesForDate, type SalaryOfTheMonthInput, salaryOfTheMonth } from '../../../domain/payroll/index.js';
import { payslip, s } from './builders.js';

const month = (input: Partial<SalaryOfTheMonthInput>) =>
  salaryOfTheMonth({ date: '2026-03-31', envelope: '3900.00', fixedMonthlyGross: '1000.00', settings: { headcount: 20 }, ...input });

describe('salary of the month', () => {
  it('pays the largest gross whose employer cost fits the envelope (docs/domain.md example: 3,900.00)', () => {
    const p = month({});
    expect(p.employerCost.lessThanOrEqualTo('3900.00')).toBe(true);
    expect(payslip('2026-03-31', p.gross.plus('0.01').toFixed(2)).employerCost.greaterThan('3900.00')).toBe(true);
    expect(p.flags).toEqual([]);
  });

  it('splits the gross into the fixed part and the variable part', () => {
    const p = month({});
    expect(s(p.fixedPart)).toBe('1000.00');
    expect(s(p.variablePart)).toBe(s(p.gross.minus('1000.00')));
  });

  it('never pays more than the entrepreneur asked for', () => {
    const p = month({ requestedMaxGross: '2000.00' });
    expect(s(p.gross)).toBe('2000.00');
    expect(s(p.variablePart)).toBe('1000.00');
    expect(p.flags).toEqual(['capped-by-request']);
  });

  it('does not flag a request the envelope could not reach anyway', () => {
    expect(month({ requestedMaxGross: '9000.00' }).flags).toEqual([]);
  });

  it('pays the fixed part when the envelope is short, and flags it: the account goes negative', () => {
    const p = month({ envelope: '1000.00', fixedMonthlyGross: '1823.03' });
    expect(s(p.gross)).toBe('1823.03');
    expect(s(p.variablePart)).toBe('0.00');
    expect(p.employerCost.greaterThan('1000.00')).toBe(true);
    expect(p.flags).toEqual(['envelope-short']);
  });

  it('pays the fixed part when the envelope is empty or negative, flagged', () => {
    const p = month({ envelope: '-250.00', fixedMonthlyGross: '1200.00' });
    expect(s(p.gross)).toBe('1200.00');
    expect(p.flags).toEqual(['envelope-empty', 'envelope-short']);
  });

  it('pays the fixed part even when the request is below it', () => {
    const p = month({ fixedMonthlyGross: '1500.00', requestedMaxGross: '1000.00' });
    expect(s(p.gross)).toBe('1500.00');
    expect(p.flags).toEqual(['request-below-fixed']);
  });

  it('pays nothing without a fixed part nor an envelope: zero totals and no line', () => {
    const p = month({ envelope: '0', fixedMonthlyGross: '0' });
    expect(s(p.gross)).toBe('0.00');
    expect(s(p.employerCost)).toBe('0.00');
    expect(p.lines).toEqual([]);
    expect(p.flags).toEqual(['envelope-empty', 'no-pay']);
  });

  it('pays the variable part alone when the fixed part is 0', () => {
    const p = month({ fixedMonthlyGross: '0', envelope: '1300.00' });
    expect(s(p.variablePart)).toBe(s(p.gross));
    expect(p.gross.greaterThan(0)).toBe(true);
  });

  it('names the missing period when no rates cover the date', () => {
    expect(() => month({ date: '2027-01-31' })).toThrow(NoRatesForDate);
  });
});

describe('salary of the month, account figures', () => {
  it('takes any envelope the account gives, a long negative run included', () => {
    const p = month({ envelope: '-1234567.891', fixedMonthlyGross: '1000.00' });
    expect(s(p.gross)).toBe('1000.00');
    expect(p.flags).toEqual(['envelope-empty', 'envelope-short']);
  });
});
