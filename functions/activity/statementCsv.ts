/**
 * The statement as CSV for a spreadsheet (docs/api.md "Activity"): French conventions, since its reader is the
 * entrepreneur and their accountant opening it in Excel or LibreOffice set to French: `;` between fields, a comma
 * before the cents, dates DD/MM/YYYY, UTF-8 with a byte-order mark (without it Excel shows "Ã©" for "é"), CRLF
 * line ends, RFC 4180 quoting (csv-stringify). Amounts are plain numbers there (no thousands separator), so
 * that the spreadsheet reads them as numbers. The JSON keeps the API's dot decimals for programs.
 *
 * One row per line of each month's account (in the order of docs/domain.md "Salary"), then one per entry.
 */
import { stringify } from 'csv-stringify/sync';
import type { Statement } from './statement.js';
import { dateLabel, LINE_LABELS, STATEMENT_LINES, TYPE_LABELS } from './statementLabels.js';

export const CSV_HEADER = ['Mois', 'Rubrique', 'Date', 'Sens', 'Origine', 'Libellé', 'Référence', 'Montant HT', 'TVA'];

/** "-1234.50" → "-1234,50": a number a French spreadsheet reads as such. */
export const csvAmount = (amount: string) => amount.replace('.', ',');

export function statementCsv(s: Statement): string {
  const rows: string[][] = [];
  for (const m of s.months) {
    for (const line of STATEMENT_LINES) {
      const label = line === 'contribution' ? `${LINE_LABELS[line]} (${m.contributionPolicyLabel})` : LINE_LABELS[line];
      rows.push([m.month, label, '', '', '', '', '', csvAmount(m[line]), '']);
    }
    for (const e of m.entries) {
      rows.push([m.month, 'Écriture', dateLabel(e.date), TYPE_LABELS[e.type] ?? e.type, e.originLabel, e.label, e.reference ?? '', csvAmount(e.amountExclVat), csvAmount(e.vatAmount)]);
    }
  }
  return `\ufeff${stringify(rows, { header: true, columns: CSV_HEADER, delimiter: ';', record_delimiter: 'windows' })}`;
}

/** `releve-2026-01-2026-06.csv` (the person's id keeps names of two homonyms apart). */
export function statementFileName(s: Pick<Statement, 'entrepreneurId' | 'from' | 'to'>, extension: 'csv' | 'pdf' | 'html'): string {
  return `releve-compte-activite-${s.entrepreneurId}-${s.from}-${s.to}.${extension}`;
}
