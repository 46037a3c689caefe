/**
 * The statement as a PDF (A4, French), drawn with pdf-lib and the standard Helvetica fonts: a statement is a
 * document the entrepreneur keeps or sends to their accountant, not an archive that must be PDF/A, so it embeds
 * no font file and stays small and quick to make inside the Lambda that serves it. Helvetica's WinAnsi
 * encoding has every French letter, "€" and the typographic apostrophe; a character it lacks (from a label
 * typed in another script) is drawn as "?" rather than making the whole document fail.
 *
 * Same content as the HTML page (statementHtml.ts): the period's summary, then each month's account lines in
 * the order of docs/domain.md "Salary", the policy, the payslip, and the entries with origin and reference.
 * Deterministic: the same statement gives the same bytes (no creation date taken from the clock).
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Statement, StatementMonth } from './statement.js';
import { amountLabel, dateLabel, LINE_LABELS, LINE_SIGNS, monthLabel, STATEMENT_LINES, TYPE_LABELS } from './statementLabels.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const BODY = 9;
const LINE = 13;
const INK = rgb(0.11, 0.14, 0.2);
const GREY = rgb(0.35, 0.38, 0.45);
const RULE = rgb(0.85, 0.87, 0.9);
const ACCENT = rgb(0.18, 0.36, 0.54);

/** Amounts in the PDF: French grouping with a no-break space (WinAnsi has no narrow one), a hyphen for minus. */
const euros = (amount: string) => `${amountLabel(amount).replace(/\u202f/g, '\u00a0').replace('−', '-')}\u00a0€`;

class Writer {
  private page!: PDFPage;
  private y = 0;
  private readonly charset: Set<number>;
  pages = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.charset = new Set(regular.getCharacterSet());
    this.newPage();
  }

  /** Text the font can draw: typographic signs it lacks mapped to ASCII, anything else "?". */
  safe(text: string): string {
    const mapped = text.replace(/[\u202f\u2007]/g, '\u00a0').replace(/\u2212/g, '-').replace(/[\n\t]/g, ' ');
    return Array.from(mapped, (c) => (this.charset.has(c.codePointAt(0) as number) ? c : '?')).join('');
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages += 1;
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page unless `height` points are left above the footer. */
  need(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage();
  }

  /** Cuts text to `width` points, with an ellipsis (the longest prefix that fits, found by bisection). */
  fit(text: string, width: number, font: PDFFont, size: number): string {
    const t = this.safe(text);
    if (font.widthOfTextAtSize(t, size) <= width) return t;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (font.widthOfTextAtSize(`${t.slice(0, mid)}…`, size) <= width) lo = mid;
      else hi = mid - 1;
    }
    return `${t.slice(0, lo).trimEnd()}…`;
  }

  text(x: number, text: string, options: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; width?: number; right?: boolean } = {}): void {
    const size = options.size ?? BODY;
    const font = options.bold ? this.bold : this.regular;
    const t = options.width ? this.fit(text, options.width, font, size) : this.safe(text);
    const at = options.right ? x - font.widthOfTextAtSize(t, size) : x;
    this.page.drawText(t, { x: at, y: this.y, size, font, color: options.color ?? INK });
  }

  down(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y + LINE - 3 }, end: { x: A4[0] - MARGIN, y: this.y + LINE - 3 }, thickness: 0.5, color: RULE });
  }

  /** Page numbers and the document's name at the foot of every page, once all pages exist. */
  finish(): void {
    this.doc.getPages().forEach((page, i) => {
      const label = this.safe(`${this.footer} — page ${i + 1} / ${this.pages}`);
      page.drawText(label, { x: MARGIN, y: MARGIN - 10, size: 7, font: this.regular, color: GREY });
    });
  }
}

const RIGHT = A4[0] - MARGIN;

function drawMonth(w: Writer, m: StatementMonth): void {
  w.need(LINE * 12);
  w.down(LINE);
  w.text(MARGIN, monthLabel(m.month).replace(/^./, (c) => c.toUpperCase()), { size: 12, bold: true, color: ACCENT });
  if (!m.closed) w.text(RIGHT, 'mois non clôturé : chiffres provisoires', { right: true, color: GREY, size: 8 });
  w.down(LINE + 2);
  for (const line of STATEMENT_LINES) {
    const strong = line === 'openingBalance' || line === 'envelope' || line === 'closingBalance';
    w.text(MARGIN, LINE_SIGNS[line], { color: GREY });
    w.text(MARGIN + 14, LINE_LABELS[line], { bold: strong });
    w.text(RIGHT, euros(m[line]), { right: true, bold: strong });
    w.down(LINE);
    if (line === 'contribution') {
      w.text(MARGIN + 24, m.contributionPolicyLabel, { color: GREY, size: 8, width: RIGHT - MARGIN - 24 });
      w.down(LINE);
    }
    if (line === 'employerCost' && m.payslip) {
      w.text(MARGIN + 24, `Bulletin de paie : brut ${euros(m.payslip.gross)}, net ${euros(m.payslip.net)}`, { color: GREY, size: 8 });
      w.down(LINE);
    }
    w.rule();
  }
  w.down(6);
  if (m.entries.length === 0) {
    w.text(MARGIN, 'Aucune écriture ce mois-ci.', { color: GREY, size: 8 });
    w.down(LINE);
    return;
  }
  const cols = { date: MARGIN, sens: MARGIN + 52, origin: MARGIN + 112, label: MARGIN + 192, reference: MARGIN + 330, amount: RIGHT - 60, vat: RIGHT };
  const header = () => {
    w.text(cols.date, 'Date', { bold: true, size: 8 });
    w.text(cols.sens, 'Sens', { bold: true, size: 8 });
    w.text(cols.origin, 'Origine', { bold: true, size: 8 });
    w.text(cols.label, 'Libellé', { bold: true, size: 8 });
    w.text(cols.reference, 'Référence', { bold: true, size: 8 });
    w.text(cols.amount, 'Montant HT', { bold: true, size: 8, right: true });
    w.text(cols.vat, 'TVA', { bold: true, size: 8, right: true });
    w.down(LINE - 1);
  };
  header();
  for (const e of m.entries) {
    w.need(LINE * 2);
    w.text(cols.date, dateLabel(e.date), { size: 8 });
    w.text(cols.sens, TYPE_LABELS[e.type] ?? e.type, { size: 8, width: cols.origin - cols.sens - 4 });
    w.text(cols.origin, e.originLabel, { size: 8, width: cols.label - cols.origin - 6 });
    w.text(cols.label, e.label, { size: 8, width: cols.reference - cols.label - 6 });
    w.text(cols.reference, e.reference ?? '', { size: 8, width: cols.amount - 62 - cols.reference });
    w.text(cols.amount, euros(e.amountExclVat), { size: 8, right: true });
    w.text(cols.vat, euros(e.vatAmount), { size: 8, right: true });
    w.down(LINE - 1);
  }
}

export async function statementPdf(s: Statement): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const period = s.from === s.to ? monthLabel(s.from) : `de ${monthLabel(s.from)} à ${monthLabel(s.to)}`;
  doc.setTitle(`Relevé du compte d’activité — ${s.name} — ${period}`);
  doc.setAuthor(s.caeName);
  doc.setLanguage('fr-FR');
  doc.setProducer('cae-back-office (pdf-lib)');
  const [regular, bold] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.HelveticaBold)]);
  const w = new Writer(doc, regular, bold, `Relevé du compte d’activité — ${s.name} — ${period}`);

  w.text(MARGIN, 'Relevé du compte d’activité', { size: 18, bold: true });
  w.down(LINE + 6);
  w.text(MARGIN, `${s.name}${s.tradeName ? ` — ${s.tradeName}` : ''}`, { size: 11 });
  w.down(LINE + 2);
  w.text(MARGIN, `${s.caeName} · ${period}`, { color: GREY });
  w.down(LINE * 2);
  w.text(MARGIN, 'Sur la période', { size: 12, bold: true, color: ACCENT });
  w.down(LINE + 2);
  const summary: [string, string][] = [
    [`${LINE_LABELS.openingBalance} (${monthLabel(s.from)})`, s.openingBalance],
    [LINE_LABELS.revenue, s.totals.revenue],
    [LINE_LABELS.contribution, s.totals.contribution],
    [LINE_LABELS.expenses, s.totals.expenses],
    [LINE_LABELS.employerCost, s.totals.employerCost],
    [`${LINE_LABELS.closingBalance} (${monthLabel(s.to)})`, s.closingBalance],
  ];
  for (const [label, amount] of summary) {
    w.text(MARGIN, label);
    w.text(RIGHT, euros(amount), { right: true });
    w.down(LINE);
    w.rule();
  }
  w.down(LINE);
  for (const m of s.months) drawMonth(w, m);
  w.finish();
  // objectsPerTick: pdf-lib otherwise yields to the event loop every 50 objects, which made a 24-page statement
  // spend most of its time idle (measured with `npm run bench -- accompaniment`).
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
