/**
 * Contribution policies (contribution coopérative, docs/domain.md "Contribution") as data a person can read:
 * rates and amounts are decimal strings, exactly as the API carries and the store keeps them.
 */
import { Dec } from '../money.js';
import type { Decimal } from 'decimal.js';

/**
 * What the rate applies to: revenue excl. VAT, gross margin (revenue − purchases for resale), or what was
 * collected: the payments received on invoices in the month, excl. VAT (docs/domain.md "Contribution").
 */
export type ContributionBase = 'revenue' | 'margin' | 'collected';

/** Fields every kind of policy shares. Amounts are money strings ("40.00"). */
interface PolicyLimits {
  /** Default 'revenue'. */
  readonly base?: ContributionBase;
  /** Least contribution of a month with activity (revenue > 0). */
  readonly monthlyFloor?: string;
  /** Most contribution over a calendar year; wins over the floor. */
  readonly yearlyCap?: string;
}

/** One rate on the whole base: `{ kind: 'flat', rate: '0.10' }`. */
export interface FlatPolicy extends PolicyLimits {
  readonly kind: 'flat';
  readonly rate: string;
}

/** One marginal bracket: `rate` applies to the part of the cumulated yearly base up to `upTo` (null: no limit). */
export interface Bracket {
  readonly upTo: string | null;
  readonly rate: string;
}

/** Marginal brackets on the base cumulated over the calendar year; the last bracket has `upTo: null`. */
export interface TieredPolicy extends PolicyLimits {
  readonly kind: 'tiered';
  readonly brackets: Bracket[];
}

/** A CAE's (or an entrepreneur's override) contribution policy. */
export type ContributionPolicy = FlatPolicy | TieredPolicy;

/** The policy of a new CAE (docs/api.md): 10% of revenue, as in the founding documents. */
export const DEFAULT_POLICY: ContributionPolicy = Object.freeze({ kind: 'flat', rate: '0.10', base: 'revenue' });

/** The base a policy applies to ('revenue' when unset). */
export function baseOf(policy: ContributionPolicy): ContributionBase {
  return policy.base ?? 'revenue';
}

/** The brackets of a policy, a flat policy being a single open bracket. Values as decimals. */
export function bracketsOf(policy: ContributionPolicy): { upTo: Decimal | null; rate: Decimal }[] {
  if (policy.kind === 'flat') return [{ upTo: null, rate: new Dec(policy.rate) }];
  return policy.brackets.map((b) => ({ upTo: b.upTo === null ? null : new Dec(b.upTo), rate: new Dec(b.rate) }));
}
