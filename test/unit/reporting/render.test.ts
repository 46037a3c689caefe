import { describe, expect, it } from 'vitest';
import { BREAKDOWN_VALUES, buildReport, grantLines, mergeTerritoryMonths } from '../../../domain/reporting/index.js';
import { CSV_BREAKDOWN_COLUMNS, CSV_COLUMNS, csvFileName, reportCsv } from '../../../functions/reports/csv.js';
import { chartSvg, esc, frNumber, reportHtml } from '../../../functions/reports/html.js';
import { aGrant, anAggregate } from './builders.js';

const DEP = 'departement:69';
const report = buildReport({
  territory: DEP,
  from: '2025-01',
  to: '2025-02',
  months: mergeTerritoryMonths([anAggregate({ territory: DEP, month: '2025-01', caeId: 'A', revenue: '1234567.89', grossSalaries: '1000.00' })]),
  grants: grantLines([aGrant({ territory: DEP, year: 2025, amount: '1200.00', funder: 'Conseil "départemental" <b>&</b>' })]),
  statisticalSecrecy: false,
});

describe('the CSV', () => {
  it('has a header, one row per month in the column order of CSV_COLUMNS, then one row per breakdown value', () => {
    const lines = reportCsv(report).trim().split('\r\n');
    expect(lines[0]).toBe(['section', ...CSV_COLUMNS, ...CSV_BREAKDOWN_COLUMNS].join(','));
    const values = Object.values(BREAKDOWN_VALUES).reduce((n, v) => n + v.length, 0);
    expect(lines).toHaveLength(1 + 2 + values);
    expect(lines[1]?.split(',')[1 + CSV_COLUMNS.indexOf('revenue')]).toBe('1234567.89');
    expect(lines[3]?.split(',').slice(0, 1).concat(lines[3]?.split(',').slice(-4) ?? [])).toEqual(['breakdown', 'gender', 'female', '0', '0']);
  });

  it('is named after the territory and the period', () => {
    expect(csvFileName(report)).toBe('rapport-departement-69-2025-01-2025-02.csv');
  });
});

describe('the HTML page', () => {
  it('writes amounts the French way', () => {
    expect(frNumber('1234567.89')).toBe('1\u202f234\u202f567,89');
    expect(frNumber('-5.00')).toBe('−5,00');
  });

  it('escapes every character that could open markup', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('shows a funder name with markup as text', () => {
    const html = reportHtml(report);
    expect(html).toContain('Conseil &quot;départemental&quot; &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).not.toContain('<b>&</b>');
  });

  it('says in its method which figure is value added and which is the gross margin', () => {
    const method = reportHtml(report).split('<h2>Méthode</h2>')[1] ?? '';
    expect(method).toContain('Valeur ajoutée = chiffre d\'affaires HT − consommations intermédiaires');
    expect(method).toContain('hors salaires et cotisations sociales');
    expect(method).toContain('marge commerciale (chiffre d\'affaires HT − achats de marchandises)');
  });

  it('draws one bar per month and series, and one public-funding point per month', () => {
    const svg = chartSvg(report.months);
    expect(svg.match(/class="bar bar-revenue"/g)).toHaveLength(2);
    expect(svg.match(/class="bar bar-grossSalaries"/g)).toHaveLength(2);
    expect(svg.match(/class="point point-publicFunding"/g)).toHaveLength(2);
  });

  it('draws a chart with an axis even when every figure is zero', () => {
    const empty = buildReport({ territory: DEP, from: '2025-01', to: '2025-01', months: [], grants: [], statisticalSecrecy: true });
    expect(chartSvg(empty.months)).toContain('class="axis"');
  });
});
