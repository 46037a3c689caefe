/**
 * Builds the binary assets of the invoice documents (docs/architecture.md "Invoice documents (Factur-X)"):
 *
 * - DejaVu Sans and DejaVu Sans Bold cut down to the characters an invoice in French (and the names of European
 *   customers) needs: Basic Latin, Latin-1, Latin Extended-A, the euro sign, typographic quotes, dashes and spaces.
 *   Every other glyph is emptied, glyph ids are kept (so the cmap and metrics stay the font's own), the layout
 *   tables (GPOS, GSUB, kern…) and the glyph names are dropped. A full face is ~750 KB; the cut one ~60 KB.
 *   The Bitstream Vera licence of DejaVu allows this as long as the name contains neither "Bitstream" nor "Vera".
 * - An sRGB ICC profile (version 2, display class), computed here from the sRGB definition (IEC 61966-2-1:
 *   primaries adapted to D50, the piecewise transfer curve as a 1024-entry table), so that the repository owns it
 *   outright rather than carrying a profile whose licence is unclear.
 *
 * Run `npx tsx scripts/build-document-assets.ts [folder of DejaVuSans.ttf]` (default: Debian's fonts-dejavu-core
 * folder) after changing the character set; it writes the .ttf and .icc files beside the renderer (the reviewed
 * bytes) and assets.packed.generated.ts (the same bytes, brotli, base64), which is what the Lambda bundles. The
 * product never reads a font from the system: only this developer tool does. Same input, same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { KEPT_CODEPOINTS } from '../functions/invoicing/documents/charset.js';

const ASSETS = resolve(dirname(fileURLToPath(import.meta.url)), '../functions/invoicing/documents/assets');

// ---------------------------------------------------------------------------------------------------------------
// TrueType cutting

interface Table {
  tag: string;
  data: Buffer;
}

function readTables(font: Buffer): Map<string, Buffer> {
  const count = font.readUInt16BE(4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const entry = 12 + 16 * i;
    const tag = font.toString('latin1', entry, entry + 4);
    const offset = font.readUInt32BE(entry + 8);
    const length = font.readUInt32BE(entry + 12);
    tables.set(tag, Buffer.from(font.subarray(offset, offset + length)));
  }
  return tables;
}

/** The glyph ids the cmap (format 4, platform 3 encoding 1) gives the kept characters. */
function glyphIdsOf(cmap: Buffer, codepoints: readonly number[]): Set<number> {
  const count = cmap.readUInt16BE(2);
  let sub = -1;
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + 8 * i);
    const encoding = cmap.readUInt16BE(6 + 8 * i);
    const offset = cmap.readUInt32BE(8 + 8 * i);
    if (platform === 3 && encoding === 1 && cmap.readUInt16BE(offset) === 4) sub = offset;
  }
  if (sub < 0) throw new Error('no Unicode BMP cmap (3,1) of format 4');
  const segCount = cmap.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;
  const ids = new Set<number>([0]);
  for (const cp of codepoints) {
    for (let s = 0; s < segCount; s++) {
      const end = cmap.readUInt16BE(ends + 2 * s);
      const start = cmap.readUInt16BE(starts + 2 * s);
      if (cp > end || cp < start) continue;
      const delta = cmap.readInt16BE(deltas + 2 * s);
      const ro = cmap.readUInt16BE(rangeOffsets + 2 * s);
      let gid = 0;
      if (ro === 0) gid = (cp + delta) & 0xffff;
      else {
        const at = rangeOffsets + 2 * s + ro + 2 * (cp - start);
        const raw = cmap.readUInt16BE(at);
        gid = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (gid !== 0) ids.add(gid);
      break;
    }
  }
  return ids;
}

function glyphOffsets(loca: Buffer, longFormat: boolean, glyphCount: number): number[] {
  const offsets: number[] = [];
  for (let i = 0; i <= glyphCount; i++) offsets.push(longFormat ? loca.readUInt32BE(4 * i) : 2 * loca.readUInt16BE(2 * i));
  return offsets;
}

/** Adds the components of composite glyphs (an "é" is often an "e" and an accent), recursively. */
function withComponents(ids: Set<number>, glyf: Buffer, offsets: number[]): Set<number> {
  const pending = [...ids];
  while (pending.length > 0) {
    const gid = pending.pop() as number;
    const start = offsets[gid] as number;
    const end = offsets[gid + 1] as number;
    if (end - start < 10 || glyf.readInt16BE(start) >= 0) continue;
    let at = start + 10;
    for (;;) {
      const flags = glyf.readUInt16BE(at);
      const component = glyf.readUInt16BE(at + 2);
      if (!ids.has(component)) {
        ids.add(component);
        pending.push(component);
      }
      at += 4 + (flags & 0x0001 ? 4 : 2);
      if (flags & 0x0008) at += 2;
      else if (flags & 0x0040) at += 4;
      else if (flags & 0x0080) at += 8;
      if (!(flags & 0x0020)) break;
    }
  }
  return ids;
}

/** The font with every glyph but `codepoints`' emptied, and only the tables a PDF's embedded font needs. */
export function cutFont(font: Buffer, codepoints: readonly number[]): Buffer {
  const tables = readTables(font);
  const head = tables.get('head') as Buffer;
  const maxp = tables.get('maxp') as Buffer;
  const longFormat = head.readInt16BE(50) === 1;
  const glyphCount = maxp.readUInt16BE(4);
  const glyf = tables.get('glyf') as Buffer;
  const offsets = glyphOffsets(tables.get('loca') as Buffer, longFormat, glyphCount);
  const kept = withComponents(glyphIdsOf(tables.get('cmap') as Buffer, codepoints), glyf, offsets);

  const pieces: Buffer[] = [];
  const newOffsets: number[] = [];
  let at = 0;
  for (let gid = 0; gid < glyphCount; gid++) {
    newOffsets.push(at);
    if (!kept.has(gid)) continue;
    const data = glyf.subarray(offsets[gid] as number, offsets[gid + 1] as number);
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    pieces.push(padded);
    at += padded.length;
  }
  newOffsets.push(at);
  const loca = Buffer.alloc(4 * newOffsets.length);
  newOffsets.forEach((o, i) => {
    loca.writeUInt32BE(o, 4 * i);
  });
  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50);
  newHead.writeUInt32BE(0, 8);
  // post version 3: no glyph names (they are most of the table and no PDF reader needs them).
  const post = Buffer.from((tables.get('post') as Buffer).subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0);

  const keep = ['OS/2', 'cmap', 'cvt ', 'fpgm', 'gasp', 'hhea', 'hmtx', 'maxp', 'name', 'prep'];
  const out: Table[] = [
    ...keep.filter((t) => tables.has(t)).map((tag) => ({ tag, data: tables.get(tag) as Buffer })),
    { tag: 'glyf', data: Buffer.concat(pieces) },
    { tag: 'head', data: newHead },
    { tag: 'loca', data: loca },
    { tag: 'post', data: post },
  ];
  return writeFont(out);
}

function checksum(data: Buffer): number {
  const padded = Buffer.alloc((data.length + 3) & ~3);
  data.copy(padded);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeFont(tables: Table[]): Buffer {
  tables.sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(n * 16 - searchRange, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((t, i) => {
    const e = 12 + 16 * i;
    header.write(t.tag, e, 'latin1');
    header.writeUInt32BE(checksum(t.data), e + 4);
    header.writeUInt32BE(offset, e + 8);
    header.writeUInt32BE(t.data.length, e + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  const headIndex = tables.findIndex((t) => t.tag === 'head');
  const headOffset = header.readUInt32BE(12 + 16 * headIndex + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}

// ---------------------------------------------------------------------------------------------------------------
// sRGB ICC profile (ICC.1:2001-04, version 2.1)

function s15Fixed16(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(Math.round(value * 65536));
  return b;
}

function xyzTag(x: number, y: number, z: number): Buffer {
  return Buffer.concat([Buffer.from('XYZ \0\0\0\0', 'latin1'), s15Fixed16(x), s15Fixed16(y), s15Fixed16(z)]);
}

function textDescriptionTag(text: string): Buffer {
  const ascii = Buffer.from(`${text}\0`, 'latin1');
  const head = Buffer.alloc(12);
  head.write('desc', 0, 'latin1');
  head.writeUInt32BE(ascii.length, 8);
  // Unicode language and count (0), ScriptCode code and count (0), then the 67-byte ScriptCode field.
  return Buffer.concat([head, ascii, Buffer.alloc(4 + 4 + 2 + 1 + 67)]);
}

function textTag(text: string): Buffer {
  return Buffer.concat([Buffer.from('text\0\0\0\0', 'latin1'), Buffer.from(`${text}\0`, 'latin1')]);
}

/** The sRGB transfer curve (IEC 61966-2-1) sampled on 1024 points, as version 2 profiles carry it. */
function srgbCurveTag(): Buffer {
  const points = 1024;
  const b = Buffer.alloc(12 + 2 * points);
  b.write('curv', 0, 'latin1');
  b.writeUInt32BE(points, 8);
  for (let i = 0; i < points; i++) {
    const v = i / (points - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    b.writeUInt16BE(Math.round(linear * 65535), 12 + 2 * i);
  }
  return b;
}

export function srgbProfile(): Buffer {
  const curve = srgbCurveTag();
  // The sRGB primaries and D65 white, chromatically adapted to the D50 connection space (Bradford), as the
  // common sRGB profiles carry them.
  const tags: [string, Buffer][] = [
    ['desc', textDescriptionTag('sRGB IEC61966-2.1 (cae-back-office)')],
    ['cprt', textTag('No copyright: computed from the sRGB definition by cae-back-office; use freely.')],
    ['wtpt', xyzTag(0.9642, 1.0, 0.8249)],
    ['rXYZ', xyzTag(0.4360747, 0.2225045, 0.0139322)],
    ['gXYZ', xyzTag(0.3850649, 0.7168786, 0.0971045)],
    ['bXYZ', xyzTag(0.1430804, 0.0606169, 0.7141733)],
    ['rTRC', curve],
    ['gTRC', curve],
    ['bTRC', curve],
  ];
  // Tag data follows the 128-byte header and the tag table; the three curves share one copy.
  const table = Buffer.alloc(4 + 12 * tags.length);
  table.writeUInt32BE(tags.length, 0);
  const data: Buffer[] = [];
  const placed = new Map<Buffer, number>();
  let offset = 128 + table.length;
  tags.forEach(([sig, body], i) => {
    let at = placed.get(body);
    if (at === undefined) {
      at = offset;
      placed.set(body, at);
      const padded = Buffer.alloc((body.length + 3) & ~3);
      body.copy(padded);
      data.push(padded);
      offset += padded.length;
    }
    table.write(sig, 4 + 12 * i, 'latin1');
    table.writeUInt32BE(at, 8 + 12 * i);
    table.writeUInt32BE(body.length, 12 + 12 * i);
  });
  const header = Buffer.alloc(128);
  header.writeUInt32BE(offset, 0);
  header.writeUInt32BE(0x02100000, 8);
  header.write('mntr', 12, 'latin1');
  header.write('RGB ', 16, 'latin1');
  header.write('XYZ ', 20, 'latin1');
  // Creation date: fixed, so the same script gives the same bytes.
  [2026, 1, 1, 0, 0, 0].forEach((v, i) => {
    header.writeUInt16BE(v, 24 + 2 * i);
  });
  header.write('acsp', 36, 'latin1');
  header.writeUInt32BE(0, 64); // perceptual intent
  s15Fixed16(0.9642).copy(header, 68);
  s15Fixed16(1.0).copy(header, 72);
  s15Fixed16(0.8249).copy(header, 76);
  return Buffer.concat([header, table, ...data]);
}

// ---------------------------------------------------------------------------------------------------------------

function pack(bytes: Buffer): string {
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_FONT },
  }).toString('base64');
}

function main(): void {
  const source = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu';
  const faces = [
    ['DejaVuSans.ttf', 'DejaVuSans-invoice.ttf', 'packedRegularFont'],
    ['DejaVuSans-Bold.ttf', 'DejaVuSans-Bold-invoice.ttf', 'packedBoldFont'],
  ] as const;
  const lines = ['// Generated by scripts/build-document-assets.ts from the .ttf and .icc files beside it (brotli, base64): do not edit.'];
  for (const [from, to, name] of faces) {
    const original = readFileSync(join(source, from));
    const cut = cutFont(original, KEPT_CODEPOINTS);
    writeFileSync(join(ASSETS, to), cut);
    lines.push(`export const ${name} = '${pack(cut)}';`);
    console.log(`${from} (sha256 ${createHash('sha256').update(original).digest('hex').slice(0, 16)}…, ${original.length} B) → ${to}: ${cut.length} B`);
  }
  const icc = srgbProfile();
  writeFileSync(join(ASSETS, 'sRGB-v2.icc'), icc);
  lines.push(`export const packedSrgbProfile = '${pack(icc)}';`);
  writeFileSync(join(ASSETS, 'assets.packed.generated.ts'), `${lines.join('\n')}\n`);
  console.log(`sRGB-v2.icc: ${icc.length} B`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
