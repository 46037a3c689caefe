/**
 * The rules a career-path command can break, by stable id. The id is the last segment of the problem `type`
 * of the API's 422 (`…/convention-required`); clients switch on it, so an id never changes meaning.
 *
 * A violation has the same shape as the other domain modules' (`{ id, path, message }`, see
 * domain/contribution/violation.ts): `path` names the command field at fault ('' for the command as a whole).
 */
import type { CareerPath } from './types.js';

/** Every rule id, with what it guards. */
export const CAREER_RULES = {
  /** A CESA needs a CAPE first in this path segment, when the CAE's setting says so (practice). */
  'convention-required': 'a CAPE must precede the CESA in this CAE',
  /** A CAPE, and each renewal, lasts at most 12 months (L127-1). */
  'convention-too-long': 'a CAPE or a renewal lasts at most 12 months',
  /** A CAPE is renewable twice (L127-1). */
  'too-many-renewals': 'a CAPE is renewable at most twice',
  /** A CAPE lasts 36 months in all, renewals included (L127-1). */
  'convention-total-too-long': 'a CAPE lasts at most 36 months in all',
  /** A CESA trial period is at most 8 months minus the prior CAPE (L7332-1). */
  'trial-period-too-long': 'the trial period is at most 8 months minus the prior CAPE',
  /** Membership must take effect on or before the deadline: CESA start + 36 months − prior CAPE (L7331-3). */
  'associate-deadline-passed': 'the deadline to become an associate has passed',
  /** The command does not apply to the person's stage (membership of a non-employee, exit of an exited person…). */
  'invalid-transition': 'this change of stage is not allowed from the current stage',
  /** A date before the current stage began, an end before a start, a signature after the start. */
  'date-out-of-order': 'the dates are out of order',
  /** An exit reason outside company_created, salaried_job, training, stopped, other. */
  'invalid-exit-reason': 'unknown exit reason',
  /** A field the API layer should have refused: a date that does not exist, a malformed amount, a bad count. */
  'invalid-input': 'a field is malformed',
} as const;

/** A career-path rule id. */
export type CareerRule = keyof typeof CAREER_RULES;

/** One refusal: which rule, which field, and a sentence for people. */
export interface CareerViolation {
  readonly id: CareerRule;
  readonly path: string;
  readonly message: string;
}

/**
 * What a command decides: the new path, or the one rule it breaks (the first one checked). Structurally a
 * `Checked<CareerPath, CareerRule>` of domain/contribution/violation.ts.
 */
export type Decision =
  | { readonly ok: true; readonly value: CareerPath }
  | { readonly ok: false; readonly violations: readonly [CareerViolation] };

/** Builds a refusal. */
export function refuse(id: CareerRule, path: string, message: string): Decision {
  return { ok: false, violations: [{ id, path, message }] };
}

/** Builds an acceptance. */
export function accept(value: CareerPath): Decision {
  return { ok: true, value };
}
