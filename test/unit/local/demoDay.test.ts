import { describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/calendar.js';
import { coveredPeriods } from '../../../domain/payroll/rates/index.js';
import { demoDay } from '../../../infra/local/seed.js';

const lastCovered = coveredPeriods().at(-1)?.to as string;
const firstUncovered = addDays(lastCovered, 1);

describe("the demo's day", () => {
  it('is today while the rate tables cover last month', () => {
    expect(demoDay(lastCovered)).toBe(lastCovered);
    expect(demoDay(addDays(firstUncovered, 20))).toBe(addDays(firstUncovered, 20));
  });

  it('stops on the first day without rates once last month has none, so the months it pays have rates', () => {
    const later = addDays(firstUncovered, 800);
    expect(demoDay(later)).toBe(firstUncovered);
  });
});
