/**
 * Expense claims (notes de frais, docs/domain.md "Expenses"): an entrepreneur's expenses with their receipts and
 * business trips made with a personal vehicle, validated or rejected by the CAE's staff. Only an approved claim
 * reaches the activity account, one ledger entry per line, each dated by its line.
 *
 * Lifecycle: draft → submitted → approved | rejected; a rejection keeps the claim and its reason. Pure rules:
 * dates, the km already driven and the time of each change are inputs.
 */
import { type IsoDate, monthOf, yearOf } from '../calendar.js';
import { type LedgerContext, checkActiveOn } from '../activityAccount/rules.js';
import { checkMonthOpen } from '../activityAccount/closing.js';
import type { NewTransaction } from '../activityAccount/transaction.js';
import { parseVatRate, type VatRate, vatOn } from '../activityAccount/vat.js';
import { type Checked, type Violation, violation } from '../contribution/violation.js';
import { Dec, formatMoney, sum } from '../money.js';
import { type ScaleUsed, tripAllowance, type Vehicle } from './mileage.js';

export type ClaimStatus = 'draft' | 'submitted' | 'approved' | 'rejected';

export const EXPENSE_CATEGORIES = ['travel', 'meals', 'supplies', 'subcontracting', 'fees', 'other'] as const;
export type ClaimExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

/**
 * The most km one line — and one vehicle on one day, over the lines of a claim — may carry. Beyond it a line is
 * refused (422 `mileage-over-daily-limit`): trips are claimed day by day, and 1,000 km is more than a day's
 * driving, so a larger figure is a typo or a year's total, which the scale's difference would misprice.
 */
export const MAX_KM_PER_DAY = 1000;

export interface ExpenseLineRequest {
  readonly kind: 'expense';
  readonly date: IsoDate;
  readonly description: string;
  readonly amountExclVat: string;
  readonly vatRate: string;
  readonly category: ClaimExpenseCategory;
  readonly receiptId?: string;
}

export interface MileageLineRequest {
  readonly kind: 'mileage';
  readonly date: IsoDate;
  readonly description: string;
  readonly km: number;
  readonly vehicle: Vehicle;
}

export type ClaimLineRequest = ExpenseLineRequest | MileageLineRequest;

export interface ExpenseLine extends ExpenseLineRequest {
  readonly vatRate: VatRate;
  readonly vatAmount: string;
}

export interface MileageLine extends MileageLineRequest {
  /** The allowance: an expense at VAT 0. */
  readonly amount: string;
  /** Km driven in the line's year with the same vehicle before this trip. */
  readonly kmAlreadyThisYear: number;
  readonly scale: ScaleUsed;
  readonly formula: string;
}

export type ClaimLine = ExpenseLine | MileageLine;

export interface ClaimTotals {
  readonly totalExclVat: string;
  readonly vat: string;
  /** VAT included: what is reimbursed. */
  readonly total: string;
}

export interface PricedClaim {
  readonly lines: readonly ClaimLine[];
  readonly totals: ClaimTotals;
}

export type ClaimViolationId =
  | 'no-mileage-scale-for-date'
  | 'mileage-over-daily-limit'
  | 'unknown-vat-rate'
  | 'entrepreneur-not-active'
  | 'before-activity-start'
  | 'month-closed'
  | 'claim-not-draft'
  | 'claim-not-submitted';

/** A registration as written on the plate, without spaces or dashes, upper case: "ab-123-cd" is "AB123CD". */
export function normalRegistration(registration: string): string {
  return registration.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * What makes two lines "the same vehicle" (docs/api.md "Expense claims and mileage"): the same registration, or,
 * without one, the same type, fiscal power and electric flag. Safe as a part of a key.
 */
export function vehicleKey(vehicle: Vehicle): string {
  if (vehicle.registration !== undefined) return `REG-${normalRegistration(vehicle.registration)}`;
  return `${vehicle.type}-${vehicle.fiscalPower}CV-${vehicle.electric ? 'electric' : 'thermal'}`;
}

/** One vehicle's km of one year in a claim: what approval adds to that vehicle's yearly counter. */
export interface VehicleYear {
  readonly year: number;
  readonly vehicleKey: string;
  readonly km: number;
}

/** The claim's km by vehicle and year (the counters approval advances). */
export function kmByVehicleYear(lines: readonly ClaimLineRequest[]): VehicleYear[] {
  const groups = new Map<string, VehicleYear>();
  for (const line of lines) {
    if (line.kind !== 'mileage') continue;
    const key = `${yearOf(line.date)}|${vehicleKey(line.vehicle)}`;
    const found = groups.get(key);
    groups.set(key, { year: yearOf(line.date), vehicleKey: vehicleKey(line.vehicle), km: (found?.km ?? 0) + line.km });
  }
  return [...groups.values()];
}

export interface PricingContext {
  /** Km of that vehicle in that year already counted before this claim (approved claims). */
  readonly kmAlready: (vehicleKey: string, year: number) => number;
  /** The ledger rules: each line is judged on its own date (the person active then, the month open). */
  readonly ledger: LedgerContext;
}

function ledgerViolations(line: ClaimLineRequest, at: string, context: LedgerContext): Violation<ClaimViolationId>[] {
  const found = [...checkActiveOn(context.path, line.date), ...checkMonthOpen(monthOf(line.date), context.lastClosedMonth)];
  return found.map((v) => violation(v.id as ClaimViolationId, `${at}.date`, v.message));
}

/** Every ledger rule the lines break, each judged on its own date (what approval checks before posting anything). */
export function checkLinesOnLedger(lines: readonly ClaimLineRequest[], context: LedgerContext): Violation<ClaimViolationId>[] {
  return lines.flatMap((line, i) => ledgerViolations(line, `lines.${i}`, context));
}

/**
 * Prices a claim's lines, or says every rule they break. Mileage lines of one vehicle and year take their km
 * in date order (then in the order given) after `kmAlready`, so each trip is priced on the km driven before it.
 */
export function priceClaim(lines: readonly ClaimLineRequest[], context: PricingContext): Checked<PricedClaim, ClaimViolationId> {
  const violations: Violation<ClaimViolationId>[] = [];
  violations.push(...checkLinesOnLedger(lines, context.ledger));

  const perDay = new Map<string, number>();
  lines.forEach((line, i) => {
    if (line.kind !== 'mileage') return;
    const key = `${line.date}|${vehicleKey(line.vehicle)}`;
    const km = (perDay.get(key) ?? 0) + line.km;
    perDay.set(key, km);
    if (km > MAX_KM_PER_DAY) {
      violations.push(
        violation('mileage-over-daily-limit', `lines.${i}.km`, `at most ${MAX_KM_PER_DAY} km a day with one vehicle (here ${km} on ${line.date}): claim each day's trips on their own line`),
      );
    }
  });

  const priced: (ClaimLine | undefined)[] = new Array(lines.length);
  const driven = new Map<string, number>();
  const mileageOrder = lines
    .map((line, index) => ({ line, index }))
    .filter((x): x is { line: MileageLineRequest; index: number } => x.line.kind === 'mileage')
    .sort((a, b) => (a.line.date < b.line.date ? -1 : a.line.date > b.line.date ? 1 : a.index - b.index));
  for (const { line, index } of mileageOrder) {
    const year = yearOf(line.date);
    const key = `${year}|${vehicleKey(line.vehicle)}`;
    const kmBefore = driven.get(key) ?? context.kmAlready(vehicleKey(line.vehicle), year);
    driven.set(key, kmBefore + line.km);
    const allowance = tripAllowance({ date: line.date, km: line.km, kmBefore, vehicle: line.vehicle });
    if (!allowance.ok) {
      for (const v of allowance.violations) violations.push(violation(v.id as ClaimViolationId, `lines.${index}.${v.path}`, v.message));
      continue;
    }
    priced[index] = { ...line, amount: allowance.value.amount, kmAlreadyThisYear: kmBefore, scale: allowance.value.scale, formula: allowance.value.formula };
  }
  lines.forEach((line, i) => {
    if (line.kind !== 'expense') return;
    const rate = parseVatRate(line.vatRate);
    if (rate === null) {
      violations.push(violation('unknown-vat-rate', `lines.${i}.vatRate`, 'the VAT rate is one of 0.20, 0.10, 0.055, 0.021, 0'));
      return;
    }
    const amount = new Dec(line.amountExclVat);
    priced[i] = { ...line, amountExclVat: formatMoney(amount), vatRate: rate, vatAmount: formatMoney(vatOn(amount, rate)) };
  });
  if (violations.length > 0) return { ok: false, violations };
  const done = priced as ClaimLine[];
  return { ok: true, value: { lines: done, totals: totalsOf(done) } };
}

/** A line's amount excl. VAT and its VAT (a mileage allowance is an expense at VAT 0). */
export function lineFigures(line: ClaimLine): { amountExclVat: string; vatRate: VatRate; vatAmount: string } {
  if (line.kind === 'mileage') return { amountExclVat: line.amount, vatRate: '0', vatAmount: '0.00' };
  return { amountExclVat: line.amountExclVat, vatRate: line.vatRate, vatAmount: line.vatAmount };
}

/** The claim's totals: the lines' amounts and VAT added up (each already rounded to the cent). */
export function totalsOf(lines: readonly ClaimLine[]): ClaimTotals {
  const figures = lines.map(lineFigures);
  const exclVat = sum(figures.map((f) => new Dec(f.amountExclVat)));
  const vat = sum(figures.map((f) => new Dec(f.vatAmount)));
  return { totalExclVat: formatMoney(exclVat), vat: formatMoney(vat), total: formatMoney(exclVat.plus(vat)) };
}

/**
 * The ledger entries an approved claim posts, with the index of the line each comes from: one expense per line,
 * dated by the line, labelled by its description, referenced by the claim. A mileage line whose allowance is
 * 0.00 (see mileage.ts `tripAllowance`) moves no money and posts nothing.
 */
export function entriesOf(claimId: string, lines: readonly ClaimLine[]): { line: number; entry: NewTransaction }[] {
  const out: { line: number; entry: NewTransaction }[] = [];
  lines.forEach((line, i) => {
    const figures = lineFigures(line);
    if (new Dec(figures.amountExclVat).isZero()) return;
    out.push({
      line: i,
      entry: {
        type: 'expense',
        date: line.date,
        amountExclVat: figures.amountExclVat,
        vatRate: figures.vatRate,
        label: line.description,
        reference: claimId,
        category: 'other',
      },
    });
  });
  // Oldest first: see docs/architecture.md "Expense claims".
  return out.sort((a, b) => (a.entry.date < b.entry.date ? -1 : a.entry.date > b.entry.date ? 1 : a.line - b.line));
}

export type ClaimAction = 'submit' | 'approve' | 'reject';

/** One change of status, as kept in the claim's history. */
export interface StatusChange {
  readonly status: ClaimStatus;
  readonly at: string;
  readonly by: string;
  readonly reason?: string;
}

/** Whether an action may happen in the claim's status: only a draft is submitted, only a submitted claim decided. */
export function checkTransition(status: ClaimStatus, action: ClaimAction): Violation<ClaimViolationId>[] {
  if (action === 'submit') {
    return status === 'draft' ? [] : [violation('claim-not-draft', '', `only a draft claim is submitted; this one is ${status}`)];
  }
  return status === 'submitted' ? [] : [violation('claim-not-submitted', '', `only a submitted claim is ${action === 'approve' ? 'approved' : 'rejected'}; this one is ${status}`)];
}

/** The status an action leads to. */
export function statusAfter(action: ClaimAction): ClaimStatus {
  return action === 'submit' ? 'submitted' : action === 'approve' ? 'approved' : 'rejected';
}
