/**
 * A fiscal year's FEC from the stored entries (docs/architecture.md "The books"): the opening balances
 * (à-nouveaux) first when a previous year has entries, then each journal in number order. The opening balances
 * are the previous year's closing balances, itself opened from the year before: a year costs one query per
 * journal, plus as much for each earlier year of the books.
 */
import {
  type AccountingSettings,
  closingBalances,
  type EntryLine,
  fecHeader,
  fecLinesOf,
  fiscalYearBounds,
  type NumberedEntry,
  openingEntry,
} from '../../domain/accounting/index.js';
import { type BookedEntry, FEC_JOURNAL_ORDER, journalEntries, journalFecText } from '../shared/repositories/books.js';

async function yearEntries(caeId: string, fiscalYear: number): Promise<BookedEntry[]> {
  const journals = await Promise.all(FEC_JOURNAL_ORDER.map((journal) => journalEntries(caeId, journal, fiscalYear)));
  return journals.flat();
}

/** The à-nouveaux entry of a fiscal year, or null for the first year of the books. */
async function openingOf(caeId: string, fiscalYear: number, settings: AccountingSettings, firstFiscalYear: number): Promise<NumberedEntry | null> {
  if (fiscalYear - 1 < firstFiscalYear) return null;
  const previousOpening = await openingOf(caeId, fiscalYear - 1, settings, firstFiscalYear);
  const previous = await yearEntries(caeId, fiscalYear - 1);
  const lines: EntryLine[] = [...(previousOpening?.lines ?? []), ...previous.flatMap((e) => e.lines)];
  return openingEntry(closingBalances(lines, settings), fiscalYear, fiscalYearBounds(fiscalYear, settings.fiscalYearStartMonth).start);
}

/** The FEC text of a fiscal year. */
export async function fecText(caeId: string, fiscalYear: number, settings: AccountingSettings, firstFiscalYear: number | undefined): Promise<string> {
  const [opening, journals] = await Promise.all([
    firstFiscalYear === undefined ? null : openingOf(caeId, fiscalYear, settings, firstFiscalYear),
    Promise.all(FEC_JOURNAL_ORDER.map((journal) => journalFecText(caeId, journal, fiscalYear))),
  ]);
  return [fecHeader(), opening ? fecLinesOf(opening) : '', ...journals.flat()].join('');
}
