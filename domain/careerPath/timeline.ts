/**
 * Reading a career path: the status on a date, the current contract, the associate deadline.
 *
 * Two stages end by themselves, and the path says what follows them without anyone recording it:
 * - A CAPE that reaches its `endsOn` with nothing after it: the person is a candidate again (cause
 *   `convention_ended`) from the next day. They are a porteur de projet known to the CAE with no contract,
 *   which is the glossary's candidate; counting them as exited would invent an exit reason the API does not
 *   have and hide the real one (company created, job found…) that staff records when they know it; and they
 *   stay in the same path segment, so a CESA signed after a short gap still deducts the CAPE as the law asks.
 * - A CESA that reaches its associate deadline without membership: the contract ends by law (L7331-3), so
 *   the person is exited from the next day with reason `associate_deadline`. A funder counting employees on
 *   a later date must not count them: they are no longer employed.
 *
 * `timeline` shows that projected stage after the stored ones; `statusOn` reads the timeline. When a later
 * command is recorded, the projected stage becomes part of the stored history (decide.ts).
 */
import { addDays, type IsoDate } from '../calendar.js';
import { lengthOf, type MonthsAndDays } from './months.js';
import type {
  CandidateStage,
  CareerPath,
  CareerStatus,
  ContractDetails,
  EmployeeStage,
  ExitedStage,
  Stage,
  SupportedStage,
} from './types.js';

/**
 * The stage that follows the last stored stage by itself, if it ends by itself: a candidate stage after a
 * CAPE's `endsOn`, an exited stage (`associate_deadline`) after a CESA's deadline. Undefined otherwise.
 */
export function lapseOf(stages: readonly Stage[]): CandidateStage | ExitedStage | undefined {
  const last = stages.at(-1);
  if (last?.stage === 'supported') {
    return { stage: 'candidate', from: addDays(last.details.endsOn, 1), details: { cause: 'convention_ended' } };
  }
  if (last?.stage === 'employee') {
    return { stage: 'exited', from: addDays(last.details.associateDeadline, 1), reason: 'associate_deadline', details: {} };
  }
  return undefined;
}

/**
 * The day the status changes by itself if nothing is recorded before: the day after the CAPE in force ends,
 * or the day after the associate deadline of the CESA in force. Undefined when the last stage lasts until a
 * command ends it. A stored status (for lists by status) is stale from that day on and must be recomputed.
 */
export function statusChangesOn(path: CareerPath): IsoDate | undefined {
  return lapseOf(path.stages)?.from;
}

/**
 * The path as the API shows it: the stored stages, then the stage that follows by itself when the last one
 * ends (see the module's TSDoc). With `asOf`, a projected stage that starts after that date is left out, so
 * the list shows only what has happened by then (a stage's `to` may still be in the future: a scheduled end).
 */
export function timeline(path: CareerPath, asOf?: IsoDate): Stage[] {
  const stages = [...path.stages];
  const lapse = lapseOf(stages);
  if (lapse && (asOf === undefined || lapse.from <= asOf)) stages.push(lapse);
  return stages;
}

/** The stage in force on a date, undefined before the first stage. */
export function stageOn(path: CareerPath, date: IsoDate): Stage | undefined {
  const stages = timeline(path);
  for (let i = stages.length - 1; i >= 0; i -= 1) {
    const stage = stages[i];
    if (stage && stage.from <= date && (stage.to === undefined || date <= stage.to)) return stage;
  }
  return undefined;
}

/** The status of a person on a date: 'none' before their first stage (or for an empty path). */
export function statusOn(path: CareerPath, date: IsoDate): CareerStatus {
  return stageOn(path, date)?.stage ?? 'none';
}

/** The status today; `today` comes from the caller, the domain never reads the clock. */
export function currentStatus(path: CareerPath, today: IsoDate): CareerStatus {
  return statusOn(path, today);
}

/**
 * The path cut into segments: the first one starts with the first stage, each later one with the stage that
 * follows an exit (a re-entry). An exited stage belongs to the segment it closes.
 */
export function segmentsOf(stages: readonly Stage[]): Stage[][] {
  const segments: Stage[][] = [];
  let current: Stage[] = [];
  for (const stage of stages) {
    current.push(stage);
    if (stage.stage === 'exited') {
      segments.push(current);
      current = [];
    }
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

/** The stages of the segment the last stage belongs to. */
export function currentSegment(stages: readonly Stage[]): Stage[] {
  return segmentsOf(stages).at(-1) ?? [];
}

/**
 * The CAPE of a segment and how long it actually lasted (from its start to the day before what followed
 * it, or to its `endsOn`): the "prior CAPE" that shortens the CESA's trial period and associate deadline.
 * Undefined when the segment has none. A segment has at most one CAPE.
 */
export function conventionOf(segment: readonly Stage[]): { stage: SupportedStage; length: MonthsAndDays } | undefined {
  const stage = segment.find((s): s is SupportedStage => s.stage === 'supported');
  if (!stage) return undefined;
  return { stage, length: lengthOf(stage.from, stage.to ?? stage.details.endsOn) };
}

/**
 * The associate deadline while membership is pending: the deadline of the CESA when the last stored stage is
 * an employee stage, undefined otherwise (not employed, or already an associate). It is returned even when it
 * has passed, since it is then the day the contract ended.
 */
export function associateDeadline(path: CareerPath): IsoDate | undefined {
  const last = path.stages.at(-1);
  return last?.stage === 'employee' ? last.details.associateDeadline : undefined;
}

/** The current contract as the API shows it (`contract` of GET entrepreneur). */
export type ContractView = ContractDetails;

/**
 * The CESA in force on a date: that of the person's segment when they are an employee or an associate on
 * that date; undefined otherwise (candidate, supported, exited — including after the deadline ended it).
 */
export function contractOn(path: CareerPath, date: IsoDate): ContractView | undefined {
  const status = statusOn(path, date);
  if (status !== 'employee' && status !== 'associate') return undefined;
  const upTo = path.stages.filter((s) => s.from <= date);
  const employee = currentSegment(upTo).find((s): s is EmployeeStage => s.stage === 'employee');
  return employee ? { ...employee.details } : undefined;
}

/** The current contract; `today` comes from the caller. */
export function currentContract(path: CareerPath, today: IsoDate): ContractView | undefined {
  return contractOn(path, today);
}
