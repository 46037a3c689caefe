/** POST …/quotes/{quoteId}/refusal: the customer refused the quote (once). */
import { checkAnswer } from '../../domain/invoicing/index.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { answerQuote, getQuote } from '../shared/repositories/quotes.js';
import { contracts } from './api.js';
import { refuseIf } from './problems.js';
import { quoteView } from './views.js';

export const handler = httpHandler('refuseQuote', contracts.refuseQuote, async ({ caller, params, body }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const quote = await getQuote(params.caeId, params.id, params.quoteId);
  refuseIf(checkAnswer(quote, 'refused', body.refusedOn, 'refusedOn'));
  const answered = await answerQuote(params.caeId, params.id, params.quoteId, {
    status: 'refused',
    refusedOn: body.refusedOn,
    ...(body.reason === undefined ? {} : { refusalReason: body.reason }),
  });
  return { status: 201, body: quoteView(answered) };
});
