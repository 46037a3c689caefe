/**
 * GET …/account/statement: the activity account statement over a period, in JSON, CSV, HTML and PDF. Its
 * figures are the account's (GET …/account) and the entries behind them; the PDF's text (read with unpdf)
 * carries the same figures as the JSON.
 */
import { writeFileSync } from 'node:fs';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { handler as getStatement } from '../../../functions/activity/getStatement.js';
import { amountLabel } from '../../../functions/activity/statementLabels.js';
import { entrepreneurOf, event, funderOf, invoke, type Reply, staffOf, type TestCaller } from '../../support/events.js';
import { accountOf, aRevenue, anExpense, day, expectProblem, firstEntry, month, newCae, newEmployee, payMonth, recorded, reverse } from './fixtures.js';

function statement(caeId: string, id: string, query: Record<string, string>, caller: TestCaller = staffOf(caeId)): Promise<Reply> {
  return invoke(getStatement, event('GET /caes/{caeId}/entrepreneurs/{id}/account/statement', { caller, pathParameters: { caeId, id }, query }));
}

/** docs/domain.md's March (revenue 5,000.00, expenses 600.00) paid by payroll, then an open April with a reversal. */
async function aPaidMarchAndAnOpenApril() {
  const caeId = await newCae();
  const id = await newEmployee(caeId);
  await recorded(caeId, id, aRevenue({ date: day(3, 5), amountExclVat: '5000.00', label: 'Site web Boulangerie Martin', reference: 'F-2026-0007' }));
  await recorded(caeId, id, anExpense({ date: day(3, 20), amountExclVat: '600.00', label: 'Logiciel <PAO> & polices' }));
  await payMonth(caeId, month(3));
  await recorded(caeId, id, aRevenue({ date: day(4, 2), amountExclVat: '1200.00', label: 'Logo' }));
  const logo = (await firstEntry(caeId, id, month(4))) as { id: string };
  const reversed = await reverse(caeId, id, logo.id, { date: day(4, 3), reason: 'Facture annulée' });
  expect(reversed.status).toBe(201);
  await recorded(caeId, id, aRevenue({ date: day(4, 9), amountExclVat: '800.00', label: 'Affiche' }));
  return { caeId, id };
}

const plain = (text: string) => text.replace(/[\s\u00a0\u202f]/g, '');

describe('the activity account statement', () => {
  it('gives each month the account’s lines, in order, with the entries behind them', async () => {
    const { caeId, id } = await aPaidMarchAndAnOpenApril();
    const reply = await statement(caeId, id, { from: month(3), to: month(4) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const [march, april] = reply.body.months;
    const lines = ['month', 'openingBalance', 'revenue', 'contribution', 'expenses', 'envelope', 'employerCost', 'closingBalance', 'vatCollected', 'vatDeductible', 'closed'];
    const pick = (o: Record<string, unknown>) => Object.fromEntries(lines.map((l) => [l, o[l]]));
    expect(pick(march)).toEqual(await accountOf(caeId, id, month(3)));
    expect(pick(april)).toEqual(await accountOf(caeId, id, month(4)));
    expect(march).toMatchObject({ revenue: '5000.00', contribution: '500.00', expenses: '600.00', envelope: '3900.00', closed: true });
    expect(march.contributionPolicyLabel).toBe('10 % du chiffre d’affaires HT');
    expect(march.payslip.employerCost).toBe(march.employerCost);
    expect(april.openingBalance).toBe(march.closingBalance);
    expect(april.closed).toBe(false);
    expect(march.entries.map((e: { label: string; origin: string; originLabel: string; reference?: string }) => [e.label, e.origin, e.originLabel, e.reference])).toEqual([
      ['Site web Boulangerie Martin', 'transaction', 'Saisie', 'F-2026-0007'],
      ['Logiciel <PAO> & polices', 'transaction', 'Saisie', undefined],
    ]);
    expect(april.entries.map((e: { origin: string; amountExclVat: string }) => [e.origin, e.amountExclVat])).toEqual([
      ['transaction', '1200.00'],
      ['reversal', '-1200.00'],
      ['transaction', '800.00'],
    ]);
    expect(reply.body).toMatchObject({ from: month(3), to: month(4), openingBalance: march.openingBalance, closingBalance: april.closingBalance });
    expect(reply.body.totals.revenue).toBe('5800.00');
  });

  it('is read by the entrepreneur, not by a colleague (404), another CAE (404) or a funder (403)', async () => {
    const { caeId, id } = await aPaidMarchAndAnOpenApril();
    const colleague = await newEmployee(caeId);
    const q = { from: month(3), to: month(3) };
    expect((await statement(caeId, id, q, entrepreneurOf(caeId, id))).status).toBe(200);
    expectProblem(await statement(caeId, id, q, entrepreneurOf(caeId, colleague)), 404);
    expectProblem(await statement(caeId, id, q, staffOf(await newCae())), 404);
    expectProblem(await statement(caeId, id, q, funderOf('france')), 403);
  });

  it('refuses a period that ends before it starts, or longer than 24 months, naming query.to', async () => {
    const { caeId, id } = await aPaidMarchAndAnOpenApril();
    expectProblem(await statement(caeId, id, { from: month(4), to: month(3) }), 400, 'query.to');
    expectProblem(await statement(caeId, id, { from: '2025-01', to: '2027-01' }), 400, 'query.to');
    expect((await statement(caeId, id, { from: '2025-01', to: '2026-12' })).status).toBe(200);
    expectProblem(await statement(caeId, id, { from: month(3), to: month(4), format: 'xlsx' }), 400, 'query.format');
    expectProblem(await statement(caeId, id, { to: month(4) }), 400, 'query.from');
  });

  it('as CSV: French spreadsheet conventions, one row per line and per entry', async () => {
    const { caeId, id } = await aPaidMarchAndAnOpenApril();
    const reply = await statement(caeId, id, { from: month(3), to: month(4), format: 'csv' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="releve-compte-activite-.+\.csv"$/);
    const text = reply.body as string;
    expect(text.startsWith('\ufeffMois;Rubrique;Date;Sens;Origine;Libellé;Référence;Montant HT;TVA\r\n')).toBe(true);
    expect(text).toContain('2026-03;Chiffre d’affaires HT;;;;;;5000,00;\r\n');
    expect(text).toContain('2026-03;Écriture;05/03/2026;Recette;Saisie;Site web Boulangerie Martin;F-2026-0007;5000,00;1000,00\r\n');
    expect(text).toContain('2026-04;Écriture;03/04/2026;Recette;Contre-passation;');
    const lines = text.split('\r\n').filter((l) => l.startsWith('2026-03;'));
    expect(lines.slice(0, 7).map((l) => l.split(';')[1]?.replace(/ \(.*\)$/, ''))).toEqual([
      'Solde d’ouverture',
      'Chiffre d’affaires HT',
      'Contribution coopérative',
      'Charges HT',
      'Enveloppe disponible pour la rémunération',
      'Coût employeur du salaire',
      'Solde de clôture',
    ]);
  });

  it('as HTML: a French page, data escaped, no script allowed', async () => {
    const { caeId, id } = await aPaidMarchAndAnOpenApril();
    const reply = await statement(caeId, id, { from: month(3), to: month(4), format: 'html' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    const html = reply.body as string;
    // STATEMENT_HTML=/tmp/statement.html keeps the page to look at in a browser.
    if (process.env.STATEMENT_HTML) writeFileSync(process.env.STATEMENT_HTML, html);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Relevé du compte d’activité');
    expect(html).toContain('mars 2026');
    expect(html).toContain('5\u202f000,00\u202f€');
    expect(html).toContain('Logiciel &lt;PAO&gt; &amp; polices');
    expect(html).not.toContain('<PAO>');
  });

  it('as PDF: a document whose text carries the JSON’s figures, the same bytes each time', async () => {
    const { caeId, id } = await aPaidMarchAndAnOpenApril();
    const json = (await statement(caeId, id, { from: month(3), to: month(4) })).body;
    const out = await getStatement(
      event('GET /caes/{caeId}/entrepreneurs/{id}/account/statement', { caller: staffOf(caeId), pathParameters: { caeId, id }, query: { from: month(3), to: month(4), format: 'pdf' } }),
      {} as never,
    );
    expect(out.statusCode).toBe(200);
    expect(out.headers?.['content-type']).toBe('application/pdf');
    expect(out.isBase64Encoded).toBe(true);
    const bytes = Buffer.from(out.body ?? '', 'base64');
    // STATEMENT_PDF=/tmp/statement.pdf keeps the document to look at (pdftoppm -png -r 80).
    if (process.env.STATEMENT_PDF) writeFileSync(process.env.STATEMENT_PDF, bytes);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    const flat = plain(text);
    expect(text).toContain('Relevé du compte d’activité');
    expect(text).toContain('Contribution coopérative');
    expect(text).toContain('Contre-passation');
    expect(text).toContain('F-2026-0007');
    for (const m of json.months) {
      for (const line of ['openingBalance', 'revenue', 'contribution', 'expenses', 'envelope', 'employerCost', 'closingBalance']) {
        expect(flat).toContain(plain(amountLabel(m[line]).replace('−', '-')));
      }
    }
    const again = await getStatement(
      event('GET /caes/{caeId}/entrepreneurs/{id}/account/statement', { caller: staffOf(caeId), pathParameters: { caeId, id }, query: { from: month(3), to: month(4), format: 'pdf' } }),
      {} as never,
    );
    expect(again.body).toBe(out.body);
  });
});
