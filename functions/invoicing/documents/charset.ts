/**
 * The characters the documents' fonts carry (docs/architecture.md "Invoice documents (Factur-X)"): Basic Latin,
 * Latin-1, Latin Extended-A (the names of European customers), the euro sign, typographic quotes, dashes and
 * spaces. scripts/build-document-assets.ts cuts the fonts to this set; the PDF writer shows any other character
 * as "?" rather than as an empty glyph, so that no input can make a line silently lose letters.
 */
export const KEPT_CODEPOINTS: readonly number[] = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  ...range(0x100, 0x17f),
  0x192, 0x2c6, 0x2c7, 0x2d8, 0x2d9, 0x2da, 0x2db, 0x2dc, 0x2dd,
  0x2009, 0x200a, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e,
  0x2020, 0x2021, 0x2022, 0x2026, 0x202f, 0x2030, 0x2039, 0x203a, 0x2044, 0x20ac, 0x2116, 0x2122, 0x2212, 0xfffd,
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const KEPT = new Set(KEPT_CODEPOINTS);

/** The text with tabs and line breaks as spaces and every character the fonts lack as "?". */
export function printable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) as number;
    if (cp === 0x09 || cp === 0x0a || cp === 0x0d) out += ' ';
    else if (KEPT.has(cp)) out += ch;
    else if (cp >= 0x20) out += '?';
  }
  return out;
}
