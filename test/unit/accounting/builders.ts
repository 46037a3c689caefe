/** Small builders of business events for the books' unit tests. */
import type {
  ExpenseClaimApproved,
  InvoiceIssued,
  PaymentReceived,
  PayrollMonthClosed,
  SupplierInvoiceApproved,
  TransactionRecorded,
} from '../../../domain/accounting/index.js';
import { type AccountingSettings, DEFAULT_SETTINGS } from '../../../domain/accounting/index.js';

export const ACTIVITY = '01JACTIVITY0000000000000AA';

export const settings = (overrides: Partial<AccountingSettings> = {}): AccountingSettings => ({ ...DEFAULT_SETTINGS, ...overrides });

export const invoice = (overrides: Partial<InvoiceIssued> = {}): InvoiceIssued => ({
  kind: 'invoice_issued',
  invoiceId: 'INV1',
  number: '2025-000001',
  date: '2025-03-10',
  activity: ACTIVITY,
  customer: { id: 'CUST1', name: 'Boulangerie Martin' },
  operationKind: 'services',
  vat: [{ rate: '0.20', base: '1000.00', amount: '200.00' }],
  ...overrides,
});

export const payment = (overrides: Partial<PaymentReceived> = {}): PaymentReceived => ({
  kind: 'payment_received',
  paymentId: 'PAY1',
  invoiceNumber: '2025-000001',
  date: '2025-04-02',
  activity: ACTIVITY,
  customer: { id: 'CUST1', name: 'Boulangerie Martin' },
  amount: '1200.00',
  operationKind: 'services',
  invoiceVat: [{ rate: '0.20', base: '1000.00', amount: '200.00' }],
  invoiceInclVat: '1200.00',
  paidBefore: '0.00',
  ...overrides,
});

export const supplierInvoice = (overrides: Partial<SupplierInvoiceApproved> = {}): SupplierInvoiceApproved => ({
  kind: 'supplier_invoice_approved',
  supplierInvoiceId: 'SUP1',
  number: 'F-778',
  date: '2025-03-12',
  activity: ACTIVITY,
  supplier: { id: '552100554', name: 'Grossiste SA' },
  purchaseForResale: true,
  vat: [{ rate: '0.20', base: '300.00', amount: '60.00' }],
  ...overrides,
});

export const claim = (overrides: Partial<ExpenseClaimApproved> = {}): ExpenseClaimApproved => ({
  kind: 'expense_claim_approved',
  claimId: 'NDF1',
  activity: ACTIVITY,
  entrepreneurName: 'Alice Martin',
  lines: [
    { date: '2025-03-03', category: 'meals', amountExclVat: '40.00', vatRate: '0.10', vatAmount: '4.00' },
    { date: '2025-03-03', category: 'mileage', amountExclVat: '63.60', vatRate: '0', vatAmount: '0.00' },
    { date: '2025-03-20', category: 'travel', amountExclVat: '100.00', vatRate: '0.20', vatAmount: '20.00' },
  ],
  ...overrides,
});

export const payroll = (overrides: Partial<PayrollMonthClosed> = {}): PayrollMonthClosed => ({
  kind: 'payroll_month_closed',
  month: '2025-03',
  activity: ACTIVITY,
  entrepreneurName: 'Alice Martin',
  contribution: '100.00',
  payslip: {
    gross: '2000.00',
    employerContributions: '600.00',
    employeeContributions: '440.00',
    net: '1560.00',
    taxWithheld: '45.00',
    otherSocialBodies: { employee: '90.00', employer: '150.00' },
  },
  ...overrides,
});

export const transaction = (overrides: Partial<TransactionRecorded> = {}): TransactionRecorded => ({
  kind: 'transaction_recorded',
  transactionId: 'TX1',
  activity: ACTIVITY,
  type: 'revenue',
  date: '2025-03-05',
  amountExclVat: '500.00',
  vatRate: '0.20',
  vatAmount: '100.00',
  label: 'Atelier',
  ...overrides,
});
