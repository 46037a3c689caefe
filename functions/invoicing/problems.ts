/** Domain refusals of invoicing as problems: malformed input → 400, a broken rule → 422 named by its id. */
import type { Violation } from '../../domain/contribution/index.js';
import { MonthClosed, RuleViolated, ValidationFailed } from '../shared/errors.js';

const INPUT = new Set(['invalid-quantity', 'quantity-not-positive', 'too-many-decimals', 'invalid-price', 'unknown-vat-rate']);

/** Throws the problem of the first violations (body fields prefixed `body.`), if any. */
export function refuseIf(violations: readonly Violation[]): void {
  if (violations.length === 0) return;
  const errors = violations.map((v) => ({ path: v.path ? `body.${v.path}` : 'path.invoiceId', message: v.message }));
  const first = violations[0] as Violation;
  if (violations.every((v) => INPUT.has(v.id))) throw new ValidationFailed(first.message, errors);
  throw new RuleViolated(first.id, first.message, errors);
}

/** 409 `month-closed` for a document dated in a month payroll closed. */
export function refuseClosedMonth(date: string, lastClosedMonth: string | undefined, field: string): void {
  if (!lastClosedMonth || date.slice(0, 7) > lastClosedMonth) return;
  const message = `${date.slice(0, 7)} is closed by payroll: nothing may be dated in it any more`;
  throw new MonthClosed(message, [{ path: `body.${field}`, message }]);
}

/** A customer id that names no customer of this activity: the body's field is wrong (400). */
export function customerUnknown(customerId: string): ValidationFailed {
  return new ValidationFailed(`No customer ${customerId} in this activity.`, [{ path: 'body.customerId', message: 'names no customer of this activity' }]);
}
