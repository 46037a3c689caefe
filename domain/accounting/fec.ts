/**
 * The Fichier des Écritures Comptables (docs/domain.md "Accounting"; LPF A47 A-1): one line per entry line,
 * the 18 fields in their legal order, a header of their names, a tab as the one separator, dates YYYYMMDD,
 * amounts with a comma. Text fields lose what would break the format (tabs, line breaks, the other separator).
 */
import { Dec, formatMoney, ZERO } from '../money.js';
import type { Decimal } from 'decimal.js';
import { type AccountingSettings, accountFor, isResultAccount } from './chart.js';
import { JOURNALS, type EntryLine, type JournalCode } from './entries.js';

export const FEC_FIELDS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

export const FEC_SEPARATOR = '\t';

/** A numbered entry as the FEC needs it. */
export interface NumberedEntry {
  readonly journal: JournalCode;
  /** EcritureNum: `<journal><fiscal year>-<sequence on 6 digits>`. */
  readonly number: string;
  readonly date: string;
  readonly pieceRef: string;
  readonly pieceDate: string;
  readonly label: string;
  readonly validatedOn: string;
  readonly lines: readonly EntryLine[];
}

/** The number of the `sequence`-th entry of a journal in a fiscal year. */
export const entryNumber = (journal: JournalCode, fiscalYear: number, sequence: number) => `${journal}${fiscalYear}-${String(sequence).padStart(6, '0')}`;

const compact = (date: string) => date.replaceAll('-', '');
const field = (value: string) => value.replace(/[\t|\r\n\u2028\u2029]+/g, ' ').trim();
const amount = (value: string) => value.replace('.', ',');

/** The FEC's header line, with its line break. */
export const fecHeader = () => `${FEC_FIELDS.join(FEC_SEPARATOR)}\r\n`;

/** An entry's lines in the FEC, each with its line break. */
export function fecLinesOf(entry: NumberedEntry): string {
  let out = '';
  for (const line of entry.lines) {
    out += `${[
      entry.journal,
      JOURNALS[entry.journal],
      entry.number,
      compact(entry.date),
      line.account,
      field(line.accountLabel),
      line.auxiliary ?? '',
      line.auxiliary ? field(line.auxiliaryLabel ?? '') : '',
      field(entry.pieceRef),
      compact(entry.pieceDate),
      field(entry.label),
      amount(line.debit),
      amount(line.credit),
      '',
      '',
      compact(entry.validatedOn),
      '',
      '',
    ].join(FEC_SEPARATOR)}\r\n`;
  }
  return out;
}

/** `<SIREN>FEC<closing date YYYYMMDD>.txt`, `_provisoire` before the extension for a year not closed. */
export function fecFileName(siret: string, closingDate: string, provisional: boolean): string {
  return `${siret.slice(0, 9)}FEC${compact(closingDate)}${provisional ? '_provisoire' : ''}.txt`;
}

/** A balance carried to the next year, per account and auxiliary account. */
export interface CarriedBalance {
  readonly account: string;
  readonly accountLabel: string;
  readonly auxiliary?: string;
  readonly auxiliaryLabel?: string;
  /** Debit minus credit. */
  readonly balance: Decimal;
}

/**
 * The closing balances of a year's lines (its own opening balances included): the balance-sheet accounts
 * (classes 1 to 5) by account and auxiliary, and the year's result carried to retained earnings (110) or
 * losses (119), so that the next year opens balanced.
 */
export function closingBalances(lines: Iterable<EntryLine>, settings: AccountingSettings): CarriedBalance[] {
  const balances = new Map<string, CarriedBalance>();
  let result = ZERO;
  for (const line of lines) {
    const signed = new Dec(line.debit).minus(line.credit);
    if (isResultAccount(line.account)) {
      result = result.plus(signed);
      continue;
    }
    const id = `${line.account}|${line.auxiliary ?? ''}`;
    const current = balances.get(id);
    balances.set(id, {
      account: line.account,
      accountLabel: line.accountLabel,
      ...(line.auxiliary === undefined ? {} : { auxiliary: line.auxiliary, auxiliaryLabel: line.auxiliaryLabel ?? line.auxiliary }),
      balance: (current?.balance ?? ZERO).plus(signed),
    });
  }
  if (!result.isZero()) {
    // A debit result (charges above products) is a loss.
    const account = accountFor(settings, result.isPositive() ? 'retainedLosses' : 'retainedEarnings');
    const id = `${account.number}|`;
    const current = balances.get(id);
    balances.set(id, { account: account.number, accountLabel: account.label, balance: (current?.balance ?? ZERO).plus(result) });
  }
  return [...balances.values()].filter((b) => !b.balance.isZero()).sort((a, b) => (a.account + (a.auxiliary ?? '') < b.account + (b.auxiliary ?? '') ? -1 : 1));
}

/** The à-nouveaux entry of a fiscal year from the previous year's closing balances (null when there are none). */
export function openingEntry(balances: readonly CarriedBalance[], fiscalYear: number, start: string): NumberedEntry | null {
  if (balances.length === 0) return null;
  return {
    journal: 'AN',
    number: entryNumber('AN', fiscalYear, 1),
    date: start,
    pieceRef: `AN${fiscalYear}`,
    pieceDate: start,
    label: `À-nouveaux ${fiscalYear}`,
    validatedOn: start,
    lines: balances.map((b) => ({
      account: b.account,
      accountLabel: b.accountLabel,
      ...(b.auxiliary === undefined ? {} : { auxiliary: b.auxiliary, auxiliaryLabel: b.auxiliaryLabel ?? b.auxiliary }),
      debit: b.balance.isPositive() ? formatMoney(b.balance) : '0.00',
      credit: b.balance.isNegative() ? formatMoney(b.balance.negated()) : '0.00',
    })),
  };
}
