/** POST …/quotes/{quoteId}/acceptance: the customer accepted the quote (once; within its validity). */
import { checkAnswer } from '../../domain/invoicing/index.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { answerQuote, getQuote } from '../shared/repositories/quotes.js';
import { contracts } from './api.js';
import { refuseIf } from './problems.js';
import { quoteView } from './views.js';

export const handler = httpHandler('acceptQuote', contracts.acceptQuote, async ({ caller, params, body }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const quote = await getQuote(params.caeId, params.id, params.quoteId);
  refuseIf(checkAnswer(quote, 'accepted', body.acceptedOn, 'acceptedOn'));
  const answered = await answerQuote(params.caeId, params.id, params.quoteId, { status: 'accepted', acceptedOn: body.acceptedOn });
  return { status: 201, body: quoteView(answered) };
});
