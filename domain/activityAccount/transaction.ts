/**
 * Ledger entries of an activity account. Entries are immutable: a correction is a reversal, a new entry of the
 * same type with the amounts negated and `reverses` naming the original, dated on or after it.
 */
import type { IsoDate, IsoMonth } from '../calendar.js';
import { monthOf } from '../calendar.js';
import type { Checked } from '../contribution/violation.js';
import { Dec, formatMoney } from '../money.js';
import {
  checkNewTransaction,
  checkReversal,
  type LedgerContext,
  type ReversalContext,
  type TransactionViolationId,
} from './rules.js';
import { parseVatRate, type VatRate, vatOn } from './vat.js';

/**
 * Sales (revenue) or charges (expense) of the activity, or a payment received on an invoice (collection: only
 * posted by invoicing, it adds to the month's `collected` and to nothing else; totals.ts).
 */
export type TransactionType = 'revenue' | 'expense' | 'collection';

/**
 * What an expense is, for policies on margin: 'purchase_for_resale' (achats de marchandises) counts against
 * the margin; 'other' (the default: travel, software, fees…) does not.
 */
export type ExpenseCategory = 'purchase_for_resale' | 'other';

/** One ledger entry. Amounts are money strings; negative only on a reversal. */
export interface Transaction {
  readonly id: string;
  readonly type: TransactionType;
  readonly date: IsoDate;
  readonly month: IsoMonth;
  readonly amountExclVat: string;
  readonly vatRate: VatRate;
  readonly vatAmount: string;
  readonly label: string;
  readonly reference?: string;
  /** Expenses only ('other' when not given). */
  readonly category?: ExpenseCategory;
  /** On a reversal: the id of the entry it negates. */
  readonly reverses?: string;
  /** On a reversal: why. */
  readonly reason?: string;
}

/** A new entry as requested. `amountExclVat` and `vatRate` are checked strings ("120.50", "0.20"). */
export interface NewTransaction {
  readonly type: TransactionType;
  readonly date: IsoDate;
  readonly amountExclVat: string;
  readonly vatRate: string;
  readonly label: string;
  readonly reference?: string;
  readonly category?: ExpenseCategory;
}

/** A reversal as requested. */
export interface ReversalRequest {
  readonly date: IsoDate;
  readonly reason: string;
}

/**
 * The entry for a request, or every rule it breaks (see `checkNewTransaction`). The amount is normalised to
 * two decimals, the VAT rate to its canonical spelling, and the VAT computed half-up to the cent.
 */
export function recordTransaction(
  id: string,
  request: NewTransaction,
  context: LedgerContext,
): Checked<Transaction, TransactionViolationId> {
  const violations = checkNewTransaction(request, context);
  const vatRate = parseVatRate(request.vatRate);
  if (violations.length > 0 || vatRate === null) return { ok: false, violations };
  const amount = new Dec(request.amountExclVat);
  const entry: Transaction = {
    id,
    type: request.type,
    date: request.date,
    month: monthOf(request.date),
    amountExclVat: formatMoney(amount),
    vatRate,
    vatAmount: formatMoney(vatOn(amount, vatRate)),
    label: request.label,
    ...(request.reference === undefined ? {} : { reference: request.reference }),
    ...(request.type === 'expense' ? { category: request.category ?? 'other' } : {}),
  };
  return { ok: true, value: Object.freeze(entry) };
}

/**
 * The entry that reverses `original`, or every rule it breaks (see `checkReversal`): same type, label,
 * reference, category and rate, amount and VAT negated.
 */
export function reverseTransaction(
  id: string,
  original: Transaction,
  request: ReversalRequest,
  context: ReversalContext,
): Checked<Transaction, TransactionViolationId> {
  const violations = checkReversal(original, request, context);
  if (violations.length > 0) return { ok: false, violations };
  const entry: Transaction = {
    id,
    type: original.type,
    date: request.date,
    month: monthOf(request.date),
    amountExclVat: formatMoney(new Dec(original.amountExclVat).negated()),
    vatRate: original.vatRate,
    vatAmount: formatMoney(new Dec(original.vatAmount).negated()),
    label: original.label,
    ...(original.reference === undefined ? {} : { reference: original.reference }),
    ...(original.category === undefined ? {} : { category: original.category }),
    reverses: original.id,
    reason: request.reason,
  };
  return { ok: true, value: Object.freeze(entry) };
}
