/**
 * POST …/expense-claims/{claimId}/approval (staff, Idempotency-Key): the claim's lines reach the activity
 * account, one ledger entry per line through the ledger's `postEntry` (origin `expense_claim`, reference the
 * claim's id, dated by the line; a mileage allowance is an expense at VAT 0). docs/architecture.md
 * "Expense claims" tells the steps; in short:
 *
 * 1. read the claim: already approved → the approved claim again (approving twice is the same response and
 *    posts nothing twice, whatever the key); not submitted → 409;
 * 2. judge every line on the ledger rules before writing anything: one line in a closed month → 409
 *    `month-closed` for the whole approval, nothing posted;
 * 3. mark the claim as being approved (a rejection now waits: 409), count its km on each vehicle's yearly
 *    counter (which keeps where this claim started, so a retry prices the same), price the lines;
 * 4. post the entries month after month, oldest first (a month's in parallel), each under an id derived from
 *    (claim, line) and not from the request, so a retry after a crash, or another approval of the same claim,
 *    finds each entry posted and posts it once;
 * 5. save the claim approved with the lines as posted.
 */
import { bookEvent } from '../../shared/repositories/books.js';
import { type NewTransaction, recordTransaction } from '../../../domain/activityAccount/transaction.js';
import { checkLinesOnLedger, checkTransition, entriesOf, kmByVehicleYear, priceClaim } from '../../../domain/expenses/claims.js';
import { ledgerContext } from '../../activity/ledger.js';
import { type Caller, requireCae } from '../../shared/auth.js';
import { nowIso, systemNow } from '../../shared/clock.js';
import { MonthClosed } from '../../shared/errors.js';
import { httpHandler } from '../../shared/http.js';
import { entryClaim, idempotent } from '../../shared/idempotency.js';
import { withOptimisticRetry } from '../../shared/optimistic.js';
import { countKm, type StoredClaim, saveClaim } from '../../shared/repositories/expenseClaims.js';
import { postEntry } from '../../shared/repositories/ledger.js';
import { contracts } from './api.js';
import { claimProblem, claimView, getClaim, pricingContext, readAccountHolder } from './shared.js';

/** The idempotency scope of the CAE's claim approvals (a lower-case scope is never an entrepreneur's ULID). */
const APPROVALS_SCOPE = 'expense-claim-approvals';

/**
 * Whom the entries' ids are derived for: the claim itself, never the approver, so that two approvals of one
 * claim (two staff members, two keys) land on the same entries.
 */
const CLAIM_POSTER: Caller = { sub: 'expense-claim', role: 'cae_staff', territories: [] };

interface ClaimRef {
  caeId: string;
  id: string;
  claimId: string;
}

/** Steps 1–3a: the claim marked as being approved, or the claim already approved. */
function startApproval(ref: ClaimRef): Promise<StoredClaim> {
  return withOptimisticRetry(async () => {
    const claim = await getClaim(ref.caeId, ref.id, ref.claimId);
    if (claim.status === 'approved') return claim;
    const refused = checkTransition(claim.status, 'approve');
    if (refused.length > 0) throw claimProblem(refused);
    const holder = await readAccountHolder(ref.caeId, ref.id);
    const closed = checkLinesOnLedger(claim.requested, ledgerContext(holder.entrepreneur, holder.cae));
    if (closed.length > 0) throw claimProblem(closed);
    if (claim.approvingSince !== undefined) return claim;
    // Real time, not the business clock: it dates machinery (how long an approval may still be running).
    return saveClaim({ ...claim, approvingSince: systemNow().toISOString() }, claim.version);
  });
}

/** Posts one line's entry, under the id of (claim, line): posted once, whoever approves and however often. */
async function postLine(ref: ClaimRef, claimId: string, line: number, entry: NewTransaction): Promise<void> {
  const posting = entryClaim({
    caeId: ref.caeId,
    scope: ref.id,
    caller: CLAIM_POSTER,
    key: `${claimId}#${line}`,
    request: { route: 'approveExpenseClaim', params: { claimId, line }, body: entry },
  });
  const datePath = `body.lines.${line}.date`;
  await postEntry({
    caeId: ref.caeId,
    entrepreneurId: ref.id,
    claim: posting,
    origin: 'expense_claim',
    decide: ({ cae, entrepreneur }) => {
      const decision = recordTransaction(posting.id, entry, ledgerContext(entrepreneur, cae));
      if (!decision.ok) throw claimProblem(decision.violations.map((v) => ({ ...v, path: `lines.${line}.date` })));
      return decision.value;
    },
  }).catch((error: unknown) => {
    if (error instanceof MonthClosed) throw new MonthClosed(error.message, [{ path: datePath, message: error.message }]);
    throw error;
  });
}

async function approve(ref: ClaimRef, by: string): Promise<StoredClaim> {
  const claim = await startApproval(ref);
  if (claim.status === 'approved') return claim;

  const starts = new Map<string, number>();
  for (const group of kmByVehicleYear(claim.requested)) {
    starts.set(`${group.year}|${group.vehicleKey}`, await countKm(ref.caeId, ref.id, group, claim.id, group.km));
  }
  const holder = await readAccountHolder(ref.caeId, ref.id);
  const priced = priceClaim(claim.requested, pricingContext(holder, starts));
  if (!priced.ok) throw claimProblem(priced.violations);

  // Month after month, oldest first; the entries of one month in parallel (docs/architecture.md "Expense claims").
  const entries = entriesOf(claim.id, priced.value.lines);
  for (const month of [...new Set(entries.map((e) => e.entry.date.slice(0, 7)))]) {
    await Promise.all(entries.filter((e) => e.entry.date.startsWith(month)).map(({ line, entry }) => postLine(ref, claim.id, line, entry)));
  }

  return withOptimisticRetry(async () => {
    const current = await getClaim(ref.caeId, ref.id, ref.claimId);
    if (current.status === 'approved') return current;
    const change = { status: 'approved' as const, at: nowIso(), by };
    const { approvingSince, ...rest } = current;
    return saveClaim({ ...rest, status: 'approved', lines: [...priced.value.lines], totals: priced.value.totals, history: [...current.history, change] }, current.version);
  });
}

export const handler = httpHandler('approveExpenseClaim', contracts.approveExpenseClaim, async ({ caller, params, headers }) => {
  requireCae(caller, params.caeId);
  const key = headers['idempotency-key'] as string;
  const request = { route: 'approveExpenseClaim', params, body: null };
  return idempotent({ caeId: params.caeId, scope: APPROVALS_SCOPE, caller, key, request }, async () => {
    const approved = await approve(params, caller.sub);
    // The expense-claims journal (docs/domain.md "Accounting"), idempotent by the claim's id: an approval
    // repeated after a crash books what the first one did not.
    await bookEvent(params.caeId, {
      kind: 'expense_claim_approved',
      claimId: approved.id,
      activity: params.id,
      lines: approved.lines.map((l) =>
        l.kind === 'mileage'
          ? { date: l.date, category: 'mileage' as const, amountExclVat: l.amount, vatRate: '0', vatAmount: '0.00' }
          : { date: l.date, category: l.category, amountExclVat: l.amountExclVat, vatRate: l.vatRate, vatAmount: l.vatAmount },
      ),
    });
    return { status: 201, body: claimView(approved) };
  });
});
