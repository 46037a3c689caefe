/**
 * POST …/transactions (Idempotency-Key): a revenue or an expense, as an immutable ledger entry. The ledger
 * rules decide with the entrepreneur's status today, their activity start and the CAE's last closed month.
 */
import { recordTransaction } from '../../domain/activityAccount/index.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { nowIso, todayInParis } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { idempotent } from '../shared/idempotency.js';
import { getCae } from '../shared/repositories/caes.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { appendEntry } from '../shared/repositories/ledger.js';
import { contracts } from './api.js';
import { ledgerContext, ledgerProblem, transactionView } from './ledger.js';

export const handler = httpHandler('recordTransaction', contracts.recordTransaction, async ({ caller, params, body, headers }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const [cae, entrepreneur] = await Promise.all([getCae(params.caeId), getEntrepreneur(params.caeId, params.id)]);
  const key = headers['idempotency-key'] as string;
  const request = { route: 'recordTransaction', params, body };
  return idempotent({ caeId: params.caeId, scope: params.id, caller, key, request }, async (transactionId) => {
    const decision = recordTransaction(transactionId, body, ledgerContext(entrepreneur, cae, todayInParis()));
    if (!decision.ok) throw ledgerProblem(decision.violations);
    const entry = await appendEntry(params.caeId, { ...decision.value, entrepreneurId: params.id, recordedAt: nowIso() });
    return { status: 201, body: transactionView(entry) };
  });
});
