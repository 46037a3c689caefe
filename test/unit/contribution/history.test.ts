import { describe, expect, it } from 'vitest';
import {
  canSetPolicy,
  DEFAULT_POLICY,
  type OverrideVersion,
  type PolicyVersion,
  policyFor,
  resolvePolicy,
} from '../../../domain/contribution/index.js';
import { DOMAIN_TIERS, flat } from './builders.js';

const history: PolicyVersion[] = [
  { effectiveFrom: '2025-01', policy: flat('0.10') },
  { effectiveFrom: '2025-07', policy: flat('0.12') },
];

describe('policyFor', () => {
  it('picks the version in force: the latest that took effect on or before the month', () => {
    expect(policyFor(history, '2025-06')).toEqual(flat('0.10'));
  });

  it('applies a version from the month it takes effect', () => {
    expect(policyFor(history, '2025-07')).toEqual(flat('0.12'));
  });

  it('keeps the latest version for every month after it', () => {
    expect(policyFor(history, '2027-02')).toEqual(flat('0.12'));
  });

  it('does not depend on the order versions are listed in', () => {
    expect(policyFor([...history].reverse(), '2025-08')).toEqual(flat('0.12'));
  });

  it('falls back to the default policy (flat 10% of revenue) before any version', () => {
    expect(resolvePolicy(history, '2024-12')).toEqual({ policy: DEFAULT_POLICY, source: 'default', effectiveFrom: null });
  });

  it('gives the default policy 10% of revenue', () => {
    expect(DEFAULT_POLICY).toEqual({ kind: 'flat', rate: '0.10', base: 'revenue' });
  });
});

describe('per-entrepreneur override', () => {
  const overrides: OverrideVersion[] = [
    { effectiveFrom: '2025-03', policy: DOMAIN_TIERS },
    { effectiveFrom: '2025-09', policy: null },
  ];

  it('takes precedence over the CAE policy while it runs', () => {
    expect(resolvePolicy(history, '2025-08', overrides)).toEqual({
      policy: DOMAIN_TIERS,
      source: 'override',
      effectiveFrom: '2025-03',
    });
  });

  it('does not apply before it takes effect', () => {
    expect(policyFor(history, '2025-02', overrides)).toEqual(flat('0.10'));
  });

  it('ends with a null version, giving the CAE policy back', () => {
    expect(resolvePolicy(history, '2025-09', overrides)).toEqual({
      policy: flat('0.12'),
      source: 'cae',
      effectiveFrom: '2025-07',
    });
  });

  it('can start again after it ended', () => {
    const again = [...overrides, { effectiveFrom: '2026-01', policy: flat('0.08') }];
    expect(policyFor(history, '2026-03', again)).toEqual(flat('0.08'));
  });
});

describe('canSetPolicy', () => {
  it('allows a version that takes effect after the last closed month', () => {
    expect(canSetPolicy('2025-04', '2025-03')).toEqual([]);
  });

  it('allows any month when no month is closed', () => {
    expect(canSetPolicy('2020-01', null)).toEqual([]);
  });

  it('refuses the last closed month itself (month-closed)', () => {
    expect(canSetPolicy('2025-03', '2025-03').map((v) => v.id)).toEqual(['month-closed']);
  });

  it('refuses a month before the last closed month (month-closed)', () => {
    expect(canSetPolicy('2024-12', '2025-03').map((v) => v.id)).toEqual(['month-closed']);
  });

  it('refuses something that is not a month (invalid-month)', () => {
    expect(canSetPolicy('2025-13', null).map((v) => v.id)).toEqual(['invalid-month']);
  });
});
