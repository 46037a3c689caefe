/**
 * The business events the books are made of (docs/domain.md "Accounting"): what each flow hands over when its
 * fact happens (an invoice issued, a payment received, a claim approved, a month closed by payroll…). Amounts
 * are money strings with two decimals, rates VAT rates ("0.20"), dates YYYY-MM-DD. Each event names its
 * activity (the entrepreneur's id: the analytic code of every line it produces) and the record it comes from,
 * from which its id is derived (`eventIdOf`): booking the same event twice books it once.
 */

/** VAT of a document, per rate, as the invoicing totals carry it: `{ rate, base, amount }`. */
export interface VatBreakdown {
  readonly rate: string;
  readonly base: string;
  readonly amount: string;
}

/** A third party of the CAE (a customer, a supplier): its id or key, and its name. */
export interface Party {
  readonly id: string;
  readonly name: string;
}

export type OperationKind = 'services' | 'goods' | 'mixed';

/** An invoice issued (VT): revenue by operation kind, VAT per rate, the customer as auxiliary account. */
export interface InvoiceIssued {
  readonly kind: 'invoice_issued';
  readonly invoiceId: string;
  readonly number: string;
  readonly date: string;
  readonly activity: string;
  readonly customer: Party;
  readonly operationKind: OperationKind;
  readonly vat: readonly VatBreakdown[];
}

/** A credit note issued (VT): the mirror of an invoice, for what it takes off (positive amounts). */
export interface CreditNoteIssued {
  readonly kind: 'credit_note_issued';
  readonly creditNoteId: string;
  readonly number: string;
  /** The number of the invoice it corrects. */
  readonly creditedInvoiceNumber: string;
  readonly date: string;
  readonly activity: string;
  readonly customer: Party;
  readonly operationKind: OperationKind;
  readonly vat: readonly VatBreakdown[];
}

/**
 * A customer payment (BQ). It carries what the books need to move the VAT of services due on payment: the
 * invoice's operation kind, VAT and total incl. VAT, and what was paid on it before this payment.
 */
export interface PaymentReceived {
  readonly kind: 'payment_received';
  readonly paymentId: string;
  readonly invoiceNumber: string;
  readonly date: string;
  readonly activity: string;
  readonly customer: Party;
  readonly amount: string;
  readonly operationKind: OperationKind;
  readonly invoiceVat: readonly VatBreakdown[];
  readonly invoiceInclVat: string;
  /** Paid on the invoice before this payment ("0.00" for the first). */
  readonly paidBefore: string;
}

/** What an expense is, for the charge account it goes to. */
export type ExpenseCategory = 'travel' | 'meals' | 'supplies' | 'subcontracting' | 'fees' | 'other' | 'mileage' | 'purchase_for_resale';

/** An approved supplier invoice (AC), dated its issue date, the supplier as auxiliary account. */
export interface SupplierInvoiceApproved {
  readonly kind: 'supplier_invoice_approved';
  readonly supplierInvoiceId: string;
  readonly number: string;
  readonly date: string;
  readonly activity: string;
  /** `id`: the supplier's SIREN when known, else any stable key of the supplier (its name). */
  readonly supplier: Party;
  readonly purchaseForResale: boolean;
  /** When not a purchase for resale: the charge it is (default 'other'). */
  readonly category?: ExpenseCategory;
  readonly vat: readonly VatBreakdown[];
}

/** One line of an approved expense claim, at its own date. Mileage lines are at VAT 0. */
export interface ClaimLine {
  readonly date: string;
  readonly category: ExpenseCategory;
  readonly amountExclVat: string;
  readonly vatRate: string;
  readonly vatAmount: string;
}

/** An approved expense claim (NDF): owed to the entrepreneur (the staff-expenses account). */
export interface ExpenseClaimApproved {
  readonly kind: 'expense_claim_approved';
  readonly claimId: string;
  readonly activity: string;
  readonly entrepreneurName?: string;
  readonly lines: readonly ClaimLine[];
}

/** The payslip figures the payroll entry needs. */
export interface PayslipFigures {
  readonly gross: string;
  /** After the general reduction, health insurance share included: what the employer pays. */
  readonly employerContributions: string;
  readonly employeeContributions: string;
  readonly net: string;
  /** Income tax withheld at source, when the payslip carries it. */
  readonly taxWithheld?: string;
  /** The part of the contributions owed to bodies other than URSSAF (complementary pension, health insurance: 437). */
  readonly otherSocialBodies?: { readonly employee: string; readonly employer: string };
}

/**
 * A month closed by payroll for one entrepreneur (PA): the payslip when a salary was paid, and the month's
 * contribution, which the books carry as an analytic transfer (not an entry with a third party).
 */
export interface PayrollMonthClosed {
  readonly kind: 'payroll_month_closed';
  readonly month: string;
  readonly activity: string;
  readonly entrepreneurName?: string;
  readonly contribution: string;
  readonly payslip?: PayslipFigures;
}

/**
 * A typed transaction of the activity ledger (POST …/transactions) or its reversal: a movement with no third
 * party, booked in OD against the suspense account 471 (docs/domain.md "Accounting").
 */
export interface TransactionRecorded {
  readonly kind: 'transaction_recorded';
  readonly transactionId: string;
  readonly activity: string;
  readonly type: 'revenue' | 'expense';
  readonly date: string;
  readonly amountExclVat: string;
  readonly vatRate: string;
  readonly vatAmount: string;
  readonly label: string;
  readonly reference?: string;
  readonly category?: 'purchase_for_resale' | 'other';
  /** On a reversal: the id of the transaction it negates (the amounts are then negative). */
  readonly reverses?: string;
}

export type BusinessEvent =
  | InvoiceIssued
  | CreditNoteIssued
  | PaymentReceived
  | SupplierInvoiceApproved
  | ExpenseClaimApproved
  | PayrollMonthClosed
  | TransactionRecorded;

/** The id of an event, from the record it comes from: the same fact always has the same id (letters, digits, `_`, `-`). */
export function eventIdOf(event: BusinessEvent): string {
  switch (event.kind) {
    case 'invoice_issued':
      return `INV_${event.invoiceId}`;
    case 'credit_note_issued':
      return `CN_${event.creditNoteId}`;
    case 'payment_received':
      return `PAY_${event.paymentId}`;
    case 'supplier_invoice_approved':
      return `SUP_${event.supplierInvoiceId}`;
    case 'expense_claim_approved':
      return `NDF_${event.claimId}`;
    case 'payroll_month_closed':
      return `PA_${event.activity}_${event.month}`;
    case 'transaction_recorded':
      return `TX_${event.activity}_${event.transactionId}`;
  }
}
