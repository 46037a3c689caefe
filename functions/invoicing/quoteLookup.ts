/** A quote of the activity, or nothing (to name the body's field rather than the path when it is unknown). */
import { NotFound } from '../shared/errors.js';
import { getQuote, type Quote } from '../shared/repositories/quotes.js';

export async function findQuoteOf(caeId: string, entrepreneurId: string, quoteId: string): Promise<Quote | undefined> {
  try {
    return await getQuote(caeId, entrepreneurId, quoteId);
  } catch (error) {
    if (error instanceof NotFound) return undefined;
    throw error;
  }
}
