import { describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/calendar.js';
import { Dec } from '../../../domain/money.js';
import { MILEAGE_SCALES, tripAllowance, type Vehicle } from '../../../domain/expenses/mileage.js';

const car = (fiscalPower: number, electric = false): Vehicle => ({ type: 'car', fiscalPower, electric });
const motorcycle = (fiscalPower: number, electric = false): Vehicle => ({ type: 'motorcycle', fiscalPower, electric });
const moped: Vehicle = { type: 'moped', fiscalPower: 1, electric: false };

/** The allowance of a trip of `km` after `kmBefore` km this year, on a 2025 date. */
function allowance(vehicle: Vehicle, kmBefore: number, km: number, date = '2025-06-10') {
  const result = tripAllowance({ date, km, kmBefore, vehicle });
  if (!result.ok) throw new Error(JSON.stringify(result.violations));
  return result.value;
}
/** The whole year's scale for d km: a single trip from 0. */
const year = (vehicle: Vehicle, d: number) => allowance(vehicle, 0, d).amount;

describe('mileage scale tables', () => {
  it('follow each other day after day from 2024-01-01 to 2027-12-31, each with its source', () => {
    expect(MILEAGE_SCALES[0]?.validFrom).toBe('2024-01-01');
    expect(MILEAGE_SCALES[MILEAGE_SCALES.length - 1]?.validTo).toBe('2027-12-31');
    for (let i = 1; i < MILEAGE_SCALES.length; i += 1) {
      expect(MILEAGE_SCALES[i]?.validFrom).toBe(addDays(MILEAGE_SCALES[i - 1]?.validTo as string, 1));
    }
    for (const scale of MILEAGE_SCALES) expect(scale.source.length).toBeGreaterThan(20);
  });

  it('price 2026 trips with the latest published scale, marked provisional', () => {
    const value = allowance(car(4), 0, 100, '2026-03-02');
    expect(value.amount).toBe('60.60');
    expect(value.scale.id).toBe('FR-2026-provisional');
    expect(value.scale.provisional).toMatch(/not published/);
  });

  it('refuse a trip date that no table covers, naming the date', () => {
    for (const date of ['2023-12-31', '2028-01-01']) {
      const result = tripAllowance({ date, km: 10, kmBefore: 0, vehicle: car(4) });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.violations).toEqual([expect.objectContaining({ id: 'no-mileage-scale-for-date', path: 'date' })]);
    }
  });
});

describe('cars: d × rate up to 5,000 km, d × rate + fixed up to 20,000, d × rate beyond', () => {
  // [fiscal power, the class's three rates and fixed amount] as docs/domain.md "Expenses" gives them.
  const classes: [number[], string, string, string, string][] = [
    [[1, 2, 3], '0.529', '0.316', '1065', '0.370'],
    [[4], '0.606', '0.340', '1330', '0.407'],
    [[5], '0.636', '0.357', '1395', '0.427'],
    [[6], '0.665', '0.374', '1457', '0.447'],
    [[7, 8, 12, 50], '0.697', '0.394', '1515', '0.470'],
  ];
  const at = (d: number, rate: string, fixed = '0') => new Dec(d).times(rate).plus(fixed);
  for (const [powers, r1, r2, fixed, r3] of classes) {
    for (const power of powers) {
      it(`${power} CV: 1, 5,000, 5,001, 20,000, 20,001 km`, () => {
        expect(year(car(power), 1)).toBe(at(1, r1).toFixed(2));
        expect(year(car(power), 5000)).toBe(at(5000, r1).toFixed(2));
        expect(year(car(power), 5001)).toBe(at(5001, r2, fixed).toFixed(2));
        expect(year(car(power), 20000)).toBe(at(20000, r2, fixed).toFixed(2));
        expect(year(car(power), 20001)).toBe(at(20001, r3).toFixed(2));
      });
    }
  }

  it('4 CV, literally: 5,000 km 3,030.00; 5,001 km 3,030.34; 20,000 km 8,130.00; 20,001 km 8,140.41', () => {
    expect([year(car(4), 5000), year(car(4), 5001), year(car(4), 20000), year(car(4), 20001)]).toEqual(['3030.00', '3030.34', '8130.00', '8140.41']);
  });
});

describe('motorcycles over 50 cc: thresholds 3,000 and 6,000 km', () => {
  it('1–2 CV: 0.395 / 0.099 + 891 / 0.248', () => {
    for (const p of [1, 2]) {
      expect([year(motorcycle(p), 3000), year(motorcycle(p), 3001), year(motorcycle(p), 6000), year(motorcycle(p), 6001)]).toEqual([
        '1185.00',
        '1188.10',
        '1485.00',
        '1488.25',
      ]);
    }
  });
  it('3–5 CV: 0.468 / 0.082 + 1,158 / 0.275', () => {
    for (const p of [3, 4, 5]) {
      expect([year(motorcycle(p), 3000), year(motorcycle(p), 3001), year(motorcycle(p), 6000), year(motorcycle(p), 6001)]).toEqual([
        '1404.00',
        '1404.08',
        '1650.00',
        '1650.28',
      ]);
    }
  });
  it('6 CV and more: 0.606 / 0.079 + 1,583 / 0.343', () => {
    for (const p of [6, 9, 50]) {
      expect([year(motorcycle(p), 3000), year(motorcycle(p), 3001), year(motorcycle(p), 6000), year(motorcycle(p), 6001)]).toEqual([
        '1818.00',
        '1820.08',
        '2057.00',
        '2058.34',
      ]);
    }
  });
});

describe('mopeds: thresholds 3,000 and 6,000 km, as the published scale', () => {
  it('0.315 / 0.079 + 711 / 0.198', () => {
    expect([year(moped, 3000), year(moped, 3001), year(moped, 6000), year(moped, 6001)]).toEqual(['945.00', '948.08', '1185.00', '1188.20']);
  });
});

describe('every scale rises with the km driven', () => {
  it('at each threshold of each class, one km more never pays less, so no trip is negative', () => {
    for (const scale of MILEAGE_SCALES) {
      for (const [type, classes] of Object.entries(scale.vehicles)) {
        for (const powerClass of classes) {
          const vehicle = { type, fiscalPower: powerClass.fromPower, electric: false } as Vehicle;
          for (const band of powerClass.bands) {
            if (band.upToKm === null) continue;
            const date = scale.validFrom;
            const at = tripAllowance({ date, km: band.upToKm, kmBefore: 0, vehicle });
            const past = tripAllowance({ date, km: band.upToKm + 1, kmBefore: 0, vehicle });
            if (!at.ok || !past.ok) throw new Error('unpriced');
            expect(new Dec(past.value.amount).gte(at.value.amount), `${scale.id} ${type} ${powerClass.label} at ${band.upToKm} km`).toBe(true);
          }
        }
      }
    }
  });
});

describe("a trip's allowance", () => {
  it('is scale(after) − scale(before): 1,000 km after 4,500 on a 4 CV crosses 5,000 km', () => {
    // (5,500 × 0.340 + 1,330) − 4,500 × 0.606 = 3,200.00 − 2,727.00
    const value = allowance(car(4), 4500, 1000);
    expect(value.amount).toBe('473.00');
    expect(value.formula).toBe('scale(5500) − scale(4500) = (5500 × 0.340 + 1330) − 4500 × 0.606 = 473.00');
  });

  it('is rounded half-up to the cent once, at the end: 5 km on a 3 CV is 2.645 → 2.65', () => {
    expect(allowance(car(3), 0, 5).amount).toBe('2.65');
  });

  it('is raised by 20% for a fully electric vehicle, rounded after the raise', () => {
    expect(allowance(car(4, true), 0, 100).amount).toBe('72.72');
    expect(allowance(car(3, true), 0, 5).amount).toBe('3.17'); // 2.645 × 1.2 = 3.174
    expect(allowance(motorcycle(2, true), 0, 3000).amount).toBe('1422.00');
    expect(allowance(car(4, true), 900, 100).formula).toBe('scale(1000) − scale(900) = (1000 × 0.606 − 900 × 0.606) × 1.20 (fully electric) = 72.72');
  });

  it('adds up over trips to the year’s scale (up to a cent of rounding per trip)', () => {
    let total = new Dec(0);
    let before = 0;
    const trips = [800, 1200, 3100, 450, 9000, 7000];
    for (const km of trips) {
      total = total.plus(allowance(car(5), before, km).amount);
      before += km;
    }
    expect(total.minus(year(car(5), before)).abs().lessThanOrEqualTo(new Dec('0.01').times(trips.length))).toBe(true);
  });

  it('refuses a distance that is not a positive whole number and a fiscal power outside 1–50', () => {
    const bad = (trip: Parameters<typeof tripAllowance>[0]) => {
      const r = tripAllowance(trip);
      return r.ok ? [] : r.violations.map((v) => `${v.id}@${v.path}`);
    };
    expect(bad({ date: '2025-01-10', km: 0, kmBefore: 0, vehicle: car(4) })).toEqual(['invalid-km@km']);
    expect(bad({ date: '2025-01-10', km: 1.5, kmBefore: 0, vehicle: car(4) })).toEqual(['invalid-km@km']);
    expect(bad({ date: '2025-01-10', km: 10, kmBefore: -1, vehicle: car(4) })).toEqual(['invalid-km@kmBefore']);
    expect(bad({ date: '2025-01-10', km: 10, kmBefore: 0, vehicle: car(0) })).toEqual(['invalid-fiscal-power@vehicle.fiscalPower']);
    expect(bad({ date: '2025-01-10', km: 10, kmBefore: 0, vehicle: car(51) })).toEqual(['invalid-fiscal-power@vehicle.fiscalPower']);
  });
});
