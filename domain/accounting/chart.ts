/**
 * The chart of accounts (docs/domain.md "Accounting"): each account the books use is named by its role, with a
 * default from the French chart (PCG) that a CAE may override role by role. Accounts are six digits or more,
 * as accountants' software expects; the FEC asks only that the first three be digits of a PCG class.
 */

/** What an account is for, in the books' own words. */
export const ACCOUNT_ROLES = [
  'customers',
  'suppliers',
  'servicesSold',
  'goodsSold',
  'purchasesForResale',
  'travel',
  'mileage',
  'meals',
  'supplies',
  'subcontracting',
  'fees',
  'otherExternalCharges',
  'vatCollected',
  'vatCollectedOnPayment',
  'vatDeductible',
  'grossSalaries',
  'employerContributions',
  'urssaf',
  'otherSocialBodies',
  'netPayOwed',
  'withholdingTax',
  'staffExpenses',
  'bank',
  'suspense',
  'contributionTransfer',
  'retainedEarnings',
  'retainedLosses',
] as const;

export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export interface AccountDefinition {
  readonly number: string;
  readonly label: string;
  /** The PCG class (first digit) an override of this role must keep: a sale stays in 7, a charge in 6. */
  readonly class: '1' | '4' | '5' | '6' | '7';
}

/** The PCG defaults (docs/domain.md "Accounting", the account mapping table). */
export const DEFAULT_ACCOUNTS: Readonly<Record<AccountRole, AccountDefinition>> = Object.freeze({
  customers: { number: '411000', label: 'Clients', class: '4' },
  suppliers: { number: '401000', label: 'Fournisseurs', class: '4' },
  servicesSold: { number: '706000', label: 'Prestations de services', class: '7' },
  goodsSold: { number: '707000', label: 'Ventes de marchandises', class: '7' },
  purchasesForResale: { number: '607000', label: 'Achats de marchandises', class: '6' },
  travel: { number: '625600', label: 'Missions', class: '6' },
  mileage: { number: '625100', label: 'Voyages et déplacements (indemnités kilométriques)', class: '6' },
  meals: { number: '625700', label: 'Réceptions', class: '6' },
  supplies: { number: '606400', label: 'Fournitures administratives', class: '6' },
  subcontracting: { number: '611000', label: 'Sous-traitance générale', class: '6' },
  fees: { number: '622600', label: 'Honoraires', class: '6' },
  otherExternalCharges: { number: '628000', label: 'Autres charges externes', class: '6' },
  vatCollected: { number: '445710', label: 'TVA collectée', class: '4' },
  vatCollectedOnPayment: { number: '445740', label: 'TVA collectée sur encaissements (en attente)', class: '4' },
  vatDeductible: { number: '445660', label: 'TVA déductible sur autres biens et services', class: '4' },
  grossSalaries: { number: '641000', label: 'Rémunérations du personnel', class: '6' },
  employerContributions: { number: '645000', label: 'Charges de sécurité sociale et de prévoyance', class: '6' },
  urssaf: { number: '431000', label: 'Sécurité sociale (URSSAF)', class: '4' },
  otherSocialBodies: { number: '437000', label: 'Autres organismes sociaux', class: '4' },
  netPayOwed: { number: '421000', label: 'Personnel - rémunérations dues', class: '4' },
  withholdingTax: { number: '442100', label: 'Prélèvement à la source', class: '4' },
  staffExpenses: { number: '438600', label: 'Personnel - notes de frais à payer', class: '4' },
  bank: { number: '512000', label: 'Banque', class: '5' },
  suspense: { number: '471000', label: "Compte d'attente (mouvements du compte d'activité)", class: '4' },
  contributionTransfer: { number: '655000', label: 'Contribution coopérative (transfert analytique)', class: '6' },
  retainedEarnings: { number: '110000', label: 'Report à nouveau (solde créditeur)', class: '1' },
  retainedLosses: { number: '119000', label: 'Report à nouveau (solde débiteur)', class: '1' },
});

/** `staffExpensesAccount` of the settings: expense claims owed to staff in 4386 or in 467 (a CAE's choice). */
export const STAFF_EXPENSES_ACCOUNTS = { '4386': '438600', '467': '467000' } as const;
export type StaffExpensesAccount = keyof typeof STAFF_EXPENSES_ACCOUNTS;

/** The accounting settings of a CAE (docs/api.md "Accounting"), defaults resolved. */
export interface AccountingSettings {
  readonly fiscalYearStartMonth: number;
  readonly vatOnDebits: boolean;
  readonly staffExpensesAccount: StaffExpensesAccount;
  readonly accounts: Readonly<Partial<Record<AccountRole, string>>>;
}

export const DEFAULT_SETTINGS: AccountingSettings = Object.freeze({
  fiscalYearStartMonth: 1,
  vatOnDebits: false,
  staffExpensesAccount: '4386' as const,
  accounts: {},
});

/**
 * A PCG account number: first three characters digits whose first is a class of the PCG balance and
 * management accounts (1 to 7), then digits or capital letters (sub-accounts), at most 20 in all.
 */
const PCG_ACCOUNT = /^[1-7][0-9]{2}[0-9A-Z]{0,17}$/;

export function isPcgAccount(value: string): boolean {
  return PCG_ACCOUNT.test(value);
}

/** Why an override for a role is refused, or null when it is a PCG account of the role's class. */
export function overrideProblem(role: AccountRole, number: string): string | null {
  if (!isPcgAccount(number)) return 'must be a PCG account: 3 to 20 digits or capitals, the first three digits of a class 1 to 7, e.g. "706100"';
  const expected = DEFAULT_ACCOUNTS[role].class;
  if (number[0] !== expected) return `must be an account of class ${expected}, like the default ${DEFAULT_ACCOUNTS[role].number}`;
  return null;
}

/** An account as a line carries it. */
export interface Account {
  readonly number: string;
  readonly label: string;
}

/** The account a CAE uses for a role: its override, else the default (and the staff-expenses setting). */
export function accountFor(settings: AccountingSettings, role: AccountRole): Account {
  const base = DEFAULT_ACCOUNTS[role];
  const override = settings.accounts[role];
  if (override !== undefined) return { number: override, label: base.label };
  if (role === 'staffExpenses') {
    const number = STAFF_EXPENSES_ACCOUNTS[settings.staffExpensesAccount];
    return { number, label: number.startsWith('467') ? 'Autres comptes débiteurs ou créditeurs (notes de frais)' : base.label };
  }
  return { number: base.number, label: base.label };
}

/** The PCG class of an account number ('6' for a charge, '7' for a product…). */
export const classOf = (account: string): string => account.charAt(0);

/** Whether an account's balance is part of the year's result (classes 6 and 7). */
export const isResultAccount = (account: string): boolean => classOf(account) === '6' || classOf(account) === '7';
