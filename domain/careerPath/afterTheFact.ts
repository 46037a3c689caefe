/**
 * Recording history after the fact (docs/domain.md "Recording history after the fact"): staff enter paperwork
 * after it is signed, and a CAE moving onto the platform brings years of history.
 *
 * A welcome recorded without a date of its own (no `welcomedOn`) stands on the day the record was created,
 * which says nothing about when the person was actually welcomed. So the first CAPE or CESA of such a path,
 * dated before that day, moves the welcome back to its own start: the person was a candidate at the latest
 * the day that stage began (the welcome then lasted no day and stays as history). Nothing else moves:
 * - a welcome given a date (`welcomedOn`) is a fact: a stage before it is out of order, as before;
 * - only the first CAPE or CESA moves it, while the welcome is the only stage: once a stage follows the
 *   welcome, every later command is checked against the path as it stands;
 * - a renewal, membership or exit cannot be first, so they never move it.
 */
import type { IsoDate } from '../calendar.js';
import type { CandidateStage, CareerPath } from './types.js';

/** True when the path is only a welcome recorded without a date of its own. */
export function hasUndatedWelcomeOnly(path: CareerPath): boolean {
  const [first, ...rest] = path.stages;
  return rest.length === 0 && first?.stage === 'candidate' && first.details.undated === true;
}

/**
 * The path a first CAPE or CESA starting on `startsOn` is judged against: the same path, or, when its welcome
 * has no date of its own and is later than `startsOn`, the welcome moved back to `startsOn`.
 */
export function welcomeMovedBackTo(path: CareerPath, startsOn: IsoDate): CareerPath {
  if (!hasUndatedWelcomeOnly(path)) return path;
  const welcome = path.stages[0] as CandidateStage;
  if (startsOn >= welcome.from) return path;
  return { stages: [{ ...welcome, from: startsOn }] };
}
