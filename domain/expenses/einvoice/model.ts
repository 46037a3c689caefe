/**
 * An e-invoice as read from its structured data (EN 16931, the semantic model both CII and UBL carry): the
 * fields the back office uses, each as the string written in the document (amounts stay exact), with the
 * business term (BT) it comes from. Nothing here is checked yet: `check.ts` says what is missing or inconsistent.
 */

/** The syntax the XML was written in, and the wrapper it came in. */
export type EInvoiceSyntax = 'CII' | 'UBL';
export type EInvoiceSource = 'facturx' | 'cii' | 'ubl';

export interface EInvoiceParty {
  /** BT-27 / BT-44. */
  name?: string;
  /** BT-30 / BT-47 with scheme 0002 (SIREN), or the first nine digits of a SIRET (scheme 0009). */
  siren?: string;
  /** BT-31 / BT-48. */
  vatNumber?: string;
}

export interface EInvoiceLine {
  /** BT-126. */
  lineId?: string;
  /** BT-153 (item name). */
  name?: string;
  /** BT-129 and its unit BT-130. */
  quantity?: string;
  unitCode?: string;
  /** BT-146 (net unit price). */
  unitPrice?: string;
  /** BT-131 (line net amount, excl. VAT). */
  netAmount?: string;
  /** BT-151 (VAT category code: S, Z, E, AE, K, G, O, L, M). */
  vatCategory?: string;
  /** BT-152, a percentage as written ("20", "5.5"). */
  vatPercent?: string;
}

export interface EInvoiceVatBreakdown {
  /** BT-116. */
  taxableAmount?: string;
  /** BT-117. */
  vatAmount?: string;
  /** BT-118. */
  category?: string;
  /** BT-119, a percentage. */
  percent?: string;
}

export interface EInvoice {
  syntax: EInvoiceSyntax;
  /** BT-3: 380 commercial invoice, 381 credit note, 384 corrected invoice, 389 self-billed... */
  typeCode?: string;
  /** BT-1. */
  number?: string;
  /** BT-2, as YYYY-MM-DD once read from its syntax's format; `issueDateRaw` keeps a value that was not a date. */
  issuedOn?: string;
  issueDateRaw?: string;
  /** BT-9. */
  dueOn?: string;
  dueDateRaw?: string;
  /** BT-5. */
  currency?: string;
  seller: EInvoiceParty;
  buyer: EInvoiceParty;
  lines: EInvoiceLine[];
  vatBreakdown: EInvoiceVatBreakdown[];
  /** BT-92 / BT-99 summed by the document itself (BT-107, BT-108), and whether any allowance or charge is there. */
  documentAllowancesOrCharges: boolean;
  totals: {
    /** BT-106. */
    lineTotal?: string;
    /** BT-107. */
    allowanceTotal?: string;
    /** BT-108. */
    chargeTotal?: string;
    /** BT-109. */
    totalExclVat?: string;
    /** BT-110. */
    vatTotal?: string;
    /** BT-112. */
    totalInclVat?: string;
    /** BT-113. */
    prepaid?: string;
    /** BT-115. */
    amountDue?: string;
  };
}
