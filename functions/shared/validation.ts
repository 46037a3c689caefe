/**
 * Shared zod building blocks for the API's conventions (docs/api.md "Conventions"), and the mapping of zod
 * issues to the `errors: [{ path, message }]` of a problem.
 */
import * as z from 'zod';
import { isValidDate, isValidMonth } from '../../domain/calendar.js';
import { isMoneyString } from '../../domain/money.js';
import type { FieldError } from './errors.js';

export function fieldErrors(error: z.ZodError, where: 'path' | 'query' | 'body'): FieldError[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const base = [where, ...issue.path.map(String)].join('.');
    return {
      path: keys.length > 0 ? keys.map((k) => `${base}.${k}`).join(', ') : base,
      message: issue.message,
    };
  });
}

/** Money: a string with exactly two decimals. A JSON number is refused, so no float ever carries euros. */
export const moneyString = z
  .string({ error: 'must be a decimal string with two decimals, e.g. "1234.50"' })
  .refine(isMoneyString, { message: 'must be a decimal string with exactly two decimals, e.g. "1234.50"' });

/** Money that may not be negative. */
export const nonNegativeMoney = moneyString.refine((v) => !v.startsWith('-'), { message: 'must not be negative' });

/** Money that must be above zero. */
export const positiveMoney = nonNegativeMoney.refine((v) => /[1-9]/.test(v), { message: 'must be greater than zero' });

/** A rate as a decimal string between 0 and 1 ("0.10", "0.115"). */
export const rateString = z
  .string({ error: 'must be a decimal string such as "0.10"' })
  .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, { message: 'must be a decimal string between 0 and 1, e.g. "0.10"' });

/** A calendar date that exists. */
export const isoDate = z
  .string({ error: 'must be a date YYYY-MM-DD' })
  .refine(isValidDate, { message: 'must be a date YYYY-MM-DD that exists' });

/** A month. */
export const isoMonth = z.string({ error: 'must be a month YYYY-MM' }).refine(isValidMonth, { message: 'must be a month YYYY-MM' });

/** Server-chosen ids (ULIDs); anything else cannot name a record. */
export const id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'is not a valid id' });

/** Unpaired UTF-16 surrogates: not Unicode text at all (UTF-8 cannot encode them, XML refuses them). */
const LONE_SURROGATE = /\p{Cs}/u;
/** C0 and C1 control characters (NUL, ESC..., U+007F–U+009F), and line separators: none in a one-line text. */
const ONE_LINE_FORBIDDEN = /[\p{Cc}\u2028\u2029]/u;
/** In a multi-line text, line feed and tab are allowed; every other control character is not. */
const MULTI_LINE_FORBIDDEN = /(?![\n\t])\p{Cc}/u;
/** U+FFFE, U+FFFF, U+FDD0–U+FDEF...: never for interchange, and refused by XML (Factur-X). */
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what a reader
 * sees without changing the stored text, so a name or an invoice line could display as something else in a PDF
 * or a CSV opened by an accountant ("Trojan Source"). Right-to-left names need none of them: the Unicode
 * bidirectional algorithm orders Arabic or Hebrew letters by itself. The marks U+200E/U+200F stay allowed.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

export interface TextOptions {
  /** A text that may span lines (reasons, notes, descriptions): line feeds and tabs allowed, CRLF stored as LF. */
  multiline?: boolean;
}

/**
 * THE schema of every free-text field of the API (names, labels, reasons, titles...): what it stores is safe to
 * put in a CSV, a PDF, an XML document, a log line or a terminal. Unicode text only (no lone surrogate, no
 * noncharacter), no control character (C0, C1, NUL, ESC...; a multi-line text keeps line feed and tab), stored in
 * NFC so that the same name is the same string, trimmed, 1 to `max` UTF-16 units once normalised. A refused text
 * is a 400 naming its field; nothing is silently stripped.
 */
export const text = (max: number, options: TextOptions = {}) => {
  const forbidden = options.multiline ? MULTI_LINE_FORBIDDEN : ONE_LINE_FORBIDDEN;
  const controls = options.multiline ? 'control characters other than line feed and tab' : 'control characters or line breaks';
  return z
    .string({ error: 'must be a string' })
    .refine((s) => !LONE_SURROGATE.test(s), { message: 'must not contain unpaired UTF-16 surrogates', abort: true })
    .overwrite((s) => (options.multiline ? s.replace(/\r\n/g, '\n') : s))
    .refine((s) => !forbidden.test(s), { message: `must not contain ${controls}`, abort: true })
    .refine((s) => !NONCHARACTER.test(s), { message: 'must not contain Unicode noncharacters', abort: true })
    .refine((s) => !BIDI_CONTROL.test(s), { message: 'must not contain bidirectional embedding, override or isolate controls', abort: true })
    .overwrite((s) => s.normalize('NFC'))
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` });
};

/** `?limit=&cursor=` of every list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only what encodeCursor makes (base64url parts and dots), so nothing else reaches the cursor's decoding. */
  cursor: z.string().max(2048).regex(/^[A-Za-z0-9_.-]+$/, { message: 'is not a cursor of this list' }).optional(),
};

/** `{ items, nextCursor }` of every list. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
