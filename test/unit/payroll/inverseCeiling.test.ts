/**
 * Net → gross around the social security ceiling, where the net drops by several euros one cent above it (the
 * employee's CET becomes due on the whole pay): every net of the band must get the smallest gross that pays it
 * (docs/domain.md "Salary"), checked against the nets of every cent of the band computed forward.
 */
import { describe, expect, it } from 'vitest';
import type { Decimal } from 'decimal.js';
import { Dec } from '../../../domain/money.js';
import { computePayslip, grossForNet, ratesFor } from '../../../domain/payroll/index.js';

const CENT = new Dec('0.01');

/** Every cent of gross from ceiling − below to ceiling + above, with its net before tax. */
function nets(date: string, weeklyHours: string, headcount: number, below: number, above: number) {
  const pss = new Dec(ratesFor(date).pss.value).times(weeklyHours).div(35).toDecimalPlaces(2, Dec.ROUND_FLOOR);
  const rows: { gross: Decimal; net: Decimal }[] = [];
  for (let g = pss.minus(below); g.lessThanOrEqualTo(pss.plus(above)); g = g.plus(CENT)) {
    rows.push({ gross: g, net: computePayslip({ date, gross: g, weeklyHours, settings: { headcount } }).net });
  }
  return { pss, rows };
}

describe('gross for a net around the social security ceiling', () => {
  it('answers 3,921.54 for a net of 3,082.34 on 2025-07-15, not the upper gross 3,928.43 that pays it too', () => {
    const p = grossForNet({ date: '2025-07-15', net: '3082.34', settings: { headcount: 250 } });
    expect(p.gross.toFixed(2)).toBe('3921.54');
    expect(p.net.toFixed(2)).toBe('3082.34');
    const upper = computePayslip({ date: '2025-07-15', gross: '3928.43', settings: { headcount: 250 } });
    expect(upper.net.toFixed(2)).toBe('3082.34');
    expect(upper.employerCost.greaterThan(p.employerCost)).toBe(true);
  });

  const cases = [
    { date: '2025-07-15', weeklyHours: '35', headcount: 250 },
    { date: '2025-03-15', weeklyHours: '24', headcount: 5 },
    { date: '2026-02-15', weeklyHours: '35', headcount: 20 },
    { date: '2026-09-15', weeklyHours: '28', headcount: 50 },
  ];
  for (const c of cases) {
    it(`gives the smallest paying gross for every net of the band, ${c.date}, ${c.weeklyHours} h, ${c.headcount} employees`, () => {
      const { pss, rows } = nets(c.date, c.weeklyHours, c.headcount, 20, 20);
      const first = rows[0] as { net: Decimal };
      const atCeiling = rows.find((r) => r.gross.equals(pss)) as { net: Decimal };
      const above = rows.find((r) => r.gross.equals(pss.plus(CENT))) as { net: Decimal };
      expect(above.net.lessThan(atCeiling.net.minus(1)), 'the net drops above the ceiling').toBe(true);
      const wrong: string[] = [];
      // from just above the first row's net (no gross below the band pays it: the net is non-decreasing there,
      // but for a cent of rounding) to a few euros past the ceiling's net
      for (let target = first.net.plus('0.02'); target.lessThanOrEqualTo(atCeiling.net.plus(5)); target = target.plus(CENT)) {
        const expected = rows.find((r) => r.net.greaterThanOrEqualTo(target));
        const got = grossForNet({ date: c.date, net: target.toFixed(2), weeklyHours: c.weeklyHours, settings: { headcount: c.headcount } });
        if (!expected || !got.gross.equals(expected.gross)) wrong.push(`${target.toFixed(2)} → ${got.gross.toFixed(2)}, expected ${expected?.gross.toFixed(2)}`);
      }
      expect(wrong.slice(0, 10)).toEqual([]);
    });
  }
});
