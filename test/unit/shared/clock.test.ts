/** The business clock: what handlers read as today and now, and the seam that tests and the local runtime move. */
import { afterEach, describe, expect, it } from 'vitest';
import { clockInstant, now, nowIso, setClock, todayInParis } from '../../../functions/shared/clock.js';

afterEach(() => setClock(undefined));

describe('the business clock', () => {
  it('reads the Paris calendar date, not the UTC one', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Paris (UTC+1 in winter).
    expect(todayInParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayInParis(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(todayInParis(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('reads real time until it is moved', () => {
    const before = Date.now();
    const read = now().getTime();
    expect(read).toBeGreaterThanOrEqual(before);
    expect(read).toBeLessThanOrEqual(Date.now());
  });

  it('set to a date, reads that date as today and keeps running from 10:00 UTC that day', async () => {
    setClock('2031-02-28');
    expect(todayInParis()).toBe('2031-02-28');
    const first = nowIso();
    expect(first.startsWith('2031-02-28T10:00:0')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(nowIso() > first).toBe(true);
  });

  it('set to an instant, reads that instant', () => {
    setClock('2030-07-14T21:30:00Z');
    expect(todayInParis()).toBe('2030-07-14');
    expect(Math.abs(now().getTime() - Date.parse('2030-07-14T21:30:00Z'))).toBeLessThan(1000);
  });

  it('moved, leaves the process clock alone', () => {
    setClock('2001-01-01');
    expect(new Date().getFullYear()).toBeGreaterThan(2001);
  });

  it('back on real time after setClock(undefined)', () => {
    setClock('2001-01-01');
    setClock(undefined);
    expect(todayInParis()).toBe(todayInParis(new Date()));
  });

  it('refuses a setting that is not a date or an instant, and stays where it was', () => {
    setClock('2030-01-10');
    for (const bad of ['2030-02-30', 'tomorrow', '2030-13-01', '']) {
      expect(clockInstant(bad)).toBeUndefined();
      expect(() => setClock(bad)).toThrow(/cannot be set/);
    }
    expect(todayInParis()).toBe('2030-01-10');
  });
});
