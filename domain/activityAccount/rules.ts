/**
 * The rules a ledger entry must follow, as pure checks that return every violation found (empty: allowed).
 * Violation ids are stable; 'month-closed' is the API's 409, the others its 400/422.
 */
import { type IsoDate, type IsoMonth, isValidDate, monthOf } from '../calendar.js';
import { type CareerPath, statusOn, timeline } from '../careerPath/index.js';
import { type Violation, violation } from '../contribution/violation.js';
import { Dec } from '../money.js';
import { checkMonthOpen } from './closing.js';
import type { NewTransaction, ReversalRequest, Transaction } from './transaction.js';
import { parseVatRate } from './vat.js';

/** Ids of the violations of the ledger rules. */
export type TransactionViolationId =
  | 'invalid-type'
  | 'invalid-category'
  | 'invalid-date'
  | 'invalid-amount'
  | 'amount-not-positive'
  | 'amount-too-many-decimals'
  | 'unknown-vat-rate'
  | 'entrepreneur-not-active'
  | 'before-activity-start'
  | 'month-closed'
  | 'reversal-of-reversal'
  | 'already-reversed'
  | 'reversal-before-original';

type LedgerViolation = Violation<TransactionViolationId>;

/** Statuses whose holders may have transactions (docs/domain.md "Who is who"). */
export const ACTIVE_STATUSES: readonly string[] = Object.freeze(['supported', 'employee', 'associate']);

/**
 * What the rules need to know about the entrepreneur and the CAE. An entry is judged on its own date
 * (docs/domain.md, "Recording history after the fact"): the person's status on that date, from their career path,
 * never their status today; so an exited person's invoice for a month still open is accepted.
 */
export interface LedgerContext {
  /** The entrepreneur's career path (as stored: the timeline of stages, read with `statusOn`). */
  readonly path: CareerPath;
  /** The CAE's last month closed by payroll. */
  readonly lastClosedMonth: IsoMonth | null;
}

/** Context of a reversal: also whether the original already has a reversal. */
export interface ReversalContext extends LedgerContext {
  readonly alreadyReversed: boolean;
}

const DECIMAL = /^-?(\d+)(?:\.(\d+))?$/;
const MAX_DIGITS = 12;

/** An amount excl. VAT: a decimal string, > 0, at most two decimals, at most 12 digits before the point. */
export function checkAmount(value: unknown, path = 'amountExclVat'): LedgerViolation[] {
  const parts = typeof value === 'string' ? DECIMAL.exec(value) : null;
  if (typeof value !== 'string' || parts === null || (parts[1] ?? '').length > MAX_DIGITS) {
    return [violation('invalid-amount', path, 'an amount is a decimal string such as "120.50"')];
  }
  if (!new Dec(value).greaterThan(0)) return [violation('amount-not-positive', path, 'the amount must be above 0')];
  if ((parts[2] ?? '').length > 2) {
    return [violation('amount-too-many-decimals', path, 'an amount has at most two decimals')];
  }
  return [];
}

/** A French VAT rate (0.20, 0.10, 0.055, 0.021, 0), in any decimal spelling. */
export function checkVatRate(value: unknown, path = 'vatRate'): LedgerViolation[] {
  if (parseVatRate(value) !== null) return [];
  return [violation('unknown-vat-rate', path, 'the VAT rate is one of 0.20, 0.10, 0.055, 0.021, 0')];
}

/** Whether the person could have activity on `date`: supported, employee or associate on that date. */
export function couldHaveActivityOn(path: CareerPath, date: IsoDate): boolean {
  return ACTIVE_STATUSES.includes(statusOn(path, date));
}

/**
 * Only a person who is supported, employee or associate on the entry's date may have an entry dated then.
 * A date before the person's first activity is 'before-activity-start' (naming the date); any other date
 * when they are not active (a candidate, after an exit) is 'entrepreneur-not-active'.
 */
export function checkActiveOn(path: CareerPath, date: IsoDate): LedgerViolation[] {
  if (couldHaveActivityOn(path, date)) return [];
  const firstActive = timeline(path).find((stage) => ACTIVE_STATUSES.includes(stage.stage));
  if (firstActive && date < firstActive.from) {
    return [violation('before-activity-start', 'date', `the activity starts on ${firstActive.from}`)];
  }
  const status = statusOn(path, date);
  return [violation('entrepreneur-not-active', '', `an entrepreneur who is ${status} on ${date} may not have transactions dated then`)];
}

function checkDated(date: IsoDate, context: LedgerContext): LedgerViolation[] {
  if (typeof date !== 'string' || !isValidDate(date)) {
    return [violation('invalid-date', 'date', 'a date is YYYY-MM-DD and exists on the calendar')];
  }
  return [...checkActiveOn(context.path, date), ...checkMonthOpen(monthOf(date), context.lastClosedMonth)];
}

/** Every rule a new entry breaks. */
export function checkNewTransaction(request: NewTransaction, context: LedgerContext): LedgerViolation[] {
  const out: LedgerViolation[] = [];
  if (request.type !== 'revenue' && request.type !== 'expense') {
    out.push(violation('invalid-type', 'type', "type is 'revenue' or 'expense'"));
  }
  if (
    request.category !== undefined &&
    (request.type !== 'expense' || (request.category !== 'purchase_for_resale' && request.category !== 'other'))
  ) {
    out.push(violation('invalid-category', 'category', "an expense's category is 'purchase_for_resale' or 'other'"));
  }
  out.push(...checkAmount(request.amountExclVat), ...checkVatRate(request.vatRate), ...checkDated(request.date, context));
  return out;
}

/** Every rule a reversal of `original` breaks; the entrepreneur and month rules apply as to any entry. */
export function checkReversal(original: Transaction, request: ReversalRequest, context: ReversalContext): LedgerViolation[] {
  const out: LedgerViolation[] = [];
  if (original.reverses !== undefined) {
    out.push(violation('reversal-of-reversal', '', 'a reversal cannot be reversed; record a new entry instead'));
  } else if (context.alreadyReversed) {
    out.push(violation('already-reversed', '', `transaction ${original.id} is already reversed`));
  }
  out.push(...checkDated(request.date, context));
  if (isValidDate(request.date) && request.date < original.date) {
    out.push(violation('reversal-before-original', 'date', `a reversal is dated on or after ${original.date}`));
  }
  return out;
}
