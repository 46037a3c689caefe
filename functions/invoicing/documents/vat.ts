/**
 * VAT as the EN 16931 semantic model states it (docs/architecture.md "Invoice documents (Factur-X)"): each rate of
 * the document becomes a VAT category (S for a positive rate; for 0, the exemption the document declares) and a
 * percentage. Shared by the XML and the PDF so that both say the same thing.
 */
import { Dec } from '../../../domain/money.js';
import type { InvoiceDocument, VatExemption } from './model.js';

export type VatCategory = 'S' | VatExemption['category'];

/** Without a declared exemption, a 0 rate is shown as exempt with a generic reason (the rules want one for E). */
const DEFAULT_EXEMPTION: VatExemption = { category: 'E', reason: 'Exonération de TVA' };

export interface VatTreatment {
  category: VatCategory;
  /** The rate as a percentage without useless zeros ("20", "5.5", "0"); absent for category O, which has none. */
  percent?: string;
  exemptionReason?: string;
  exemptionReasonCode?: string;
}

export function isZeroRate(rate: string): boolean {
  return new Dec(rate).isZero();
}

/** The rate as a percentage, "0.055" → "5.5". */
export function ratePercent(rate: string): string {
  return new Dec(rate).times(100).toString();
}

export function vatTreatment(doc: InvoiceDocument, rate: string): VatTreatment {
  if (!isZeroRate(rate)) return { category: 'S', percent: ratePercent(rate) };
  const exemption = doc.vatExemption ?? DEFAULT_EXEMPTION;
  const treatment: VatTreatment = { category: exemption.category };
  // Category O ("not subject to VAT") carries no rate at all (BR-O-05); the others carry 0.
  if (exemption.category !== 'O') treatment.percent = '0';
  // Z is zero-rated, not exempt: the rules refuse an exemption reason on it (BR-Z-10).
  if (exemption.category !== 'Z') {
    if (exemption.reason) treatment.exemptionReason = exemption.reason;
    if (exemption.reasonCode) treatment.exemptionReasonCode = exemption.reasonCode;
    if (!exemption.reason && !exemption.reasonCode) treatment.exemptionReason = DEFAULT_EXEMPTION.reason as string;
  }
  return treatment;
}
