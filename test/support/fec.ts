/**
 * An FEC checker written from the rules of docs/domain.md "Accounting" (LPF A47 A-1), independent of the code
 * that writes the file: the 18 fields in order under a header, one separator throughout, dates YYYYMMDD,
 * amounts with a comma, accounts whose first three characters are PCG digits, each entry balanced, each
 * journal numbered in one continuous sequence in the order of validation, opening balances first, and the
 * year's result as classes 6 and 7 give it.
 */
import { Decimal } from 'decimal.js';

export const FEC_HEADER = [
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
];

export interface FecReport {
  problems: string[];
  lines: number;
  entries: number;
  /** Σ credit − debit over classes 6 and 7, with a dot ("1234.50"). */
  result: string;
  /** Entry count per journal. */
  journals: Record<string, number>;
}

const DATE = /^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
const AMOUNT = /^\d+,\d{2}$/;

export function checkFec(text: string): FecReport {
  const problems: string[] = [];
  const rows = text.split(/\r?\n/);
  if (rows.at(-1) === '') rows.pop();
  const header = rows.shift() ?? '';
  const separator = header.includes('\t') ? '\t' : '|';
  if (header.split(separator).join(',') !== FEC_HEADER.join(',')) problems.push(`header is not the 18 fields in order: ${header}`);
  if (header.includes('\t') && header.includes('|')) problems.push('two separators in the header');
  const entries = new Map<string, { journal: string; debit: Decimal; credit: Decimal; validDate: string; date: string; row: number }>();
  const journals: Record<string, number> = {};
  let result = new Decimal(0);
  let seenOther = false;
  rows.forEach((row, i) => {
    const at = `line ${i + 2}`;
    const fields = row.split(separator);
    if (fields.length !== 18) {
      problems.push(`${at}: ${fields.length} fields`);
      return;
    }
    const [journal, journalLib, num, date, account, accountLib, aux, auxLib, pieceRef, pieceDate, label, debit, credit, , dateLet, validDate] = fields as string[];
    if (separator === '\t' && row.includes('|')) problems.push(`${at}: the other separator inside a field`);
    if (!journal || !journalLib || !num || !accountLib || !pieceRef || !label) problems.push(`${at}: a required field is empty`);
    for (const [name, value] of [['EcritureDate', date], ['PieceDate', pieceDate], ['ValidDate', validDate]] as const) {
      if (!DATE.test(value ?? '')) problems.push(`${at}: ${name} ${value} is not YYYYMMDD`);
    }
    if (dateLet && !DATE.test(dateLet)) problems.push(`${at}: DateLet ${dateLet}`);
    if (!/^[1-7]\d{2}/.test(account ?? '')) problems.push(`${at}: account ${account} does not start with three PCG digits`);
    if (Boolean(aux) !== Boolean(auxLib)) problems.push(`${at}: CompAuxNum and CompAuxLib go together`);
    if (!AMOUNT.test(debit ?? '') || !AMOUNT.test(credit ?? '')) problems.push(`${at}: amounts ${debit} / ${credit} are not comma decimals`);
    const d = new Decimal((debit ?? '0').replace(',', '.'));
    const c = new Decimal((credit ?? '0').replace(',', '.'));
    if (journal === 'AN') {
      if (seenOther) problems.push(`${at}: opening balances after other entries`);
    } else {
      seenOther = true;
      if (/^[67]/.test(account ?? '')) result = result.plus(c).minus(d);
    }
    const entry = entries.get(num as string);
    if (entry) {
      if (entry.journal !== journal || entry.date !== date || entry.validDate !== validDate) problems.push(`${at}: entry ${num} changes journal or dates between its lines`);
      if (entry.row !== i - 1) problems.push(`${at}: the lines of entry ${num} are not together`);
      entries.set(num as string, { ...entry, debit: entry.debit.plus(d), credit: entry.credit.plus(c), row: i });
    } else {
      entries.set(num as string, { journal: journal as string, debit: d, credit: c, validDate: validDate as string, date: date as string, row: i });
      journals[journal as string] = (journals[journal as string] ?? 0) + 1;
    }
  });
  // Each journal: numbers 1..n with no gap, in the order of validation.
  const byJournal = new Map<string, { num: string; validDate: string }[]>();
  for (const [num, entry] of entries) {
    if (!entry.debit.equals(entry.credit)) problems.push(`entry ${num} is not balanced: ${entry.debit} / ${entry.credit}`);
    byJournal.set(entry.journal, [...(byJournal.get(entry.journal) ?? []), { num, validDate: entry.validDate }]);
  }
  for (const [journal, list] of byJournal) {
    const sequences = list.map((e) => Number(/(\d+)$/.exec(e.num)?.[1]));
    const sorted = [...sequences].sort((a, b) => a - b);
    if (sorted.some((n, i) => n !== i + 1)) problems.push(`journal ${journal} is not numbered 1..${sorted.length} without gap: ${sorted.slice(0, 20).join(',')}`);
    const byNumber = [...list].sort((a, b) => Number(/(\d+)$/.exec(a.num)?.[1]) - Number(/(\d+)$/.exec(b.num)?.[1]));
    for (let i = 1; i < byNumber.length; i++) {
      if ((byNumber[i]?.validDate as string) < (byNumber[i - 1]?.validDate as string)) problems.push(`journal ${journal}: ${byNumber[i]?.num} validated before ${byNumber[i - 1]?.num}`);
    }
  }
  return { problems, lines: rows.length, entries: entries.size, result: result.toFixed(2), journals };
}
