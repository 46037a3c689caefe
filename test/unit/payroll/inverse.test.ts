import { describe, expect, it } from 'vitest';
import { Dec } from '../../../domain/money.js';
import { grossForEmployerCost, grossForNet, InvalidPayrollInput } from '../../../domain/payroll/index.js';
import { payslip, s } from './builders.js';

/** A small deterministic generator, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const CASES = [
  { date: '2025-03-15', weeklyHours: '35', headcount: 5 },
  { date: '2025-09-15', weeklyHours: '24', headcount: 50 },
  { date: '2026-02-15', weeklyHours: '35', headcount: 20 },
  { date: '2026-07-15', weeklyHours: '17.5', headcount: 250 },
];

describe('gross for an employer-cost budget', () => {
  it('is the largest gross whose cost fits: one more cent would exceed the budget', () => {
    const random = seeded(7);
    for (const c of CASES) {
      for (let i = 0; i < 60; i += 1) {
        const budget = new Dec(random()).times(20000).plus(30).toDecimalPlaces(2).toFixed(2);
        const p = grossForEmployerCost({ date: c.date, budget, weeklyHours: c.weeklyHours, settings: { headcount: c.headcount } });
        const next = payslip(c.date, p.gross.plus('0.01').toFixed(2), { headcount: c.headcount }, c.weeklyHours);
        expect(p.employerCost.lessThanOrEqualTo(budget), `${c.date} ${budget}`).toBe(true);
        expect(next.employerCost.greaterThan(budget), `${c.date} ${budget}: ${s(p.gross)} + 0.01`).toBe(true);
      }
    }
  });

  it('stops at the last cent under 3 SMIC when the budget falls in the jump where the RGDU ends (2026)', () => {
    // cost(5,469.09) = 7,762.15 with the reduction, cost(5,469.10) = 7,871.54 without it
    const p = grossForEmployerCost({ date: '2026-02-15', budget: '7800.00', settings: { headcount: 20 } });
    expect(s(p.gross)).toBe('5469.09');
  });

  it('stops at the last cent under 2.25 SMIC when the budget falls in the jump of the health rate (2025)', () => {
    const below = payslip('2025-09-15', '4054.04');
    const at = payslip('2025-09-15', '4054.05');
    const budget = below.employerCost.plus(at.employerCost).div(2).toDecimalPlaces(2).toFixed(2);
    expect(s(grossForEmployerCost({ date: '2025-09-15', budget, settings: { headcount: 20 } }).gross)).toBe('4054.04');
  });

  it('pays nothing when the budget is below the cost of the smallest pay (health insurance included)', () => {
    expect(s(grossForEmployerCost({ date: '2026-02-15', budget: '10.00', settings: { headcount: 20 } }).gross)).toBe('0.00');
  });

  it('refuses a negative budget', () => {
    expect(() => grossForEmployerCost({ date: '2026-02-15', budget: '-1.00', settings: { headcount: 20 } })).toThrow(
      InvalidPayrollInput,
    );
  });
});

describe('gross for a net pay', () => {
  it('pays exactly the net asked for, with the smallest gross that does', () => {
    const random = seeded(11);
    for (const c of CASES) {
      for (let i = 0; i < 30; i += 1) {
        const net = new Dec(random()).times(12000).plus(100).toDecimalPlaces(2).toFixed(2);
        const p = grossForNet({ date: c.date, net, weeklyHours: c.weeklyHours, settings: { headcount: c.headcount } });
        expect(s(p.net), `${c.date} ${net}`).toBe(net);
        // no smaller gross within 30 cents reaches it (rounding can make the net dip by a cent)
        for (let k = 1; k <= 30; k += 1) {
          const smaller = payslip(c.date, p.gross.minus(new Dec(k).div(100)).toFixed(2), { headcount: c.headcount }, c.weeklyHours);
          expect(smaller.net.lessThan(net), `${c.date} ${net}: ${s(p.gross)} - ${k} cents`).toBe(true);
        }
      }
    }
  });

  it('needs no pay for a net of 0', () => {
    expect(s(grossForNet({ date: '2026-02-15', net: '0', settings: { headcount: 20 } }).gross)).toBe('0.00');
  });
});
