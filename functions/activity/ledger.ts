/**
 * What the activity handlers share: the ledger rules' context read from the stored entrepreneur and CAE,
 * how a ledger refusal becomes a problem, and how an entry is shown and answered.
 */
import type { LedgerContext, TransactionViolationId } from '../../domain/activityAccount/index.js';
import type { Violation } from '../../domain/contribution/index.js';
import { type FieldError, MonthClosed, RuleViolated, ValidationFailed } from '../shared/errors.js';
import type { Cae } from '../shared/repositories/caes.js';
import type { Entrepreneur } from '../shared/repositories/entrepreneurs.js';
import type { LedgerEntry } from '../shared/repositories/ledger.js';

/** 409 `month-closed` (defined with the other problems; re-exported for the routes that refuse closed months). */
export { MonthClosed };

/**
 * The ledger rules' context: the entrepreneur's career path (an entry is judged on the status of its own
 * date) and the CAE's last closed month.
 */
export function ledgerContext(entrepreneur: Entrepreneur, cae: Cae): LedgerContext {
  return { path: entrepreneur.path, lastClosedMonth: cae.lastClosedMonth ?? null };
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

/** The answer to a posted entry: 201 with the entry, the first response again for a repeat of the request. */
export function replyWith(posted: { entry: LedgerEntry; replayed: boolean }) {
  return { status: 201, body: transactionView(posted.entry), ...(posted.replayed ? { headers: { 'idempotent-replayed': 'true' } } : {}) };
}
