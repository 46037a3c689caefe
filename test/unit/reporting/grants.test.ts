import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../domain/money.js';
import { enclosingTerritories, grantCountsIn, grantInPeriod, grantMonthShare, grantShares } from '../../../domain/reporting/index.js';
import { epciCodes, parseTerritory, type Territory, territoriesOfEpci } from '../../../domain/territory/index.js';
import { LYON_METROPOLE } from './builders.js';

function t(text: string): Territory {
  const parsed = parseTerritory(text);
  if (!parsed.ok) throw new Error(parsed.violation.message);
  return parsed.territory;
}

describe('a yearly grant spread over its months', () => {
  it('counts 10,000.00 as 833.33, 833.34, 833.33… by cumulative rounding', () => {
    expect([1, 2, 3, 4].map((m) => grantMonthShare('10000.00', m).toFixed(2))).toEqual(['833.33', '833.34', '833.33', '833.33']);
  });

  it('counts the first quarter of 10,000.00 as exactly 2,500.00 and a half-year as 5,000.00', () => {
    const grant = { year: 2025, amount: '10000.00' };
    expect(grantInPeriod(grant, '2025-01', '2025-03').toFixed(2)).toBe('2500.00');
    expect(grantInPeriod(grant, '2025-01', '2025-06').toFixed(2)).toBe('5000.00');
  });

  it('counts nothing of a grant in a period outside its year', () => {
    expect(grantShares({ year: 2024, amount: '1200.00' }, '2025-01', '2025-12').size).toBe(0);
  });

  it('counts only the months of its year in a period that spans two years', () => {
    const shares = grantShares({ year: 2025, amount: '1200.00' }, '2024-11', '2025-02');
    expect([...shares.entries()]).toEqual([
      ['2025-01', '100.00'],
      ['2025-02', '100.00'],
    ]);
  });

  it('counts a whole year as exactly the amount, each month within a cent of a twelfth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_99 }), (cents) => {
        const amount = new Dec(cents).dividedBy(100).toFixed(2);
        const shares = [...Array(12).keys()].map((i) => grantMonthShare(amount, i + 1));
        const twelfth = new Dec(amount).dividedBy(12);
        expect(shares.reduce((a, b) => a.plus(b), new Dec(0)).toFixed(2)).toBe(amount);
        for (const share of shares) expect(share.minus(twelfth).abs().lessThanOrEqualTo('0.01')).toBe(true);
      }),
    );
  });
});

describe('where a grant counts', () => {
  it('counts a grant of Lyon in Lyon, the Métropole, the Rhône, the région and France', () => {
    expect(enclosingTerritories(t('commune:69123'))).toEqual(['commune:69123', 'departement:69', `epci:${LYON_METROPOLE}`, 'france', 'region:84']);
  });

  it('counts a grant of a département in itself, its région and France', () => {
    expect(enclosingTerritories(t('departement:38'))).toEqual(['departement:38', 'france', 'region:84']);
  });

  it('counts a grant of France in France only', () => {
    expect(enclosingTerritories(t('france'))).toEqual(['france']);
  });

  it('does not count a grant of an EPCI that straddles two départements in either of them', () => {
    const straddling = epciCodes.find((code) => (territoriesOfEpci(code)?.departements.length ?? 0) > 1) as string;
    const enclosing = enclosingTerritories(t(`epci:${straddling}`));
    expect(enclosing.some((e) => e.startsWith('departement:'))).toBe(false);
    expect(enclosing).toContain('france');
  });

  it("counts a grant of La Réunion's région in its département too, the two having the same communes", () => {
    expect(enclosingTerritories(t('region:04'))).toEqual(['departement:974', 'france', 'region:04']);
  });

  it("does not count a région's grant in a département's report", () => {
    expect(grantCountsIn(t('departement:69'), 'region:84')).toBe(false);
  });

  it("counts a commune's grant in its département's report", () => {
    expect(grantCountsIn(t('departement:69'), 'commune:69123')).toBe(true);
  });
});
