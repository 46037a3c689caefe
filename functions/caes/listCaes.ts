/** GET /caes: the federation sees every CAE; a CAE's staff sees only its own. */
import { httpHandler } from '../shared/http.js';
import { findCae, listCaes } from '../shared/repositories/caes.js';
import { contracts } from './api.js';
import { caeView } from './view.js';

export const handler = httpHandler('listCaes', contracts.listCaes, async ({ query, caller }) => {
  if (caller.role !== 'federation_admin') {
    const own = caller.caeId ? await findCae(caller.caeId) : undefined;
    return { body: { items: own ? [caeView(own)] : [], nextCursor: null } };
  }
  const page = await listCaes(query.limit, query.cursor);
  return { body: { items: page.items.map(caeView), nextCursor: page.nextCursor } };
});
