/**
 * Shared zod building blocks for the API's conventions (API.md "Conventions"), and the mapping of zod
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

/** A bounded human text. */
export const text = (max: number) => z.string().trim().min(1, { message: 'must not be empty' }).max(max, { message: `must be at most ${max} characters` });

/** `?limit=&cursor=` of every list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
};

/** `{ items, nextCursor }` of every list. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
