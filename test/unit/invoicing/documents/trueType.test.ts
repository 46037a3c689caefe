/**
 * The small TrueType reader that stands in for fontkit in the PDF writer reads our fonts exactly as fontkit does,
 * and its subsets draw the same glyphs: fontkit (a dependency of the repository, no longer of the Lambda) is the
 * reference here.
 */
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { documentAssets } from '../../../../functions/invoicing/documents/assets.js';
import { KEPT_CODEPOINTS } from '../../../../functions/invoicing/documents/charset.js';
import { TrueTypeFont } from '../../../../functions/invoicing/documents/trueType.js';

const SPACES = new Set([0x20, 0xa0, 0x2009, 0x200a, 0x202f]);
const faces = Object.entries({ regular: documentAssets().regularFont, bold: documentAssets().boldFont });

describe.each(faces)('the TrueType reader on the %s font', (_name, bytes) => {
  const ours = new TrueTypeFont(bytes);
  const reference = fontkit.create(bytes);

  it('reads the metrics pdf-lib uses as fontkit does', () => {
    expect(ours.unitsPerEm).toBe(reference.unitsPerEm);
    expect(ours.postscriptName).toBe(reference.postscriptName);
    expect(ours.ascent).toBe(reference.ascent);
    expect(ours.descent).toBe(reference.descent);
    expect(ours.capHeight).toBe(reference.capHeight);
    expect(ours.xHeight).toBe(reference.xHeight);
    expect(ours.italicAngle).toBe(reference.italicAngle);
    expect(ours.bbox).toEqual({ minX: reference.bbox.minX, minY: reference.bbox.minY, maxX: reference.bbox.maxX, maxY: reference.bbox.maxY });
  });

  it('maps every kept character to the glyph and width fontkit gives, a drawn glyph for all but spaces', () => {
    for (const cp of KEPT_CODEPOINTS) {
      const glyph = ours.glyphForCodePoint(cp);
      const expected = reference.glyphForCodePoint(cp);
      expect({ cp, id: glyph.id, width: glyph.advanceWidth }).toEqual({ cp, id: expected.id, width: expected.advanceWidth });
      if (!SPACES.has(cp)) expect(expected.path.toSVG(), `U+${cp.toString(16)}`).not.toBe('');
    }
  });

  it('writes subsets whose glyphs, composites included, draw as the original ones', () => {
    const text = 'Échéance : 1 234,50 € – « Œuvre » ŁÓDŹ ÿ';
    const subset = ours.createSubset();
    const included = ours.layout(text).glyphs.map((g) => ({ original: g.id, id: subset.includeGlyph(g) }));
    const written = fontkit.create(subset.encode());
    // Composite accented letters bring their components along, renumbered.
    expect(written.numGlyphs).toBeGreaterThan(new Set(included.map((g) => g.id)).size + 1);
    for (const { original, id } of included) {
      const a = written.getGlyph(id);
      const b = reference.getGlyph(original);
      expect(a.advanceWidth).toBe(b.advanceWidth);
      expect(a.path.toSVG()).toBe(b.path.toSVG());
    }
  });
});
