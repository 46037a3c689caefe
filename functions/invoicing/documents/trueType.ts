/**
 * A small TrueType reader and subsetter that gives pdf-lib what it asks of fontkit for our own two fonts
 * (docs/architecture.md "Invoice documents (Factur-X)"): metrics, the character map, a plain left-to-right layout
 * (one glyph per character: the fonts carry no ligature or kerning tables) and a subset of the glyphs a document
 * uses. pdf-lib still writes every PDF object of the embedded font; only the font parsing changes hands.
 *
 * Why not @pdf-lib/fontkit itself: it is a general OpenType engine (shaping, WOFF2, AAT…) of ~1 MiB minified,
 * most of the Factur-X Lambda's bundle and of its cold start (npm run bench -- documents), for fonts that are
 * known in advance and need none of it. The unit tests compare this reader with fontkit on every character kept.
 */

export interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface Tables {
  [tag: string]: Uint8Array;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function readTables(font: Uint8Array): Tables {
  const v = view(font);
  const count = v.getUint16(4);
  const tables: Tables = {};
  for (let i = 0; i < count; i++) {
    const entry = 12 + 16 * i;
    const tag = String.fromCharCode(font[entry] as number, font[entry + 1] as number, font[entry + 2] as number, font[entry + 3] as number);
    const offset = v.getUint32(entry + 8);
    const length = v.getUint32(entry + 12);
    tables[tag] = font.subarray(offset, offset + length);
  }
  return tables;
}

function table(tables: Tables, tag: string): Uint8Array {
  const t = tables[tag];
  if (!t) throw new Error(`font has no ${tag} table`);
  return t;
}

/** The Unicode (3,1) format 4 character map, as code point → glyph id. */
function readCmap(cmap: Uint8Array): Map<number, number> {
  const v = view(cmap);
  let sub = -1;
  for (let i = 0; i < v.getUint16(2); i++) {
    const offset = v.getUint32(8 + 8 * i);
    if (v.getUint16(4 + 8 * i) === 3 && v.getUint16(6 + 8 * i) === 1 && v.getUint16(offset) === 4) sub = offset;
  }
  if (sub < 0) throw new Error('font has no Unicode BMP character map of format 4');
  const segments = v.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  const map = new Map<number, number>();
  for (let s = 0; s < segments; s++) {
    const end = v.getUint16(ends + 2 * s);
    const start = v.getUint16(starts + 2 * s);
    const delta = v.getInt16(deltas + 2 * s);
    const rangeOffset = v.getUint16(rangeOffsets + 2 * s);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let gid: number;
      if (rangeOffset === 0) gid = (cp + delta) & 0xffff;
      else {
        const raw = v.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (cp - start));
        gid = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (gid !== 0) map.set(cp, gid);
    }
  }
  return map;
}

function readPostscriptName(name: Uint8Array | undefined): string | undefined {
  if (!name) return undefined;
  const v = view(name);
  const count = v.getUint16(2);
  const strings = v.getUint16(4);
  for (let i = 0; i < count; i++) {
    const r = 6 + 12 * i;
    const [platform, , , nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((o) => v.getUint16(r + o)) as [number, number, number, number, number, number];
    if (nameId !== 6) continue;
    const bytes = name.subarray(strings + offset, strings + offset + length);
    if (platform === 3 || platform === 0) {
      let s = '';
      for (let j = 0; j + 1 < bytes.length; j += 2) s += String.fromCharCode(((bytes[j] as number) << 8) | (bytes[j + 1] as number));
      return s;
    }
    if (platform === 1) return String.fromCharCode(...bytes);
  }
  return undefined;
}

/** A parsed font, with the properties pdf-lib reads (the names fontkit gives them). */
export class TrueTypeFont {
  readonly cff = false;
  readonly unitsPerEm: number;
  readonly postscriptName: string | undefined;
  readonly ascent: number;
  readonly descent: number;
  /** Absent from an OS/2 table before version 2 (pdf-lib then takes the ascent, and 0). */
  readonly capHeight: number | undefined;
  readonly xHeight: number | undefined;
  readonly italicAngle: number;
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
  readonly head: { macStyle: { italic: boolean; bold: boolean } };
  readonly post: { isFixedPitch: boolean };
  readonly 'OS/2': { sFamilyClass: number };
  readonly numGlyphs: number;
  readonly tables: Tables;
  private readonly cmap: Map<number, number>;
  private readonly advances: Uint16Array;
  private readonly glyphs = new Map<number, Glyph>();

  constructor(readonly bytes: Uint8Array) {
    const tables = readTables(bytes);
    this.tables = tables;
    const head = view(table(tables, 'head'));
    const hhea = view(table(tables, 'hhea'));
    const post = view(table(tables, 'post'));
    const maxp = view(table(tables, 'maxp'));
    const os2 = tables['OS/2'] ? view(tables['OS/2']) : undefined;
    this.unitsPerEm = head.getUint16(18);
    this.bbox = { minX: head.getInt16(36), minY: head.getInt16(38), maxX: head.getInt16(40), maxY: head.getInt16(42) };
    const macStyle = head.getUint16(44);
    this.head = { macStyle: { bold: (macStyle & 1) !== 0, italic: (macStyle & 2) !== 0 } };
    this.ascent = hhea.getInt16(4);
    this.descent = hhea.getInt16(6);
    this.italicAngle = post.getInt32(4) / 65536;
    this.post = { isFixedPitch: post.getUint32(12) !== 0 };
    this['OS/2'] = { sFamilyClass: os2 ? os2.getInt16(30) : 0 };
    const os2Version = os2 ? os2.getUint16(0) : 0;
    this.xHeight = os2 && os2Version >= 2 ? os2.getInt16(86) : undefined;
    this.capHeight = os2 && os2Version >= 2 ? os2.getInt16(88) : undefined;
    this.numGlyphs = maxp.getUint16(4);
    this.postscriptName = readPostscriptName(tables.name);
    this.cmap = readCmap(table(tables, 'cmap'));
    const hmtx = view(table(tables, 'hmtx'));
    const longMetrics = hhea.getUint16(34);
    this.advances = new Uint16Array(this.numGlyphs);
    for (let g = 0; g < this.numGlyphs; g++) this.advances[g] = hmtx.getUint16(4 * Math.min(g, longMetrics - 1));
  }

  get characterSet(): number[] {
    return [...this.cmap.keys()].sort((a, b) => a - b);
  }

  glyphForCodePoint(codePoint: number): Glyph {
    let glyph = this.glyphs.get(codePoint);
    if (!glyph) {
      const id = this.cmap.get(codePoint) ?? 0;
      glyph = { id, advanceWidth: this.advances[id] as number, codePoints: [codePoint] };
      this.glyphs.set(codePoint, glyph);
    }
    return glyph;
  }

  /** One glyph per character, left to right, no kerning: what these fonts hold. */
  layout(text: string): { glyphs: Glyph[] } {
    const glyphs: Glyph[] = [];
    for (const ch of text) glyphs.push(this.glyphForCodePoint(ch.codePointAt(0) as number));
    return { glyphs };
  }

  createSubset(): TrueTypeSubset {
    return new TrueTypeSubset(this);
  }
}

/** The glyphs a document uses, renumbered from 1 (0 stays .notdef), written as a TrueType font of its own. */
export class TrueTypeSubset {
  readonly cff = false;
  private readonly ids: number[] = [0];
  private readonly newIds = new Map<number, number>([[0, 0]]);

  constructor(private readonly font: TrueTypeFont) {}

  includeGlyph(glyph: Glyph | number): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let newId = this.newIds.get(id);
    if (newId === undefined) {
      newId = this.ids.length;
      this.ids.push(id);
      this.newIds.set(id, newId);
    }
    return newId;
  }

  encode(): Uint8Array {
    const t = this.font.tables;
    const head = table(t, 'head');
    const longLoca = view(head).getInt16(50) === 1;
    const loca = view(table(t, 'loca'));
    const glyf = table(t, 'glyf');
    const offset = (g: number) => (longLoca ? loca.getUint32(4 * g) : 2 * loca.getUint16(2 * g));
    const pieces: Uint8Array[] = [];
    const offsets: number[] = [];
    let at = 0;
    // The list grows while it is walked: a composite glyph brings its components (renumbered in its copy).
    for (let i = 0; i < this.ids.length; i++) {
      const id = this.ids[i] as number;
      const data = glyf.slice(offset(id), offset(id + 1));
      if (data.length >= 10 && view(data).getInt16(0) < 0) this.renumberComponents(data);
      const padded = new Uint8Array((data.length + 3) & ~3);
      padded.set(data);
      offsets.push(at);
      pieces.push(padded);
      at += padded.length;
    }
    offsets.push(at);
    const n = this.ids.length;
    const newLoca = new Uint8Array(4 * (n + 1));
    offsets.forEach((o, i) => {
      view(newLoca).setUint32(4 * i, o);
    });
    const hmtxSource = view(table(t, 'hmtx'));
    const longMetrics = view(table(t, 'hhea')).getUint16(34);
    const hmtx = new Uint8Array(4 * n);
    this.ids.forEach((id, i) => {
      const m = Math.min(id, longMetrics - 1);
      view(hmtx).setUint16(4 * i, hmtxSource.getUint16(4 * m));
      // The left side bearing: in the long metric, or in the list that follows the long metrics.
      const lsb = id < longMetrics ? hmtxSource.getInt16(4 * id + 2) : hmtxSource.getInt16(4 * longMetrics + 2 * (id - longMetrics));
      view(hmtx).setInt16(4 * i + 2, lsb);
    });
    const hhea = table(t, 'hhea').slice();
    view(hhea).setUint16(34, n);
    const maxp = table(t, 'maxp').slice();
    view(maxp).setUint16(4, n);
    const newHead = head.slice();
    view(newHead).setInt16(50, 1);
    view(newHead).setUint32(8, 0);
    const post = table(t, 'post').slice(0, 32);
    view(post).setUint32(0, 0x00030000);
    const out: Record<string, Uint8Array> = { glyf: concat(pieces), head: newHead, hhea, hmtx, loca: newLoca, maxp, post };
    for (const tag of ['OS/2', 'cvt ', 'fpgm', 'prep']) if (t[tag]) out[tag] = t[tag] as Uint8Array;
    return writeFont(out);
  }

  /** pdf-lib reads the subset as a stream of chunks. */
  encodeStream(): { on(event: string, listener: (arg?: unknown) => void): ReturnType<TrueTypeSubset['encodeStream']> } {
    const listeners = new Map<string, (arg?: unknown) => void>();
    const stream = {
      on: (event: string, listener: (arg?: unknown) => void) => {
        if (listeners.size === 0) {
          // After the caller has attached all its listeners (they are attached in one chain).
          queueMicrotask(() => {
            try {
              const bytes = this.encode();
              listeners.get('data')?.(bytes);
              listeners.get('end')?.();
            } catch (error) {
              listeners.get('error')?.(error);
            }
          });
        }
        listeners.set(event, listener);
        return stream;
      },
    };
    return stream;
  }

  private renumberComponents(data: Uint8Array): void {
    const v = view(data);
    let at = 10;
    for (;;) {
      const flags = v.getUint16(at);
      v.setUint16(at + 2, this.includeGlyph(v.getUint16(at + 2)));
      at += 4 + (flags & 0x0001 ? 4 : 2);
      if (flags & 0x0008) at += 2;
      else if (flags & 0x0040) at += 4;
      else if (flags & 0x0080) at += 8;
      if (!(flags & 0x0020)) break;
    }
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const v = view(padded);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

/** A TrueType file of these tables (sorted, 4-byte aligned, with checksums and head's checkSumAdjustment). */
export function writeFont(tables: Record<string, Uint8Array>): Uint8Array {
  const tags = Object.keys(tables).sort();
  const n = tags.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const headerLength = 12 + 16 * n;
  const total = headerLength + tags.reduce((s, tag) => s + (((tables[tag] as Uint8Array).length + 3) & ~3), 0);
  const font = new Uint8Array(total);
  const v = view(font);
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, searchRange);
  v.setUint16(8, entrySelector);
  v.setUint16(10, n * 16 - searchRange);
  let offset = headerLength;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    const data = tables[tag] as Uint8Array;
    const e = 12 + 16 * i;
    for (let c = 0; c < 4; c++) font[e + c] = tag.charCodeAt(c);
    v.setUint32(e + 4, checksum(data));
    v.setUint32(e + 8, offset);
    v.setUint32(e + 12, data.length);
    font.set(data, offset);
    if (tag === 'head') headOffset = offset;
    offset += (data.length + 3) & ~3;
  });
  if (headOffset >= 0) v.setUint32(headOffset + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

/** What pdf-lib's registerFontkit wants: a `create` that parses font bytes (each once per container). */
const parsed = new WeakMap<Uint8Array, TrueTypeFont>();
export const trueTypeKit = {
  create(bytes: Uint8Array): TrueTypeFont {
    let font = parsed.get(bytes);
    if (!font) {
      font = new TrueTypeFont(bytes);
      parsed.set(bytes, font);
    }
    return font;
  },
};
