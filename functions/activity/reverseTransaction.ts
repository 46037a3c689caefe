/**
 * POST …/transactions/{txId}/reversal (Idempotency-Key): a new entry that negates the original, which is never
 * changed. One reversal per entry, enforced by a conditional write on `REVERSAL#<txId>` (so two concurrent
 * reversals with different keys still make one); a reversal cannot be reversed. Posted through the ledger like
 * any entry (repositories/ledger.ts `postEntry`).
 */
import { reverseTransaction } from '../../domain/activityAccount/index.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { MonthClosed, NotFound, RuleViolated } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { entryClaim } from '../shared/idempotency.js';
import * as keys from '../shared/keys.js';
import { entryOf, isCounted, postEntry, releaseReversal, reservationOf, reserveReversal } from '../shared/repositories/ledger.js';
import { contracts } from './api.js';
import { ledgerContext, ledgerProblem, replyWith } from './ledger.js';

export const handler = httpHandler('reverseTransaction', contracts.reverseTransaction, async ({ caller, params, body, headers }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const key = headers['idempotency-key'] as string;
  const claim = entryClaim({ caeId: params.caeId, scope: params.id, caller, key, request: { route: 'reverseTransaction', params, body } });
  const originalKey = keys.ledgerEntry(params.caeId, params.id, params.txId);
  const reservationKey = keys.ledgerReversal(params.caeId, params.id, params.txId);
  const posting = postEntry({
    caeId: params.caeId,
    entrepreneurId: params.id,
    claim,
    origin: 'reversal',
    extraKeys: [originalKey, reservationKey],
    decide: async ({ cae, entrepreneur, item }) => {
      const stored = item(originalKey);
      const original = stored ? entryOf(stored) : undefined;
      // An entry whose posting was cut short is not in the account: there is nothing to reverse yet.
      if (!original || !(await isCounted(params.caeId, original))) throw new NotFound(`No transaction ${params.txId}.`);
      // What invoicing posted is corrected by a credit note, never by a typed reversal (docs/domain.md "Invoicing").
      if (original.origin !== undefined && original.origin !== 'transaction' && original.origin !== 'reversal') {
        const message = `transaction ${params.txId} was posted by ${original.origin.replace('_', ' ')}: correct it there`;
        throw new RuleViolated('posted-by-another-flow', message, [{ path: 'path.txId', message }]);
      }
      const reservedFor = reservationOf(item(reservationKey));
      const context = {
        ...ledgerContext(entrepreneur, cae),
        // A retry of this very request (same claimed id) finishes its own reversal.
        alreadyReversed: reservedFor !== undefined && reservedFor !== claim.id,
      };
      const decision = reverseTransaction(claim.id, original, body, context);
      if (!decision.ok) throw ledgerProblem(decision.violations);
      if (!(await reserveReversal(params.caeId, params.id, params.txId, claim.id))) {
        throw new RuleViolated('already-reversed', `transaction ${params.txId} is already reversed`, [
          { path: 'path.txId', message: `transaction ${params.txId} is already reversed` },
        ]);
      }
      return decision.value;
    },
  });
  // A reversal refused after it reserved its slot (its month closed in between) gives the slot back.
  const posted = await posting.catch(async (error: unknown) => {
    if (error instanceof MonthClosed) await releaseReversal(params.caeId, params.id, params.txId, claim.id);
    throw error;
  });
  return replyWith(posted);
});
