import { describe, expect, it } from 'vitest';
import { type ContributionPolicy, validatePolicy } from '../../../domain/contribution/index.js';
import { DOMAIN_TIERS, flat, MARGIN_FLOOR_CAP } from './builders.js';

const found = (policy: ContributionPolicy, prefix?: string) =>
  validatePolicy(policy, prefix).map((v) => `${v.id} @ ${v.path}`);

const tiered = (brackets: { upTo: string | null; rate: string }[]): ContributionPolicy => ({ kind: 'tiered', brackets });

describe('validatePolicy', () => {
  it('accepts the policies of docs/domain.md', () => {
    expect([...validatePolicy(DOMAIN_TIERS), ...validatePolicy(MARGIN_FLOOR_CAP), ...validatePolicy(flat('0.115'))]).toEqual(
      [],
    );
  });

  it('accepts a rate of 0 and a rate of 1', () => {
    expect([...validatePolicy(flat('0')), ...validatePolicy(flat('1.00'))]).toEqual([]);
  });

  it('refuses a rate above 1', () => {
    expect(found(flat('1.01'))).toEqual(['rate-out-of-range @ rate']);
  });

  it('refuses a rate written as a percentage sign or a negative', () => {
    expect([...found(flat('10%')), ...found(flat('-0.10'))]).toEqual(['invalid-rate @ rate', 'invalid-rate @ rate']);
  });

  it('prefixes paths with the field the policy sits in', () => {
    expect(found(flat('2'), 'policy')).toEqual(['rate-out-of-range @ policy.rate']);
  });

  it('refuses an unknown base', () => {
    expect(found({ kind: 'flat', rate: '0.10', base: 'profit' as 'margin' })).toEqual(['invalid-base @ base']);
  });

  it('refuses an unknown kind', () => {
    expect(found({ kind: 'progressive', rate: '0.10' } as unknown as ContributionPolicy)).toEqual(['invalid-kind @ kind']);
  });

  it('refuses a floor that is not a money amount', () => {
    expect(found(flat('0.10', { monthlyFloor: '40' }))).toEqual(['invalid-amount @ monthlyFloor']);
  });

  it('refuses a negative cap', () => {
    expect(found(flat('0.10', { yearlyCap: '-1.00' }))).toEqual(['amount-negative @ yearlyCap']);
  });

  it('refuses a floor above the cap', () => {
    expect(found(flat('0.10', { monthlyFloor: '500.00', yearlyCap: '400.00' }))).toEqual(['floor-above-cap @ monthlyFloor']);
  });

  it('refuses a tiered policy without brackets', () => {
    expect(found(tiered([]))).toEqual(['brackets-empty @ brackets']);
  });

  it('refuses brackets that do not ascend', () => {
    const brackets = [
      { upTo: '45000.00', rate: '0.10' },
      { upTo: '35000.00', rate: '0.08' },
      { upTo: null, rate: '0.06' },
    ];
    expect(found(tiered(brackets))).toEqual(['brackets-not-ascending @ brackets[1].upTo']);
  });

  it('refuses two brackets with the same limit', () => {
    const brackets = [
      { upTo: '35000.00', rate: '0.10' },
      { upTo: '35000.00', rate: '0.08' },
      { upTo: null, rate: '0.06' },
    ];
    expect(found(tiered(brackets))).toEqual(['brackets-not-ascending @ brackets[1].upTo']);
  });

  it('refuses a first bracket that ends at 0', () => {
    expect(found(tiered([{ upTo: '0.00', rate: '0.10' }, { upTo: null, rate: '0.08' }]))).toEqual([
      'brackets-not-ascending @ brackets[0].upTo',
    ]);
  });

  it('refuses a last bracket with a limit', () => {
    expect(found(tiered([{ upTo: '35000.00', rate: '0.10' }]))).toEqual(['last-bracket-not-open @ brackets[0].upTo']);
  });

  it('refuses an open bracket before the last', () => {
    expect(found(tiered([{ upTo: null, rate: '0.10' }, { upTo: null, rate: '0.08' }]))).toEqual([
      'open-bracket-not-last @ brackets[0].upTo',
    ]);
  });

  it('refuses a bracket rate above 1, naming the bracket', () => {
    expect(found(tiered([{ upTo: null, rate: '1.50' }]))).toEqual(['rate-out-of-range @ brackets[0].rate']);
  });
});
