/** GET …/quotes/{quoteId}. */
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { getQuote } from '../shared/repositories/quotes.js';
import { contracts } from './api.js';
import { quoteView } from './views.js';

export const handler = httpHandler('getQuote', contracts.getQuote, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  return { body: quoteView(await getQuote(params.caeId, params.id, params.quoteId)) };
});
