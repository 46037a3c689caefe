/**
 * Every key of the single table, built in one place. Each item of a CAE lives under a partition key
 * that starts with `CAE#<caeId>`, so an IAM `dynamodb:LeadingKeys` condition can confine a request to its
 * tenant. Federation-wide items live under `FED#`.
 */

export const cae = (caeId: string) => ({ PK: `CAE#${caeId}`, SK: 'CAE' });

/** GSI1: the federation's list of CAEs. */
export const caeListing = (caeId: string) => ({ GSI1PK: 'FED#CAES', GSI1SK: `CAE#${caeId}` });

export const entrepreneur = (caeId: string, entrepreneurId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: 'PROFILE',
});

/** GSI1: all entrepreneurs of a CAE, in creation order (ULIDs sort by time). */
export const entrepreneurListing = (caeId: string, entrepreneurId: string) => ({
  GSI1PK: `CAE#${caeId}#ENTS`,
  GSI1SK: `ENT#${entrepreneurId}`,
});

/** GSI2: the entrepreneurs of a CAE by the status their last recorded transition gave them. */
export const entrepreneurByStatus = (caeId: string, status: string, entrepreneurId: string) => ({
  GSI2PK: `CAE#${caeId}#STATUS#${status}`,
  GSI2SK: `ENT#${entrepreneurId}`,
});

export const GSI1 = 'GSI1';
export const GSI2 = 'GSI2';

/** An assembly of associates: its item and its votes share one partition, so a tally is one bounded query. */
export const assemblyPartition = (caeId: string, assemblyId: string) => `CAE#${caeId}#ASSEMBLY#${assemblyId}`;

export const assembly = (caeId: string, assemblyId: string) => ({ PK: assemblyPartition(caeId, assemblyId), SK: 'ASSEMBLY' });

/**
 * One vote, keyed by (assembly, resolution, voter): written with `attribute_not_exists`, so a person's second
 * vote on a resolution, even a concurrent one, can never be stored.
 */
export const vote = (caeId: string, assemblyId: string, resolutionId: string, voterId: string) => ({
  PK: assemblyPartition(caeId, assemblyId),
  SK: `VOTE#${resolutionId}#${voterId}`,
});

/** A year's surplus allocation: one per CAE and year, so a second one for the same year cannot be written. */
export const surplusAllocation = (caeId: string, year: number) => ({
  PK: `CAE#${caeId}#SURPLUS`,
  SK: `YEAR#${String(year).padStart(4, '0')}`,
});

// ---- Activity accounts (issue 3) ----

/**
 * A ledger entry (immutable), under its entrepreneur and its id. The id is derived from the request that
 * creates it (its Idempotency-Key), so the entry's own conditional put is the request's idempotency claim; it is
 * listed by month through GSI1 (`ledgerEntryListing`).
 */
export const ledgerEntry = (caeId: string, entrepreneurId: string, entryId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `TX#${entryId}`,
});

/** GSI1 partition of one month of an entrepreneur's ledger: a month's entries, in the order they were recorded. */
export const ledgerMonthPartition = (caeId: string, entrepreneurId: string, month: string) =>
  `CAE#${caeId}#ENT#${entrepreneurId}#TX#${month}`;

/** GSI1 keys of an entry: its month's partition, sorted by a ULID taken when it was recorded. */
export const ledgerEntryListing = (caeId: string, entrepreneurId: string, month: string, recordedSequence: string) => ({
  GSI1PK: ledgerMonthPartition(caeId, entrepreneurId, month),
  GSI1SK: `TX#${recordedSequence}`,
});

/**
 * The month totals of an entrepreneur's ledger: what the month's entries add up to, updated with each entry,
 * and the fence of month closing (open, then closed once by payroll). One per entrepreneur and month with
 * entries or closed.
 */
export const ledgerMonth = (caeId: string, entrepreneurId: string, month: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `MONTH#${month}`,
});

/** At most one reversal per entry: written with `attribute_not_exists` before the reversing entry. */
export const ledgerReversal = (caeId: string, entrepreneurId: string, originalId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `REVERSAL#${originalId}`,
});

/** A closed month's account (MonthlyAccountSnapshot): written once, when payroll closes the month. */
export const closedAccount = (caeId: string, entrepreneurId: string, month: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `ACCOUNT#${month}`,
});

/** The entrepreneur's contribution override versions. */
export const contributionOverride = (caeId: string, entrepreneurId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: 'CONTRIBUTION_OVERRIDE',
});

/**
 * An idempotency record: one partition per (account, caller, key), the key hashed so that any printable
 * header value makes a safe key.
 */
export const idempotencyRecord = (caeId: string, scope: string, scopeHash: string) => ({
  PK: `CAE#${caeId}#IDEMPOTENCY#${scope}#${scopeHash}`,
  SK: 'IDEMPOTENCY',
});

/** A payroll run of a CAE for a month (status, totals). */
export const payrollRun = (caeId: string, month: string) => ({ PK: `CAE#${caeId}#RUN#${month}`, SK: 'RUN' });

/** GSI1 keys that list a run's results (the closed accounts of that month). */
export const runResult = (caeId: string, month: string, entrepreneurId: string) => ({
  GSI1PK: `CAE#${caeId}#RUN#${month}`,
  GSI1SK: `ENT#${entrepreneurId}`,
});

/** A batch of ≤ 100 entrepreneurs to pay: what one child of the Distributed Map reads. */
export const payrollBatch = (caeId: string, month: string, batch: number) => ({
  PK: `CAE#${caeId}#RUN#${month}`,
  SK: `BATCH#${String(batch).padStart(5, '0')}`,
});

/** The most an entrepreneur wants paid in a month (PUT …/salary-request). */
export const salaryRequest = (caeId: string, entrepreneurId: string, month: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `SALARY_REQUEST#${month}`,
});

/** The entrepreneur's dated rates of tax withheld at source (PUT …/tax-withholding). */
export const taxWithholding = (caeId: string, entrepreneurId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: 'TAX_WITHHOLDING',
});

// ---- Territorial reports and public grants (issue 6) ----

/** A territory's partition (`TERR#departement:69`): its monthly aggregates and the grants counted in it. */
export const territoryPartition = (territory: string) => `TERR#${territory}`;

/**
 * One territory's month, federation-wide: every CAE's figures of that month added up (one item whatever the
 * number of CAEs). `MONTH#` sort keys make a report's period one query, apart from the grant lines.
 */
export const territoryMonth = (territory: string, month: string) => ({ PK: territoryPartition(territory), SK: `MONTH#${month}` });

/**
 * What a CAE's closed month added to each territory (its own aggregates, the generation they were added as):
 * what a rewrite subtracts before adding the new figures, and the CAE's figures of the federation summary.
 */
export const aggregateManifest = (caeId: string, month: string) => ({ PK: `CAE#${caeId}#AGGREGATES`, SK: `MONTH#${month}` });

/** A grant received by a CAE, in the CAE's partition (the record of what the CAE declared). */
export const grant = (caeId: string, year: number, grantId: string) => ({
  PK: `CAE#${caeId}#GRANT`,
  SK: `GRANT#${String(year).padStart(4, '0')}#${grantId}`,
});

/**
 * A grant line in the partition of a territory whose reports count it (its own and every enclosing one): the
 * grants of one funder for one funder's territory and year, summed over the CAEs (`funderKey` is a digest of
 * the funder's name, so that any name makes a safe key).
 */
export const territoryGrantLine = (territory: string, year: number, funderTerritory: string, funderKey: string) => ({
  PK: territoryPartition(territory),
  SK: `GRANTLINE#${String(year).padStart(4, '0')}#${funderTerritory}#${funderKey}`,
});

// ---- Expense claims (issue 13) ----

/** An expense claim, in its entrepreneur's partition (its lines, totals, status history). */
export const expenseClaim = (caeId: string, entrepreneurId: string, claimId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `CLAIM#${claimId}`,
});

/** The sort-key prefix of an entrepreneur's claims: all of them, in creation order, is one query. */
export const EXPENSE_CLAIM_PREFIX = 'CLAIM#';

/** GSI1: an entrepreneur's claims in one status, in creation order. */
export const expenseClaimByStatus = (caeId: string, entrepreneurId: string, status: string, claimId: string) => ({
  GSI1PK: `CAE#${caeId}#ENT#${entrepreneurId}#CLAIMS#${status}`,
  GSI1SK: `CLAIM#${claimId}`,
});

/**
 * GSI2: a CAE's claims in one status, by the time they entered it: the staff's validation queue
 * (`submitted`) is one query, oldest first.
 */
export const expenseClaimQueue = (caeId: string, status: string, since: string, claimId: string) => ({
  GSI2PK: `CAE#${caeId}#CLAIMS#${status}`,
  GSI2SK: `${since}#${claimId}`,
});

/**
 * The km of one vehicle in one year counted by approved claims, and where each claim's km started: what a
 * mileage line is priced on. `vehicleKey` is domain/expenses/claims.ts `vehicleKey` (letters, digits, dashes).
 */
export const mileageCounter = (caeId: string, entrepreneurId: string, year: number, vehicleKey: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `MILEAGE#${String(year).padStart(4, '0')}#${vehicleKey}`,
});

// ---- Receipts and supplier invoices (issue 13) ----

/** A receipt's record (its bytes are in object storage under `objectKeys.receipt`), in its entrepreneur's partition. */
export const receipt = (caeId: string, entrepreneurId: string, receiptId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `RECEIPT#${receiptId}`,
});

/** A supplier invoice, in its entrepreneur's partition; `SUPPLIER_INVOICE#` sort keys list them all, oldest first. */
export const supplierInvoice = (caeId: string, entrepreneurId: string, supplierInvoiceId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `SUPPLIER_INVOICE#${supplierInvoiceId}`,
});

/** GSI1: an entrepreneur's supplier invoices of one status, oldest first (ULIDs). */
export const supplierInvoiceByStatus = (caeId: string, entrepreneurId: string, status: string, supplierInvoiceId: string) => ({
  GSI1PK: `CAE#${caeId}#ENT#${entrepreneurId}#SUPPLIER_INVOICES#${status}`,
  GSI1SK: `SINV#${supplierInvoiceId}`,
});

/** GSI2: a CAE's supplier invoices of one status, oldest first: what waits for the staff's validation. */
export const caeSupplierInvoiceByStatus = (caeId: string, status: string, supplierInvoiceId: string) => ({
  GSI2PK: `CAE#${caeId}#SUPPLIER_INVOICES#${status}`,
  GSI2SK: `SINV#${supplierInvoiceId}`,
});

/**
 * The uniqueness of a supplier's invoice number within a CAE (the CAE is the buyer of every one): written with
 * `attribute_not_exists` before the invoice, so the same supplier and number twice cannot both be stored.
 * `supplierKey` is the SIREN, else a digest of the VAT number or the name (supplierInvoices.ts).
 */
export const supplierInvoiceNumber = (caeId: string, supplierKey: string, numberKey: string) => ({
  PK: `CAE#${caeId}#SUPPLIER#${supplierKey}`,
  SK: `NUMBER#${numberKey}`,
});
// ---- Accompaniment (issue 15) ----

/**
 * An interview, under its entrepreneur, sorted by the day it was (or is to be) held: a person's interviews are
 * one query on their partition.
 */
export const interview = (caeId: string, entrepreneurId: string, heldOn: string, interviewId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `INTERVIEW#${heldOn}#${interviewId}`,
});

/** The sort-key prefix of a person's interviews. */
export const INTERVIEW_PREFIX = 'INTERVIEW#';

/**
 * GSI2, sparse: the CAE's held individual interviews by day (only those count for compliance), so that the
 * compliance view reads a 12-month range of one index partition, never each person's.
 */
export const heldInterviewListing = (caeId: string, heldOn: string, entrepreneurId: string, interviewId: string) => ({
  GSI2PK: `CAE#${caeId}#INTERVIEWS_HELD`,
  GSI2SK: `${heldOn}#${entrepreneurId}#${interviewId}`,
});

/** A workshop of a CAE, with its attendance. */
export const workshop = (caeId: string, workshopId: string) => ({ PK: `CAE#${caeId}#WORKSHOP#${workshopId}`, SK: 'WORKSHOP' });

/** GSI1: a CAE's workshops by the day they are held. */
export const workshopListing = (caeId: string, heldOn: string, workshopId: string) => ({
  GSI1PK: `CAE#${caeId}#WORKSHOPS`,
  GSI1SK: `${heldOn}#${workshopId}`,
});

/**
 * A CAE's compliance figures as of a month's end (or the day they were taken, for the month in progress): what
 * the federation summary shows without reading anyone's interviews.
 */
export const complianceOfMonth = (caeId: string, month: string) => ({ PK: `CAE#${caeId}#COMPLIANCE`, SK: `MONTH#${month}` });
// ---- The CAE's books (issue 14: docs/architecture.md "The books") ----

/** The CAE's accounting settings (chart overrides, fiscal year, VAT on debits). */
export const accountingSettings = (caeId: string) => ({ PK: `CAE#${caeId}#BOOKS`, SK: 'SETTINGS' });

/** A booked business event: its entries as decided (before numbering) and the numbers they were given. */
export const bookedEvent = (caeId: string, eventId: string) => ({ PK: `CAE#${caeId}#BOOKS#EVENT#${eventId}`, SK: 'EVENT' });

/** One journal of one fiscal year: its numbered entries, in number order (numbers from sequences.ts `journal-<code>`). */
export const journalPartition = (caeId: string, journal: string, fiscalYear: number) => `CAE#${caeId}#BOOKS#J#${journal}#${fiscalYear}`;

/** A numbered entry: `N#<sequence>` in its journal's partition, so that a journal's year is one ordered query. */
export const journalEntry = (caeId: string, journal: string, fiscalYear: number, sequence: number) => ({
  PK: journalPartition(caeId, journal, fiscalYear),
  SK: `N#${String(sequence).padStart(8, '0')}`,
});

/** GSI1 partition of every entry of a CAE by date: a period's entries (entries list, trial balance, VAT) are one range. */
export const bookDatePartition = (caeId: string) => `CAE#${caeId}#BOOKS#BYDATE`;

/** GSI2 partition of one activity's analytic lines (entries and contribution transfers), by date. */
export const bookActivityPartition = (caeId: string, activity: string) => `CAE#${caeId}#BOOKS#ACT#${activity}`;

/** The month's totals of the CAE's books, per account (debit, credit), with the entries they count. */
export const bookMonthTotals = (caeId: string, month: string) => ({ PK: `CAE#${caeId}#BOOKS#TOTALS`, SK: `MONTH#${month}` });

/** An analytic transfer (an activity's contribution of a month), written once under its event's key. */
export const analyticTransfer = (caeId: string, key: string) => ({ PK: `CAE#${caeId}#BOOKS#TRANSFER#${key}`, SK: 'TRANSFER' });

// ---- Gapless numbering (invoices, credit notes, quotes, journals) ----

/** The partition of one named sequence of a CAE: its yearly counters and the numbers bound to documents. */
export const sequencePartition = (caeId: string, sequence: string) => `CAE#${caeId}#SEQ#${sequence}`;

/** A sequence's counter for one year: the last number taken, who holds it, whether its document is finished. */
export const sequenceCounter = (caeId: string, sequence: string, year: number) => ({
  PK: sequencePartition(caeId, sequence),
  SK: `YEAR#${String(year).padStart(4, '0')}`,
});

/** The number bound to one document of a sequence: written once (`attribute_not_exists`), under the document's ref. */
export const sequenceBinding = (caeId: string, sequence: string, documentRef: string) => ({
  PK: sequencePartition(caeId, sequence),
  SK: `DOC#${documentRef}`,
});

// ---- Invoicing (customers, quotes, invoices, credit notes) ----

/** A customer of an entrepreneur's activity, in the entrepreneur's partition (listed with `begins_with`). */
export const customer = (caeId: string, entrepreneurId: string, customerId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `CUSTOMER#${customerId}`,
});

/** A quote of an entrepreneur's activity. */
export const quote = (caeId: string, entrepreneurId: string, quoteId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `QUOTE#${quoteId}`,
});

/** An invoice (draft or issued), with its payments and what credit notes took off. */
export const invoice = (caeId: string, entrepreneurId: string, invoiceId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `INVOICE#${invoiceId}`,
});

/** GSI1: every invoice of a CAE, in creation order (the CAE's invoice list). */
export const caeInvoiceListing = (caeId: string, invoiceId: string) => ({ GSI1PK: `CAE#${caeId}#INVOICES`, GSI1SK: `INVOICE#${invoiceId}` });

/** GSI2: the CAE's open receivables (issued, something still due) by due date: what is overdue on a day is one query. */
export const receivableListing = (caeId: string, dueOn: string, invoiceId: string) => ({ GSI2PK: `CAE#${caeId}#RECEIVABLES`, GSI2SK: `DUE#${dueOn}#${invoiceId}` });

/** A credit note, under the entrepreneur of the invoice it corrects. */
export const creditNote = (caeId: string, entrepreneurId: string, creditNoteId: string) => ({
  PK: `CAE#${caeId}#ENT#${entrepreneurId}`,
  SK: `CREDITNOTE#${creditNoteId}`,
});

/**
 * GSI2: the bound numbers of a sequence whose document is not finished yet (set on the binding, removed when
 * its document is finished): what a taker reads to finish those whose request died. Sparse, so it stays small.
 */
export const unfinishedBinding = (caeId: string, sequence: string, takenAt: number, documentRef: string) => ({
  GSI2PK: `${sequencePartition(caeId, sequence)}#UNFINISHED`,
  GSI2SK: `${String(takenAt).padStart(15, '0')}#${documentRef}`,
});

/**
 * What a CAE invoiced and collected in a month (excl. VAT), added as documents are issued and payments received:
 * one small item per CAE and month, what the federation summary reads (one BatchGet per page of CAEs).
 */
export const invoicingMonth = (caeId: string, month: string) => ({ PK: `CAE#${caeId}#INVOICING`, SK: `MONTH#${month}` });
