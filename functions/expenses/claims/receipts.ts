/**
 * The receipts named by a claim's lines must be this entrepreneur's (repositories/receipts.ts, read only here).
 * A receipt id that is unknown, another entrepreneur's or another CAE's is one and the same answer, a 422
 * `unknown-receipt` naming the line's field: the claim names something it may not use, and the answer leaks
 * nothing about whose it is.
 */
import type { ClaimLineRequest } from '../../../domain/expenses/claims.js';
import { RuleViolated } from '../../shared/errors.js';
import { getReceipt } from '../../shared/repositories/receipts.js';

export async function checkReceipts(caeId: string, entrepreneurId: string, lines: readonly ClaimLineRequest[]): Promise<void> {
  const named = lines.flatMap((line, i) => (line.kind === 'expense' && line.receiptId !== undefined ? [{ i, receiptId: line.receiptId }] : []));
  const found = await Promise.all(named.map(async (n) => ({ ...n, receipt: await getReceipt(caeId, entrepreneurId, n.receiptId) })));
  const missing = found.filter((n) => n.receipt === undefined);
  if (missing.length === 0) return;
  const errors = missing.map((n) => ({ path: `body.lines.${n.i}.receiptId`, message: `no receipt ${n.receiptId} of this entrepreneur` }));
  throw new RuleViolated('unknown-receipt', errors[0]?.message ?? 'unknown receipt', errors);
}
