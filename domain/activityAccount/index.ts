/**
 * Activity accounts: immutable ledger entries with VAT, their rules, the month totals they add up to, the
 * monthly account, and month closing.
 */
export { assertMonthOpen, checkMonthOpen, closeMonth, monthsToClose } from './closing.js';
export {
  type AccountFromTotalsInput,
  accountFromTotals,
  computeMonthlyAccount,
  type MonthlyAccount,
  type MonthlyAccountInput,
  NO_HISTORY,
  type OpeningFigures,
  openingFigures,
  type RollForwardInput,
  rollForward,
} from './monthlyAccount.js';
export {
  ACTIVE_STATUSES,
  checkActiveOn,
  checkAmount,
  couldHaveActivityOn,
  checkNewTransaction,
  checkReversal,
  checkVatRate,
  type LedgerContext,
  type ReversalContext,
  type TransactionViolationId,
} from './rules.js';
export { type AccountView, accountView, type MonthlyAccountSnapshot, toSnapshot } from './snapshot.js';
export {
  type ExpenseCategory,
  type NewTransaction,
  type ReversalRequest,
  recordTransaction,
  reverseTransaction,
  type Transaction,
  type TransactionType,
} from './transaction.js';
export { addTotals, effectOf, type MonthTotals, NO_TOTALS, TOTALS_FIGURES, totalsOf } from './totals.js';
export { parseVatRate, VAT_RATES, type VatRate, vatOn } from './vat.js';
