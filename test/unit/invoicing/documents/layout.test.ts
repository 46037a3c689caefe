import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrap } from '../../../../functions/invoicing/documents/layout.js';

// A width per character, as the fonts give (they have no kerning: a text's width is the sum of its characters').
const measure = (t: string) => [...t].reduce((w, ch) => w + (ch === ' ' ? 3 : ch === 'W' ? 9 : 5), 0);

describe('wrapping text onto lines', () => {
  it('keeps every line within the width and every word, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[aW]{1,30}$/), { maxLength: 40 }), fc.integer({ min: 20, max: 200 }), (words, width) => {
        const lines = wrap(words.join(' '), width, measure);
        for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(Math.max(width, 9));
        expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
      }),
    );
  });

  it('fills a line before starting the next', () => {
    expect(wrap('aa aa aa aa', 28, measure)).toEqual(['aa aa', 'aa aa']);
  });

  it('cuts a word longer than a line, in time linear in its length', () => {
    const lines = wrap('a'.repeat(100_000), 50, measure);
    expect(lines).toHaveLength(10_000);
    expect(lines.every((l) => l === 'aaaaaaaaaa')).toBe(true);
  });
});
