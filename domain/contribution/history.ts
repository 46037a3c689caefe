/**
 * Which policy applies to a month: a CAE's policies are versions dated by the month they take effect, and an
 * entrepreneur may have an override, dated the same way, that takes precedence while it runs (a version with
 * `policy: null` ends it). Changing a policy never changes a closed month: `canSetPolicy` refuses a version
 * that would take effect in or before the last closed month.
 */
import { type IsoMonth, isValidMonth } from '../calendar.js';
import { type ContributionPolicy, DEFAULT_POLICY } from './policy.js';
import { type Violation, violation } from './violation.js';

/** One version of a CAE's policy. */
export interface PolicyVersion {
  readonly effectiveFrom: IsoMonth;
  readonly policy: ContributionPolicy;
}

/** One version of an entrepreneur's override; `policy: null` ends the override from that month. */
export interface OverrideVersion {
  readonly effectiveFrom: IsoMonth;
  readonly policy: ContributionPolicy | null;
}

/** The policy of a month and where it comes from. */
export interface ResolvedPolicy {
  readonly policy: ContributionPolicy;
  /** 'default' when no CAE version had taken effect yet (DEFAULT_POLICY). */
  readonly source: 'cae' | 'override' | 'default';
  /** Month the applied version took effect; null for the default. */
  readonly effectiveFrom: IsoMonth | null;
}

/** The version in force in `month`: the latest with effectiveFrom ≤ month (the later one on a tie). */
function versionFor<V extends { readonly effectiveFrom: IsoMonth }>(versions: readonly V[], month: IsoMonth): V | undefined {
  let found: V | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= month && (found === undefined || v.effectiveFrom >= found.effectiveFrom)) found = v;
  }
  return found;
}

/** The policy in force for `month`, with its source: an override in force, else the CAE's, else the default. */
export function resolvePolicy(
  history: readonly PolicyVersion[],
  month: IsoMonth,
  overrides: readonly OverrideVersion[] = [],
): ResolvedPolicy {
  const override = versionFor(overrides, month);
  if (override?.policy) return { policy: override.policy, source: 'override', effectiveFrom: override.effectiveFrom };
  const version = versionFor(history, month);
  if (version) return { policy: version.policy, source: 'cae', effectiveFrom: version.effectiveFrom };
  return { policy: DEFAULT_POLICY, source: 'default', effectiveFrom: null };
}

/** The policy in force for `month` (see `resolvePolicy`). */
export function policyFor(
  history: readonly PolicyVersion[],
  month: IsoMonth,
  overrides: readonly OverrideVersion[] = [],
): ContributionPolicy {
  return resolvePolicy(history, month, overrides).policy;
}

/**
 * Whether a policy (or override) version may take effect in `effectiveFrom`: 'month-closed' when that month
 * is already closed (the API's 409), 'invalid-month' when it is not a 'YYYY-MM' month.
 */
export function canSetPolicy(
  effectiveFrom: IsoMonth,
  lastClosedMonth: IsoMonth | null,
): Violation<'month-closed' | 'invalid-month'>[] {
  if (!isValidMonth(effectiveFrom)) return [violation('invalid-month', 'effectiveFrom', 'a month is YYYY-MM')];
  if (lastClosedMonth !== null && effectiveFrom <= lastClosedMonth) {
    return [
      violation(
        'month-closed',
        'effectiveFrom',
        `${effectiveFrom} is closed (last closed month ${lastClosedMonth}): a policy may only take effect after it`,
      ),
    ];
  }
  return [];
}
