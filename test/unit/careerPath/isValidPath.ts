/**
 * An independent check of what a stored career path must look like, written from docs/domain.md and the TSDoc of
 * domain/careerPath, without the model's own helpers (its date arithmetic goes through JavaScript's Date,
 * the model's through calendar.ts and months.ts). The property tests run it on every path the commands build.
 */
import type { CareerPath, Stage } from '../../../domain/careerPath/index.js';

const DAY = 86_400_000;

function ms(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function iso(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && iso(ms(value)) === value;
}

function plusDays(date: string, days: number): string {
  return iso(ms(date) + days * DAY);
}

/** Same day N months later, or the 1st of the month after when that day does not exist. */
function monthsLater(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const candidate = new Date(Date.UTC(y, m - 1 + months, d));
  const expectedMonth = (((m - 1 + months) % 12) + 12) % 12;
  if (candidate.getUTCMonth() === expectedMonth) return iso(candidate.getTime());
  return iso(Date.UTC(y, m + months, 1));
}

/** True when the period from → to (inclusive) fits in `months` months. */
function fitsIn(from: string, to: string, months: number): boolean {
  return plusDays(to, 1) <= monthsLater(from, months);
}

/** Whole months and leftover days of from → to (inclusive). */
function length(from: string, to: string): { months: number; days: number } {
  const end = plusDays(to, 1);
  if (end <= from) return { months: 0, days: 0 };
  let months = 0;
  while (monthsLater(from, months + 1) <= end) months += 1;
  return { months, days: Math.round((ms(end) - ms(monthsLater(from, months))) / DAY) };
}

const EXIT_REASONS = ['company_created', 'salaried_job', 'training', 'stopped', 'other'];
const MONEY = /^\d+\.\d{2}$/;

const NEXT: Record<Stage['stage'], readonly Stage['stage'][]> = {
  candidate: ['supported', 'employee', 'exited'],
  supported: ['candidate', 'employee', 'exited'],
  employee: ['associate', 'exited'],
  associate: ['exited'],
  exited: ['supported', 'employee'],
};

/** Every invariant a stored path breaks, as sentences; empty for a valid path. */
export function pathProblems(path: CareerPath, settings: { requireConventionBeforeContract: boolean }): string[] {
  const problems: string[] = [];
  const stages = path.stages;
  const say = (i: number, what: string) => problems.push(`stage ${i} (${stages[i]?.stage}): ${what}`);
  if (stages.length === 0) return problems;

  const first = stages[0] as Stage;
  if (first.stage !== 'candidate' || first.details.cause !== 'welcomed') say(0, 'a path starts with a welcome');

  let segmentStart = 0;
  for (let i = 0; i < stages.length; i += 1) {
    const stage = stages[i] as Stage;
    const previous = stages[i - 1];
    const isLast = i === stages.length - 1;
    if (previous?.stage === 'exited') segmentStart = i;
    const segmentSoFar = stages.slice(segmentStart, i);

    // Dates and contiguity.
    if (!isDate(stage.from)) say(i, `from ${stage.from} is not a date`);
    if (stage.to !== undefined) {
      if (!isDate(stage.to)) say(i, `to ${stage.to} is not a date`);
      else if (plusDays(stage.to, 1) < stage.from) say(i, 'ends more than a day before it starts');
    }
    if (!isLast) {
      const next = stages[i + 1] as Stage;
      if (stage.to === undefined) say(i, 'a stage followed by another has an end');
      else if (plusDays(stage.to, 1) !== next.from) say(i, `is not followed the next day (${stage.to} → ${next.from})`);
      if (!NEXT[stage.stage].includes(next.stage)) say(i, `cannot be followed by ${next.stage}`);
    }

    switch (stage.stage) {
      case 'candidate': {
        if (i > 0) {
          const ended = previous?.stage === 'supported' && previous.to === previous.details.endsOn;
          if (stage.details.cause !== 'convention_ended' || !ended) say(i, 'a later candidate stage only follows a CAPE that ran to its end');
        }
        if (isLast && stage.to !== undefined) say(i, 'a last candidate stage has no end');
        break;
      }
      case 'supported': {
        const cape = stage.details;
        if (segmentSoFar.some((s) => s.stage === 'supported')) say(i, 'a second CAPE in one segment');
        if (cape.startsOn !== stage.from) say(i, 'starts on its startsOn');
        if (!(cape.signedOn <= cape.startsOn)) say(i, 'signed after it starts');
        if (cape.initialEndsOn < cape.startsOn) say(i, 'ends before it starts');
        if (!fitsIn(cape.startsOn, cape.initialEndsOn, 12)) say(i, 'lasts more than 12 months');
        if (cape.renewals.length > 2) say(i, 'renewed more than twice');
        let end = cape.initialEndsOn;
        for (const renewal of cape.renewals) {
          if (!(renewal.endsOn > end)) say(i, 'a renewal does not extend the CAPE');
          if (!fitsIn(plusDays(end, 1), renewal.endsOn, 12)) say(i, 'a renewal lasts more than 12 months');
          end = renewal.endsOn;
        }
        if (cape.endsOn !== end) say(i, 'endsOn is not the last renewal’s');
        if (!fitsIn(cape.startsOn, cape.endsOn, 36)) say(i, 'lasts more than 36 months in all');
        if (stage.to === undefined || stage.to > cape.endsOn) say(i, 'runs past its endsOn');
        if (isLast && stage.to !== cape.endsOn) say(i, 'a last CAPE ends on its endsOn');
        break;
      }
      case 'employee': {
        const cesa = stage.details;
        if (segmentSoFar.some((s) => s.stage === 'employee')) say(i, 'a second CESA in one segment');
        if (cesa.startsOn !== stage.from) say(i, 'starts on its startsOn');
        if (!(cesa.signedOn <= cesa.startsOn)) say(i, 'signed after it starts');
        if (!MONEY.test(cesa.fixedMonthlyGross)) say(i, 'fixedMonthlyGross is not a money string');
        if (!Number.isInteger(cesa.trialMonths) || cesa.trialMonths < 0) say(i, 'trialMonths is not a whole number');
        const cape = segmentSoFar.find((s) => s.stage === 'supported');
        const capeLength = cape ? length(cape.from, cape.to ?? cape.from) : { months: 0, days: 0 };
        const hadCape = capeLength.months > 0 || capeLength.days > 0;
        if (settings.requireConventionBeforeContract && !hadCape) say(i, 'a CESA without a prior CAPE');
        const capeMonths = capeLength.months + (capeLength.days > 0 ? 1 : 0);
        if (cesa.trialMonths > 0 && cesa.trialMonths + capeMonths > 8) say(i, 'trial and CAPE exceed 8 months');
        const deadline = plusDays(monthsLater(cesa.startsOn, 36 - capeLength.months), -capeLength.days);
        if (cesa.associateDeadline !== deadline) say(i, `deadline ${cesa.associateDeadline}, expected ${deadline}`);
        if (deadline < cesa.startsOn) say(i, 'the deadline falls before the CESA starts');
        if (stage.to === undefined || stage.to > deadline) say(i, 'runs past the associate deadline');
        if (isLast && stage.to !== deadline) say(i, 'a last CESA ends on its deadline');
        break;
      }
      case 'associate': {
        if (previous?.stage !== 'employee') say(i, 'only an employee becomes an associate');
        else if (stage.from > previous.details.associateDeadline) say(i, 'membership after the deadline');
        if (stage.details.effectiveOn !== stage.from) say(i, 'starts on its effectiveOn');
        if (!MONEY.test(stage.details.capitalSubscribed) || Number(stage.details.capitalSubscribed) <= 0) {
          say(i, 'capitalSubscribed is not a positive money string');
        }
        if (isLast && stage.to !== undefined) say(i, 'a last associate stage has no end');
        break;
      }
      case 'exited': {
        if (stage.reason === 'associate_deadline') {
          const ranOut = previous?.stage === 'employee' && previous.to === previous.details.associateDeadline;
          if (!ranOut) say(i, 'associate_deadline only follows a CESA that reached its deadline');
        } else if (!EXIT_REASONS.includes(stage.reason)) say(i, `unknown reason ${stage.reason}`);
        if (i === 0) say(i, 'a path does not start with an exit');
        if (isLast && stage.to !== undefined) say(i, 'a last exited stage has no end');
        break;
      }
    }
  }
  return problems;
}

/** True when the stored path keeps every invariant. */
export function isValidPath(path: CareerPath, settings: { requireConventionBeforeContract: boolean }): boolean {
  return pathProblems(path, settings).length === 0;
}

/**
 * The status on a date read straight from the stored stages, with what follows a CAPE or a CESA that ends by
 * itself (candidate again; exited at the deadline).
 */
export function expectedStatus(path: CareerPath, date: string): string {
  const stages = path.stages;
  const first = stages[0];
  if (!first || date < first.from) return 'none';
  for (const stage of stages) {
    if (stage.from <= date && (stage.to === undefined || date <= stage.to)) return stage.stage;
  }
  const last = stages[stages.length - 1] as Stage;
  if (last.stage === 'supported') return 'candidate';
  if (last.stage === 'employee') return 'exited';
  throw new Error(`no stage contains ${date}`);
}
