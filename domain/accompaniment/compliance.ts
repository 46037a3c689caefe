/**
 * Accompaniment compliance (docs/domain.md "Accompaniment"): at least two individual follow-up interviews held
 * in the last 12 months for everyone supported (CAPE) or employed (CESA, associates included) on a date
 * (décret 2015-1363). Pure: the date, the person's career path and their held interviews are inputs.
 *
 * - The window on date D is the 12 months ending on D: interviews held after `addMonths(D, -12)` and on or
 *   before D (on 2026-03-15: from 2025-03-16 to 2026-03-15).
 * - Someone accompanied for less than a year owes interviews pro rata: one per full six months since their
 *   accompaniment began (0 in the first six months, 1 from the sixth month, 2 from the twelfth), so that a
 *   person who signed a CAPE last week is not flagged, and one who signed six months ago without any
 *   interview is. The accompaniment begins on the first day of the unbroken run of supported / employee /
 *   associate stages that includes D (a CAPE followed by a CESA is one run; a re-entry after an exit starts a
 *   new one).
 * - nextDueOn: the first day after D on which, with no new interview, the person would fall short; one held on
 *   or before it keeps them compliant. For someone already short it is D itself: due now.
 */
import { addDays, addMonths, type IsoDate } from '../calendar.js';
import { type CareerPath, type CareerStatus, type Stage, timeline } from '../careerPath/index.js';

/** Interviews a year the law asks for (décret 2015-1363). */
export const INTERVIEWS_PER_YEAR = 2;
/** The window the count is taken over, in months. */
export const WINDOW_MONTHS = 12;
/** A newcomer owes one interview per this many full months of accompaniment (the pro rata of 2 a year). */
export const MONTHS_PER_INTERVIEW = WINDOW_MONTHS / INTERVIEWS_PER_YEAR;

/** The statuses that owe interviews: supported (CAPE) and employed (CESA, associates too). */
export const ACCOMPANIED_STATUSES: readonly CareerStatus[] = ['supported', 'employee', 'associate'];

export function isAccompanied(status: CareerStatus): boolean {
  return ACCOMPANIED_STATUSES.includes(status);
}

/** Whether an interview held on `heldOn` is in the 12-month window ending on `asOf`. */
export function inWindow(heldOn: IsoDate, asOf: IsoDate): boolean {
  return heldOn > addMonths(asOf, -WINDOW_MONTHS) && heldOn <= asOf;
}

/**
 * The first day of the accompaniment in force on `asOf`: the start of the unbroken run of accompanied stages
 * that includes that date. Undefined when the person is not accompanied on `asOf`.
 */
export function accompanimentStart(path: CareerPath, asOf: IsoDate): IsoDate | undefined {
  const stages = timeline(path, asOf);
  const covers = (s: Stage) => s.from <= asOf && (s.to === undefined || asOf <= s.to);
  let index = -1;
  for (let i = stages.length - 1; i >= 0; i -= 1) {
    if (covers(stages[i] as Stage)) {
      index = i;
      break;
    }
  }
  const current = stages[index];
  if (!current || !isAccompanied(current.stage)) return undefined;
  let start = current.from;
  for (let i = index - 1; i >= 0; i -= 1) {
    const s = stages[i] as Stage;
    // The run is unbroken when the earlier accompanied stage lasts until the day before the next one begins.
    if (!isAccompanied(s.stage) || (s.to !== undefined && addDays(s.to, 1) < start)) break;
    start = s.from;
  }
  return start;
}

/** Full months from `from` to `to`, counted up to `cap` (2026-01-15 → 2026-07-14: 5; → 2026-07-15: 6). */
export function fullMonthsBetween(from: IsoDate, to: IsoDate, cap = 1200): number {
  let months = 0;
  while (months < cap && addMonths(from, months + 1) <= to) months += 1;
  return months;
}

/** Interviews owed on `asOf` by someone accompanied since `since`: 2, or pro rata in their first year. */
export function interviewsRequired(since: IsoDate, asOf: IsoDate): number {
  return Math.min(INTERVIEWS_PER_YEAR, Math.floor(fullMonthsBetween(since, asOf, WINDOW_MONTHS) / MONTHS_PER_INTERVIEW));
}

export interface ComplianceInput {
  asOf: IsoDate;
  /** The first day of the accompaniment in force (accompanimentStart). */
  since: IsoDate;
  /** The dates of the person's held individual interviews (any order; those outside the window are ignored). */
  heldOn: readonly IsoDate[];
}

export interface Compliance {
  individualInterviews12m: number;
  required: number;
  compliant: boolean;
  nextDueOn: IsoDate;
}

function countOn(heldOn: readonly IsoDate[], date: IsoDate): number {
  return heldOn.filter((d) => inWindow(d, date)).length;
}

function compliantOn(input: ComplianceInput, date: IsoDate): boolean {
  return countOn(input.heldOn, date) >= interviewsRequired(input.since, date);
}

/**
 * The person's compliance on `asOf` (see the module comment). nextDueOn is found among the days where the
 * answer can change without a new interview: an interview leaving the window, the six- and twelve-month
 * marks of a newcomer; the first of them on which the person falls short.
 */
export function complianceOn(input: ComplianceInput): Compliance {
  const { asOf, since } = input;
  const count = countOn(input.heldOn, asOf);
  const required = interviewsRequired(since, asOf);
  const compliant = count >= required;
  if (!compliant) return { individualInterviews12m: count, required, compliant, nextDueOn: asOf };
  const changes = new Set<IsoDate>();
  for (const d of input.heldOn) {
    if (!inWindow(d, asOf)) continue;
    // The first day whose window no longer holds d (month ends make addMonths clamp: look at the day after too).
    const leaves = addMonths(d, WINDOW_MONTHS);
    changes.add(leaves);
    changes.add(addDays(leaves, 1));
  }
  for (let k = 1; k <= INTERVIEWS_PER_YEAR; k += 1) changes.add(addMonths(since, k * MONTHS_PER_INTERVIEW));
  const ahead = [...changes].filter((d) => d > asOf).sort();
  const nextDueOn = ahead.find((d) => !compliantOn(input, d)) ?? addMonths(asOf, WINDOW_MONTHS);
  return { individualInterviews12m: count, required, compliant, nextDueOn };
}

/** The share of compliant people, as a ratio in [0, 1] with 4 decimals; null when nobody is accompanied. */
export function compliantShare(people: number, compliant: number): string | null {
  if (people === 0) return null;
  return (Math.round((compliant / people) * 10_000) / 10_000).toFixed(4);
}
