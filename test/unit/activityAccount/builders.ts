/** Small builders for activity account tests. */
import {
  type LedgerContext,
  type NewTransaction,
  type ReversalContext,
  recordTransaction,
  reverseTransaction,
  type Transaction,
} from '../../../domain/activityAccount/index.js';
import type { CareerPath } from '../../../domain/careerPath/index.js';
import { contract, conventionOptional, pathOf, welcome } from '../careerPath/builders.js';

let sequence = 0;
const nextId = () => `tx-${String(++sequence).padStart(6, '0')}`;

/** Welcomed on 2023-12-01, employee under a CESA from 2024-01-01 (with no CAPE first). */
export const EMPLOYEE_SINCE_2024: CareerPath = pathOf([welcome('2023-12-01'), contract('2024-01-01')], conventionOptional);

/** An employee whose contract started on 2024-01-01, in a CAE that has closed nothing. */
export const activeContext = (over: Partial<LedgerContext> = {}): LedgerContext => ({
  path: EMPLOYEE_SINCE_2024,
  lastClosedMonth: null,
  ...over,
});

export const reversalContext = (over: Partial<ReversalContext> = {}): ReversalContext => ({
  ...activeContext(),
  alreadyReversed: false,
  ...over,
});

export const request = (over: Partial<NewTransaction> = {}): NewTransaction => ({
  type: 'revenue',
  date: '2025-03-10',
  amountExclVat: '100.00',
  vatRate: '0.20',
  label: 'Invoice',
  ...over,
});

/** A recorded entry; throws if the rules refuse it (a test bug, not a behaviour). */
export function entry(over: Partial<NewTransaction> = {}): Transaction {
  const result = recordTransaction(nextId(), request(over), activeContext());
  if (!result.ok) throw new Error(`builder refused: ${result.violations.map((v) => v.id).join(', ')}`);
  return result.value;
}

export const revenue = (amountExclVat: string, over: Partial<NewTransaction> = {}) =>
  entry({ type: 'revenue', amountExclVat, ...over });

export const expense = (amountExclVat: string, over: Partial<NewTransaction> = {}) =>
  entry({ type: 'expense', amountExclVat, ...over });

/** The reversal of an entry, dated the same day unless told. */
export function reversal(original: Transaction, date = original.date): Transaction {
  const result = reverseTransaction(nextId(), original, { date, reason: 'mistake' }, reversalContext());
  if (!result.ok) throw new Error(`builder refused: ${result.violations.map((v) => v.id).join(', ')}`);
  return result.value;
}

/** The violation ids of a checked result (empty when accepted). */
export const idsOf = (result: { ok: boolean; violations?: readonly { id: string }[] }): string[] =>
  result.ok ? [] : (result.violations ?? []).map((v) => v.id);
