/**
 * The compliance of a CAE's people on a date (docs/domain.md "Accompaniment"), read cheaply: the CAE's people
 * (one query of its listing, paged by 1,000) and its held individual interviews of the 12 months before the date
 * (one query of the sparse index, repositories/interviews.ts), never each person's interviews. And the per-CAE
 * figures the federation summary shows (repositories/compliance.ts), kept so that the summary reads one item per
 * CAE.
 */
import { accompanimentStart, complianceOn, compliantShare } from '../../domain/accompaniment/index.js';
import { addMonthsToMonth, firstDayOf, lastDayOf, monthOf } from '../../domain/calendar.js';
import { statusOn } from '../../domain/careerPath/index.js';
import { todayInParis } from '../shared/clock.js';
import { logger } from '../shared/logger.js';
import { allPages } from '../shared/pagination.js';
import { type ComplianceFigures, complianceFiguresOf, dropComplianceFigures, putComplianceFigures } from '../shared/repositories/compliance.js';
import { listEntrepreneurs } from '../shared/repositories/entrepreneurs.js';
import { heldInterviewDays } from '../shared/repositories/interviews.js';

export interface ComplianceRow {
  entrepreneurId: string;
  name: string;
  status: 'supported' | 'employee' | 'associate';
  accompaniedSince: string;
  individualInterviews12m: number;
  required: number;
  compliant: boolean;
  nextDueOn: string;
}

/** Everyone supported or employed on `asOf`, with their compliance, in the CAE's listing order. */
export async function complianceOf(caeId: string, asOf: string): Promise<{ people: number; compliant: number; items: ComplianceRow[] }> {
  const [people, held] = await Promise.all([allPages((cursor) => listEntrepreneurs(caeId, 1000, cursor)), heldInterviewDays(caeId, asOf)]);
  const items: ComplianceRow[] = [];
  for (const person of people) {
    const since = accompanimentStart(person.path, asOf);
    if (since === undefined) continue;
    const c = complianceOn({ asOf, since, heldOn: held.get(person.id) ?? [] });
    items.push({
      entrepreneurId: person.id,
      name: `${person.firstName} ${person.lastName}`,
      status: statusOn(person.path, asOf) as ComplianceRow['status'],
      accompaniedSince: since,
      ...c,
    });
  }
  return { people: items.length, compliant: items.filter((i) => i.compliant).length, items };
}

/** The day a month's figures are taken on: its last day, or today while it is in progress; null if it has not begun. */
function figuresDay(month: string, today: string): string | null {
  if (firstDayOf(month) > today) return null;
  const last = lastDayOf(month);
  return last < today ? last : today;
}

async function takeFigures(caeId: string, month: string, asOf: string): Promise<ComplianceFigures> {
  const { people, compliant } = await complianceOf(caeId, asOf);
  const figures = { caeId, month, asOf, people, compliant };
  await putComplianceFigures(figures);
  return figures;
}

/**
 * After an interview held on `heldOn` was recorded: the month in progress is taken again at once (2 queries),
 * and the earlier months whose 12-month windows hold that day (an interview recorded after the fact) are
 * dropped, to be taken again when the summary asks for them.
 */
export async function interviewRecorded(caeId: string, heldOn: string): Promise<void> {
  const today = todayInParis();
  const current = monthOf(today);
  const stale: string[] = [];
  for (let m = monthOf(heldOn), i = 0; m < current && i < 12; m = addMonthsToMonth(m, 1), i += 1) stale.push(m);
  await Promise.all([dropComplianceFigures(caeId, stale), heldOn <= today ? takeFigures(caeId, current, today) : Promise.resolve()]);
}

export type ComplianceSummary = { asOf: string; people: number; compliant: number; share: string | null } | null;

/**
 * The federation summary's compliance columns for a page of CAEs and a month: one BatchGetItem of the kept
 * figures; a CAE whose figures are missing or older than the day they should show (the month in progress on a
 * later day) has them taken now and kept (2 queries for that CAE, once a day at most).
 */
export async function complianceSummaries(caeIds: readonly string[], month: string): Promise<Map<string, ComplianceSummary>> {
  const out = new Map<string, ComplianceSummary>();
  const day = figuresDay(month, todayInParis());
  if (day === null) {
    for (const caeId of caeIds) out.set(caeId, null);
    return out;
  }
  const kept = await complianceFiguresOf(caeIds, month);
  const stale: string[] = [];
  for (const caeId of caeIds) {
    const found = kept.get(caeId);
    if (found && found.asOf === day) out.set(caeId, summaryOf(found));
    else stale.push(caeId);
  }
  // A few CAEs at a time, so that a page of 200 CAEs never seen this month does not send 600 requests at once;
  // a CAE whose figures cannot be taken now shows null rather than failing the whole summary.
  for (let i = 0; i < stale.length; i += TAKEN_AT_ONCE) {
    await Promise.all(
      stale.slice(i, i + TAKEN_AT_ONCE).map(async (caeId) => {
        try {
          out.set(caeId, summaryOf(await takeFigures(caeId, month, day)));
        } catch (error) {
          logger.error('compliance figures not taken', { caeId, month, error: error as Error });
          out.set(caeId, null);
        }
      }),
    );
  }
  return out;
}

/** How many CAEs' figures the summary takes in parallel. */
const TAKEN_AT_ONCE = 8;

function summaryOf(f: ComplianceFigures): ComplianceSummary {
  return { asOf: f.asOf, people: f.people, compliant: f.compliant, share: compliantShare(f.people, f.compliant) };
}
