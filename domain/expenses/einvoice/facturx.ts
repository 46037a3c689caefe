/**
 * The XML inside a Factur-X (or ZUGFeRD) PDF: a PDF/A-3 whose catalog names an embedded file `factur-x.xml`
 * (the CII invoice), read with pdf-lib. Compressed data is inflated with a ceiling (node:zlib
 * `maxOutputLength`), first over the whole file and then for the embedded XML, so that a small PDF that
 * inflates to gigabytes (a "zip bomb") is refused instead of filling memory.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { type Violation, violation } from '../../contribution/violation.js';
import { MAX_XML_BYTES } from './xml.js';

/** The names the embedded invoice goes by (compared case-insensitively): Factur-X, ZUGFeRD 2, XRechnung in ZUGFeRD. */
const INVOICE_FILE_NAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'];

/** How much all the compressed streams of one PDF may inflate to, together. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

export type FacturXViolationId = 'einvoice-not-a-pdf' | 'einvoice-no-embedded-xml' | 'einvoice-too-large';

const STREAM = new TextEncoder().encode('stream');
const END_STREAM = new TextEncoder().encode('endstream');

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  for (let i = haystack.indexOf(first as number, from); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(first as number, i + 1)) {
    let match = true;
    for (let j = 1; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) {
        match = false;
        break;
      }
    }
    if (match) return i;
  }
  return -1;
}

function inflateCapped(data: Uint8Array, cap: number): Uint8Array | 'too-large' | undefined {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, cap), finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a truncated end */ });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) return 'too-large';
    return undefined; // not deflate data (another filter, or none): not our concern here
  }
}

/**
 * True when the PDF's streams together inflate to more than the ceiling. A byte scan of `stream … endstream`
 * segments, before pdf-lib (which inflates what it reads without a limit) sees the file.
 */
export function inflatesTooMuch(pdf: Uint8Array, ceiling = MAX_INFLATED_BYTES): boolean {
  let budget = ceiling;
  for (let at = indexOf(pdf, STREAM, 0); at !== -1; at = indexOf(pdf, STREAM, at + STREAM.length)) {
    // `endstream` contains `stream`: skip it, it is a segment's end, not a start.
    if (at >= 3 && pdf[at - 1] === 0x64 && pdf[at - 2] === 0x6e && pdf[at - 3] === 0x65) continue;
    let start = at + STREAM.length;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] === 0x0a) start++;
    const end = indexOf(pdf, END_STREAM, start);
    if (end === -1) break;
    const out = inflateCapped(pdf.subarray(start, end), budget + 1);
    if (out === 'too-large') return true;
    if (out) {
      budget -= out.byteLength;
      if (budget < 0) return true;
    }
    at = end;
  }
  return false;
}

function nameOf(spec: PDFDict): string | undefined {
  for (const key of ['UF', 'F']) {
    const value = spec.lookup(PDFName.of(key));
    if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  }
  return undefined;
}

/** The file specifications of the catalog's EmbeddedFiles name tree and of its AF array (PDF/A-3). */
function fileSpecs(doc: PDFDocument): PDFDict[] {
  const specs: PDFDict[] = [];
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 8) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (names) {
      for (let i = 1; i < names.size(); i += 2) {
        const spec = names.lookup(i);
        if (spec instanceof PDFDict) specs.push(spec);
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size() && i < 1000; i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) walk(kid, depth + 1);
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict), 0);
  const af = doc.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  for (let i = 0; af && i < af.size(); i++) {
    const spec = af.lookup(i);
    if (spec instanceof PDFDict) specs.push(spec);
  }
  return specs;
}

/** The bytes of an embedded file's stream, decoded (none or FlateDecode, as Factur-X writers use). */
function embeddedBytes(spec: PDFDict): Uint8Array | 'too-large' | undefined {
  const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
  if (!(stream instanceof PDFRawStream)) return undefined;
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFName ? [filter] : filter instanceof PDFArray ? filter.asArray() : [];
  if (filters.length === 0) return stream.contents.byteLength > MAX_XML_BYTES ? 'too-large' : stream.contents;
  if (filters.length === 1 && filters[0] instanceof PDFName && filters[0].asString() === '/FlateDecode') {
    return inflateCapped(stream.contents, MAX_XML_BYTES + 1) ?? undefined;
  }
  return undefined;
}

/** The embedded invoice XML of a Factur-X PDF, or why there is none. */
export async function embeddedInvoiceXml(pdf: Uint8Array): Promise<{ ok: true; xml: Uint8Array; fileName: string } | { ok: false; violations: Violation<FacturXViolationId>[] }> {
  const refuse = (id: FacturXViolationId, message: string) => ({ ok: false as const, violations: [violation(id, 'einvoice', message)] });
  if (inflatesTooMuch(pdf)) return refuse('einvoice-too-large', `the PDF inflates to more than ${MAX_INFLATED_BYTES} bytes`);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (error) {
    return refuse('einvoice-not-a-pdf', `the file could not be read as a PDF (${(error as Error).message.split('\n')[0]})`);
  }
  const specs = fileSpecs(doc);
  const found = INVOICE_FILE_NAMES.map((name) => specs.find((spec) => nameOf(spec)?.toLowerCase() === name.toLowerCase())).find((spec) => spec !== undefined);
  if (!found) {
    return refuse('einvoice-no-embedded-xml', 'the PDF embeds no factur-x.xml (nor zugferd-invoice.xml): it is not a Factur-X invoice');
  }
  const bytes = embeddedBytes(found);
  if (bytes === 'too-large') return refuse('einvoice-too-large', `the embedded XML is larger than ${MAX_XML_BYTES} bytes`);
  if (!bytes) return refuse('einvoice-no-embedded-xml', 'the embedded factur-x.xml could not be decoded');
  return { ok: true, xml: bytes, fileName: nameOf(found) ?? 'factur-x.xml' };
}
