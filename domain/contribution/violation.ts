/**
 * Violations: what a pure rule check returns when it refuses something. The `id` is stable (clients and the
 * HTTP layer switch on it: it becomes the last segment of a problem `type`); `path` names the field at fault
 * in the request ('' for the request as a whole); `message` is for people.
 */

/** One broken rule. */
export interface Violation<Id extends string = string> {
  readonly id: Id;
  readonly path: string;
  readonly message: string;
}

/** The outcome of a checked operation: the value, or every violation found (never both). */
export type Checked<T, Id extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly violations: readonly Violation<Id>[] };

/** Builds a violation. */
export function violation<Id extends string>(id: Id, path: string, message: string): Violation<Id> {
  return { id, path, message };
}

/** Thrown by `assert…` helpers; carries the violations so the HTTP layer can map them. */
export class ViolationError extends Error {
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[]) {
    super(violations.map((v) => v.message).join('; '));
    this.name = 'ViolationError';
    this.violations = violations;
  }
}
