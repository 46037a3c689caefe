/**
 * The books' side of flows that live elsewhere: what the activity ledger and payroll hand to `bookEvent`
 * (docs/architecture.md "The books"). Each maps a stored record to its business event; booking is idempotent,
 * so a retried request or a month run again books once.
 */
import type { PayrollMonthClosed, PayslipFigures, TransactionRecorded } from '../../domain/accounting/index.js';
import { Dec, formatMoney } from '../../domain/money.js';
import { bookEvent, bookTypedTransactions } from '../shared/repositories/books.js';
import { type LedgerEntry, listEntries } from '../shared/repositories/ledger.js';
import type { MonthResult, StoredPayslip } from '../shared/repositories/payrollRuns.js';

/** A typed transaction (or its reversal) as posted by `postEntry`: an OD entry against the suspense account. */
export function transactionEvent(entry: LedgerEntry & { type: 'revenue' | 'expense' }): TransactionRecorded {
  return {
    kind: 'transaction_recorded',
    transactionId: entry.id,
    activity: entry.entrepreneurId,
    type: entry.type,
    date: entry.date,
    amountExclVat: entry.amountExclVat,
    vatRate: entry.vatRate,
    vatAmount: entry.vatAmount,
    label: entry.label,
    ...(entry.reference === undefined ? {} : { reference: entry.reference }),
    ...(entry.category === undefined ? {} : { category: entry.category }),
    ...(entry.reverses === undefined ? {} : { reverses: entry.reverses }),
  };
}

/** The event of a typed transaction of the activity ledger, or undefined for another flow's entry. */
export function typedTransactionEvent(entry: LedgerEntry): TransactionRecorded | undefined {
  // Entries of other flows (invoices, claims…) are booked by those flows with their third parties.
  if (entry.origin !== undefined && entry.origin !== 'transaction' && entry.origin !== 'reversal') return undefined;
  // A collection (a payment received, for contributions on what is collected) moves no account of the books here.
  if (entry.type !== 'revenue' && entry.type !== 'expense') return undefined;
  return transactionEvent({ ...entry, type: entry.type });
}

/**
 * Contributions owed to bodies other than URSSAF (437): complementary pension (AGIRC-ARRCO, CET) and the health
 * insurance; the rest, the general reduction included, is URSSAF's (431).
 */
const OTHER_BODIES = /^(retraite-complementaire|cet$|complementaire-sante|prevoyance)/;

export function payslipFigures(payslip: StoredPayslip): PayslipFigures {
  let employee = new Dec(0);
  let employer = new Dec(0);
  for (const line of payslip.lines) {
    if (!OTHER_BODIES.test(line.code)) continue;
    employee = employee.plus(line.employeeAmount);
    employer = employer.plus(line.employerAmount);
  }
  const taxWithheld = (payslip as StoredPayslip & { taxWithheld?: string }).taxWithheld;
  return {
    gross: payslip.gross,
    employerContributions: payslip.employerContributions,
    employeeContributions: payslip.employeeContributions,
    net: payslip.net,
    ...(taxWithheld === undefined ? {} : { taxWithheld }),
    otherSocialBodies: { employee: formatMoney(employee), employer: formatMoney(employer) },
  };
}

/** A month as payroll closed it for one entrepreneur: the PA entry of its payslip, its contribution's transfer. */
export function closedMonthEvent(result: MonthResult): PayrollMonthClosed {
  return {
    kind: 'payroll_month_closed',
    month: result.month,
    activity: result.entrepreneurId,
    contribution: result.account.contribution,
    ...(result.payslip ? { payslip: payslipFigures(result.payslip) } : {}),
  };
}

/**
 * Books a closed month (PayBatch, after `writeClosedMonth`): the month's typed transactions of the
 * entrepreneur (their OD entries, validated when their month closes), then its payroll entry and contribution.
 * Typed transactions are booked here rather than by each request: every entry of a journal takes its number
 * one after the other, and a CAE's typed transactions come in bursts that would queue on the OD journal
 * (docs/architecture.md "The books"); at month close one batch books them in order, and the fence guarantees
 * the month has no more.
 */
export async function bookClosedMonth(result: MonthResult): Promise<void> {
  const typed: TransactionRecorded[] = [];
  let cursor: string | undefined;
  do {
    const page = await listEntries(result.caeId, result.entrepreneurId, result.month, 200, cursor);
    for (const entry of page.items) {
      const event = typedTransactionEvent(entry);
      if (event) typed.push(event);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  await bookTypedTransactions(result.caeId, result.entrepreneurId, result.month, typed);
  await bookEvent(result.caeId, closedMonthEvent(result));
}
