/**
 * Reading an e-invoice's XML safely (docs/domain.md "Expenses"): a maintained parser (fast-xml-parser), never
 * regular expressions over XML, behind three guards that come first:
 * - a size limit, before decoding anything;
 * - no document type declaration at all: a DOCTYPE is how external entities (XXE) and entity expansion (the
 *   "billion laughs") get in, and no CII or UBL invoice needs one, so its mere presence refuses the file;
 * - well-formedness, checked by the parser's validator, so that a truncated or garbled file is refused as such.
 * The parser then keeps every value as the string written (amounts stay exact), drops namespace prefixes (CII
 * and UBL are read by local names) and decodes only the predefined and numeric character references.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Violation, violation } from '../../contribution/violation.js';

/** The largest XML accepted: invoices are kilobytes; a few MB covers thousands of lines. */
export const MAX_XML_BYTES = 5 * 1024 * 1024;

/** Ids of what makes an XML unreadable for us. */
export type XmlViolationId = 'einvoice-too-large' | 'einvoice-encoding' | 'einvoice-doctype-forbidden' | 'einvoice-malformed-xml';

/** A parsed element: text, or an object of children (arrays when repeated) and `@_` attributes. */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] | string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Numeric character references (&#233;) are decoded by this switch; named HTML entities stay as written.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
});

/** Decodes the bytes as the XML declares: UTF-8 (with or without BOM) or UTF-16 with its BOM; else refused. */
function decode(bytes: Uint8Array): string | undefined {
  try {
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * True when the text declares a document type or an entity anywhere. Checked on the raw text, before any
 * parsing, case-insensitively (`<!doctype` is not XML, but nothing that spells it may reach the parser).
 */
export function declaresDoctype(xml: string): boolean {
  const upper = xml.toUpperCase();
  return upper.includes('<!DOCTYPE') || upper.includes('<!ENTITY');
}

/** The parsed document (its root element by local name), or why it cannot be read. */
export function parseXml(bytes: Uint8Array): { ok: true; root: string; document: Record<string, XmlNode> } | { ok: false; violations: Violation<XmlViolationId>[] } {
  const refuse = (id: XmlViolationId, message: string) => ({ ok: false as const, violations: [violation(id, 'einvoice', message)] });
  if (bytes.byteLength > MAX_XML_BYTES) return refuse('einvoice-too-large', `the XML is larger than ${MAX_XML_BYTES} bytes`);
  const xml = decode(bytes);
  if (xml === undefined) return refuse('einvoice-encoding', 'the XML is neither UTF-8 nor UTF-16 with a byte order mark');
  if (declaresDoctype(xml)) {
    return refuse('einvoice-doctype-forbidden', 'the XML declares a DOCTYPE or an ENTITY: refused (an e-invoice has none; they carry external entity and expansion attacks)');
  }
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) return refuse('einvoice-malformed-xml', `the XML is not well-formed (line ${valid.err.line}: ${valid.err.msg})`);
  let parsed: Record<string, XmlNode>;
  try {
    parsed = parser.parse(xml) as Record<string, XmlNode>;
  } catch (error) {
    return refuse('einvoice-malformed-xml', `the XML could not be read: ${(error as Error).message}`);
  }
  const roots = Object.keys(parsed).filter((name) => !name.startsWith('?') && !name.startsWith('#'));
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) return refuse('einvoice-malformed-xml', 'the XML has no single root element');
  const document = parsed[root];
  return { ok: true, root, document: typeof document === 'object' && !Array.isArray(document) ? (document as Record<string, XmlNode>) : {} };
}

// ---- Reading parsed nodes by local name ----

type Children = Record<string, XmlNode | XmlNode[] | string>;

function asChildren(node: unknown): Children | undefined {
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Children) : undefined;
}

/** Every child of `node` named `name` (a repeated element comes as an array, a single one alone). */
export function all(node: unknown, name: string): XmlNode[] {
  const value = asChildren(node)?.[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as XmlNode[];
}

/** The first child at the end of a path of names (`child(node, 'A', 'B')` is node/A/B). */
export function child(node: unknown, ...path: string[]): XmlNode | undefined {
  let current: unknown = node;
  for (const name of path) {
    current = all(current, name)[0];
    if (current === undefined) return undefined;
  }
  return current as XmlNode;
}

/** An element's text (also when it has attributes), trimmed; undefined when absent or empty. */
export function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node === '' ? undefined : node;
  const own = asChildren(node)?.['#text'];
  return typeof own === 'string' && own !== '' ? own : undefined;
}

/** The text at the end of a path. */
export function textAt(node: unknown, ...path: string[]): string | undefined {
  return textOf(child(node, ...path));
}

/** An attribute of an element. */
export function attribute(node: unknown, name: string): string | undefined {
  const value = asChildren(node)?.[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}
