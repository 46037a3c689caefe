/**
 * The payslip as a one-page PDF in the clarified layout ("bulletin clarifié", Code du travail R3243-1, arrêté du
 * 25 février 2016), in French, with pdf-lib and the standard Helvetica fonts (WinAnsi: é, è, à, ç, € are in
 * it). Deterministic: no clock, the document dates are the last day of the paid month, no random id, so the
 * same payslip always gives the same bytes (docs/architecture.md "Payslip documents").
 */
import { type PDFFont, PDFDocument, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { euros, monthName, percent, periodOf } from './format.js';
import type { PayslipDocument, PayslipDocumentLine } from './model.js';
import { LABEL_OF_CODE, SECTIONS, sectionOf } from './sections.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 36;
const GREY = rgb(0.93, 0.93, 0.93);
const DARK = rgb(0.2, 0.2, 0.2);
const INK = rgb(0, 0, 0);
const ROW = 11.5;

/** The table's columns: label, base, employee rate and amount, employer rate and amount (right-aligned numbers). */
const COLUMNS = { label: MARGIN + 4, base: 318, employeeRate: 368, employeeAmount: 428, employerRate: 478, employerAmount: 555 };

interface Pen {
  page: PDFPage;
  regular: PDFFont;
  bold: PDFFont;
  y: number;
}

/** Text shortened with an ellipsis to fit a width (a label never runs into the figures). */
function shortened(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let t = text;
  while (t.length > 1 && font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}

function left(pen: Pen, text: string, x: number, y: number, size = 8, bold = false): void {
  pen.page.drawText(text, { x, y, size, font: bold ? pen.bold : pen.regular, color: INK });
}

function right(pen: Pen, text: string, xRight: number, y: number, size = 8, bold = false): void {
  if (text === '') return;
  const font = bold ? pen.bold : pen.regular;
  pen.page.drawText(text, { x: xRight - font.widthOfTextAtSize(text, size), y, size, font, color: INK });
}

function band(pen: Pen, y: number, height: number, color = GREY): void {
  pen.page.drawRectangle({ x: MARGIN, y, width: A4[0] - 2 * MARGIN, height, color });
}

function box(pen: Pen, x: number, y: number, width: number, height: number): void {
  pen.page.drawRectangle({ x, y, width, height, borderColor: DARK, borderWidth: 0.6 });
}

/** A figure row of the table: the label, then whichever figures it has. */
function row(
  pen: Pen,
  label: string,
  figures: Partial<Record<Exclude<keyof typeof COLUMNS, 'label'>, string>>,
  { bold = false, indent = 0 } = {},
): void {
  const size = 7.5;
  // a heading (no figures) may run across the figure columns; a line stops before its base
  const width = (Object.keys(figures).length === 0 ? COLUMNS.employerAmount : COLUMNS.base - 62) - COLUMNS.label - indent;
  left(pen, shortened(bold ? pen.bold : pen.regular, label, size, width), COLUMNS.label + indent, pen.y, size, bold);
  for (const [column, text] of Object.entries(figures)) {
    right(pen, text ?? '', COLUMNS[column as keyof typeof COLUMNS], pen.y, size, bold);
  }
  pen.y -= ROW;
}

function line(pen: Pen, l: PayslipDocumentLine): void {
  const employee = l.employeeAmount !== '0.00' || l.employeeRate !== '';
  const employer = l.employerAmount !== '0.00' || l.employerRate !== '';
  row(
    pen,
    LABEL_OF_CODE[l.code] ?? l.label,
    {
      base: euros(l.base),
      ...(employee ? { employeeRate: percent(l.employeeRate), employeeAmount: euros(l.employeeAmount) } : {}),
      ...(employer ? { employerRate: percent(l.employerRate), employerAmount: euros(l.employerAmount) } : {}),
    },
    { indent: 8 },
  );
}

function header(pen: Pen, doc: PayslipDocument): void {
  const [from, to] = periodOf(doc.month);
  left(pen, 'BULLETIN DE PAIE', MARGIN, pen.y, 15, true);
  right(pen, `Période du ${from} au ${to}`, A4[0] - MARGIN, pen.y + 4, 9, true);
  right(pen, `Paie de ${monthName(doc.month)}`, A4[0] - MARGIN, pen.y - 7, 8);
  pen.y -= 22;

  const top = pen.y;
  const height = 88;
  const half = (A4[0] - 2 * MARGIN - 10) / 2;
  box(pen, MARGIN, top - height, half, height);
  box(pen, MARGIN + half + 10, top - height, half, height);
  const write = (x: number, lines: [string, boolean][]) => {
    let y = top - 11;
    for (const [text, bold] of lines) {
      left(pen, shortened(bold ? pen.bold : pen.regular, text, 8, half - 12), x + 6, y, 8, bold);
      y -= 10.5;
    }
  };
  const e = doc.employer;
  write(MARGIN, [
    ['EMPLOYEUR', true],
    [e.name, true],
    ...(e.address.length > 0 ? e.address.slice(0, 2) : ['Adresse : non renseignée']).map((a): [string, boolean] => [a, false]),
    [`SIRET : ${e.siret}`, false],
    [`Code APE : ${e.apeCode ?? 'non renseigné'}`, false],
    [`Convention collective : ${e.collectiveAgreement ?? 'non renseignée'}`, false],
  ]);
  const p = doc.employee;
  write(MARGIN + half + 10, [
    ['SALARIÉ', true],
    [p.name, true],
    [`Emploi : ${p.job}`, false],
    [`Classification : ${p.classification}`, false],
    [`Matricule : ${p.id}`, false],
    [`Heures payées : ${euros(doc.hours)} h (mensualisées)`, false],
    ['Contrat : CESA, CDI (Code du travail L7332-1)', false],
  ]);
  pen.y = top - height - 22;
}

function table(pen: Pen, doc: PayslipDocument): void {
  const size = 7;
  band(pen, pen.y - 4, 22);
  left(pen, 'Éléments de paie', COLUMNS.label, pen.y + 4, size, true);
  right(pen, 'Base', COLUMNS.base, pen.y + 4, size, true);
  right(pen, 'Part salarié', COLUMNS.employeeAmount, pen.y + 10, size, true);
  right(pen, 'Taux %', COLUMNS.employeeRate, pen.y, size);
  right(pen, 'Montant', COLUMNS.employeeAmount, pen.y, size);
  right(pen, 'Part employeur', COLUMNS.employerAmount, pen.y + 10, size, true);
  right(pen, 'Taux %', COLUMNS.employerRate, pen.y, size);
  right(pen, 'Montant', COLUMNS.employerAmount, pen.y, size);
  pen.y -= 18;

  row(pen, 'Salaire de base (partie fixe du CESA)', { base: euros(doc.fixedPart) });
  row(pen, "Partie variable (résultat de l'activité)", { base: euros(doc.variablePart) });
  band(pen, pen.y - 3, ROW);
  row(pen, 'SALAIRE BRUT', { base: euros(doc.gross) }, { bold: true });
  pen.y -= 3;

  for (const section of SECTIONS) {
    const lines = doc.lines.filter((l) => sectionOf(l.code) === section.id);
    if (lines.length === 0) continue;
    row(pen, section.title, {}, { bold: true });
    for (const l of lines) line(pen, l);
  }
  pen.y -= 2;
  band(pen, pen.y - 3, ROW);
  row(
    pen,
    'TOTAL DES COTISATIONS ET CONTRIBUTIONS',
    { employeeAmount: euros(doc.employeeContributions), employerAmount: euros(doc.employerContributions) },
    { bold: true },
  );
  pen.y -= 4;
}

function totals(pen: Pen, doc: PayslipDocument): void {
  const size = 8.5;
  const big = (label: string, amount: string, shade = false) => {
    if (shade) band(pen, pen.y - 4, 15);
    left(pen, label, COLUMNS.label, pen.y, size, true);
    right(pen, `${euros(amount)} €`, COLUMNS.employerAmount, pen.y, size, true);
    pen.y -= 15;
  };
  big('MONTANT NET SOCIAL', doc.netSocial);
  big("NET À PAYER AVANT IMPÔT SUR LE REVENU", doc.net, true);

  left(pen, 'Impôt sur le revenu prélevé à la source', COLUMNS.label, pen.y, 8, true);
  right(pen, 'Base', COLUMNS.base, pen.y, 7);
  right(pen, 'Taux %', COLUMNS.employeeRate + 20, pen.y, 7);
  right(pen, 'Montant', COLUMNS.employerAmount, pen.y, 7);
  pen.y -= ROW;
  const kind = doc.tax.personal ? 'taux personnalisé transmis par l’administration fiscale' : 'taux non personnalisé (grille de taux par défaut)';
  left(pen, `PAS : ${kind}`, COLUMNS.label + 8, pen.y, 7.5);
  right(pen, euros(doc.tax.base), COLUMNS.base, pen.y, 7.5);
  right(pen, percent(doc.tax.rate), COLUMNS.employeeRate + 20, pen.y, 7.5);
  right(pen, euros(doc.tax.amount), COLUMNS.employerAmount, pen.y, 7.5);
  pen.y -= ROW + 4;

  band(pen, pen.y - 5, 18, rgb(0.85, 0.85, 0.85));
  left(pen, 'NET PAYÉ (en euros)', COLUMNS.label, pen.y, 10, true);
  right(pen, `${euros(doc.netPaid)} €`, COLUMNS.employerAmount, pen.y, 10, true);
  pen.y -= 22;

  row(pen, "Total des allègements de cotisations (réduction générale)", { employerAmount: euros(doc.generalReduction) });
  row(pen, "COÛT TOTAL POUR L'EMPLOYEUR", { employerAmount: euros(doc.employerCost) }, { bold: true });
  pen.y -= 6;

  const year = doc.month.slice(0, 4);
  box(pen, MARGIN, pen.y - 22, A4[0] - 2 * MARGIN, 30);
  left(pen, `Cumuls de l'année ${year}`, COLUMNS.label + 2, pen.y - 2, 8, true);
  left(pen, `Salaire brut : ${euros(doc.yearToDate.gross)} €`, COLUMNS.label + 2, pen.y - 14, 8);
  left(pen, `Net imposable : ${euros(doc.yearToDate.netTaxable)} €`, 300, pen.y - 14, 8);
  pen.y -= 34;
}

function footer(pen: Pen, doc: PayslipDocument): void {
  const size = 7;
  const lines = [
    'Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce bulletin de paie sans limitation de durée.',
    'Pour plus d’informations sur le montant des cotisations et leur utilisation, consultez la rubrique « bulletin de paie » de www.service-public.fr.',
    `Entrepreneur salarié d'une coopérative d'activité et d'emploi (Code du travail L7331-2). Règles de calcul : ${doc.rulesVersion}.`,
  ];
  let y = Math.min(pen.y, MARGIN + 30);
  for (const text of lines) {
    left(pen, shortened(pen.regular, text, size, A4[0] - 2 * MARGIN), MARGIN, y, size);
    y -= 9;
  }
}

/** The last day of the month at noon UTC: the document's dates, derived from the payslip, never the clock. */
function documentDate(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0, 12, 0, 0));
}

export async function renderPayslipPdf(doc: PayslipDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const date = documentDate(doc.month);
  pdf.setTitle(`Bulletin de paie ${monthName(doc.month)} - ${doc.employee.name}`);
  pdf.setAuthor(doc.employer.name);
  pdf.setSubject('Bulletin de paie');
  pdf.setCreator('CAE back office');
  pdf.setProducer('pdf-lib');
  pdf.setLanguage('fr-FR');
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  const page = pdf.addPage(A4);
  const pen: Pen = {
    page,
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    y: A4[1] - MARGIN - 12,
  };
  header(pen, doc);
  table(pen, doc);
  totals(pen, doc);
  footer(pen, doc);
  return pdf.save({ useObjectStreams: false });
}
