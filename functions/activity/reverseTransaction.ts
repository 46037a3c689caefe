/**
 * POST …/transactions/{txId}/reversal (Idempotency-Key): a new entry that negates the original, which is never
 * changed. One reversal per entry, enforced by a conditional write on `REVERSAL#<txId>` (so two concurrent
 * reversals with different keys still make one); a reversal cannot be reversed.
 */
import { reverseTransaction } from '../../domain/activityAccount/index.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { nowIso, todayInParis } from '../shared/clock.js';
import { NotFound, RuleViolated } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { idempotent } from '../shared/idempotency.js';
import { getCae } from '../shared/repositories/caes.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { appendEntry, findEntry, reserveReversal, reversalOf } from '../shared/repositories/ledger.js';
import { contracts } from './api.js';
import { ledgerContext, ledgerProblem, transactionView } from './ledger.js';

export const handler = httpHandler('reverseTransaction', contracts.reverseTransaction, async ({ caller, params, body, headers }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const [cae, entrepreneur] = await Promise.all([getCae(params.caeId), getEntrepreneur(params.caeId, params.id)]);
  const key = headers['idempotency-key'] as string;
  const request = { route: 'reverseTransaction', params, body };
  return idempotent({ caeId: params.caeId, scope: params.id, caller, key, request }, async (reversalId) => {
    const [original, existingReversal] = await Promise.all([
      findEntry(params.caeId, params.id, params.txId),
      reversalOf(params.caeId, params.id, params.txId),
    ]);
    if (!original) throw new NotFound(`No transaction ${params.txId}.`);
    const context = {
      ...ledgerContext(entrepreneur, cae, todayInParis()),
      // A retry of this very request (same claimed id) finishes its own reversal.
      alreadyReversed: existingReversal !== undefined && existingReversal !== reversalId,
    };
    const decision = reverseTransaction(reversalId, original, body, context);
    if (!decision.ok) throw ledgerProblem(decision.violations);
    if (!(await reserveReversal(params.caeId, params.id, params.txId, reversalId))) {
      throw new RuleViolated('already-reversed', `transaction ${params.txId} is already reversed`, [
        { path: 'path.txId', message: `transaction ${params.txId} is already reversed` },
      ]);
    }
    const entry = await appendEntry(params.caeId, { ...decision.value, entrepreneurId: params.id, recordedAt: nowIso() });
    return { status: 201, body: transactionView(entry) };
  });
});
