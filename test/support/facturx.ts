/**
 * A structural checker of Factur-X PDFs and CII XML for the tests, independent of the writer: it reads the PDF
 * with pdf-lib's low-level objects (the embedded file, its file specification, the catalog's /AF, the XMP, the
 * OutputIntent, the trailer /ID) and the XML with fast-xml-parser, and recomputes the EN 16931 sums the product
 * relies on (BR-CO-10, 13, 14, 15, 16, 17, BR-S-08, one VAT breakdown per category and rate). It is a subset of
 * what the official validator checks, not a replacement: it makes the suite fail on the mistakes a change to the
 * writer is likely to make, without any tool outside the repository.
 */
import { Decimal } from 'decimal.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';

const D = Decimal.clone({ rounding: Decimal.ROUND_HALF_UP });

export interface FacturxContainer {
  pageCount: number;
  /** The embedded files by name (EmbeddedFiles name tree). */
  attachments: string[];
  /** factur-x.xml, decoded as UTF-8. */
  xml: string;
  mimeType: string | undefined;
  afRelationship: string | undefined;
  hasModDate: boolean;
  /** The catalog's /AF lists the factur-x.xml file specification. */
  listedInAF: boolean;
  xmp: string;
  xmpFields: Record<string, string | undefined>;
  /** /OutputIntents' GTS_PDFA1 entry: its profile's colour components and whether it looks like an ICC profile. */
  outputIntent: { subtype: string; components: number | undefined; iccSignature: string; iccColourSpace: string } | undefined;
  trailerId: string[] | undefined;
  info: Record<string, string | undefined>;
  /** Names of the fonts the pages use, and whether each has an embedded font program. */
  fonts: { name: string; embedded: boolean }[];
}

/** The object, through its reference if it is one, when it is of `type` (pdf-lib's classes hide their constructors). */
function lookup<T>(doc: PDFDocument, value: unknown, type: { prototype: T }): T | undefined {
  const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
  return resolved instanceof (type as unknown as typeof Object) ? (resolved as T) : undefined;
}

function streamBytes(doc: PDFDocument, value: unknown): Uint8Array | undefined {
  const stream = lookup(doc, value, PDFRawStream);
  return stream ? decodePDFRawStream(stream).decode() : undefined;
}

function text(value: unknown): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  if (value instanceof PDFName) return value.decodeText();
  return undefined;
}

/** The value of one XMP property, `prefix:Name`, as simple text (or the x-default of an rdf:Alt). */
function xmpValue(xmp: string, property: string): string | undefined {
  const m = xmp.match(new RegExp(`<${property}>([\\s\\S]*?)</${property}>`));
  if (!m) return undefined;
  const inner = m[1] as string;
  const li = inner.match(/<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/);
  return (li ? (li[1] as string) : inner).trim();
}

export async function readFacturx(bytes: Uint8Array): Promise<FacturxContainer> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const catalog = doc.catalog;
  const names = lookup(doc, catalog.get(PDFName.of('Names')), PDFDict);
  const tree = names ? lookup(doc, names.get(PDFName.of('EmbeddedFiles')), PDFDict) : undefined;
  const pairs = tree ? lookup(doc, tree.get(PDFName.of('Names')), PDFArray) : undefined;
  const attachments: string[] = [];
  let spec: PDFDict | undefined;
  let specRef: unknown;
  for (let i = 0; pairs && i < pairs.size(); i += 2) {
    const name = text(pairs.get(i)) ?? '';
    attachments.push(name);
    if (name === 'factur-x.xml') {
      specRef = pairs.get(i + 1);
      spec = lookup(doc, specRef, PDFDict);
    }
  }
  const ef = spec ? lookup(doc, spec.get(PDFName.of('EF')), PDFDict) : undefined;
  const fileRef = ef?.get(PDFName.of('F'));
  const fileStream = lookup(doc, fileRef, PDFRawStream);
  const xmlBytes = streamBytes(doc, fileRef);
  const params = fileStream ? lookup(doc, fileStream.dict.get(PDFName.of('Params')), PDFDict) : undefined;
  const af = lookup(doc, catalog.get(PDFName.of('AF')), PDFArray);
  const listedInAF = !!af && af.asArray().some((r) => r === specRef || (r instanceof PDFRef && specRef instanceof PDFRef && r.toString() === specRef.toString()));

  const xmpBytes = streamBytes(doc, catalog.get(PDFName.of('Metadata')));
  const xmp = xmpBytes ? new TextDecoder().decode(xmpBytes) : '';
  const xmpFields: Record<string, string | undefined> = {};
  for (const p of ['pdfaid:part', 'pdfaid:conformance', 'fx:DocumentType', 'fx:DocumentFileName', 'fx:Version', 'fx:ConformanceLevel', 'dc:title', 'dc:creator', 'pdf:Producer', 'xmp:CreateDate', 'xmp:ModifyDate']) {
    xmpFields[p] = xmpValue(xmp, p);
  }
  xmpFields.extensionSchema = /<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#<\/pdfaSchema:namespaceURI>/.test(xmp) ? 'declared' : undefined;

  let outputIntent: FacturxContainer['outputIntent'];
  const intents = lookup(doc, catalog.get(PDFName.of('OutputIntents')), PDFArray);
  for (const item of intents?.asArray() ?? []) {
    const intent = lookup(doc, item, PDFDict);
    if (!intent || text(intent.get(PDFName.of('S'))) !== 'GTS_PDFA1') continue;
    const profileRef = intent.get(PDFName.of('DestOutputProfile'));
    const profileStream = lookup(doc, profileRef, PDFRawStream);
    const icc = streamBytes(doc, profileRef) ?? new Uint8Array();
    const n = profileStream?.dict.get(PDFName.of('N'));
    outputIntent = {
      subtype: 'GTS_PDFA1',
      components: n ? Number(n.toString()) : undefined,
      iccSignature: Buffer.from(icc.subarray(36, 40)).toString('latin1'),
      iccColourSpace: Buffer.from(icc.subarray(16, 20)).toString('latin1'),
    };
  }

  const idArray = doc.context.trailerInfo.ID instanceof PDFArray ? doc.context.trailerInfo.ID : undefined;
  const trailerId = idArray?.asArray().map((v) => (v instanceof PDFHexString ? v.asString() : String(v)));
  const infoDict = lookup(doc, doc.context.trailerInfo.Info, PDFDict);
  const info: Record<string, string | undefined> = {};
  for (const key of ['Title', 'Author', 'Producer', 'CreationDate', 'ModDate']) info[key] = infoDict ? text(infoDict.get(PDFName.of(key))) : undefined;

  const fonts: FacturxContainer['fonts'] = [];
  for (const page of doc.getPages()) {
    const resources = page.node.Resources();
    const fontDict = resources ? lookup(doc, resources.get(PDFName.of('Font')), PDFDict) : undefined;
    for (const [, ref] of fontDict?.entries() ?? []) {
      const font = lookup(doc, ref, PDFDict);
      if (!font) continue;
      const name = text(font.get(PDFName.of('BaseFont'))) ?? '?';
      const descendants = lookup(doc, font.get(PDFName.of('DescendantFonts')), PDFArray);
      const cid = descendants ? lookup(doc, descendants.get(0), PDFDict) : font;
      const descriptor = cid ? lookup(doc, cid.get(PDFName.of('FontDescriptor')), PDFDict) : undefined;
      const embedded = !!descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)));
      if (!fonts.some((f) => f.name === name)) fonts.push({ name, embedded });
    }
  }

  return {
    pageCount: doc.getPageCount(),
    attachments,
    xml: xmlBytes ? new TextDecoder().decode(xmlBytes) : '',
    mimeType: fileStream ? text(fileStream.dict.get(PDFName.of('Subtype'))) : undefined,
    afRelationship: spec ? text(spec.get(PDFName.of('AFRelationship'))) : undefined,
    hasModDate: !!params?.has(PDFName.of('ModDate')),
    listedInAF,
    xmp,
    xmpFields,
    outputIntent,
    trailerId,
    info,
    fonts,
  };
}

/** The text of each page (unpdf), with every kind of space made a plain one so that tests match "1 234,50 €". */
export async function pdfPagesText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text: pages } = await extractText(pdf, { mergePages: false });
  return pages.map((p) => p.replace(/[\s\u00A0\u202F]+/g, ' '));
}

// ---------------------------------------------------------------------------------------------------------------
// CII

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, isArray: (name) => ['IncludedSupplyChainTradeLineItem', 'ApplicableTradeTax', 'IncludedNote'].includes(name) });

type Obj = Record<string, unknown>;

function node(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) v = v && typeof v === 'object' ? (v as Obj)[key] : undefined;
  return v;
}

function str(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return str((value as Obj)['#text']);
  return String(value);
}

function amount(value: unknown): Decimal {
  return new D(str(value) ?? '0');
}

export interface CiiSummary {
  profile: string | undefined;
  typeCode: string | undefined;
  number: string | undefined;
  lineCount: number;
  lineTotal: string | undefined;
  grandTotal: string | undefined;
  duePayable: string | undefined;
  vat: { category: string; percent: string | undefined; basis: string; amount: string; exemptionReason: string | undefined }[];
  precedingInvoice: string | undefined;
  sellerVat: string | undefined;
  buyerSiren: string | undefined;
  iban: string | undefined;
  paymentMeans: string | undefined;
  dueDate: string | undefined;
  notes: { subject: string | undefined; content: string | undefined }[];
  /** The rules below that the XML breaks, each as "<rule>: <what>"; empty when all hold. */
  violations: string[];
}

export function checkCii(xml: string): CiiSummary {
  const root = node(parser.parse(xml), 'CrossIndustryInvoice') as Obj | undefined;
  const violations: string[] = [];
  if (!root) return { violations: ['root: not a CrossIndustryInvoice'] } as CiiSummary;
  const tx = node(root, 'SupplyChainTradeTransaction');
  const settlement = node(tx, 'ApplicableHeaderTradeSettlement');
  const sums = node(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const lines = (node(tx, 'IncludedSupplyChainTradeLineItem') as Obj[] | undefined) ?? [];
  const taxes = (node(settlement, 'ApplicableTradeTax') as Obj[] | undefined) ?? [];

  const lineAmounts = lines.map((l) => ({
    amount: amount(node(l, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount')),
    category: str(node(l, 'SpecifiedLineTradeSettlement', 'ApplicableTradeTax', '0', 'CategoryCode')) ?? '',
    percent: str(node(l, 'SpecifiedLineTradeSettlement', 'ApplicableTradeTax', '0', 'RateApplicablePercent')),
  }));
  const lineSum = lineAmounts.reduce((s, l) => s.plus(l.amount), new D(0));
  const lineTotal = amount(node(sums, 'LineTotalAmount'));
  const allowances = amount(node(sums, 'AllowanceTotalAmount'));
  const charges = amount(node(sums, 'ChargeTotalAmount'));
  const taxBasis = amount(node(sums, 'TaxBasisTotalAmount'));
  const taxTotal = amount(node(sums, 'TaxTotalAmount'));
  const grand = amount(node(sums, 'GrandTotalAmount'));
  const prepaid = amount(node(sums, 'TotalPrepaidAmount'));
  const rounding = amount(node(sums, 'RoundingAmount'));
  const due = amount(node(sums, 'DuePayableAmount'));

  if (!lineSum.equals(lineTotal)) violations.push(`BR-CO-10: lines sum to ${lineSum}, LineTotalAmount is ${lineTotal}`);
  if (!taxBasis.equals(lineTotal.minus(allowances).plus(charges))) violations.push(`BR-CO-13: TaxBasisTotalAmount ${taxBasis} ≠ ${lineTotal} - ${allowances} + ${charges}`);
  const taxSum = taxes.reduce((s, t) => s.plus(amount(node(t, 'CalculatedAmount'))), new D(0));
  if (!taxSum.equals(taxTotal)) violations.push(`BR-CO-14: VAT breakdown sums to ${taxSum}, TaxTotalAmount is ${taxTotal}`);
  if (!grand.equals(taxBasis.plus(taxTotal))) violations.push(`BR-CO-15: GrandTotalAmount ${grand} ≠ ${taxBasis} + ${taxTotal}`);
  if (!due.equals(grand.minus(prepaid).plus(rounding))) violations.push(`BR-CO-16: DuePayableAmount ${due} ≠ ${grand} - ${prepaid} + ${rounding}`);
  if (!str(node(sums, 'TaxTotalAmount', '@currencyID'))) violations.push('BT-110: TaxTotalAmount has no currencyID');

  const seen = new Set<string>();
  const vat: CiiSummary['vat'] = [];
  for (const t of taxes) {
    const category = str(node(t, 'CategoryCode')) ?? '';
    const percent = str(node(t, 'RateApplicablePercent'));
    const basis = amount(node(t, 'BasisAmount'));
    const calculated = amount(node(t, 'CalculatedAmount'));
    const key = `${category}/${percent === undefined ? '-' : new D(percent).toString()}`;
    if (seen.has(key)) violations.push(`VAT breakdown: ${key} appears twice`);
    seen.add(key);
    const expected = basis.times(percent ?? '0').dividedBy(100).toDecimalPlaces(2);
    if (!calculated.equals(expected)) violations.push(`BR-CO-17: ${key} VAT ${calculated} ≠ ${basis} × ${percent} %`);
    const linesAtRate = lineAmounts.filter((l) => l.category === category && new D(l.percent ?? '0').equals(percent ?? '0'));
    const linesBasis = linesAtRate.reduce((s, l) => s.plus(l.amount), new D(0));
    if (!linesBasis.equals(basis)) violations.push(`BR-S-08/BR-E-08: ${key} basis ${basis} ≠ its lines' ${linesBasis}`);
    vat.push({ category, percent, basis: basis.toFixed(2), amount: calculated.toFixed(2), exemptionReason: str(node(t, 'ExemptionReason')) });
  }
  for (const l of lineAmounts) {
    const key = `${l.category}/${l.percent === undefined ? '-' : new D(l.percent).toString()}`;
    if (!seen.has(key)) violations.push(`BR-CO-18: line VAT ${key} has no breakdown`);
  }

  const seller = node(tx, 'ApplicableHeaderTradeAgreement', 'SellerTradeParty');
  const buyer = node(tx, 'ApplicableHeaderTradeAgreement', 'BuyerTradeParty');
  const notes = ((node(root, 'ExchangedDocument', 'IncludedNote') as Obj[] | undefined) ?? []).map((n) => ({ subject: str(node(n, 'SubjectCode')), content: str(node(n, 'Content')) }));
  return {
    profile: str(node(root, 'ExchangedDocumentContext', 'GuidelineSpecifiedDocumentContextParameter', 'ID')),
    typeCode: str(node(root, 'ExchangedDocument', 'TypeCode')),
    number: str(node(root, 'ExchangedDocument', 'ID')),
    lineCount: lines.length,
    lineTotal: str(node(sums, 'LineTotalAmount')),
    grandTotal: str(node(sums, 'GrandTotalAmount')),
    duePayable: str(node(sums, 'DuePayableAmount')),
    vat,
    precedingInvoice: str(node(settlement, 'InvoiceReferencedDocument', 'IssuerAssignedID')),
    sellerVat: str(node(seller, 'SpecifiedTaxRegistration', 'ID')),
    buyerSiren: str(node(buyer, 'SpecifiedLegalOrganization', 'ID')),
    iban: str(node(settlement, 'SpecifiedTradeSettlementPaymentMeans', 'PayeePartyCreditorFinancialAccount', 'IBANID')),
    paymentMeans: str(node(settlement, 'SpecifiedTradeSettlementPaymentMeans', 'TypeCode')),
    dueDate: str(node(settlement, 'SpecifiedTradePaymentTerms', 'DueDateDateTime', 'DateTimeString')),
    notes,
    violations,
  };
}

/**
 * When FACTURX_DUMP_DIR is set, writes a document a test produced there, so that a developer can run the official
 * Factur-X validator over everything the suite makes (docs/architecture.md "Invoice documents (Factur-X)").
 * Without it, does nothing: the suite itself never needs a tool outside the repository.
 */
export function keepForValidation(name: string, bytes: Uint8Array | string): void {
  const dir = process.env.FACTURX_DUMP_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name.replace(/[^\w.-]+/g, '_')), bytes);
}
