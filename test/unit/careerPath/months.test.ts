import { describe, expect, it } from 'vitest';
import { anniversary, lastDayOfPeriod, lengthOf, monthsRoundedUp } from '../../../domain/careerPath/index.js';

describe('counting months by anniversary', () => {
  it('a 12-month period from 2023-01-01 ends on 2023-12-31 (docs/domain.md)', () => {
    expect(lastDayOfPeriod('2023-01-01', 12)).toBe('2023-12-31');
  });

  it('an anniversary on a day the month lacks falls on the first of the next month', () => {
    expect(anniversary('2023-01-31', 1)).toBe('2023-03-01');
    expect(anniversary('2024-02-29', 12)).toBe('2025-03-01');
  });

  it('a one-month period from the 31st ends on the last day of the next month', () => {
    expect(lastDayOfPeriod('2023-03-31', 1)).toBe('2023-04-30');
  });

  it('a one-month period from a day that every month has ends the day before', () => {
    expect(lastDayOfPeriod('2023-03-15', 1)).toBe('2023-04-14');
  });

  it('anniversaries work across years and backwards', () => {
    expect(anniversary('2024-01-01', 24)).toBe('2026-01-01');
    expect(anniversary('2024-01-15', -13)).toBe('2022-12-15');
  });

  it('a calendar year lasts exactly 12 months', () => {
    expect(lengthOf('2023-01-01', '2023-12-31')).toEqual({ months: 12, days: 0 });
  });

  it('a period shorter than a month is counted in days', () => {
    expect(lengthOf('2023-01-01', '2023-01-10')).toEqual({ months: 0, days: 10 });
  });

  it('the leftover days are counted from the last anniversary', () => {
    expect(lengthOf('2023-01-15', '2023-07-20')).toEqual({ months: 6, days: 6 });
  });

  it('a stage that lasted no day has length zero', () => {
    expect(lengthOf('2023-01-15', '2023-01-14')).toEqual({ months: 0, days: 0 });
  });

  it('lengthOf inverts lastDayOfPeriod', () => {
    for (const start of ['2023-01-31', '2024-02-29', '2023-08-31', '2023-06-15']) {
      for (const months of [1, 5, 12, 36]) {
        expect(lengthOf(start, lastDayOfPeriod(start, months))).toEqual({ months, days: 0 });
      }
    }
  });

  it('any started month counts as a whole one when rounding up', () => {
    expect(monthsRoundedUp({ months: 5, days: 3 })).toBe(6);
    expect(monthsRoundedUp({ months: 5, days: 0 })).toBe(5);
  });
});
