/**
 * Who a payroll run covers: everyone with an active stage (supported, employee, associate) in one of the
 * months it closes, and, for the month paid, the fixed part of the CESA that month (a payslip is owed).
 */
import { firstDayOf, lastDayOf } from '../../../domain/calendar.js';
import { contractOn, timeline } from '../../../domain/careerPath/index.js';
import type { Entrepreneur } from '../../shared/repositories/entrepreneurs.js';
import type { PlannedEntrepreneur } from '../../shared/repositories/payrollBatches.js';

const ACTIVE = new Set(['supported', 'employee', 'associate']);

export function planEntrepreneur(e: Entrepreneur, months: readonly string[]): PlannedEntrepreneur | undefined {
  const first = months[0];
  const paid = months[months.length - 1];
  if (!first || !paid) return undefined;
  const from = firstDayOf(first);
  const to = lastDayOf(paid);
  const stages = timeline(e.path, to);
  const overlaps = (s: { from: string; to?: string }, start: string, end: string) => s.from <= end && (s.to === undefined || s.to >= start);
  if (!stages.some((s) => ACTIVE.has(s.stage) && overlaps(s, from, to))) return undefined;
  // The CESA of the paid month: the contract on the last day it was in force that month.
  let fixedMonthlyGross: string | null = null;
  for (const s of stages) {
    if ((s.stage === 'employee' || s.stage === 'associate') && overlaps(s, firstDayOf(paid), to)) {
      const lastDay = s.to !== undefined && s.to < to ? s.to : to;
      const contract = contractOn(e.path, lastDay);
      if (contract) fixedMonthlyGross = contract.fixedMonthlyGross;
    }
  }
  return { id: e.id, communeCode: e.communeCode, fixedMonthlyGross };
}
