/**
 * The legal mentions an invoice carries beyond its figures (docs/domain.md "Invoicing"; CGI art. 242 nonies A,
 * Code de commerce L441-9 and D441-5), in French as printed: the payment terms and late-payment penalties, the
 * fixed recovery indemnity between businesses, the VAT exemption of a 0% line.
 */
import { Dec } from '../money.js';

export type CustomerKind = 'company' | 'person' | 'public_body';
export type OperationKind = 'services' | 'goods' | 'mixed';

/** The recovery indemnity owed by a business paying late (D441-5), in euros. */
export const RECOVERY_INDEMNITY = '40.00';

const OPERATION_LABEL: Record<OperationKind, string> = {
  services: 'Prestation de services',
  goods: 'Livraison de biens',
  mixed: 'Livraison de biens et prestation de services',
};

export interface MentionsInput {
  readonly customerKind: CustomerKind;
  readonly operationKind: OperationKind;
  readonly dueOn: string;
  /** Yearly rate, e.g. "0.1065". */
  readonly latePenaltyRate: string;
  /** Whether a line is at 0% VAT. */
  readonly hasZeroRate: boolean;
  /** The trade name of the activity (shown beside the CAE's identity). */
  readonly tradeName?: string;
}

/** The percentage of a rate, in French ("0.1065" → "10,65 %"). */
function percent(rate: string): string {
  return `${new Dec(rate).times(100).toDecimalPlaces(2).toString().replace('.', ',')} %`;
}

/** The date in French order (2026-03-31 → 31/03/2026). */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** The legal mentions of an invoice, in the order printed. */
export function legalMentions(input: MentionsInput): string[] {
  const mentions = [
    `Nature de l'opération : ${OPERATION_LABEL[input.operationKind]}`,
    `Date d'échéance : ${frenchDate(input.dueOn)}`,
    `Pénalités de retard : taux annuel de ${percent(input.latePenaltyRate)}, exigibles dès le lendemain de l'échéance`,
    'Pas d’escompte pour paiement anticipé',
  ];
  if (input.customerKind !== 'person') {
    mentions.push(`Indemnité forfaitaire pour frais de recouvrement : ${RECOVERY_INDEMNITY.replace('.', ',')} € (article D441-5 du Code de commerce)`);
  }
  if (input.hasZeroRate) mentions.push('Exonération de TVA (article 261 du CGI) pour les lignes à 0 %');
  if (input.tradeName) mentions.push(`Activité « ${input.tradeName} » exercée au sein de la coopérative d'activité et d'emploi`);
  return mentions;
}
