/**
 * What a person reads on the Factur-X PDF (docs/domain.md "Invoicing", the mentions): the seller's identity and the
 * activity's trade name, the buyer, the dates, the nature of the operation, the lines, the totals per VAT rate, the
 * payment terms and the legal mentions, on as many A4 pages as the lines need (the table's header is repeated, each
 * page is numbered and carries the seller's legal identity in its footer).
 *
 * Drawing only: every figure and wording comes from the document and mentions.ts.
 */
import { type PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { Dec } from '../../../domain/money.js';
import { printable } from './charset.js';
import {
  documentTitle,
  formatDay,
  formatDecimalFr,
  formatIban,
  formatMoneyFr,
  formatNumberFr,
  formatPercentFr,
  formatSiren,
  latePenaltyText,
  NO_DISCOUNT_TEXT,
  OPERATION_KIND_LABEL,
  paymentTermsText,
  recoveryIndemnityText,
  sellerLegalMentions,
} from './mentions.js';
import type { InvoiceDocument, PostalAddress } from './model.js';
import { unitLabel } from './units.js';
import { vatTreatment } from './vat.js';

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
const RIGHT = A4[0] - MARGIN;
const WIDTH = RIGHT - MARGIN;
const FOOTER_TOP = 62;
const INK = rgb(0.12, 0.12, 0.14);
const MUTED = rgb(0.38, 0.38, 0.42);
const RULE = rgb(0.78, 0.78, 0.8);
const BAND = rgb(0.93, 0.94, 0.96);

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
}

const COLUMNS: Column[] = [
  { title: 'Désignation', width: 227, align: 'left' },
  { title: 'Qté', width: 48, align: 'right' },
  { title: 'Unité', width: 52, align: 'left' },
  { title: 'PU HT', width: 72, align: 'right' },
  { title: 'TVA', width: 40, align: 'right' },
  { title: 'Total HT', width: WIDTH - 227 - 48 - 52 - 72 - 40, align: 'right' },
];
const CELL_PADDING = 4;

interface TextStyle {
  size: number;
  bold?: boolean;
  color?: ReturnType<typeof rgb>;
}

/** A cursor over pages: text flows down and onto a new page when the space left is too small. */
class Writer {
  page: PDFPage;
  y: number;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    readonly fonts: Fonts,
    private readonly onNewPage: (w: Writer) => void,
  ) {
    this.page = this.addPage();
    this.y = A4[1] - MARGIN;
  }

  private addPage(): PDFPage {
    const page = this.pdf.addPage(A4);
    this.pages.push(page);
    return page;
  }

  /** Makes sure `height` points fit above the footer, starting a new page otherwise. */
  ensure(height: number): void {
    if (this.y - height >= FOOTER_TOP + 12) return;
    this.page = this.addPage();
    this.y = A4[1] - MARGIN;
    this.onNewPage(this);
  }

  font(style: TextStyle): PDFFont {
    return style.bold ? this.fonts.bold : this.fonts.regular;
  }

  width(text: string, style: TextStyle): number {
    return this.font(style).widthOfTextAtSize(text, style.size);
  }

  /** Draws one line whose baseline is `size` below the cursor's top; does not move the cursor. */
  text(text: string, x: number, top: number, style: TextStyle, align: 'left' | 'right' = 'left', width = 0): void {
    const shown = printable(text);
    const at = align === 'right' ? x + width - this.width(shown, style) : x;
    this.page.drawText(shown, { x: at, y: top - style.size, size: style.size, font: this.font(style), color: style.color ?? INK });
  }

  /** Wrapped text at the cursor, moving it down; lines flow onto the next page when needed. */
  paragraph(text: string, x: number, width: number, style: TextStyle, leading = style.size * 1.35): void {
    for (const line of wrap(printable(text), width, (t) => this.width(t, style))) {
      this.ensure(leading);
      this.text(line, x, this.y, style);
      this.y -= leading;
    }
  }

  rule(y: number, from = MARGIN, to = RIGHT): void {
    this.page.drawLine({ start: { x: from, y }, end: { x: to, y }, thickness: 0.6, color: RULE });
  }
}

/**
 * Words onto lines no wider than `width`; a word longer than a line is cut. Widths are summed per character
 * (the fonts have no kerning, so that is exact), which keeps a 5,000-character word linear rather than cubic.
 */
export function wrap(text: string, width: number, measure: (t: string) => number): string[] {
  const widths = new Map<string, number>();
  const charWidth = (ch: string) => {
    let w = widths.get(ch);
    if (w === undefined) {
      w = measure(ch);
      widths.set(ch, w);
    }
    return w;
  };
  const wordWidth = (word: string) => {
    let w = 0;
    for (const ch of word) w += charWidth(ch);
    return w;
  };
  const space = charWidth(' ');
  const lines: string[] = [];
  for (const paragraph of text.split(/\n/)) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const w = wordWidth(word);
      if (line && lineWidth + space + w <= width) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) lines.push(line);
      if (w <= width) {
        line = word;
        lineWidth = w;
        continue;
      }
      // Longer than a line: cut where the next character would pass the edge.
      line = '';
      lineWidth = 0;
      for (const ch of word) {
        const c = charWidth(ch);
        if (line && lineWidth + c > width) {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        line += ch;
        lineWidth += c;
      }
    }
    lines.push(line);
  }
  return lines;
}

function addressLines(a: PostalAddress): string[] {
  return [a.line1, ...(a.line2 ? [a.line2] : []), `${a.postalCode} ${a.city}${a.countryCode === 'FR' ? '' : ` (${a.countryCode})`}`];
}

/** A unit price with the decimals it was given, at least two: "12,3456 €", "80,00 €". */
function priceFr(value: string): string {
  const d = new Dec(value);
  return `${formatNumberFr(d.toFixed(Math.max(2, d.decimalPlaces())))}\u00A0€`;
}

function sellerIdentityLine(doc: InvoiceDocument): string {
  const s = doc.seller;
  const parts = [s.name, ...sellerLegalMentions(s)];
  if (s.siret) parts.push(`SIRET ${formatSiren(s.siret)}`);
  else if (s.siren) parts.push(`SIREN ${formatSiren(s.siren)}`);
  if (s.vatNumber) parts.push(`TVA intracommunautaire ${s.vatNumber}`);
  return parts.join(' – ');
}

export function drawDocument(pdf: PDFDocument, fonts: Fonts, doc: InvoiceDocument): void {
  const title = documentTitle(doc);
  let tableOpen = false;
  const w = new Writer(pdf, fonts, (writer) => {
    writer.text(`${title} (suite)`, MARGIN, writer.y, { size: 9, bold: true, color: MUTED });
    writer.y -= 22;
    if (tableOpen) tableHeader(writer);
  });

  header(w, doc, title);
  tableOpen = true;
  tableHeader(w);
  for (const line of doc.lines) tableRow(w, doc, line);
  tableOpen = false;
  w.y -= 10;
  totals(w, doc);
  w.y -= 14;
  mentions(w, doc);
  footers(w, doc);
}

function header(w: Writer, doc: InvoiceDocument, title: string): void {
  const top = w.y;
  const s = doc.seller;
  // Left: the seller's identity, then the activity selling under it.
  const leftWidth = 270;
  w.paragraph(s.name, MARGIN, leftWidth, { size: 13, bold: true }, 16);
  for (const l of addressLines(s.address)) w.paragraph(l, MARGIN, leftWidth, { size: 9 }, 12);
  w.y -= 3;
  for (const l of sellerLegalMentions(s)) w.paragraph(l, MARGIN, leftWidth, { size: 8, color: MUTED }, 10.5);
  if (s.siret) w.paragraph(`SIRET ${formatSiren(s.siret)}`, MARGIN, leftWidth, { size: 8, color: MUTED }, 10.5);
  else if (s.siren) w.paragraph(`SIREN ${formatSiren(s.siren)}`, MARGIN, leftWidth, { size: 8, color: MUTED }, 10.5);
  if (s.vatNumber) w.paragraph(`TVA intracommunautaire ${s.vatNumber}`, MARGIN, leftWidth, { size: 8, color: MUTED }, 10.5);
  if (s.email) w.paragraph(s.email, MARGIN, leftWidth, { size: 8, color: MUTED }, 10.5);
  if (doc.tradeName) {
    w.y -= 6;
    w.paragraph(`Activité : ${doc.tradeName}`, MARGIN, leftWidth, { size: 10, bold: true }, 13);
  }
  const leftBottom = w.y;

  // Right: what the document is, its dates, then the buyer.
  const x = 330;
  const width = RIGHT - x;
  w.y = top;
  w.paragraph(title, x, width, { size: 15, bold: true }, 19);
  w.y -= 4;
  const dateLine = (label: string, value: string) => {
    w.text(label, x, w.y, { size: 9, color: MUTED });
    w.text(value, x, w.y, { size: 9, bold: true }, 'right', width);
    w.y -= 13;
  };
  dateLine("Date d'émission", formatDay(doc.issuedOn));
  dateLine("Date de livraison / d'exécution", formatDay(doc.deliveredOn ?? doc.issuedOn));
  dateLine('Échéance', formatDay(doc.dueOn));
  if (doc.creditedInvoice) {
    // Two lines: the number and its date on one line did not fit beside the label.
    dateLine('Facture corrigée', `n° ${doc.creditedInvoice.number}`);
    dateLine('Émise le', formatDay(doc.creditedInvoice.issuedOn));
  }
  w.y -= 8;
  const boxTop = w.y;
  w.y -= 8;
  const inner = x + 8;
  const innerWidth = width - 16;
  w.paragraph('Client', inner, innerWidth, { size: 8, color: MUTED }, 11);
  const b = doc.buyer;
  w.paragraph(b.name, inner, innerWidth, { size: 10, bold: true }, 13);
  for (const l of addressLines(b.address)) w.paragraph(l, inner, innerWidth, { size: 9 }, 12);
  if (b.siren) w.paragraph(`SIREN ${formatSiren(b.siren)}`, inner, innerWidth, { size: 8.5 }, 11.5);
  if (b.vatNumber) w.paragraph(`TVA intracommunautaire ${b.vatNumber}`, inner, innerWidth, { size: 8.5 }, 11.5);
  if (b.email) w.paragraph(b.email, inner, innerWidth, { size: 8.5 }, 11.5);
  w.y -= 4;
  w.page.drawRectangle({ x, y: w.y, width, height: boxTop - w.y, borderColor: RULE, borderWidth: 0.8 });

  w.y = Math.min(leftBottom, w.y) - 18;
  w.paragraph(`Nature de l'opération : ${OPERATION_KIND_LABEL[doc.operationKind]}`, MARGIN, WIDTH, { size: 10 }, 14);
  if (doc.kind === 'credit_note' && doc.reason) w.paragraph(`Motif de l'avoir : ${doc.reason}`, MARGIN, WIDTH, { size: 10 }, 14);
  w.y -= 8;
}

function tableHeader(w: Writer): void {
  const height = 18;
  w.ensure(height + 20);
  w.page.drawRectangle({ x: MARGIN, y: w.y - height, width: WIDTH, height, color: BAND });
  let x = MARGIN;
  for (const c of COLUMNS) {
    w.text(c.title, x + CELL_PADDING, w.y - 5, { size: 8.5, bold: true }, c.align, c.width - 2 * CELL_PADDING);
    x += c.width;
  }
  w.y -= height;
}

function tableRow(w: Writer, doc: InvoiceDocument, line: InvoiceDocument['lines'][number]): void {
  const style = { size: 9 };
  const leading = 11.5;
  const descriptionWidth = (COLUMNS[0] as Column).width - 2 * CELL_PADDING;
  const description = wrap(printable(line.description), descriptionWidth, (t) => w.width(t, style));
  const treatment = vatTreatment(doc, line.vatRate);
  const cells = [
    formatDecimalFr(line.quantity),
    unitLabel(line.unit),
    priceFr(line.unitPriceExclVat),
    treatment.percent === undefined ? '–' : `${formatNumberFr(treatment.percent)}\u00A0%`,
    formatMoneyFr(line.lineTotalExclVat),
  ];
  // A row is never split across pages unless it is longer than a page by itself (that one starts where it is).
  const rowHeight = description.length * leading + 8;
  w.ensure(rowHeight > 500 ? 3 * leading + 8 : rowHeight);
  const top = w.y - 4;
  let x = MARGIN;
  let y = top;
  for (const [i, l] of description.entries()) {
    if (i > 0 && y - leading < FOOTER_TOP + 12) {
      w.ensure(A4[1]);
      y = w.y - 4;
    }
    w.text(l, x + CELL_PADDING, y, style);
    y -= leading;
  }
  x += (COLUMNS[0] as Column).width;
  COLUMNS.slice(1).forEach((c, i) => {
    w.text(cells[i] as string, x + CELL_PADDING, top, style, c.align, c.width - 2 * CELL_PADDING);
    x += c.width;
  });
  w.y = y - 4;
  w.rule(w.y);
}

function totals(w: Writer, doc: InvoiceDocument): void {
  const rows: { label: string; value: string; bold?: boolean }[] = [{ label: 'Total HT', value: formatMoneyFr(doc.totals.exclVat) }];
  for (const v of doc.totals.vat) {
    rows.push({ label: `TVA ${formatPercentFr(v.rate)} sur ${formatMoneyFr(v.base)}`, value: formatMoneyFr(v.amount) });
  }
  rows.push({ label: doc.kind === 'credit_note' ? "Total TTC de l'avoir" : 'Total TTC', value: formatMoneyFr(doc.totals.inclVat), bold: true });
  const paid = doc.paid && !new Dec(doc.paid).isZero() ? doc.paid : undefined;
  if (paid) {
    rows.push({ label: 'Déjà réglé', value: formatMoneyFr(paid) });
    rows.push({ label: 'Reste à payer', value: formatMoneyFr(doc.amountDue ?? new Dec(doc.totals.inclVat).minus(paid).toFixed(2)), bold: true });
  }
  const leading = 15;
  w.ensure(rows.length * leading + 6);
  const x = 300;
  const width = RIGHT - x;
  for (const r of rows) {
    const style = { size: r.bold ? 10.5 : 9.5, bold: r.bold ?? false };
    if (r.bold) {
      w.page.drawRectangle({ x, y: w.y - leading + 2, width, height: leading, color: BAND });
    }
    w.text(r.label, x + 6, w.y - 1, style);
    w.text(r.value, x, w.y - 1, style, 'right', width - 6);
    w.y -= leading;
  }
}

function mentions(w: Writer, doc: InvoiceDocument): void {
  const style = { size: 8.5 };
  const para = (text: string) => w.paragraph(text, MARGIN, WIDTH, style, 11.5);
  w.ensure(30);
  w.text('Conditions de règlement', MARGIN, w.y, { size: 9.5, bold: true });
  w.y -= 14;
  if (doc.kind === 'credit_note' && doc.creditedInvoice) {
    para(`Cet avoir vient en déduction de la facture n° ${doc.creditedInvoice.number} du ${formatDay(doc.creditedInvoice.issuedOn)}.`);
  } else {
    para(paymentTermsText(doc));
  }
  // A credit note is settled by deduction or refund: the seller's account is not where anyone pays it.
  if (doc.seller.iban && doc.kind === 'invoice') {
    const bic = doc.seller.bic ? ` – BIC ${doc.seller.bic}` : '';
    para(`Virement : IBAN ${formatIban(doc.seller.iban)}${bic} – référence à rappeler : ${doc.number}`);
  }
  para(latePenaltyText(doc));
  const indemnity = recoveryIndemnityText(doc);
  if (indemnity) para(indemnity);
  para(NO_DISCOUNT_TEXT);
  const zero = doc.totals.vat.find((v) => new Dec(v.rate).isZero());
  if (zero) {
    const t = vatTreatment(doc, zero.rate);
    if (t.exemptionReason) para(`TVA : ${t.exemptionReason}${t.exemptionReasonCode ? ` (${t.exemptionReasonCode})` : ''}.`);
  }
  if (doc.notes) {
    w.y -= 6;
    para(`Notes : ${doc.notes}`);
  }
}

function footers(w: Writer, doc: InvoiceDocument): void {
  const identity = sellerIdentityLine(doc);
  const style = { size: 7, color: MUTED };
  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    w.page = page;
    w.rule(FOOTER_TOP);
    const lines = wrap(printable(identity), WIDTH - 60, (t) => w.width(t, style));
    lines.slice(0, 3).forEach((l, j) => {
      w.text(l, MARGIN, FOOTER_TOP - 5 - j * 9, style);
    });
    w.text(`Page ${i + 1} / ${total}`, MARGIN, FOOTER_TOP - 5, style, 'right', WIDTH);
  });
}
