/**
 * How numbers read (docs/domain.md "Invoicing"): invoices and credit notes share "YYYY-NNNNNN", quotes
 * "D-YYYY-NNNNN"; YYYY is the year of the issue date and each year starts again at 1.
 */
import { yearOf } from '../calendar.js';

export type NumberKind = 'invoice' | 'quote';

export function formatNumber(kind: NumberKind, year: number, n: number): string {
  return kind === 'invoice' ? `${year}-${String(n).padStart(6, '0')}` : `D-${year}-${String(n).padStart(5, '0')}`;
}

/** The year a document dated `date` is numbered in. */
export function numberYear(date: string): number {
  return yearOf(date);
}
