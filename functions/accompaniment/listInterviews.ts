/** GET …/entrepreneurs/{id}/interviews: a person's interviews by day; an entrepreneur reads their own, without notes. */
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { listInterviews } from '../shared/repositories/interviews.js';
import { contracts } from './api.js';
import { interviewView } from './view.js';

export const handler = httpHandler('listInterviews', contracts.listInterviews, async ({ caller, params, query }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  await getEntrepreneur(params.caeId, params.id);
  const page = await listInterviews(params.caeId, params.id, query.limit, query.cursor);
  return { body: { items: page.items.map((i) => interviewView(i, caller)), nextCursor: page.nextCursor } };
});
