/**
 * The route table: the one list of the API's routes. The CDK API stack (infra/aws) and the local server
 * (infra/local) both build their routes from it, so a route cannot exist in one and not the other.
 * It holds metadata only (no schemas, no handler code), so that importing it costs nothing.
 */
import type { Role } from './shared/auth.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway path syntax: `/caes/{caeId}`. */
  path: string;
  /** The handler module, from the repository root; it exports `handler`. */
  handler: string;
  /** `public` routes skip the authorizer. */
  roles: readonly Role[] | 'public';
  /** Table access the handler needs: the API stack grants exactly this. */
  access: 'none' | 'read' | 'write';
  /**
   * Object storage the handler needs (functions/shared/objectStorage.ts): the API stack grants exactly this, on
   * the caller's CAE prefix `cae/<caeId>/` for a tenant's request. Absent: none.
   */
  storage?: 'read' | 'write';
  /** The handler starts the payroll state machine (it gets its ARN and StartExecution, nothing more). */
  startsPayroll?: boolean;
  summary: string;
}

const ADMIN: Role[] = ['federation_admin'];
const CAE_TEAM: Role[] = ['federation_admin', 'cae_staff'];
const CAE_AND_SELF: Role[] = ['federation_admin', 'cae_staff', 'entrepreneur'];

const ENTREPRENEUR = '/caes/{caeId}/entrepreneurs/{id}';

export const routes = {
  health: { method: 'GET', path: '/health', handler: 'functions/service/health.ts', roles: 'public', access: 'none', summary: 'Liveness' },
  openApi: { method: 'GET', path: '/openapi.json', handler: 'functions/service/openApi.ts', roles: 'public', access: 'none', summary: 'The OpenAPI 3.1 document of every route' },

  createCae: { method: 'POST', path: '/caes', handler: 'functions/caes/createCae.ts', roles: ADMIN, access: 'write', summary: 'Create a CAE (a tenant)' },
  listCaes: { method: 'GET', path: '/caes', handler: 'functions/caes/listCaes.ts', roles: CAE_TEAM, access: 'read', summary: 'List the CAEs the caller may see' },
  getCae: { method: 'GET', path: '/caes/{caeId}', handler: 'functions/caes/getCae.ts', roles: CAE_TEAM, access: 'read', summary: 'One CAE' },
  putCaeSettings: { method: 'PUT', path: '/caes/{caeId}/settings', handler: 'functions/caes/putSettings.ts', roles: CAE_TEAM, access: 'write', summary: "Set the CAE's career-path settings" },

  createEntrepreneur: { method: 'POST', path: '/caes/{caeId}/entrepreneurs', handler: 'functions/entrepreneurs/createEntrepreneur.ts', roles: CAE_TEAM, access: 'write', summary: 'Welcome a candidate' },
  listEntrepreneurs: { method: 'GET', path: '/caes/{caeId}/entrepreneurs', handler: 'functions/entrepreneurs/listEntrepreneurs.ts', roles: CAE_TEAM, access: 'read', summary: "List a CAE's entrepreneurs, optionally by status" },
  getEntrepreneur: { method: 'GET', path: ENTREPRENEUR, handler: 'functions/entrepreneurs/getEntrepreneur.ts', roles: CAE_AND_SELF, access: 'read', summary: 'One entrepreneur with their career path' },
  getEntrepreneurStatus: { method: 'GET', path: `${ENTREPRENEUR}/status`, handler: 'functions/entrepreneurs/getStatus.ts', roles: CAE_AND_SELF, access: 'read', summary: 'Status on a date' },
  signConvention: { method: 'POST', path: `${ENTREPRENEUR}/convention`, handler: 'functions/entrepreneurs/signConvention.ts', roles: CAE_TEAM, access: 'write', summary: "Sign a convention d'accompagnement (CAPE)" },
  renewConvention: { method: 'POST', path: `${ENTREPRENEUR}/convention/renewals`, handler: 'functions/entrepreneurs/renewConvention.ts', roles: CAE_TEAM, access: 'write', summary: 'Renew the CAPE' },
  signContract: { method: 'POST', path: `${ENTREPRENEUR}/contract`, handler: 'functions/entrepreneurs/signContract.ts', roles: CAE_TEAM, access: 'write', summary: 'Sign a CESA (entrepreneur salarié)' },
  becomeAssociate: { method: 'POST', path: `${ENTREPRENEUR}/membership`, handler: 'functions/entrepreneurs/becomeAssociate.ts', roles: CAE_TEAM, access: 'write', summary: 'Become an associate (member)' },
  exitEntrepreneur: { method: 'POST', path: `${ENTREPRENEUR}/exit`, handler: 'functions/entrepreneurs/exit.ts', roles: CAE_TEAM, access: 'write', summary: 'Leave the CAE, with a reason' },

  putContributionPolicy: { method: 'PUT', path: '/caes/{caeId}/contribution-policy', handler: 'functions/caes/putContributionPolicy.ts', roles: CAE_TEAM, access: 'write', summary: "Set the CAE's contribution policy from a month on" },
  putContributionOverride: { method: 'PUT', path: `${ENTREPRENEUR}/contribution-override`, handler: 'functions/activity/putContributionOverride.ts', roles: CAE_TEAM, access: 'write', summary: "An exception to the CAE's contribution policy for one entrepreneur" },
  recordTransaction: { method: 'POST', path: `${ENTREPRENEUR}/transactions`, handler: 'functions/activity/recordTransaction.ts', roles: CAE_AND_SELF, access: 'write', summary: 'Record a revenue or an expense (Idempotency-Key)' },
  listTransactions: { method: 'GET', path: `${ENTREPRENEUR}/transactions`, handler: 'functions/activity/listTransactions.ts', roles: CAE_AND_SELF, access: 'read', summary: "A month's transactions" },
  reverseTransaction: { method: 'POST', path: `${ENTREPRENEUR}/transactions/{txId}/reversal`, handler: 'functions/activity/reverseTransaction.ts', roles: CAE_AND_SELF, access: 'write', summary: 'Reverse a transaction with a new entry (Idempotency-Key)' },
  getAccount: { method: 'GET', path: `${ENTREPRENEUR}/account`, handler: 'functions/activity/getAccount.ts', roles: CAE_AND_SELF, access: 'read', summary: 'The monthly activity account' },

  putPayrollSettings: { method: 'PUT', path: '/caes/{caeId}/payroll-settings', handler: 'functions/payroll/putPayrollSettings.ts', roles: CAE_TEAM, access: 'write', summary: "Set the CAE's payroll settings (headcount, AT/MP, health insurance, mobility)" },
  simulateSalary: { method: 'POST', path: '/caes/{caeId}/payroll/simulations', handler: 'functions/payroll/simulateSalary.ts', roles: CAE_AND_SELF, access: 'read', summary: 'Simulate a salary from a gross, an employer cost or a net' },
  putSalaryRequest: { method: 'PUT', path: `${ENTREPRENEUR}/salary-request`, handler: 'functions/payroll/putSalaryRequest.ts', roles: CAE_AND_SELF, access: 'write', summary: 'The most an entrepreneur wants paid in a month' },

  startPayrollRun: { method: 'POST', path: '/caes/{caeId}/payroll-runs', handler: 'functions/payroll/startPayrollRun.ts', roles: CAE_TEAM, access: 'write', startsPayroll: true, summary: "Run the month's payroll for this CAE (the scheduled workflow)" },
  getPayrollRun: { method: 'GET', path: '/caes/{caeId}/payroll-runs/{month}', handler: 'functions/payroll/getPayrollRun.ts', roles: CAE_TEAM, access: 'read', summary: 'A payroll run: status and totals' },
  listPayslips: { method: 'GET', path: '/caes/{caeId}/payroll-runs/{month}/payslips', handler: 'functions/payroll/listPayslips.ts', roles: CAE_TEAM, access: 'read', summary: "A run's payslips" },
  getPayslip: { method: 'GET', path: `${ENTREPRENEUR}/payslips/{month}`, handler: 'functions/payroll/getPayslip.ts', roles: CAE_AND_SELF, access: 'read', summary: "An entrepreneur's payslip of a month" },
  getPayslipPdf: { method: 'GET', path: `${ENTREPRENEUR}/payslips/{month}/pdf`, handler: 'functions/payroll/getPayslipPdf.ts', roles: CAE_AND_SELF, access: 'read', storage: 'write', summary: "An entrepreneur's payslip of a month as a PDF (bulletin clarifié), generated once and kept" },
  putTaxWithholding: { method: 'PUT', path: `${ENTREPRENEUR}/tax-withholding`, handler: 'functions/payroll/putTaxWithholding.ts', roles: CAE_TEAM, access: 'write', summary: 'The rate of tax withheld at source for an entrepreneur, from a month on (null: the neutral grid)' },

  listAssociates: { method: 'GET', path: '/caes/{caeId}/associates', handler: 'functions/governance/listAssociates.ts', roles: CAE_TEAM, access: 'read', summary: 'The associates register' },
  createAssembly: { method: 'POST', path: '/caes/{caeId}/assemblies', handler: 'functions/governance/createAssembly.ts', roles: CAE_TEAM, access: 'write', summary: 'Convene an assembly; its electorate is frozen' },
  getAssembly: { method: 'GET', path: '/caes/{caeId}/assemblies/{assemblyId}', handler: 'functions/governance/getAssembly.ts', roles: CAE_AND_SELF, access: 'read', summary: 'An assembly with its tallies' },
  castVote: { method: 'POST', path: '/caes/{caeId}/assemblies/{assemblyId}/votes', handler: 'functions/governance/castVote.ts', roles: CAE_AND_SELF, access: 'write', summary: 'One vote per associate per resolution' },
  createSurplusAllocation: { method: 'POST', path: '/caes/{caeId}/surplus-allocations', handler: 'functions/governance/createSurplusAllocation.ts', roles: CAE_TEAM, access: 'write', summary: "Allocate a year's surplus under the Scop rules" },
  createGrant: { method: 'POST', path: '/caes/{caeId}/grants', handler: 'functions/grants/createGrant.ts', roles: CAE_TEAM, access: 'write', summary: 'Record a public grant received by the CAE (Idempotency-Key)' },
  createExpenseClaim: { method: 'POST', path: `${ENTREPRENEUR}/expense-claims`, handler: 'functions/expenses/claims/create.ts', roles: CAE_AND_SELF, access: 'write', summary: 'File an expense claim (a draft): expenses with receipts, and mileage' },
  listExpenseClaims: { method: 'GET', path: `${ENTREPRENEUR}/expense-claims`, handler: 'functions/expenses/claims/list.ts', roles: CAE_AND_SELF, access: 'read', summary: "An entrepreneur's expense claims, optionally by status" },
  getExpenseClaim: { method: 'GET', path: `${ENTREPRENEUR}/expense-claims/{claimId}`, handler: 'functions/expenses/claims/get.ts', roles: CAE_AND_SELF, access: 'read', summary: 'One expense claim with its status history' },
  submitExpenseClaim: { method: 'POST', path: `${ENTREPRENEUR}/expense-claims/{claimId}/submission`, handler: 'functions/expenses/claims/submit.ts', roles: CAE_AND_SELF, access: 'write', summary: 'Submit a draft expense claim for validation' },
  approveExpenseClaim: { method: 'POST', path: `${ENTREPRENEUR}/expense-claims/{claimId}/approval`, handler: 'functions/expenses/claims/approve.ts', roles: CAE_TEAM, access: 'write', summary: 'Approve an expense claim: its lines are posted to the activity account (Idempotency-Key)' },
  rejectExpenseClaim: { method: 'POST', path: `${ENTREPRENEUR}/expense-claims/{claimId}/rejection`, handler: 'functions/expenses/claims/reject.ts', roles: CAE_TEAM, access: 'write', summary: 'Reject an expense claim, with a reason' },
  listCaeExpenseClaims: { method: 'GET', path: '/caes/{caeId}/expense-claims', handler: 'functions/expenses/claims/queue.ts', roles: CAE_TEAM, access: 'read', summary: "The CAE's expense claims in one status (default submitted: the validation queue), oldest first" },
  simulateMileage: { method: 'POST', path: '/caes/{caeId}/mileage/simulations', handler: 'functions/expenses/claims/simulateMileage.ts', roles: CAE_AND_SELF, access: 'none', summary: 'A mileage allowance from the annual scale' },
  getTerritoryReport: { method: 'GET', path: '/reports/territories/{territory}', handler: 'functions/reports/getTerritoryReport.ts', roles: ['federation_admin', 'funder'], access: 'read', summary: 'Territorial impact report over a period (JSON, CSV or HTML)' },

  createReceipt: { method: 'POST', path: `${ENTREPRENEUR}/receipts`, handler: 'functions/expenses/receipts/create.ts', roles: CAE_AND_SELF, access: 'write', storage: 'write', summary: 'Register a receipt and get a presigned URL to upload it' },
  getReceipt: { method: 'GET', path: `${ENTREPRENEUR}/receipts/{receiptId}`, handler: 'functions/expenses/receipts/get.ts', roles: CAE_AND_SELF, access: 'read', storage: 'read', summary: 'A receipt: whether it is uploaded, and a presigned URL to download it' },
  createSupplierInvoice: { method: 'POST', path: `${ENTREPRENEUR}/supplier-invoices`, handler: 'functions/expenses/supplierInvoices/create.ts', roles: CAE_AND_SELF, access: 'write', summary: 'Type in a supplier invoice (a draft)' },
  importSupplierInvoice: { method: 'POST', path: `${ENTREPRENEUR}/supplier-invoices/import`, handler: 'functions/expenses/supplierInvoices/importEinvoice.ts', roles: CAE_AND_SELF, access: 'write', storage: 'read', summary: 'Import a supplier invoice from an uploaded e-invoice (Factur-X, CII or UBL)' },
  getSupplierInvoice: { method: 'GET', path: `${ENTREPRENEUR}/supplier-invoices/{supplierInvoiceId}`, handler: 'functions/expenses/supplierInvoices/get.ts', roles: CAE_AND_SELF, access: 'read', summary: 'One supplier invoice' },
  listSupplierInvoices: { method: 'GET', path: `${ENTREPRENEUR}/supplier-invoices`, handler: 'functions/expenses/supplierInvoices/list.ts', roles: CAE_AND_SELF, access: 'read', summary: "An entrepreneur's supplier invoices, optionally by status" },
  approveSupplierInvoice: { method: 'POST', path: `${ENTREPRENEUR}/supplier-invoices/{supplierInvoiceId}/approval`, handler: 'functions/expenses/supplierInvoices/approve.ts', roles: CAE_TEAM, access: 'write', summary: 'Approve a supplier invoice: its expenses are posted (Idempotency-Key)' },
  listCaeSupplierInvoices: { method: 'GET', path: '/caes/{caeId}/supplier-invoices', handler: 'functions/expenses/supplierInvoices/listForCae.ts', roles: CAE_TEAM, access: 'read', summary: "A CAE's supplier invoices of a status, oldest first (what waits for validation)" },

  getFederationSummary: { method: 'GET', path: '/federation/summary', handler: 'functions/federation/getSummary.ts', roles: ADMIN, access: 'write', summary: "The federation's month, one row per CAE" },
  recordInterview: { method: 'POST', path: `${ENTREPRENEUR}/interviews`, handler: 'functions/accompaniment/recordInterview.ts', roles: CAE_TEAM, access: 'write', summary: 'Record a follow-up interview (notes for staff only)' },
  listInterviews: { method: 'GET', path: `${ENTREPRENEUR}/interviews`, handler: 'functions/accompaniment/listInterviews.ts', roles: CAE_AND_SELF, access: 'read', summary: "A person's interviews (an entrepreneur's own, without notes)" },
  createWorkshop: { method: 'POST', path: '/caes/{caeId}/workshops', handler: 'functions/accompaniment/createWorkshop.ts', roles: CAE_TEAM, access: 'write', summary: 'Plan a collective workshop' },
  putWorkshopAttendance: { method: 'PUT', path: '/caes/{caeId}/workshops/{workshopId}/attendance', handler: 'functions/accompaniment/putWorkshopAttendance.ts', roles: CAE_TEAM, access: 'write', summary: "A workshop's attendance (the CAE's people only)" },
  listWorkshops: { method: 'GET', path: '/caes/{caeId}/workshops', handler: 'functions/accompaniment/listWorkshops.ts', roles: CAE_AND_SELF, access: 'read', summary: "The CAE's workshops" },
  getCompliance: { method: 'GET', path: '/caes/{caeId}/accompaniment/compliance', handler: 'functions/accompaniment/getCompliance.ts', roles: CAE_TEAM, access: 'read', summary: 'Who had their two individual interviews in the last 12 months' },
  simulateUnemploymentBenefit: { method: 'POST', path: '/caes/{caeId}/unemployment-benefit/simulations', handler: 'functions/accompaniment/simulateUnemploymentBenefit.ts', roles: CAE_AND_SELF, access: 'read', summary: 'Unemployment benefit alongside a month\'s salary (Unédic rule)' },
  getAccountStatement: { method: 'GET', path: `${ENTREPRENEUR}/account/statement`, handler: 'functions/activity/getStatement.ts', roles: CAE_AND_SELF, access: 'read', summary: 'The activity account statement over a period (JSON, CSV, HTML or PDF)' },
  // Invoicing (docs/api.md "Invoicing"): the CAE's identity, customers, quotes, invoices, credit notes, payments.
  putInvoicingSettings: { method: 'PUT', path: '/caes/{caeId}/invoicing-settings', handler: 'functions/caes/putInvoicingSettings.ts', roles: CAE_TEAM, access: 'write', summary: 'Set the legal identity the CAE invoices under' },
  createCustomer: { method: 'POST', path: `${ENTREPRENEUR}/customers`, handler: 'functions/invoicing/createCustomer.ts', roles: CAE_AND_SELF, access: 'write', summary: 'A customer of the activity' },
  listCustomers: { method: 'GET', path: `${ENTREPRENEUR}/customers`, handler: 'functions/invoicing/listCustomers.ts', roles: CAE_AND_SELF, access: 'read', summary: "The activity's customers" },
  getCustomer: { method: 'GET', path: `${ENTREPRENEUR}/customers/{customerId}`, handler: 'functions/invoicing/getCustomer.ts', roles: CAE_AND_SELF, access: 'read', summary: 'One customer' },
  createQuote: { method: 'POST', path: `${ENTREPRENEUR}/quotes`, handler: 'functions/invoicing/createQuote.ts', roles: CAE_AND_SELF, access: 'write', summary: 'Send a quote, numbered D-YYYY-NNNNN' },
  getQuote: { method: 'GET', path: `${ENTREPRENEUR}/quotes/{quoteId}`, handler: 'functions/invoicing/getQuote.ts', roles: CAE_AND_SELF, access: 'read', summary: 'One quote' },
  acceptQuote: { method: 'POST', path: `${ENTREPRENEUR}/quotes/{quoteId}/acceptance`, handler: 'functions/invoicing/acceptQuote.ts', roles: CAE_AND_SELF, access: 'write', summary: 'The customer accepted the quote' },
  refuseQuote: { method: 'POST', path: `${ENTREPRENEUR}/quotes/{quoteId}/refusal`, handler: 'functions/invoicing/refuseQuote.ts', roles: CAE_AND_SELF, access: 'write', summary: 'The customer refused the quote' },
  createInvoice: { method: 'POST', path: `${ENTREPRENEUR}/invoices`, handler: 'functions/invoicing/createInvoice.ts', roles: CAE_AND_SELF, access: 'write', summary: 'A draft invoice' },
  listInvoices: { method: 'GET', path: `${ENTREPRENEUR}/invoices`, handler: 'functions/invoicing/listInvoices.ts', roles: CAE_AND_SELF, access: 'read', summary: "The activity's invoices" },
  getInvoice: { method: 'GET', path: `${ENTREPRENEUR}/invoices/{invoiceId}`, handler: 'functions/invoicing/getInvoice.ts', roles: CAE_AND_SELF, access: 'read', summary: 'One invoice, with its payments and what is due' },
  updateInvoice: { method: 'PUT', path: `${ENTREPRENEUR}/invoices/{invoiceId}`, handler: 'functions/invoicing/updateInvoice.ts', roles: CAE_AND_SELF, access: 'write', summary: 'Edit a draft' },
  deleteInvoice: { method: 'DELETE', path: `${ENTREPRENEUR}/invoices/{invoiceId}`, handler: 'functions/invoicing/deleteInvoice.ts', roles: CAE_AND_SELF, access: 'write', summary: 'Delete a draft' },
  issueInvoice: { method: 'POST', path: `${ENTREPRENEUR}/invoices/{invoiceId}/issue`, handler: 'functions/invoicing/issueInvoice.ts', roles: CAE_AND_SELF, access: 'write', summary: 'Issue a draft: its number, and its revenue posted (Idempotency-Key)' },
  createCreditNote: { method: 'POST', path: `${ENTREPRENEUR}/invoices/{invoiceId}/credit-notes`, handler: 'functions/invoicing/createCreditNote.ts', roles: CAE_AND_SELF, access: 'write', summary: 'A credit note on an issued invoice (Idempotency-Key)' },
  recordPayment: { method: 'POST', path: `${ENTREPRENEUR}/invoices/{invoiceId}/payments`, handler: 'functions/invoicing/recordPayment.ts', roles: CAE_AND_SELF, access: 'write', summary: 'A payment received on an invoice (Idempotency-Key)' },
  getInvoiceFacturx: { method: 'GET', path: `${ENTREPRENEUR}/invoices/{invoiceId}/facturx`, handler: 'functions/invoicing/getFacturx.ts', roles: CAE_AND_SELF, access: 'read', summary: 'The invoice or credit note as a Factur-X PDF (PDF/A-3, EN 16931)' },
  getInvoiceCii: { method: 'GET', path: `${ENTREPRENEUR}/invoices/{invoiceId}/cii`, handler: 'functions/invoicing/getCii.ts', roles: CAE_AND_SELF, access: 'read', summary: 'The invoice or credit note as UN/CEFACT CII XML' },
  listCaeInvoices: { method: 'GET', path: '/caes/{caeId}/invoices', handler: 'functions/invoicing/listCaeInvoices.ts', roles: CAE_TEAM, access: 'read', summary: "The CAE's invoices and overdue receivables" },


  putAccountingSettings: { method: 'PUT', path: '/caes/{caeId}/accounting-settings', handler: 'functions/accounting/putSettings.ts', roles: CAE_TEAM, access: 'write', summary: "Set the CAE's accounting settings (fiscal year, VAT on debits, account overrides)" },
  listBookEntries: { method: 'GET', path: '/caes/{caeId}/accounting/entries', handler: 'functions/accounting/listEntries.ts', roles: CAE_TEAM, access: 'read', summary: "The books' entries of a period, by date" },
  getTrialBalance: { method: 'GET', path: '/caes/{caeId}/accounting/trial-balance', handler: 'functions/accounting/getTrialBalance.ts', roles: CAE_TEAM, access: 'read', summary: 'The trial balance of a period, of the CAE or of one activity (analytic)' },
  getVatFigures: { method: 'GET', path: '/caes/{caeId}/accounting/vat', handler: 'functions/accounting/getVatFigures.ts', roles: CAE_TEAM, access: 'read', summary: "The figures of a month's VAT return" },
  getFec: { method: 'GET', path: '/caes/{caeId}/accounting/fec', handler: 'functions/accounting/getFec.ts', roles: CAE_TEAM, access: 'read', summary: "A fiscal year's FEC (Fichier des Écritures Comptables)" },
} as const satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof routes;

/** The routes as a list, with their ids. */
export function routeList(): (RouteSpec & { id: RouteId })[] {
  return (Object.keys(routes) as RouteId[]).map((id) => ({ id, ...routes[id] }));
}
