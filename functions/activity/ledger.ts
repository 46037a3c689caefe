/**
 * What the activity handlers share: the ledger rules' context read from the stored entrepreneur and CAE,
 * how a ledger refusal becomes a problem, and how an entry is shown.
 */
import type { LedgerContext, TransactionViolationId } from '../../domain/activityAccount/index.js';
import { type CareerPath, currentSegment, currentStatus } from '../../domain/careerPath/index.js';
import type { Violation } from '../../domain/contribution/index.js';
import { type FieldError, HttpProblem, RuleViolated, ValidationFailed } from '../shared/errors.js';
import type { Cae } from '../shared/repositories/caes.js';
import type { Entrepreneur } from '../shared/repositories/entrepreneurs.js';
import type { LedgerEntry } from '../shared/repositories/ledger.js';

/**
 * First day of the current convention (CAPE) or, without one, of the current contract (CESA): entries may not
 * be dated before it. Only the current path segment counts: after an exit and a re-entry, the new one.
 */
export function activityStartsOn(path: CareerPath): string | null {
  const segment = currentSegment(path.stages);
  for (const stage of segment) {
    if (stage.stage === 'supported' || stage.stage === 'employee') return stage.details.startsOn;
  }
  return null;
}

/** The ledger rules' context: the entrepreneur's status today, their activity start, the CAE's last closed month. */
export function ledgerContext(entrepreneur: Entrepreneur, cae: Cae, today: string): LedgerContext {
  return {
    entrepreneurStatus: currentStatus(entrepreneur.path, today),
    activityStartsOn: activityStartsOn(entrepreneur.path),
    lastClosedMonth: cae.lastClosedMonth ?? null,
  };
}

/** 409: the date falls in a month closed by payroll. Carries the field, unlike the generic Conflict. */
export class MonthClosed extends HttpProblem {
  readonly status = 409;
  readonly type = 'month-closed';
  readonly title = 'The month is closed';
}

/** Violations that say the input itself is malformed (docs/api.md: 400), not that a rule refused it. */
const INPUT_ERRORS: ReadonlySet<string> = new Set<TransactionViolationId | 'invalid-month'>([
  'invalid-type',
  'invalid-category',
  'invalid-date',
  'invalid-amount',
  'amount-not-positive',
  'amount-too-many-decimals',
  'unknown-vat-rate',
  'invalid-month',
]);

/** Violations about the entry named in the path rather than a body field. */
const ABOUT_ORIGINAL: ReadonlySet<string> = new Set<TransactionViolationId>(['reversal-of-reversal', 'already-reversed']);

function fieldOf(v: Violation): string {
  if (v.path) return `body.${v.path}`;
  return ABOUT_ORIGINAL.has(v.id) ? 'path.txId' : 'path.id';
}

/**
 * A ledger refusal as a problem: malformed input → 400; else a closed month → 409 `month-closed`; else 422
 * whose type is the first rule broken. Every error names its field.
 */
export function ledgerProblem(violations: readonly Violation[]): Error {
  const errorsOf = (vs: readonly Violation[]): FieldError[] => vs.map((v) => ({ path: fieldOf(v), message: v.message }));
  const input = violations.filter((v) => INPUT_ERRORS.has(v.id));
  if (input.length > 0) return new ValidationFailed(input[0]?.message ?? 'The request is not valid.', errorsOf(input));
  const closed = violations.filter((v) => v.id === 'month-closed');
  if (closed.length > 0) return new MonthClosed(closed[0]?.message ?? 'The month is closed.', errorsOf(closed));
  const first = violations[0];
  if (!first) return new ValidationFailed('The request was refused.');
  return new RuleViolated(first.id, first.message, errorsOf(violations));
}

/** An entry as the API shows it. */
export function transactionView(entry: LedgerEntry) {
  return {
    id: entry.id,
    entrepreneurId: entry.entrepreneurId,
    type: entry.type,
    date: entry.date,
    month: entry.month,
    amountExclVat: entry.amountExclVat,
    vatRate: entry.vatRate,
    vatAmount: entry.vatAmount,
    label: entry.label,
    ...(entry.reference === undefined ? {} : { reference: entry.reference }),
    ...(entry.category === undefined ? {} : { category: entry.category }),
    ...(entry.reverses === undefined ? {} : { reverses: entry.reverses, reason: entry.reason }),
    recordedAt: entry.recordedAt,
  };
}
