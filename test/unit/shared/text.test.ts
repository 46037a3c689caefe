/**
 * One text schema for every free-text field (functions/shared/validation.ts `text`): Unicode NFC, no control
 * character (a multi-line text keeps line feed and tab), no lone surrogate, no noncharacter, no bidirectional
 * embedding, override or isolate.
 *
 * The second half walks every request schema of every contract (the catalog that /openapi.json comes from):
 * any string a request carries, in its body, query or path, refuses those characters, and any it accepts comes
 * back in NFC. A new field declared as a bare z.string() fails here.
 */
import fc from 'fast-check';
import type * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../functions/service/catalog.js';
import { text } from '../../../functions/shared/validation.js';

/** C0 but line feed and tab, DEL, C1, line separators: refused everywhere. */
const alwaysForbidden = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x0a && c !== 0x09),
  fc.integer({ min: 0x7f, max: 0x9f }),
).map((c) => String.fromCharCode(c));
/** Lone surrogates, high or low. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const noncharacter = fc.constantFrom('\uFFFE', '\uFFFF', '\uFDD0', '\uFDEF', '\u{10FFFF}');
/** Bidirectional embeddings, overrides and isolates: they make a text display as another one. */
const bidiControl = fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069');
const forbidden = fc.oneof(alwaysForbidden, loneSurrogate, noncharacter, bidiControl);
/** Text a person may type: letters of many scripts, marks, emoji, spaces. */
const humanText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzÀéü '), minLength: 1, maxLength: 10 }).map((s) => `x${s}`);

const withInside = (c: fc.Arbitrary<string>) => fc.tuple(word, c, word).map(([a, x, b]) => `${a}${x}${b}`);

describe('the text schema', () => {
  const line = text(200);
  const multiline = text(200, { multiline: true });

  it('refuses a control character, a lone surrogate or a noncharacter anywhere, in one-line and multi-line texts', () => {
    fc.assert(
      fc.property(withInside(forbidden), (value) => {
        expect(line.safeParse(value).success).toBe(false);
        expect(multiline.safeParse(value).success).toBe(false);
      }),
    );
  });

  it('keeps right-to-left names and the left-to-right and right-to-left marks, which reorder nothing by themselves', () => {
    expect(line.parse('مريم الحسن')).toBe('مريم الحسن');
    expect(line.parse('דוד לוי\u200E (Lyon)')).toBe('דוד לוי\u200E (Lyon)');
    expect(line.safeParse('invoice\u202Egpj.exe').success).toBe(false);
  });

  it('refuses line feed and tab in a one-line text, keeps them in a multi-line one', () => {
    fc.assert(
      fc.property(withInside(fc.constantFrom('\n', '\t', '\u2028')), (value) => {
        expect(line.safeParse(value).success).toBe(false);
      }),
    );
    expect(multiline.parse('First line\n\tsecond line')).toBe('First line\n\tsecond line');
  });

  it('stores a multi-line text typed with CRLF with LF, and refuses a lone CR', () => {
    expect(multiline.parse('one\r\ntwo')).toBe('one\ntwo');
    expect(multiline.safeParse('one\rtwo').success).toBe(false);
  });

  it('stores what it accepts in NFC, trimmed, whatever the normalisation it was typed in', () => {
    fc.assert(
      fc.property(humanText, fc.constantFrom<'NFC' | 'NFD' | 'NFKD'>('NFC', 'NFD', 'NFKD'), (typed, form) => {
        const value = typed.normalize(form);
        const result = line.safeParse(value);
        if (!result.success) return;
        expect(result.data).toBe(result.data.normalize('NFC'));
        expect(result.data).toBe(value.normalize('NFC').trim());
      }),
    );
    expect(line.parse('Cafe\u0301 Ho\u0308rner')).toBe('Caf\u00e9 H\u00f6rner');
  });

  it('refuses a text that is empty once trimmed, or longer than its bound once normalised', () => {
    expect(line.safeParse('   ').success).toBe(false);
    expect(text(4).safeParse('Cafe\u0301').success).toBe(true);
    expect(text(3).safeParse('Cafe\u0301').success).toBe(false);
  });
});

// ── Every string of every request ────────────────────────────────────────────────────────────────────────

interface Leaf {
  where: string;
  schema: z.ZodType;
}

/** The string schemas a request schema holds, with where they are (zod 4 definitions). */
function stringLeaves(schema: z.ZodType | undefined, where: string): Leaf[] {
  if (!schema) return [];
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  switch (def.type) {
    case 'string':
      return [{ where, schema }];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([name, field]) => stringLeaves(field, `${where}.${name}`));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return stringLeaves(def.innerType, where);
    case 'array':
      return stringLeaves(def.element, `${where}[]`);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => stringLeaves(option, where));
    case 'intersection':
      return [...stringLeaves(def.left, where), ...stringLeaves(def.right, where)];
    case 'pipe':
      return stringLeaves(def.in, where);
    case 'record':
      return stringLeaves(def.valueType, `${where}.*`);
    case 'lazy':
      return stringLeaves(def.getter(), where);
    default:
      return [];
  }
}

const leaves = Object.entries(catalog).flatMap(([route, contract]) => [
  ...stringLeaves(contract.params, `${route} path`),
  ...stringLeaves(contract.query, `${route} query`),
  ...stringLeaves(contract.body, `${route} body`),
]);

describe('every string a request carries', () => {
  it('includes the free-text fields of the contracts (the walk finds them)', () => {
    const free = leaves.filter((l) => l.schema.safeParse('Cafe\u0301').success).map((l) => l.where);
    for (const field of ['createCae body.name', 'createEntrepreneur body.firstName', 'createEntrepreneur body.activity', 'recordTransaction body.label',
      'recordTransaction body.reference', 'reverseTransaction body.reason', 'createAssembly body.resolutions[].title', 'createGrant body.funder']) {
      expect(free).toContain(field);
    }
  });

  for (const leaf of leaves) {
    it(`${leaf.where} refuses control characters and lone surrogates, and gives back NFC`, () => {
      fc.assert(
        fc.property(withInside(forbidden), (value) => {
          expect(leaf.schema.safeParse(value).success, JSON.stringify(value)).toBe(false);
        }),
        { numRuns: 30 },
      );
      fc.assert(
        fc.property(humanText.map((t) => t.normalize('NFD')), (value) => {
          const result = leaf.schema.safeParse(value);
          if (result.success && typeof result.data === 'string') expect(result.data).toBe(result.data.normalize('NFC'));
        }),
        { numRuns: 30 },
      );
    });
  }
});
