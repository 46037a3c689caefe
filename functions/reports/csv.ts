/**
 * The report as CSV: one row per month, with a header, written by csv-stringify (RFC 4180 quoting). Amounts
 * keep the API's form (dot decimals, two places), so a spreadsheet and a program read the same figures as
 * the JSON's `months`.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReportMonth, TerritoryReport } from '../../domain/reporting/index.js';

/** The CSV columns, in order: the fields of a report month. */
export const CSV_COLUMNS: readonly (keyof ReportMonth)[] = [
  'month',
  'caes',
  'welcomed',
  'entries',
  'exits',
  'companiesCreated',
  'jobsFte',
  'revenue',
  'purchases',
  'valueAdded',
  'vatCollected',
  'grossSalaries',
  'employerContributions',
  'employeeContributions',
  'cooperativeContributions',
  'publicFunding',
];

export function reportCsv(report: TerritoryReport): string {
  return stringify(
    report.months.map((m) => CSV_COLUMNS.map((c) => String(m[c]))),
    { header: true, columns: CSV_COLUMNS as string[], record_delimiter: 'windows' },
  );
}

/** A file name for the download: `rapport-departement-69-2025-01-2025-12.csv`. */
export function csvFileName(report: Pick<TerritoryReport, 'territory' | 'from' | 'to'>): string {
  return `rapport-${report.territory.replace(/[^0-9A-Za-z]+/g, '-')}-${report.from}-${report.to}.csv`;
}
