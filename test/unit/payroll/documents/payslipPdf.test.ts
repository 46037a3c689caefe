/**
 * The payslip PDF renderer alone: every line code of every rate table has its section of the clarified model,
 * the same document gives the same bytes, and the page says what the document says.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { afterTax, computePayslip, RATE_TABLES } from '../../../../domain/payroll/index.js';
import { euros, percent, periodOf } from '../../../../functions/payroll/documents/format.js';
import type { PayslipDocument } from '../../../../functions/payroll/documents/model.js';
import { renderPayslipPdf } from '../../../../functions/payroll/documents/payslipPdf.js';
import { SECTION_OF_CODE } from '../../../../functions/payroll/documents/sections.js';

function aDocument(gross: string, date = '2026-02-01'): PayslipDocument {
  const p = computePayslip({ date, gross, settings: { headcount: 20 } });
  const t = afterTax(p, null);
  const m = (d: { toFixed: (n: number) => string }) => d.toFixed(2);
  return {
    employer: { name: 'Coopérative Équinoxe', address: ['3 place Bellecour', '69002 Lyon'], siret: '12345678901234', apeCode: '7022Z', collectiveAgreement: null },
    employee: { name: 'Hélène Müller', job: 'Traductrice', classification: 'Entrepreneur salarié, non-cadre', id: '01J8ZC4Q9RFV3X1M2N5B6T7Y8K' },
    month: date.slice(0, 7),
    hours: '151.67',
    fixedPart: '1000.00',
    variablePart: m(p.gross.minus(1000)),
    gross: m(p.gross),
    lines: p.lines.map((l) => ({
      code: l.code,
      label: l.label,
      base: m(l.base),
      employeeRate: l.employeeRate?.toString() ?? '',
      employeeAmount: m(l.employeeAmount),
      employerRate: l.employerRate?.toString() ?? '',
      employerAmount: m(l.employerAmount),
    })),
    employeeContributions: m(p.employeeContributions),
    employerContributions: m(p.employerContributions),
    generalReduction: m(p.generalReduction),
    employerCost: m(p.employerCost),
    netSocial: m(p.netSocial),
    net: m(p.net),
    tax: { base: m(t.withholding.base), rate: t.withholding.rate.toString(), personal: false, amount: m(t.withholding.amount) },
    netPaid: m(t.netPaid),
    yearToDate: { gross: '12345.67', netTaxable: '9876.54' },
    rulesVersion: p.rulesVersion,
  };
}

async function textOf(bytes: Uint8Array) {
  const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, ' ') };
}

describe('the payslip PDF', () => {
  it('prints every line code of every rate table under a section of the clarified model', () => {
    const codes = new Set<string>();
    for (const table of RATE_TABLES) {
      for (const c of table.contributions) codes.add(c.group?.code ?? c.code);
      codes.add(table.generalReduction.code);
    }
    expect([...codes].filter((code) => !(code in SECTION_OF_CODE))).toEqual([]);
  });

  it('gives the same bytes for the same payslip (no clock, no random id)', async () => {
    const doc = aDocument('2480.00');
    const [a, b] = [await renderPayslipPdf(doc), await renderPayslipPdf(doc)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).toString('latin1')).not.toMatch(/\/ID \[/);
  });

  it('prints the figures, the French accents and the PAS on one page', async () => {
    const doc = aDocument('5200.00');
    const { pages, text } = await textOf(await renderPayslipPdf(doc));
    expect(pages).toBe(1);
    expect(text).toContain('Coopérative Équinoxe');
    expect(text).toContain('Hélène Müller');
    expect(text).toContain(`Période du ${periodOf(doc.month).join(' au ')}`);
    for (const figure of [doc.gross, doc.netSocial, doc.net, doc.tax.base, doc.tax.amount, doc.netPaid, doc.employerCost]) {
      expect(text).toContain(euros(figure));
    }
    expect(text).toContain(percent(doc.tax.rate));
    expect(text).toContain('taux non personnalisé');
    expect(text).toContain('EXONÉRATIONS');
    expect(text).toContain('Salaire brut : 12 345,67 €');
  });

  it('formats French amounts and rates', () => {
    expect(euros('1234567.5')).toBe('1 234 567,50');
    expect(euros('-549.64')).toBe('-549,64');
    expect(percent('0.069')).toBe('6,90');
    expect(percent('0.00545')).toBe('0,545');
    expect(percent('-0.3194')).toBe('-31,94');
  });
});
