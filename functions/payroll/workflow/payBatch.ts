/**
 * One child of the Distributed Map: pays a batch of ≤ 100 entrepreneurs. For each, the ledger's months the
 * run closes are closed (their totals final), computed from the last closed account and those totals
 * (domain/payroll closeMonthsToPay) and written as closed accounts, the paid month with its payslip. Every
 * write is conditional on a deterministic key, so a batch retried after a crash, or a month run twice, writes
 * each payslip exactly once.
 *
 * A person's error is that person's: when payroll refuses one entrepreneur's data, the others are paid, the
 * batch records who was not and why (CloseRun lists them on the run), and their months stay open until the
 * month runs again after the fix. What is not about one person (no rates for the month, the CAE's settings,
 * DynamoDB) fails the batch, so the run fails and resumes.
 */
import { previousMonth } from '../../../domain/calendar.js';
import { afterTax, closeMonthsToPay, InvalidPayrollInput, NoRatesForDate, ratesFor, taxRateFor } from '../../../domain/payroll/index.js';
import { Dec, formatMoney, roundCents } from '../../../domain/money.js';
import { nowIso } from '../../shared/clock.js';
import * as keys from '../../shared/keys.js';
import { logger } from '../../shared/logger.js';
import { getCae } from '../../shared/repositories/caes.js';
import {
  closeLedgerMonths,
  getMany,
  keyOf,
  latestClosedBefore,
  overridesOf,
  writeClosedMonth,
} from '../../shared/repositories/monthClosing.js';
import { beatRun, readBatch, recordBatchUnpaid } from '../../shared/repositories/payrollBatches.js';
import { findRun, type MonthResult, resultFromItem, type StoredPayslip, type UnpaidEntrepreneur } from '../../shared/repositories/payrollRuns.js';
import { versionsOf } from '../../shared/repositories/taxWithholding.js';
import { payrollSettingsOf } from '../settings.js';
import { bookClosedMonth } from '../../accounting/bookings.js';

export interface BatchEvent {
  BatchInput: { caeId: string; month: string };
  Items: number[];
}

/** Full-time monthly SMIC (151.67 h, kept exact as 35 × 52 ÷ 12) of a date: funders count FTE against it. */
function fullTimeSmicGross(date: string): string {
  const table = ratesFor(date);
  return formatMoney(roundCents(new Dec(table.smicHourly.value).times(35).times(52).dividedBy(12)));
}

/**
 * The payslip as stored, with the tax withheld at source at the rate in force in the month (`personalRate`;
 * null: the neutral grid of the month), docs/domain.md "Payslips".
 */
function storedPayslip(
  salary: NonNullable<ReturnType<typeof closeMonthsToPay>[number]['salary']>,
  month: string,
  personalRate: string | null,
): StoredPayslip {
  const money = (d: { toFixed: (n: number) => string }) => d.toFixed(2);
  const rate = (d: { toString: () => string } | null) => (d === null ? '' : d.toString());
  const { withholding, netPaid } = afterTax(salary, personalRate);
  return {
    gross: money(salary.gross),
    fixedPart: money(salary.fixedPart),
    variablePart: money(salary.variablePart),
    net: money(salary.net),
    employeeContributions: money(salary.employeeContributions),
    employerContributions: money(salary.employerContributions),
    generalReduction: money(salary.generalReduction),
    employerCost: money(salary.employerCost),
    flags: [...salary.flags],
    lines: salary.lines.map((l) => ({
      code: l.code,
      label: l.label,
      base: money(l.base),
      employeeRate: rate(l.employeeRate),
      employeeAmount: money(l.employeeAmount),
      employerRate: rate(l.employerRate),
      employerAmount: money(l.employerAmount),
    })),
    rulesVersion: salary.rulesVersion,
    fullTimeSmicGross: fullTimeSmicGross(`${month}-01`),
    netSocial: money(salary.netSocial),
    netTaxable: money(salary.netTaxable),
    taxRate: withholding.rate.toString(),
    taxRateSource: withholding.rateSource,
    taxWithheld: money(withholding.amount),
    netPaid: money(netPaid),
    weeklyHours: salary.weeklyHours.toString(),
  };
}

/**
 * Why payroll could not pay this person, as staff read it; rethrows what is not about one person (the month's
 * rates and the CAE's settings are the same for everyone: the whole run must fail and resume).
 */
function personalReason(entrepreneurId: string, error: unknown): string {
  if (error instanceof NoRatesForDate) throw error;
  if (error instanceof InvalidPayrollInput && error.field.startsWith('settings.')) throw error;
  logger.error('payroll could not pay an entrepreneur', { entrepreneurId, error: error as Error });
  if (error instanceof InvalidPayrollInput) return error.message;
  return `${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`.slice(0, 500);
}

export async function handler(event: BatchEvent): Promise<{ paid: number; written: number; unpaid: number }> {
  const { caeId, month } = event.BatchInput;
  const [cae, run] = await Promise.all([getCae(caeId), findRun(caeId, month)]);
  const months = (run as { months?: string[] } | undefined)?.months ?? [month];
  const first = months[0] as string;
  const settings = payrollSettingsOf(cae.payrollSettings);
  let paid = 0;
  let written = 0;
  let unpaidCount = 0;
  for (const batch of event.Items) {
    const planned = await readBatch(caeId, month, batch);
    const unpaid: UnpaidEntrepreneur[] = [];
    // Everything keyed per entrepreneur, in a few BatchGetItem requests.
    const wanted = planned.flatMap((p) => [
      keys.closedAccount(caeId, p.id, previousMonth(first)),
      keys.contributionOverride(caeId, p.id),
      keys.salaryRequest(caeId, p.id, month),
      keys.taxWithholding(caeId, p.id),
      ...months.map((m) => keys.closedAccount(caeId, p.id, m)),
    ]);
    const found = await getMany(wanted);
    for (const p of planned) {
      const alreadyClosed = months.map((m) => found.get(keyOf(keys.closedAccount(caeId, p.id, m))));
      if (alreadyClosed.every((item) => item !== undefined)) {
        for (const item of alreadyClosed) await bookClosedMonth(resultFromItem(item as Record<string, unknown>));
        if (p.fixedMonthlyGross !== null) paid += 1;
        continue;
      }
      if (p.unpaidIn) {
        unpaid.push({ entrepreneurId: p.id, reason: `${p.unpaidIn} is not paid yet for this entrepreneur: run ${p.unpaidIn} again first` });
        continue;
      }
      const previousItem = found.get(keyOf(keys.closedAccount(caeId, p.id, previousMonth(first))));
      const base = previousItem ? resultFromItem(previousItem).account : await latestClosedBefore(caeId, p.id, first);
      // The ledger's months are closed first (no entry can be added after) and give the totals to compute from.
      const totalsByMonth = await closeLedgerMonths(caeId, p.id, months, base);
      const request = found.get(keyOf(keys.salaryRequest(caeId, p.id, month)));
      let closed: ReturnType<typeof closeMonthsToPay>;
      try {
        closed = closeMonthsToPay({
          months,
          base,
          totalsByMonth,
          policies: cae.contributionPolicies,
          overrides: overridesOf(found.get(keyOf(keys.contributionOverride(caeId, p.id)))),
          fixedMonthlyGross: p.fixedMonthlyGross,
          ...(request ? { requestedMaxGross: request.maxGross as string } : {}),
          settings,
        });
      } catch (error) {
        unpaid.push({ entrepreneurId: p.id, reason: personalReason(p.id, error) });
        continue;
      }
      const personalRate = taxRateFor(versionsOf(found.get(keyOf(keys.taxWithholding(caeId, p.id)))), month);
      let results: MonthResult[];
      try {
        results = closed.map((c) => ({
          caeId,
          entrepreneurId: p.id,
          month: c.account.month,
          communeCode: p.communeCode,
          account: c.account,
          ...(c.salary ? { payslip: storedPayslip(c.salary, c.account.month, personalRate) } : {}),
        }));
      } catch (error) {
        unpaid.push({ entrepreneurId: p.id, reason: personalReason(p.id, error) });
        continue;
      }
      for (const result of results) {
        if (alreadyClosed[months.indexOf(result.month)]) continue;
        const outcome = await writeClosedMonth(result);
        if (outcome.written) written += 1;
        await bookClosedMonth(outcome.result);
      }
      if (p.fixedMonthlyGross !== null) paid += 1;
    }
    // Rewritten whole on every attempt of the batch: a person paid on a later run leaves the list.
    await recordBatchUnpaid(caeId, month, batch, unpaid);
    unpaidCount += unpaid.length;
  }
  await beatRun(caeId, month, nowIso());
  return { paid, written, unpaid: unpaidCount };
}
