/**
 * The French words of the activity account statement (HTML, PDF, CSV): the lines of docs/domain.md "Salary",
 * where each entry comes from, and the contribution policy said in a sentence. Kept apart so that every
 * rendering says the same thing.
 */
import type { ContributionPolicy } from '../../domain/contribution/index.js';
import { Dec } from '../../domain/money.js';

/** The month's lines, in the order of docs/domain.md "Salary". */
export const LINE_LABELS = {
  openingBalance: 'Solde d’ouverture',
  revenue: 'Chiffre d’affaires HT',
  contribution: 'Contribution coopérative',
  expenses: 'Charges HT',
  envelope: 'Enveloppe disponible pour la rémunération',
  employerCost: 'Coût employeur du salaire',
  closingBalance: 'Solde de clôture',
} as const;

export type StatementLine = keyof typeof LINE_LABELS;
export const STATEMENT_LINES = Object.keys(LINE_LABELS) as StatementLine[];

/** How each line moves the balance (shown before the amount). */
export const LINE_SIGNS: Record<StatementLine, string> = {
  openingBalance: '',
  revenue: '+',
  contribution: '−',
  expenses: '−',
  envelope: '=',
  employerCost: '−',
  closingBalance: '=',
};

/**
 * Where an entry comes from (ledger.ts `EntryOrigin`): the flows that post to the ledger. An origin this table
 * does not know yet is shown as it is stored rather than hidden.
 */
export const ORIGIN_LABELS: Record<string, string> = {
  transaction: 'Saisie',
  reversal: 'Contre-passation',
  invoice: 'Facture',
  credit_note: 'Avoir',
  payment: 'Encaissement',
  expense_claim: 'Note de frais',
  supplier_invoice: 'Facture fournisseur',
};

export const originLabel = (origin: string): string => ORIGIN_LABELS[origin] ?? origin;

export const TYPE_LABELS: Record<string, string> = { revenue: 'Recette', expense: 'Dépense', collection: 'Encaissement' };

const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2026-03" → "mars 2026". */
export function monthLabel(month: string): string {
  return `${MONTHS_FR[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** "2026-03-05" → "05/03/2026". */
export function dateLabel(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** "1234.50" → "1 234,50" (narrow no-break space between thousands, comma decimals: the French way). */
export function amountLabel(amount: string): string {
  const negative = amount.startsWith('-');
  const [units = '0', cents = '00'] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${negative ? '−' : ''}${grouped},${cents}`;
}

/** "0.10" → "10 %", "0.115" → "11,5 %". */
function percent(rate: string): string {
  return `${new Dec(rate).times(100).toDecimalPlaces(4).toFixed().replace('.', ',')} %`;
}

/** The policy in a sentence: "10 % du chiffre d'affaires HT, plancher 40,00 € par mois". */
export function policyLabel(policy: ContributionPolicy): string {
  const base = policy.base === 'margin' ? 'de la marge brute' : 'du chiffre d’affaires HT';
  const rates =
    policy.kind === 'flat'
      ? `${percent(policy.rate)} ${base}`
      : `${policy.brackets
          .map((b) => (b.upTo === null ? `${percent(b.rate)} au-delà` : `${percent(b.rate)} jusqu’à ${amountLabel(b.upTo)} €`))
          .join(', ')} ${base} cumulé sur l’année`;
  const limits = [
    ...(policy.monthlyFloor ? [`plancher ${amountLabel(policy.monthlyFloor)} € par mois`] : []),
    ...(policy.yearlyCap ? [`plafond ${amountLabel(policy.yearlyCap)} € par an`] : []),
  ];
  return [rates, ...limits].join(', ');
}
