/**
 * Domain refusals → problems. A violation whose id says the input was malformed is a 400; every other rule
 * is a 422 whose `type` names the rule, so clients can switch on it.
 */
import { RuleViolated, ValidationFailed } from './errors.js';

interface DomainViolation {
  readonly id: string;
  readonly path: string;
  readonly message: string;
}

const INPUT_ERRORS = new Set(['invalid-input', 'invalid-exit-reason']);

export function violationProblem(violations: readonly DomainViolation[], where = 'body'): Error {
  const errors = violations.map((v) => ({ path: v.path ? `${where}.${v.path}` : where, message: v.message }));
  const first = violations[0];
  if (!first) return new ValidationFailed('The request was refused.');
  if (violations.every((v) => INPUT_ERRORS.has(v.id))) return new ValidationFailed(first.message, errors);
  return new RuleViolated(first.id, first.message, errors);
}
