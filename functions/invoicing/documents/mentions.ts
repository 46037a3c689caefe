/**
 * The French wording and number formats of the documents (docs/domain.md "Invoicing"): one place, so that the PDF a
 * person reads and the XML a machine reads say the same mentions in the same words.
 */
import { Dec } from '../../../domain/money.js';
import type { InvoiceDocument, IsoDay, SellerParty } from './model.js';

/** French typography: a narrow no-break space groups thousands, a no-break space sits before "€" and "%". */
const GROUP = '\u202F';
const NBSP = '\u00A0';

/** "1234.5" → "1 234,50 €" (two decimals, half-up: the amounts are already cents). */
export function formatMoneyFr(value: string): string {
  return `${formatNumberFr(new Dec(value).toFixed(2, Dec.ROUND_HALF_UP))}${NBSP}€`;
}

/** A decimal as a French reader writes it: "2.5" → "2,5", "1234.5678" → "1 234,5678". */
export function formatNumberFr(value: string): string {
  const negative = value.startsWith('-');
  const [int = '0', frac] = (negative ? value.slice(1) : value).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  return `${negative ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** A quantity or unit price without useless trailing zeros beyond what was given ("2.50" stays "2,50"). */
export function formatDecimalFr(value: string): string {
  return formatNumberFr(new Dec(value).toFixed());
}

/** A rate as a percentage: "0.1065" → "10,65 %", "0.20" → "20 %". */
export function formatPercentFr(rate: string): string {
  return `${formatNumberFr(new Dec(rate).times(100).toString())}${NBSP}%`;
}

/** "2026-03-15" → "15/03/2026", or "20260315" for CII (format 102). */
export function formatDay(day: IsoDay, style: 'fr' | 'compact' = 'fr'): string {
  const [y, m, d] = day.split('-');
  return style === 'compact' ? `${y}${m}${d}` : `${d}/${m}/${y}`;
}

/** "123456789" → "123 456 789"; a SIRET "12345678900012" → "123 456 789 00012". */
export function formatSiren(value: string): string {
  const digits = value.replace(/\s+/g, '');
  if (/^\d{9}$/.test(digits)) return digits.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
  if (/^\d{14}$/.test(digits)) return digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
  return value;
}

/** "FR7630006000011234567890189" → "FR76 3000 6000 0112 3456 7890 189". */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}

/** The seller's legal form and capital, RCS and APE: what commercial law wants shown beside the name. */
export function sellerLegalMentions(seller: SellerParty): string[] {
  const list: string[] = [];
  if (seller.legalForm && seller.shareCapital) list.push(`${seller.legalForm} au capital de ${formatMoneyFr(seller.shareCapital)}`);
  else if (seller.legalForm) list.push(seller.legalForm);
  else if (seller.shareCapital) list.push(`Capital de ${formatMoneyFr(seller.shareCapital)}`);
  if (seller.rcs) list.push(seller.rcs);
  if (seller.apeCode) list.push(`APE ${seller.apeCode}`);
  return list;
}

export const OPERATION_KIND_LABEL: Record<InvoiceDocument['operationKind'], string> = {
  services: 'prestations de services',
  goods: 'livraison de biens',
  mixed: 'livraison de biens et prestations de services',
};

export function documentTitle(doc: InvoiceDocument): string {
  if (doc.kind === 'invoice') return `Facture n° ${doc.number}`;
  const credited = doc.creditedInvoice;
  return credited ? `Avoir n° ${doc.number} sur facture n° ${credited.number}` : `Avoir n° ${doc.number}`;
}

export function paymentTermsText(doc: InvoiceDocument): string {
  const days = doc.paymentTermsDays;
  const term = days === 0 ? 'Paiement à réception' : `Paiement à ${days} jour${days > 1 ? 's' : ''} de la date d'émission`;
  return `${term}, au plus tard le ${formatDay(doc.dueOn)}${doc.seller.iban ? ', par virement' : ''}.`;
}

export function latePenaltyText(doc: InvoiceDocument): string {
  return `Pénalités de retard : taux annuel de ${formatPercentFr(doc.latePenaltyRate)}, exigibles dès le lendemain de l'échéance.`;
}

export function recoveryIndemnityText(doc: InvoiceDocument): string | undefined {
  if (!doc.fixedRecoveryIndemnity) return undefined;
  return `Indemnité forfaitaire pour frais de recouvrement : ${formatMoneyFr(doc.fixedRecoveryIndemnity)} (art. D441-5 du Code de commerce).`;
}

export const NO_DISCOUNT_TEXT = "Pas d'escompte pour paiement anticipé.";
