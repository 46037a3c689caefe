/**
 * The report as CSV, written by csv-stringify (RFC 4180 quoting): one row per month, then one row per value of
 * each breakdown, with a header. The first column, `section`, says which (`month` or `breakdown`); a month row
 * leaves the breakdown columns empty and a breakdown row the month ones, so one header describes both and a
 * spreadsheet filters on the first column. Amounts keep the API's form (dot decimals, two places), so a
 * spreadsheet and a program read the same figures as the JSON's `months` and `breakdowns`; a figure statistical
 * secrecy hides reads `secret` (docs/api.md "Reports: breakdowns and statistical secrecy").
 */
import { stringify } from 'csv-stringify/sync';
import { BREAKDOWN_NAMES, type ReportMonth, type TerritoryReport } from '../../domain/reporting/index.js';

/** The month columns, in order: the fields of a report month. */
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
  'socialContributions',
  'cooperativeContributions',
  'publicFunding',
];

/** The breakdown columns: which breakdown, which value, and its two counts. */
export const CSV_BREAKDOWN_COLUMNS = ['breakdown', 'value', 'peopleAtEnd', 'breakdownEntries'] as const;

/** What a hidden figure reads in the CSV. */
export const SECRET_CELL = 'secret';

const cell = (value: unknown) => (value === null ? SECRET_CELL : String(value));

export function reportCsv(report: TerritoryReport): string {
  const blankMonth = CSV_COLUMNS.map(() => '');
  const blankBreakdown = CSV_BREAKDOWN_COLUMNS.map(() => '');
  const monthRows = report.months.map((m) => ['month', ...CSV_COLUMNS.map((c) => cell(m[c])), ...blankBreakdown]);
  const breakdownRows = BREAKDOWN_NAMES.flatMap((name) =>
    report.breakdowns[name].map((b) => ['breakdown', ...blankMonth, name, b.value, cell(b.peopleAtEnd), cell(b.entries)]),
  );
  return stringify([...monthRows, ...breakdownRows], {
    header: true,
    columns: ['section', ...CSV_COLUMNS, ...CSV_BREAKDOWN_COLUMNS] as string[],
    record_delimiter: 'windows',
  });
}

/** A file name for the download: `rapport-departement-69-2025-01-2025-12.csv`. */
export function csvFileName(report: Pick<TerritoryReport, 'territory' | 'from' | 'to'>): string {
  return `rapport-${report.territory.replace(/[^0-9A-Za-z]+/g, '-')}-${report.from}-${report.to}.csv`;
}
