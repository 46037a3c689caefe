/**
 * The input of the invoice documents (docs/architecture.md "Invoice documents (Factur-X)"): everything the CII XML
 * and the Factur-X PDF show, already decided by the domain. The renderers compute nothing that matters: amounts
 * arrive as decimal strings ("1234.50", two decimals; rates as the API spells them, "0.20", "0.055"), dates as
 * ISO days ("2026-03-15"), so that the document says exactly what the ledger holds.
 *
 * The seller is a generic party: the CAE's legal identity for our own invoices (with the activity's trade name
 * beside it), but any supplier's too (the demo builds a supplier's Factur-X with the same writer).
 */

/** A decimal amount of money as the API carries it: exactly two decimals, "1234.50" (never a JS number). */
export type MoneyString = string;
/** A rate as a decimal fraction: "0.20" for 20 %, "0.1065" for 10.65 %. */
export type RateString = string;
/** An ISO calendar day, "YYYY-MM-DD". */
export type IsoDay = string;

export interface PostalAddress {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2, "FR". */
  countryCode: string;
}

/** Who sells: the CAE under whose identity the activity invoices, or any supplier. */
export interface SellerParty {
  /** The legal name (raison sociale). */
  name: string;
  /** "SCOP SA", "SCIC SAS", "SARL"… */
  legalForm?: string;
  /** The share capital as money ("15000.00"); a cooperative with variable capital may say so in legalForm. */
  shareCapital?: MoneyString;
  /** "RCS Lyon 123 456 789". */
  rcs?: string;
  /** 14 digits; its first 9 are the SIREN. */
  siret?: string;
  /** 9 digits, when no SIRET is given. */
  siren?: string;
  /** "FR" + 2 check digits + SIREN. */
  vatNumber?: string;
  address: PostalAddress;
  iban?: string;
  bic?: string;
  /** The NAF/APE code, "7022Z". */
  apeCode?: string;
  email?: string;
}

export type BuyerKind = 'company' | 'person' | 'public_body';

export interface BuyerParty {
  name: string;
  kind: BuyerKind;
  /** Required for a French business buyer (the mention "SIREN du client"). */
  siren?: string;
  vatNumber?: string;
  address: PostalAddress;
  email?: string;
}

export interface DocumentLine {
  description: string;
  /** Up to 4 decimals, > 0: "2.5". */
  quantity: string;
  /** "hour" | "day" | "unit" | … (the API's words; the renderers map them to UN/ECE rec. 20 codes and French labels). */
  unit?: string;
  /** Up to 4 decimals: "80.00", "12.3456". */
  unitPriceExclVat: string;
  vatRate: RateString;
  /** quantity × unit price, rounded half-up to the cent by the domain. */
  lineTotalExclVat: MoneyString;
}

export interface VatBreakdown {
  rate: RateString;
  /** The sum of the lines at this rate, excluding VAT. */
  base: MoneyString;
  /** The VAT on that base, rounded half-up to the cent. */
  amount: MoneyString;
}

export interface DocumentTotals {
  exclVat: MoneyString;
  /** One entry per rate present in the lines. */
  vat: VatBreakdown[];
  inclVat: MoneyString;
}

/**
 * Why lines at a 0 rate carry no VAT (EN 16931 VAT category and its reason). Without it, 0-rate lines are shown as
 * exempt (category E) with the generic reason "Exonération de TVA"; a seller under the franchise says
 * `{ category: 'E', reason: 'TVA non applicable, art. 293 B du CGI' }`, an intra-community supply 'K', an export 'G',
 * a reverse charge 'AE' (with its reason), a genuinely zero-rated supply 'Z' (which takes no reason).
 */
export interface VatExemption {
  category: 'E' | 'Z' | 'K' | 'G' | 'AE' | 'O';
  /** Free text (BT-120), required by the rules for every category but Z. */
  reason?: string;
  /** The VATEX code (BT-121), e.g. "VATEX-EU-IC" for an intra-community supply. */
  reasonCode?: string;
}

export interface InvoiceDocument {
  kind: 'invoice' | 'credit_note';
  /** "YYYY-NNNNNN", from the CAE's one sequence (credit notes included). */
  number: string;
  issuedOn: IsoDay;
  /** The date of the sale or of the end of the service, when it differs from the issue date. */
  deliveredOn?: IsoDay;
  dueOn: IsoDay;
  operationKind: 'services' | 'goods' | 'mixed';
  paymentTermsDays: number;
  /** The late-payment penalty rate, "0.1065" for 10.65 % a year. */
  latePenaltyRate: RateString;
  /** The fixed recovery indemnity owed by a business buyer that pays late ("40.00", D441-5); absent for a person. */
  fixedRecoveryIndemnity?: MoneyString;
  seller: SellerParty;
  /** The activity's trade name, shown under the CAE's identity. */
  tradeName?: string;
  buyer: BuyerParty;
  lines: DocumentLine[];
  totals: DocumentTotals;
  /** What was already paid (BT-113) and what remains due (BT-115); without them nothing is paid and all is due. */
  paid?: MoneyString;
  amountDue?: MoneyString;
  /** On a credit note: the invoice it corrects (BT-25, BT-26). */
  creditedInvoice?: { number: string; issuedOn: IsoDay };
  /** On a credit note: why. */
  reason?: string;
  notes?: string;
  vatExemption?: VatExemption;
  /** ISO 4217; only EUR is issued today. */
  currency?: 'EUR';
}
