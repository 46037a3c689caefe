/**
 * What the books show (docs/api.md "Accounting"): the trial balance of a set of lines, and the monthly VAT
 * return figures. Both read entries as they were written; neither recomputes an entry.
 */
import type { Decimal } from 'decimal.js';
import { Dec, formatMoney, ZERO } from '../money.js';
import { isResultAccount } from './chart.js';
import type { AnalyticTransfer, EntryLine } from './entries.js';

export interface TrialBalanceAccount {
  readonly account: string;
  readonly label: string;
  readonly debit: string;
  readonly credit: string;
  /** Debit minus credit (negative for a credit balance). */
  readonly balance: string;
}

export interface TrialBalance {
  readonly accounts: TrialBalanceAccount[];
  /** `result`: credit minus debit over classes 6 and 7 (a profit is positive). */
  readonly totals: { readonly debit: string; readonly credit: string; readonly result: string };
}

/**
 * The trial balance of lines, by account number. Analytic transfers (an activity's contribution), when given,
 * count as charges of their account: that is what makes an activity's result its activity account's.
 */
export function trialBalance(lines: Iterable<Pick<EntryLine, 'account' | 'accountLabel' | 'debit' | 'credit'>>, transfers: Iterable<AnalyticTransfer> = []): TrialBalance {
  const byAccount = new Map<string, { label: string; debit: Decimal; credit: Decimal }>();
  const add = (account: string, label: string, debit: Decimal, credit: Decimal) => {
    const current = byAccount.get(account) ?? { label, debit: ZERO, credit: ZERO };
    byAccount.set(account, { label: current.label, debit: current.debit.plus(debit), credit: current.credit.plus(credit) });
  };
  for (const line of lines) add(line.account, line.accountLabel, new Dec(line.debit), new Dec(line.credit));
  for (const t of transfers) add(t.account, t.accountLabel, new Dec(t.amount), ZERO);
  let debit = ZERO;
  let credit = ZERO;
  let result = ZERO;
  const accounts = [...byAccount.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([account, figures]) => {
      debit = debit.plus(figures.debit);
      credit = credit.plus(figures.credit);
      if (isResultAccount(account)) result = result.plus(figures.credit).minus(figures.debit);
      return {
        account,
        label: figures.label,
        debit: formatMoney(figures.debit),
        credit: formatMoney(figures.credit),
        balance: formatMoney(figures.debit.minus(figures.credit)),
      };
    });
  return { accounts, totals: { debit: formatMoney(debit), credit: formatMoney(credit), result: formatMoney(result) } };
}

export interface VatFigures {
  readonly collected: { rate: string; base: string; amount: string }[];
  readonly deductible: { readonly goodsAndServices: string; readonly fixedAssets: string };
  readonly netDue: string;
  readonly credit: string;
}

/**
 * The VAT return figures of a month's lines: VAT collected per rate (the lines that made VAT due in the month:
 * sales of goods and, on debits, of services when invoiced; services otherwise when paid; typed revenues),
 * VAT deductible on goods and services, and what is due or the credit carried.
 */
export function vatFigures(lines: Iterable<EntryLine>): VatFigures {
  const collected = new Map<string, { base: Decimal; amount: Decimal }>();
  let deductible = ZERO;
  for (const line of lines) {
    if (!line.vat) continue;
    if (line.vat.side === 'collected') {
      const current = collected.get(line.vat.rate) ?? { base: ZERO, amount: ZERO };
      collected.set(line.vat.rate, {
        base: current.base.plus(line.vat.base),
        amount: current.amount.plus(new Dec(line.credit).minus(line.debit)),
      });
    } else {
      deductible = deductible.plus(new Dec(line.debit).minus(line.credit));
    }
  }
  const totalCollected = [...collected.values()].reduce((s, v) => s.plus(v.amount), ZERO);
  const net = totalCollected.minus(deductible);
  return {
    collected: [...collected.entries()]
      .sort(([a], [b]) => new Dec(b).comparedTo(new Dec(a)))
      .map(([rate, v]) => ({ rate, base: formatMoney(v.base), amount: formatMoney(v.amount) })),
    deductible: { goodsAndServices: formatMoney(deductible), fixedAssets: '0.00' },
    netDue: formatMoney(net.isPositive() ? net : ZERO),
    credit: formatMoney(net.isNegative() ? net.negated() : ZERO),
  };
}
