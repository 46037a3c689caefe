/**
 * POST …/expense-claims: files a claim as a draft, its lines priced now. Each line is judged on its own date
 * like any ledger entry (the person active then: 422; a month closed by payroll: 409, since it could never be
 * approved), a mileage line on the scale of its date (422 `no-mileage-scale-for-date`) and on the km its
 * vehicle already has in approved claims of that year; a receipt must be one of this entrepreneur's (422
 * `unknown-receipt`). Nothing moves money until approval (approve.ts), which prices mileage again.
 */
import { ulid } from 'ulid';
import { type ClaimLineRequest, priceClaim } from '../../../domain/expenses/claims.js';
import { requireEntrepreneur } from '../../shared/auth.js';
import { nowIso } from '../../shared/clock.js';
import { httpHandler } from '../../shared/http.js';
import { createClaim, type StoredClaim } from '../../shared/repositories/expenseClaims.js';
import { contracts } from './api.js';
import { checkReceipts } from './receipts.js';
import { claimProblem, claimView, kmApprovedFor, pricingContext, readAccountHolder } from './shared.js';

export const handler = httpHandler('createExpenseClaim', contracts.createExpenseClaim, async ({ caller, params, body }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const lines = body.lines as ClaimLineRequest[];
  const [holder, km] = await Promise.all([readAccountHolder(params.caeId, params.id), kmApprovedFor(params.caeId, params.id, lines)]);
  await checkReceipts(params.caeId, params.id, lines);
  const priced = priceClaim(lines, pricingContext(holder, km));
  if (!priced.ok) throw claimProblem(priced.violations);
  const at = nowIso();
  const claim: StoredClaim = {
    id: ulid(),
    caeId: params.caeId,
    entrepreneurId: params.id,
    status: 'draft',
    requested: lines,
    lines: [...priced.value.lines],
    totals: priced.value.totals,
    history: [{ status: 'draft', at, by: caller.sub }],
    createdAt: at,
    version: 1,
  };
  await createClaim(claim);
  return { body: claimView(claim) };
});
