import { describe, expect, it } from 'vitest';
import { parseVatRate, VAT_RATES, vatOn } from '../../../domain/activityAccount/index.js';
import { Dec } from '../../../domain/money.js';

describe('VAT rates', () => {
  it('are the French rates 20%, 10%, 5.5%, 2.1% and 0%', () => {
    expect(VAT_RATES).toEqual(['0.20', '0.10', '0.055', '0.021', '0']);
  });

  it.each([
    ['0.2', '0.20'],
    ['0.200', '0.20'],
    ['0.1', '0.10'],
    ['0.0550', '0.055'],
    ['0.021', '0.021'],
    ['0.00', '0'],
    ['0', '0'],
  ])('read %s as the rate %s', (given, canonical) => {
    expect(parseVatRate(given)).toBe(canonical);
  });

  it.each(['0.19', '20', '0.05', '-0.20', '.2', '2e-1', ''])('refuse %s', (given) => {
    expect(parseVatRate(given)).toBeNull();
  });

  it('refuse a number: rates are strings', () => {
    expect(parseVatRate(0.2)).toBeNull();
  });
});

describe('VAT amount', () => {
  it('is the amount times the rate (5,000.00 at 20% → 1,000.00)', () => {
    expect(vatOn(new Dec('5000.00'), '0.20').toFixed(2)).toBe('1000.00');
  });

  it('rounds half-up to the cent (10.10 at 5.5% = 0.5555 → 0.56)', () => {
    expect(vatOn(new Dec('10.10'), '0.055').toFixed(2)).toBe('0.56');
  });

  it('rounds an exact half cent up (0.05 at 10% = 0.005 → 0.01)', () => {
    expect(vatOn(new Dec('0.05'), '0.10').toFixed(2)).toBe('0.01');
  });

  it('rounds below a half cent down (0.50 at 2.1% = 0.0105 → 0.01)', () => {
    expect(vatOn(new Dec('0.50'), '0.021').toFixed(2)).toBe('0.01');
  });

  it('mirrors on a negative amount (-0.05 at 10% → -0.01)', () => {
    expect(vatOn(new Dec('-0.05'), '0.10').toFixed(2)).toBe('-0.01');
  });
});
