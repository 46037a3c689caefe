/**
 * What the expense-claim handlers share: how a claim is shown, how a refusal of the claim rules becomes a
 * problem, and the reads every decision starts from (the CAE and the entrepreneur, the km already counted).
 */
import type { Violation } from '../../../domain/contribution/violation.js';
import { type ClaimLineRequest, type ClaimViolationId, kmByVehicleYear, type PricingContext } from '../../../domain/expenses/claims.js';
import { ledgerContext } from '../../activity/ledger.js';
import { getMany, keyOf } from '../../shared/dynamo.js';
import { Conflict, type FieldError, MonthClosed, NotFound, RuleViolated, ValidationFailed } from '../../shared/errors.js';
import * as keys from '../../shared/keys.js';
import { type Cae, caeFromItem } from '../../shared/repositories/caes.js';
import { type Entrepreneur, entrepreneurFromItem } from '../../shared/repositories/entrepreneurs.js';
import { findClaim, kmCounted, type StoredClaim } from '../../shared/repositories/expenseClaims.js';

/** A claim as the API shows it. */
export function claimView(claim: StoredClaim) {
  return {
    id: claim.id,
    entrepreneurId: claim.entrepreneurId,
    status: claim.status,
    lines: claim.lines,
    totalExclVat: claim.totals.totalExclVat,
    vat: claim.totals.vat,
    total: claim.totals.total,
    history: claim.history,
    ...(claim.rejectionReason === undefined ? {} : { rejectionReason: claim.rejectionReason }),
    createdAt: claim.createdAt,
  };
}

/** Violations about the claim as a whole (its status), rather than a field of the body. */
const WRONG_STATUS: ReadonlySet<string> = new Set<ClaimViolationId>(['claim-not-draft', 'claim-not-submitted']);

/**
 * A refusal of the claim rules as a problem: a wrong status → 409 naming it; a closed month → 409
 * `month-closed`; anything else → 422 whose type is the first rule broken. Every error names its field.
 */
export function claimProblem(violations: readonly Violation[]): Error {
  const errors = (vs: readonly Violation[]): FieldError[] => vs.map((v) => ({ path: v.path ? `body.${v.path}` : 'path.claimId', message: v.message }));
  const status = violations.find((v) => WRONG_STATUS.has(v.id));
  if (status) return new Conflict(status.id, status.message);
  const closed = violations.filter((v) => v.id === 'month-closed');
  if (closed.length > 0) return new MonthClosed(closed[0]?.message ?? 'The month is closed.', errors(closed));
  const input = violations.filter((v) => v.id === 'unknown-vat-rate');
  if (input.length > 0) return new ValidationFailed(input[0]?.message ?? 'The request is not valid.', errors(input));
  const first = violations[0];
  if (!first) return new ValidationFailed('The request was refused.');
  return new RuleViolated(first.id, first.message, errors(violations));
}

/** The CAE and the entrepreneur a claim belongs to, in one BatchGetItem; 404 when either is unknown. */
export async function readAccountHolder(caeId: string, entrepreneurId: string): Promise<{ cae: Cae; entrepreneur: Entrepreneur }> {
  const caeKey = keys.cae(caeId);
  const entrepreneurKey = keys.entrepreneur(caeId, entrepreneurId);
  const found = await getMany([caeKey, entrepreneurKey], { consistent: true });
  const caeItem = found.get(keyOf(caeKey));
  const entrepreneurItem = found.get(keyOf(entrepreneurKey));
  if (!caeItem) throw new NotFound(`No CAE ${caeId}.`);
  if (!entrepreneurItem) throw new NotFound(`No entrepreneur ${entrepreneurId} in CAE ${caeId}.`);
  return { cae: caeFromItem(caeItem), entrepreneur: entrepreneurFromItem(entrepreneurItem) };
}

/** The claim named in the path; 404 when there is none (also another entrepreneur's or another CAE's). */
export async function getClaim(caeId: string, entrepreneurId: string, claimId: string): Promise<StoredClaim> {
  const claim = await findClaim(caeId, entrepreneurId, claimId);
  if (!claim) throw new NotFound(`No expense claim ${claimId}.`);
  return claim;
}

/** The pricing context of lines: the ledger rules' context and a lookup of the km given per vehicle and year. */
export function pricingContext(holder: { cae: Cae; entrepreneur: Entrepreneur }, km: ReadonlyMap<string, number>): PricingContext {
  return { kmAlready: (vehicleKey, year) => km.get(`${year}|${vehicleKey}`) ?? 0, ledger: ledgerContext(holder.entrepreneur, holder.cae) };
}

/** The km approved claims counted so far for the vehicles and years of these lines. */
export function kmApprovedFor(caeId: string, entrepreneurId: string, lines: readonly ClaimLineRequest[]): Promise<Map<string, number>> {
  return kmCounted(caeId, entrepreneurId, kmByVehicleYear(lines));
}
