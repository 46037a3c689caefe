/**
 * Contribution coopérative: policies (flat or tiered, on revenue or margin, with floor and cap), their dated
 * versions and per-entrepreneur overrides, their validation, and the contribution of a month.
 */
export { type ContributionInput, computeContribution, contributionOnCumulatedBase } from './compute.js';
export {
  canSetPolicy,
  type OverrideVersion,
  type PolicyVersion,
  policyFor,
  type ResolvedPolicy,
  resolvePolicy,
} from './history.js';
export {
  baseOf,
  type Bracket,
  bracketsOf,
  type ContributionBase,
  type ContributionPolicy,
  DEFAULT_POLICY,
  type FlatPolicy,
  type TieredPolicy,
} from './policy.js';
export { type PolicyViolationId, validatePolicy } from './validation.js';
export { type Checked, type Violation, ViolationError, violation } from './violation.js';
