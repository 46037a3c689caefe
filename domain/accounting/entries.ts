/**
 * From business events to balanced entries (docs/domain.md "Accounting", the account mapping): pure functions,
 * one per event kind. Every line carries its activity (the analytic code). An event gives one entry, except an
 * expense claim (one entry per date of its lines, so that each expense is in the books on the day the activity
 * account has it) and a closed payroll month (its PA entry when a salary was paid, and the contribution as an
 * analytic transfer). Amounts are kept positive on the side they belong to: a negative amount (a reversal)
 * moves to the other side.
 */
import type { Decimal } from 'decimal.js';
import { lastDayOf } from '../calendar.js';
import { Dec, formatMoney, roundCents, ZERO } from '../money.js';
import { type AccountingSettings, type AccountRole, accountFor } from './chart.js';
import type {
  BusinessEvent,
  ClaimLine,
  CreditNoteIssued,
  ExpenseCategory,
  ExpenseClaimApproved,
  InvoiceIssued,
  PaymentReceived,
  PayrollMonthClosed,
  SupplierInvoiceApproved,
  TransactionRecorded,
  VatBreakdown,
} from './events.js';
import { eventIdOf } from './events.js';

/** The journals (docs/domain.md "Accounting"); AN holds the opening balances (à-nouveaux) of a fiscal year. */
export const JOURNALS = {
  VT: 'Ventes',
  AC: 'Achats',
  NDF: 'Notes de frais',
  PA: 'Paie',
  BQ: 'Banque',
  OD: 'Opérations diverses',
  AN: 'À-nouveaux',
} as const;
export type JournalCode = keyof typeof JOURNALS;

/** A VAT line's figures, for the VAT return: which side of the return, at which rate, on which base. */
export interface VatTag {
  readonly side: 'collected' | 'deductible';
  readonly rate: string;
  readonly base: string;
}

export interface EntryLine {
  readonly account: string;
  readonly accountLabel: string;
  readonly auxiliary?: string;
  readonly auxiliaryLabel?: string;
  readonly debit: string;
  readonly credit: string;
  /** The analytic code: the entrepreneur's id (absent only on opening balances). */
  readonly activity?: string;
  readonly vat?: VatTag;
}

/** An entry before it has a number: what an event produces. */
export interface EntryDraft {
  /** Unique per event and entry (an event's id, `#<date>` for each entry of a claim). */
  readonly key: string;
  readonly journal: JournalCode;
  readonly date: string;
  readonly pieceRef: string;
  readonly pieceDate: string;
  readonly label: string;
  readonly activity?: string;
  readonly lines: readonly EntryLine[];
}

/**
 * The contribution of a month as the analytic transfer between an activity and the shared structure: a charge
 * of the activity in its analytic balance, never a line of the general ledger (no third party, no FEC line).
 */
export interface AnalyticTransfer {
  readonly key: string;
  readonly activity: string;
  readonly date: string;
  readonly amount: string;
  readonly account: string;
  readonly accountLabel: string;
}

export interface Booking {
  readonly entries: readonly EntryDraft[];
  readonly transfers: readonly AnalyticTransfer[];
}

interface Party {
  auxiliary?: string;
  auxiliaryLabel?: string;
}

/** Builds an entry's lines with the sides right and nothing of zero. */
class Lines {
  private readonly lines: EntryLine[] = [];
  constructor(
    private readonly settings: AccountingSettings,
    private readonly activity: string,
  ) {}

  /** `amount` on the debit side (on the credit side when negative). */
  debit(role: AccountRole, amount: Decimal, party: Party = {}, vat?: VatTag): this {
    return this.add(role, amount, party, vat);
  }

  /** `amount` on the credit side (on the debit side when negative). */
  credit(role: AccountRole, amount: Decimal, party: Party = {}, vat?: VatTag): this {
    return this.add(role, amount.negated(), party, vat);
  }

  private add(role: AccountRole, signed: Decimal, party: Party, vat: VatTag | undefined): this {
    const value = roundCents(signed);
    if (value.isZero()) return this;
    const account = accountFor(this.settings, role);
    this.lines.push({
      account: account.number,
      accountLabel: account.label,
      ...(party.auxiliary === undefined ? {} : { auxiliary: party.auxiliary, auxiliaryLabel: party.auxiliaryLabel ?? party.auxiliary }),
      debit: value.isPositive() ? formatMoney(value) : '0.00',
      credit: value.isNegative() ? formatMoney(value.negated()) : '0.00',
      activity: this.activity,
      ...(vat ? { vat } : {}),
    });
    return this;
  }

  done(): EntryLine[] {
    return this.lines;
  }
}

/** The auxiliary (sub-ledger) code of a customer, a supplier, an entrepreneur owed pay or expenses. */
export const auxiliaryOf = {
  customer: (id: string) => `C${id}`,
  supplier: (id: string) => `F${id.normalize('NFKD').replace(/[^0-9A-Za-z]/g, '').toUpperCase().slice(0, 30)}`,
  person: (id: string) => `S${id}`,
};

const dec = (value: string) => new Dec(value);
const total = (values: readonly VatBreakdown[], pick: (v: VatBreakdown) => string) => values.reduce((sum, v) => sum.plus(dec(pick(v))), ZERO);

/** Whether a sale's VAT is due when it is invoiced (goods, or the CAE pays VAT on debits) or when it is paid. */
function vatDueOnInvoicing(kind: InvoiceIssued['operationKind'], settings: AccountingSettings): boolean {
  // A mixed invoice does not say which line is goods: its VAT is due on invoicing, the earlier date, never late.
  return settings.vatOnDebits || kind !== 'services';
}

function sale(event: InvoiceIssued | CreditNoteIssued, settings: AccountingSettings, sign: 1 | -1): EntryDraft {
  const lines = new Lines(settings, event.activity);
  const customer = { auxiliary: auxiliaryOf.customer(event.customer.id), auxiliaryLabel: event.customer.name };
  const s = (d: Decimal) => (sign === 1 ? d : d.negated());
  const revenueRole: AccountRole = event.operationKind === 'goods' ? 'goodsSold' : 'servicesSold';
  const vatRole: AccountRole = vatDueOnInvoicing(event.operationKind, settings) ? 'vatCollected' : 'vatCollectedOnPayment';
  lines.debit('customers', s(total(event.vat, (v) => v.base).plus(total(event.vat, (v) => v.amount))), customer);
  for (const v of event.vat) lines.credit(revenueRole, s(dec(v.base)));
  for (const v of event.vat) {
    const tag = vatRole === 'vatCollected' ? { side: 'collected' as const, rate: v.rate, base: formatMoney(s(dec(v.base))) } : undefined;
    lines.credit(vatRole, s(dec(v.amount)), {}, tag);
  }
  const isInvoice = event.kind === 'invoice_issued';
  return {
    key: eventIdOf(event),
    journal: 'VT',
    date: event.date,
    pieceRef: event.number,
    pieceDate: event.date,
    label: isInvoice ? `Facture ${event.number} ${event.customer.name}` : `Avoir ${event.number} sur ${event.creditedInvoiceNumber} ${event.customer.name}`,
    activity: event.activity,
    lines: lines.done(),
  };
}

/**
 * The share of an invoice's VAT (and base) a payment settles, per rate: proportional to what it pays of the
 * total incl. VAT, computed on the cumulated payments so that the shares of all payments add up to the VAT
 * exactly (the last payment takes the rounding).
 */
export function paidVatShare(event: Pick<PaymentReceived, 'invoiceVat' | 'invoiceInclVat' | 'paidBefore' | 'amount'>): VatBreakdown[] {
  const inclVat = dec(event.invoiceInclVat);
  if (inclVat.isZero()) return [];
  const before = dec(event.paidBefore);
  const after = before.plus(dec(event.amount));
  const upTo = (paid: Decimal, figure: string) => roundCents(dec(figure).times(paid).dividedBy(inclVat));
  return event.invoiceVat.map((v) => ({
    rate: v.rate,
    base: formatMoney(upTo(after, v.base).minus(upTo(before, v.base))),
    amount: formatMoney(upTo(after, v.amount).minus(upTo(before, v.amount))),
  }));
}

function payment(event: PaymentReceived, settings: AccountingSettings): EntryDraft {
  const lines = new Lines(settings, event.activity);
  const customer = { auxiliary: auxiliaryOf.customer(event.customer.id), auxiliaryLabel: event.customer.name };
  lines.debit('bank', dec(event.amount)).credit('customers', dec(event.amount), customer);
  if (!vatDueOnInvoicing(event.operationKind, settings)) {
    // VAT on services becomes due as it is paid: from the pending account to the VAT collected of the month.
    for (const share of paidVatShare(event)) {
      lines.debit('vatCollectedOnPayment', dec(share.amount));
      lines.credit('vatCollected', dec(share.amount), {}, { side: 'collected', rate: share.rate, base: share.base });
    }
  }
  return {
    key: eventIdOf(event),
    journal: 'BQ',
    date: event.date,
    pieceRef: event.invoiceNumber,
    pieceDate: event.date,
    label: `Règlement ${event.invoiceNumber} ${event.customer.name}`,
    activity: event.activity,
    lines: lines.done(),
  };
}

/** The charge account of an expense category. */
export const CATEGORY_ACCOUNTS: Readonly<Record<ExpenseCategory, AccountRole>> = Object.freeze({
  travel: 'travel',
  mileage: 'mileage',
  meals: 'meals',
  supplies: 'supplies',
  subcontracting: 'subcontracting',
  fees: 'fees',
  other: 'otherExternalCharges',
  purchase_for_resale: 'purchasesForResale',
});

function supplierInvoice(event: SupplierInvoiceApproved, settings: AccountingSettings): EntryDraft {
  const lines = new Lines(settings, event.activity);
  const charge = event.purchaseForResale ? 'purchasesForResale' : CATEGORY_ACCOUNTS[event.category ?? 'other'];
  for (const v of event.vat) lines.debit(charge, dec(v.base));
  for (const v of event.vat) lines.debit('vatDeductible', dec(v.amount), {}, { side: 'deductible', rate: v.rate, base: v.base });
  lines.credit('suppliers', total(event.vat, (v) => v.base).plus(total(event.vat, (v) => v.amount)), {
    auxiliary: auxiliaryOf.supplier(event.supplier.id),
    auxiliaryLabel: event.supplier.name,
  });
  return {
    key: eventIdOf(event),
    journal: 'AC',
    date: event.date,
    pieceRef: event.number,
    pieceDate: event.date,
    label: `Facture ${event.number} ${event.supplier.name}`,
    activity: event.activity,
    lines: lines.done(),
  };
}

function expenseClaim(event: ExpenseClaimApproved, settings: AccountingSettings): EntryDraft[] {
  const byDate = new Map<string, ClaimLine[]>();
  for (const line of event.lines) byDate.set(line.date, [...(byDate.get(line.date) ?? []), line]);
  const person = { auxiliary: auxiliaryOf.person(event.activity), auxiliaryLabel: event.entrepreneurName ?? event.activity };
  return [...byDate.keys()].sort().map((date) => {
    const claimLines = byDate.get(date) as ClaimLine[];
    const lines = new Lines(settings, event.activity);
    let owed = ZERO;
    for (const l of claimLines) {
      lines.debit(CATEGORY_ACCOUNTS[l.category], dec(l.amountExclVat));
      owed = owed.plus(dec(l.amountExclVat)).plus(dec(l.vatAmount));
    }
    for (const l of claimLines) lines.debit('vatDeductible', dec(l.vatAmount), {}, { side: 'deductible', rate: l.vatRate, base: l.amountExclVat });
    lines.credit('staffExpenses', owed, person);
    return {
      key: `${eventIdOf(event)}#${date}`,
      journal: 'NDF' as const,
      date,
      pieceRef: event.claimId,
      pieceDate: date,
      label: `Note de frais ${event.entrepreneurName ?? event.activity}`,
      activity: event.activity,
      lines: lines.done(),
    };
  });
}

function payroll(event: PayrollMonthClosed, settings: AccountingSettings): Booking {
  const date = lastDayOf(event.month);
  const transfer = accountFor(settings, 'contributionTransfer');
  const transfers: AnalyticTransfer[] = dec(event.contribution).isZero()
    ? []
    : [{ key: eventIdOf(event), activity: event.activity, date, amount: formatMoney(dec(event.contribution)), account: transfer.number, accountLabel: transfer.label }];
  const slip = event.payslip;
  if (!slip) return { entries: [], transfers };
  const person = { auxiliary: auxiliaryOf.person(event.activity), auxiliaryLabel: event.entrepreneurName ?? event.activity };
  const gross = dec(slip.gross);
  const employer = dec(slip.employerContributions);
  const employee = dec(slip.employeeContributions);
  const tax = dec(slip.taxWithheld ?? '0.00');
  const others = slip.otherSocialBodies;
  const toOthers = others ? dec(others.employee).plus(dec(others.employer)) : ZERO;
  const lines = new Lines(settings, event.activity)
    .debit('grossSalaries', gross)
    .debit('employerContributions', employer)
    .credit('urssaf', employee.plus(employer).minus(toOthers))
    .credit('otherSocialBodies', toOthers)
    // What is owed to the person is what the contributions and the tax leave of the gross: the entry balances.
    .credit('netPayOwed', gross.minus(employee).minus(tax), person)
    .credit('withholdingTax', tax);
  const entry: EntryDraft = {
    key: eventIdOf(event),
    journal: 'PA',
    date,
    pieceRef: `PAIE-${event.month}`,
    pieceDate: date,
    label: `Paie ${event.month} ${event.entrepreneurName ?? event.activity}`,
    activity: event.activity,
    lines: lines.done(),
  };
  return { entries: [entry], transfers };
}

function transaction(event: TransactionRecorded, settings: AccountingSettings): EntryDraft {
  const lines = new Lines(settings, event.activity);
  const amount = dec(event.amountExclVat);
  const vat = dec(event.vatAmount);
  if (event.type === 'revenue') {
    lines
      .debit('suspense', amount.plus(vat))
      .credit('servicesSold', amount)
      .credit('vatCollected', vat, {}, { side: 'collected', rate: event.vatRate, base: event.amountExclVat });
  } else {
    lines
      .debit(event.category === 'purchase_for_resale' ? 'purchasesForResale' : 'otherExternalCharges', amount)
      .debit('vatDeductible', vat, {}, { side: 'deductible', rate: event.vatRate, base: event.amountExclVat })
      .credit('suspense', amount.plus(vat));
  }
  return {
    key: eventIdOf(event),
    journal: 'OD',
    date: event.date,
    pieceRef: event.reference ?? event.transactionId,
    pieceDate: event.date,
    label: `${event.reverses ? 'Annulation ' : ''}${event.label}`.slice(0, 200),
    activity: event.activity,
    lines: lines.done(),
  };
}

/** The entries (and analytic transfers) of an event, under a CAE's settings. */
export function bookingOf(event: BusinessEvent, settings: AccountingSettings): Booking {
  switch (event.kind) {
    case 'invoice_issued':
      return { entries: [sale(event, settings, 1)], transfers: [] };
    case 'credit_note_issued':
      return { entries: [sale(event, settings, -1)], transfers: [] };
    case 'payment_received':
      return { entries: [payment(event, settings)], transfers: [] };
    case 'supplier_invoice_approved':
      return { entries: [supplierInvoice(event, settings)], transfers: [] };
    case 'expense_claim_approved':
      return { entries: expenseClaim(event, settings), transfers: [] };
    case 'payroll_month_closed':
      return payroll(event, settings);
    case 'transaction_recorded':
      return { entries: [transaction(event, settings)], transfers: [] };
  }
}

/** Whether an entry balances: as much debit as credit, and at least one line. */
export function isBalanced(entry: Pick<EntryDraft, 'lines'>): boolean {
  const debit = entry.lines.reduce((s, l) => s.plus(dec(l.debit)), ZERO);
  const credit = entry.lines.reduce((s, l) => s.plus(dec(l.credit)), ZERO);
  return entry.lines.length > 0 && debit.equals(credit);
}
