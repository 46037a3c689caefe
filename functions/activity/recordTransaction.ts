/**
 * POST …/transactions (Idempotency-Key): a revenue or an expense, as an immutable ledger entry. The ledger
 * rules judge it on its own date (the person's status then, the CAE's last closed month); it is posted through
 * the ledger (repositories/ledger.ts `postEntry`), whose entry carries the idempotency claim: three requests.
 */
import { recordTransaction } from '../../domain/activityAccount/index.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { entryClaim } from '../shared/idempotency.js';
import { postEntry } from '../shared/repositories/ledger.js';
import { contracts } from './api.js';
import { ledgerContext, ledgerProblem, replyWith } from './ledger.js';

export const handler = httpHandler('recordTransaction', contracts.recordTransaction, async ({ caller, params, body, headers }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const key = headers['idempotency-key'] as string;
  const claim = entryClaim({ caeId: params.caeId, scope: params.id, caller, key, request: { route: 'recordTransaction', params, body } });
  const posted = await postEntry({
    caeId: params.caeId,
    entrepreneurId: params.id,
    claim,
    origin: 'transaction',
    decide: ({ cae, entrepreneur }) => {
      const decision = recordTransaction(claim.id, body, ledgerContext(entrepreneur, cae));
      if (!decision.ok) throw ledgerProblem(decision.violations);
      return decision.value;
    },
  });
  return replyWith(posted);
});
