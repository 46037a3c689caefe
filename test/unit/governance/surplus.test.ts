import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSurplusAllocation,
  proposeMinimalAllocation,
  SURPLUS_RULES,
  type SurplusAllocation,
  type SurplusField,
  type SurplusRuleId,
  surplusRequirements,
} from '../../../domain/governance/index.js';
import { allocation, centsToMoney, moneyArb, moneyToCents } from './builders.js';

function rulesBroken(a: SurplusAllocation): SurplusRuleId[] {
  const decision = checkSurplusAllocation(a);
  return decision.ok ? [] : decision.violations.map((v) => v.rule);
}

function violation(a: SurplusAllocation, rule: SurplusRuleId) {
  const decision = checkSurplusAllocation(a);
  return decision.ok ? undefined : decision.violations.find((v) => v.rule === rule);
}

/** Moves `cents` from one part to another, so that the sum still matches the surplus. */
function shift(a: SurplusAllocation, from: SurplusField, to: SurplusField, cents: bigint): SurplusAllocation {
  return {
    ...a,
    [from]: centsToMoney(moneyToCents(a[from]) - cents),
    [to]: centsToMoney(moneyToCents(a[to]) + cents),
  };
}

describe('checkSurplusAllocation', () => {
  it('accepts an allocation that follows every rule', () => {
    expect(checkSurplusAllocation(allocation()).ok).toBe(true);
  });

  it('returns an accepted allocation with its amounts as two-decimal strings', () => {
    const decision = checkSurplusAllocation(allocation({ legalReserveBalance: '-0.00' }));
    expect(decision.ok && decision.allocation.legalReserveBalance).toBe('0.00');
  });

  describe('legal reserve (15%)', () => {
    it('accepts exactly 15% of the surplus', () => {
      expect(rulesBroken(allocation({ legalReserve: '1500.00', developmentFund: '5000.00' }))).toEqual([]);
    });

    it('refuses one cent under 15% of the surplus', () => {
      expect(rulesBroken(allocation({ legalReserve: '1499.99', developmentFund: '5000.01' }))).toEqual([
        'legal-reserve-below-15-percent',
      ]);
    });

    it('names the legal reserve and the minimum it needed', () => {
      expect(violation(allocation({ legalReserve: '1499.99', developmentFund: '5000.01' }), 'legal-reserve-below-15-percent')).toMatchObject({
        field: 'legalReserve',
        expected: '1500.00',
        actual: '1499.99',
      });
    });

    it('rounds 15% of the surplus half-up to the cent (15.015 → 15.02)', () => {
      const a = allocation({ surplus: '100.10', legalReserve: '15.01', workersShare: '25.03', capitalInterest: '0.00', developmentFund: '60.06' });
      expect(rulesBroken(a)).toEqual(['legal-reserve-below-15-percent']);
    });

    it('accepts 15% rounded to the cent when the exact figure has more decimals (15.0015 → 15.00)', () => {
      const a = allocation({ surplus: '100.01', legalReserve: '15.00', workersShare: '25.00', capitalInterest: '0.00', developmentFund: '60.01' });
      expect(rulesBroken(a)).toEqual([]);
    });

    it('requires only what the reserve lacks to reach the highest capital', () => {
      const nearCap = { legalReserveBalance: '49900.00', highestCapital: '50000.00' };
      expect(rulesBroken(allocation({ ...nearCap, legalReserve: '100.00', developmentFund: '6400.00' }))).toEqual([]);
    });

    it('refuses one cent under what the reserve lacks to reach the highest capital', () => {
      const nearCap = { legalReserveBalance: '49900.00', highestCapital: '50000.00' };
      expect(rulesBroken(allocation({ ...nearCap, legalReserve: '99.99', developmentFund: '6400.01' }))).toEqual([
        'legal-reserve-below-15-percent',
      ]);
    });

    it('requires nothing once the reserve equals the highest capital', () => {
      const atCap = { legalReserveBalance: '50000.00', highestCapital: '50000.00' };
      expect(rulesBroken(allocation({ ...atCap, legalReserve: '0.00', developmentFund: '6500.00' }))).toEqual([]);
    });

    it('requires nothing when the reserve is above the highest capital', () => {
      expect(surplusRequirements({ surplus: '10000.00', legalReserveBalance: '60000.00', highestCapital: '50000.00' }).legalReserveMinimum).toBe(
        '0.00',
      );
    });

    it('accepts more than the minimum', () => {
      expect(rulesBroken(allocation({ legalReserve: '6500.00', developmentFund: '0.00' }))).toEqual([]);
    });
  });

  describe("workers' share (25%)", () => {
    it('accepts exactly 25% of the surplus', () => {
      expect(rulesBroken(allocation({ workersShare: '2500.00', capitalInterest: '0.00', developmentFund: '6000.00' }))).toEqual([]);
    });

    it('refuses one cent under 25% of the surplus', () => {
      expect(rulesBroken(allocation({ workersShare: '2499.99', capitalInterest: '0.00', developmentFund: '6000.01' }))).toEqual([
        'workers-share-below-25-percent',
      ]);
    });

    it("names the workers' share and the minimum it needed", () => {
      expect(
        violation(allocation({ workersShare: '2499.99', capitalInterest: '0.00', developmentFund: '6000.01' }), 'workers-share-below-25-percent'),
      ).toMatchObject({ field: 'workersShare', expected: '2500.00', actual: '2499.99' });
    });

    it('rounds 25% of the surplus half-up to the cent (25.0025 → 25.00)', () => {
      expect(surplusRequirements({ surplus: '100.01', legalReserveBalance: '0.00', highestCapital: '1.00' }).workersShareMinimum).toBe('25.00');
    });

    it("does not lower the workers' minimum when the legal reserve is capped", () => {
      expect(surplusRequirements({ surplus: '10000.00', legalReserveBalance: '5.00', highestCapital: '5.00' }).workersShareMinimum).toBe('2500.00');
    });
  });

  describe('interest on capital', () => {
    it("accepts interest equal to the workers' share", () => {
      expect(rulesBroken(allocation({ workersShare: '2500.00', capitalInterest: '2500.00', developmentFund: '3500.00' }))).toEqual([]);
    });

    it("refuses interest one cent above the workers' share", () => {
      expect(rulesBroken(allocation({ workersShare: '2500.00', capitalInterest: '2500.01', developmentFund: '3499.99' }))).toEqual([
        'capital-interest-exceeds-workers-share',
      ]);
    });

    it("names the interest and the workers' share it may not exceed", () => {
      expect(
        violation(allocation({ capitalInterest: '2500.01', developmentFund: '3499.99' }), 'capital-interest-exceeds-workers-share'),
      ).toMatchObject({ field: 'capitalInterest', expected: '2500.00', actual: '2500.01' });
    });
  });

  describe('sum of the parts', () => {
    it('refuses parts that add up to one cent more than the surplus', () => {
      expect(rulesBroken(allocation({ developmentFund: '5000.01' }))).toEqual(['allocation-sum-mismatch']);
    });

    it('refuses parts that add up to one cent less than the surplus', () => {
      expect(rulesBroken(allocation({ developmentFund: '4999.99' }))).toEqual(['allocation-sum-mismatch']);
    });

    it('names the development fund and the rest it should receive', () => {
      expect(violation(allocation({ developmentFund: '4000.00' }), 'allocation-sum-mismatch')).toMatchObject({
        field: 'developmentFund',
        expected: '5000.00',
        actual: '4000.00',
      });
    });
  });

  describe('amounts', () => {
    it('refuses a surplus of zero', () => {
      const a = allocation({ surplus: '0.00', legalReserve: '0.00', workersShare: '0.00', capitalInterest: '0.00', developmentFund: '0.00' });
      expect(rulesBroken(a)).toEqual(['surplus-not-positive']);
    });

    it('refuses a negative surplus as not positive, not as a negative amount', () => {
      const a = allocation({ surplus: '-10.00', legalReserve: '0.00', workersShare: '0.00', capitalInterest: '0.00', developmentFund: '-10.00' });
      const decision = checkSurplusAllocation(a);
      const aboutSurplus = decision.ok ? [] : decision.violations.filter((v) => v.field === 'surplus');
      expect(aboutSurplus.map((v) => v.rule)).toEqual(['surplus-not-positive']);
    });

    it.each<SurplusField>(['legalReserve', 'developmentFund', 'workersShare', 'capitalInterest', 'legalReserveBalance', 'highestCapital'])(
      'refuses a negative %s and names it',
      (field) => {
        expect(violation(allocation({ [field]: '-0.01' }), 'negative-amount')).toMatchObject({ field, actual: '-0.01' });
      },
    );

    it('refuses an amount that is not a money string with two decimals', () => {
      expect(() => checkSurplusAllocation(allocation({ surplus: '10000' }))).toThrow(RangeError);
    });

    it('refuses a number where money is expected', () => {
      expect(() => checkSurplusAllocation(allocation({ surplus: 10000 as unknown as string }))).toThrow(RangeError);
    });
  });

  it('reports every rule broken, in the documented order', () => {
    const a = allocation({ legalReserve: '100.00', workersShare: '200.00', capitalInterest: '300.00', developmentFund: '-1.00' });
    expect(rulesBroken(a)).toEqual([
      'negative-amount',
      'allocation-sum-mismatch',
      'legal-reserve-below-15-percent',
      'workers-share-below-25-percent',
      'capital-interest-exceeds-workers-share',
    ]);
  });

  it('reports violations in the order of SURPLUS_RULES whatever they are', () => {
    const part = moneyArb(0n, 2_000_000n);
    fc.assert(
      fc.property(moneyArb(1n, 2_000_000n), part, part, part, part, moneyArb(0n, 2_000_000n), moneyArb(0n, 2_000_000n), (surplus, lr, df, ws, ci, bal, cap) => {
        const rules = rulesBroken(allocation({ surplus, legalReserve: lr, developmentFund: df, workersShare: ws, capitalInterest: ci, legalReserveBalance: bal, highestCapital: cap }));
        const positions = rules.map((r) => SURPLUS_RULES.indexOf(r));
        expect(positions).toEqual([...positions].sort((x, y) => x - y));
      }),
    );
  });
});

describe('proposeMinimalAllocation', () => {
  it('gives the minimums to the reserve and the workers and the rest to the development fund', () => {
    expect(proposeMinimalAllocation({ year: 2025, surplus: '10000.00', legalReserveBalance: '0.00', highestCapital: '50000.00' })).toEqual({
      year: 2025,
      surplus: '10000.00',
      legalReserve: '1500.00',
      developmentFund: '6000.00',
      workersShare: '2500.00',
      capitalInterest: '0.00',
      legalReserveBalance: '0.00',
      highestCapital: '50000.00',
    });
  });

  it('gives the reserve only what it lacks to reach the highest capital', () => {
    const p = proposeMinimalAllocation({ year: 2025, surplus: '10000.00', legalReserveBalance: '49900.00', highestCapital: '50000.00' });
    expect([p.legalReserve, p.developmentFund]).toEqual(['100.00', '7400.00']);
  });

  it('puts a one-cent surplus entirely in the development fund', () => {
    const p = proposeMinimalAllocation({ year: 2025, surplus: '0.01', legalReserveBalance: '0.00', highestCapital: '100.00' });
    expect([p.legalReserve, p.workersShare, p.developmentFund]).toEqual(['0.00', '0.00', '0.01']);
  });

  it('refuses a surplus that is not positive', () => {
    expect(() => proposeMinimalAllocation({ year: 2025, surplus: '0.00', legalReserveBalance: '0.00', highestCapital: '1.00' })).toThrow(RangeError);
  });

  it('refuses a negative reserve balance', () => {
    expect(() => proposeMinimalAllocation({ year: 2025, surplus: '1.00', legalReserveBalance: '-1.00', highestCapital: '1.00' })).toThrow(RangeError);
  });

  const situation = fc.record({
    year: fc.integer({ min: 1978, max: 2100 }),
    surplus: moneyArb(1n),
    legalReserveBalance: moneyArb(),
    highestCapital: moneyArb(),
  });

  it('proposes only allocations that the rules accept', () => {
    fc.assert(
      fc.property(situation, (s) => {
        expect(checkSurplusAllocation(proposeMinimalAllocation(s))).toMatchObject({ ok: true });
      }),
    );
  });

  it('refuses a legal reserve one cent under the requirement, with that rule alone', () => {
    fc.assert(
      fc.property(situation, (s) => {
        const minimal = proposeMinimalAllocation(s);
        fc.pre(moneyToCents(minimal.legalReserve) > 0n);
        expect(rulesBroken(shift(minimal, 'legalReserve', 'developmentFund', 1n))).toEqual(['legal-reserve-below-15-percent']);
      }),
    );
  });

  it("refuses a workers' share one cent under the requirement, with that rule alone", () => {
    fc.assert(
      fc.property(situation, (s) => {
        const minimal = proposeMinimalAllocation(s);
        fc.pre(moneyToCents(minimal.workersShare) > 0n);
        expect(rulesBroken(shift(minimal, 'workersShare', 'developmentFund', 1n))).toEqual(['workers-share-below-25-percent']);
      }),
    );
  });

  it('requires at least 15% and 25% of the surplus, less at most half a cent of rounding', () => {
    fc.assert(
      fc.property(situation, (s) => {
        const minimal = proposeMinimalAllocation({ ...s, legalReserveBalance: '0.00', highestCapital: '99999999999.99' });
        const surplus = moneyToCents(s.surplus);
        // 100 × reserve ≥ 15 × surplus − 50 ⇔ reserve ≥ 15% of the surplus − half a cent, in whole cents.
        expect(100n * moneyToCents(minimal.legalReserve) >= 15n * surplus - 50n).toBe(true);
        expect(100n * moneyToCents(minimal.workersShare) >= 25n * surplus - 50n).toBe(true);
      }),
    );
  });
});
