/**
 * The commands that move a person along their career path, and the guards of docs/domain.md ("Career path").
 * Each command is a pure function of the path, the command and the CAE's settings: it returns the new path
 * or the first rule it breaks. Nothing already recorded is ever rewritten: a command only ends the stage in
 * force (its `to`) and appends stages; a renewal only extends the CAPE in force.
 *
 * Decisions taken here:
 * - Dating: every command has one date (the CAPE's and CESA's `startsOn`, membership's and exit's
 *   `effectiveOn`, the welcome's `welcomedOn`) on which the new stage begins; the stage in force ends the day
 *   before. A command may be dated the day the stage in force began (that stage then lasted no day and stays
 *   as history), never before it (`date-out-of-order`). A CAPE or CESA must be signed on or before it starts,
 *   and a CAPE may not end before it starts (`date-out-of-order`).
 * - An exit's `effectiveOn` is the first day the person is out.
 * - History after the fact: a welcome recorded without a date of its own moves back to the start of a first
 *   CAPE or CESA dated before it (afterTheFact.ts); a welcome with a date is a fact like any other stage.
 * - The stage in force on a command's date is the last stored stage, or what follows it by itself
 *   (timeline.ts): after a CAPE's `endsOn`, the candidate again; after a CESA's deadline, exited. A command
 *   dated exactly the day after a CAPE ended acts as that CAPE's direct successor (no candidate stage of no
 *   day is recorded between them: the usual CAPE 2023-01-01 → 2023-12-31 then CESA from 2024-01-01).
 * - Months are counted by anniversary (months.ts): a CAPE from 2023-01-01 may end on 2023-12-31 at the latest.
 * - A renewal extends the CAPE from the day after its current end; the renewal itself lasts at most 12
 *   months, and the CAPE 36 months in all. With each period capped at 12 months, the 36-month total can only
 *   be broken by the third period, and is checked first so that the refusal names the total.
 * - A renewal has no date of its own: it is accepted while the CAPE is the last stage recorded, even after
 *   its end date (a late renewal then turns the days the person was a candidate again back into CAPE days,
 *   which is what a renewal signed late means). A handler that wants to refuse late renewals compares
 *   `statusChangesOn(path)` with today.
 * - One CAPE per path segment: a candidate whose CAPE ended may sign a CESA (the CAPE counts) or renew
 *   nothing; starting another CAPE takes an exit and a re-entry.
 * - "Prior CAPE" (trial period, associate deadline) is the CAPE of the current path segment, for the time it
 *   actually lasted (up to the day before the CESA started if the CESA cut it short), whatever the gap
 *   between them. A re-entry starts a segment with no prior CAPE unless the re-entry is itself a CAPE.
 * - Convention required (CAE setting, default true): the segment must hold a CAPE that lasted at least one
 *   day before the CESA starts. It applies to a re-entry straight into a CESA as well: a re-entry is a new
 *   path, and the CAE's rule applies to every path.
 * - Trial period: at most 8 months minus the prior CAPE counted in months rounded up (a CAPE of 5 months and
 *   3 days leaves 2 months of trial): trial and CAPE together never exceed 8 months. Never below 0.
 * - Associate deadline: the CESA start plus 36 months minus the prior CAPE, exactly (months, then days):
 *   CAPE 2023-01-01 → 2023-12-31 (12 months), CESA from 2024-01-01 → 2026-01-01 (docs/domain.md). Membership may
 *   take effect on the deadline itself. A CESA whose deadline would fall before its start is refused
 *   (`associate-deadline-passed`).
 * - Money arrives as decimal strings (or decimals) with at most 2 decimals: the fixed part may be 0.00, the
 *   capital subscribed must be positive. Malformed fields are refused as `invalid-input`.
 */
import { addDays, type IsoDate, isValidDate } from '../calendar.js';
import type { CareerPathSettings } from '../cae/settings.js';
import { Dec, type Dec as Decimal, formatMoney } from '../money.js';
import { anniversary, lastDayOfPeriod, type MonthsAndDays, monthsRoundedUp } from './months.js';
import { welcomeMovedBackTo } from './afterTheFact.js';
import { accept, type Decision, refuse } from './rules.js';
import { conventionOf, currentSegment, lapseOf } from './timeline.js';
import {
  type AssociateStage,
  type CareerPath,
  type EmployeeStage,
  EXIT_REASONS,
  type ExitReason,
  type Stage,
  type SupportedStage,
} from './types.js';

/** The longest a CAPE or one of its renewals may last, in months (L127-1). */
export const CONVENTION_MAX_MONTHS = 12;
/** How many times a CAPE may be renewed (L127-1). */
export const CONVENTION_MAX_RENEWALS = 2;
/** The longest a CAPE may last in all, renewals included, in months (L127-1). */
export const CONVENTION_TOTAL_MAX_MONTHS = 36;
/** The longest a CESA trial period may be before deducting the CAPE, in months (L7332-1). */
export const TRIAL_MAX_MONTHS = 8;
/** Months after the CESA start, before deducting the CAPE, to become an associate (L7331-3). */
export const ASSOCIATE_WITHIN_MONTHS = 36;

/** What the commands need to know about the CAE; absent settings take their defaults. */
export type CareerPathContext = Partial<CareerPathSettings>;

/** The welcome (accueil-diagnostic): the first stage of a path. */
export interface CreateCandidate {
  readonly kind: 'createCandidate';
  readonly welcomedOn: IsoDate;
  /**
   * True when nobody gave the welcome's date and `welcomedOn` is only the day the record was created: a first
   * CAPE or CESA dated earlier then moves the welcome back (afterTheFact.ts).
   */
  readonly undated?: boolean;
}

/** A CAPE (convention d'accompagnement), first or at a re-entry. */
export interface SignConvention {
  readonly kind: 'signConvention';
  readonly signedOn: IsoDate;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
}

/** A renewal of the CAPE in force, to a new end date. */
export interface RenewConvention {
  readonly kind: 'renewConvention';
  readonly endsOn: IsoDate;
}

/** A CESA (contrat d'entrepreneur salarié associé). */
export interface SignContract {
  readonly kind: 'signContract';
  readonly signedOn: IsoDate;
  readonly startsOn: IsoDate;
  /** Money string or decimal with at most 2 decimals, at least 0. */
  readonly fixedMonthlyGross: string | Decimal;
  /** Whole months; absent means no trial period. */
  readonly trialMonths?: number;
}

/** Membership of the cooperative. */
export interface BecomeAssociate {
  readonly kind: 'becomeAssociate';
  readonly effectiveOn: IsoDate;
  /** Money string or decimal with at most 2 decimals, more than 0. */
  readonly capitalSubscribed: string | Decimal;
}

/** An exit; `reason` is checked against EXIT_REASONS (it arrives from outside as a string). */
export interface Exit {
  readonly kind: 'exit';
  readonly effectiveOn: IsoDate;
  readonly reason: ExitReason | string;
}

/** Every career-path command. */
export type CareerCommand = CreateCandidate | SignConvention | RenewConvention | SignContract | BecomeAssociate | Exit;

function settingsOf(context: CareerPathContext | undefined): CareerPathSettings {
  return { requireConventionBeforeContract: context?.requireConventionBeforeContract ?? true };
}

function badDate(field: string): Decision {
  return refuse('invalid-input', field, `${field} is not a date that exists (YYYY-MM-DD)`);
}

/** Parses an amount: a Decimal, or a string of digits with at most 2 decimals. Undefined when malformed. */
function amountOf(value: string | Decimal): Decimal | undefined {
  if (typeof value === 'string' && !/^-?\d{1,12}(\.\d{1,2})?$/.test(value)) return undefined;
  if (typeof value !== 'string' && !Dec.isDecimal(value)) return undefined;
  const amount = new Dec(value);
  return amount.isFinite() && amount.decimalPlaces() <= 2 ? amount : undefined;
}

/**
 * The stage in force on `date` for a command, given the stored stages (not empty, and `date` on or after the
 * last one's start): the last stored stage, or what follows it by itself. `materialise` says whether that
 * following stage must be recorded before the new one.
 */
function inForce(stages: readonly Stage[], date: IsoDate): { stage: Stage; materialise: boolean } {
  const last = stages[stages.length - 1] as Stage;
  const lapse = lapseOf(stages);
  if (!lapse) return { stage: last, materialise: false };
  // The day after a CAPE ends, its successor follows it directly; the CESA ends on its deadline, so the day
  // after it the person is already out.
  const lapsed = lapse.stage === 'exited' ? date >= lapse.from : date > lapse.from;
  return lapsed ? { stage: { ...lapse, to: addDays(date, -1) }, materialise: true } : { stage: last, materialise: false };
}

/**
 * The stored stages, with the stage in force ended the day before `date` (or the stage that followed by
 * itself recorded, ended that day), ready for the new stage to be appended.
 */
function historyBefore(stages: readonly Stage[], date: IsoDate): Stage[] {
  const { stage, materialise } = inForce(stages, date);
  const history = [...stages];
  if (materialise) history.push(stage);
  else history[history.length - 1] = { ...stage, to: addDays(date, -1) };
  return history;
}

/** Checks what every dated command checks: the date exists and is not before the stage in force began. */
function checkDated(stages: readonly Stage[], date: IsoDate, field: string): Decision | undefined {
  if (!isValidDate(date)) return badDate(field);
  const last = stages.at(-1);
  if (!last) return refuse('invalid-transition', '', 'the person has no career path yet: welcome them first');
  if (date < last.from) {
    return refuse('date-out-of-order', field, `${field} ${date} is before the current stage began (${last.from})`);
  }
  return undefined;
}

/** The welcome: starts the path as a candidate. Only on an empty path. */
export function createCandidate(path: CareerPath, command: Omit<CreateCandidate, 'kind'>): Decision {
  if (!isValidDate(command.welcomedOn)) return badDate('welcomedOn');
  if (path.stages.length > 0) return refuse('invalid-transition', '', 'the person already has a career path');
  const details = command.undated ? { cause: 'welcomed' as const, undated: true as const } : { cause: 'welcomed' as const };
  return accept({ stages: [{ stage: 'candidate', from: command.welcomedOn, details }] });
}

/** A CAPE: from a candidate who has had none in this segment, or from an exited person (re-entry). */
export function signConvention(given: CareerPath, command: Omit<SignConvention, 'kind'>): Decision {
  const { signedOn, startsOn, endsOn } = command;
  if (!isValidDate(signedOn)) return badDate('signedOn');
  if (!isValidDate(endsOn)) return badDate('endsOn');
  if (!isValidDate(startsOn)) return badDate('startsOn');
  const path = welcomeMovedBackTo(given, startsOn);
  const dated = checkDated(path.stages, startsOn, 'startsOn');
  if (dated) return dated;
  if (signedOn > startsOn) return refuse('date-out-of-order', 'signedOn', 'a CAPE is signed on or before it starts');
  if (endsOn < startsOn) return refuse('date-out-of-order', 'endsOn', 'a CAPE ends on or after it starts');

  const { stage } = inForce(path.stages, startsOn);
  if (stage.stage === 'candidate' && conventionOf(currentSegment(path.stages))) {
    return refuse(
      'invalid-transition',
      '',
      'this path segment already had a CAPE: renew it while it runs, or record an exit before a new one',
    );
  }
  if (stage.stage !== 'candidate' && stage.stage !== 'exited') {
    return refuse('invalid-transition', '', `a CAPE cannot be signed by a person who is ${stage.stage}`);
  }
  const latestEnd = lastDayOfPeriod(startsOn, CONVENTION_MAX_MONTHS);
  if (endsOn > latestEnd) {
    return refuse('convention-too-long', 'endsOn', `a CAPE starting ${startsOn} ends on ${latestEnd} at the latest`);
  }
  const supported: SupportedStage = {
    stage: 'supported',
    from: startsOn,
    to: endsOn,
    details: { signedOn, startsOn, initialEndsOn: endsOn, renewals: [], endsOn },
  };
  return accept({ stages: [...historyBefore(path.stages, startsOn), supported] });
}

/** A renewal of the CAPE in force: the last recorded stage must be that CAPE. */
export function renewConvention(path: CareerPath, command: Omit<RenewConvention, 'kind'>): Decision {
  const { endsOn } = command;
  if (!isValidDate(endsOn)) return badDate('endsOn');
  const last = path.stages.at(-1);
  if (last?.stage !== 'supported') {
    return refuse('invalid-transition', '', 'there is no CAPE to renew: the last stage recorded is not a CAPE');
  }
  const convention = last.details;
  if (convention.renewals.length >= CONVENTION_MAX_RENEWALS) {
    return refuse('too-many-renewals', '', `a CAPE is renewable ${CONVENTION_MAX_RENEWALS} times at most`);
  }
  if (endsOn <= convention.endsOn) {
    return refuse('date-out-of-order', 'endsOn', `a renewal ends after the CAPE's current end (${convention.endsOn})`);
  }
  const latestTotal = lastDayOfPeriod(convention.startsOn, CONVENTION_TOTAL_MAX_MONTHS);
  if (endsOn > latestTotal) {
    return refuse(
      'convention-total-too-long',
      'endsOn',
      `a CAPE started ${convention.startsOn} ends on ${latestTotal} at the latest, renewals included`,
    );
  }
  const latestRenewal = lastDayOfPeriod(addDays(convention.endsOn, 1), CONVENTION_MAX_MONTHS);
  if (endsOn > latestRenewal) {
    return refuse('convention-too-long', 'endsOn', `this renewal may run until ${latestRenewal} at the latest`);
  }
  const renewed: SupportedStage = {
    ...last,
    to: endsOn,
    details: { ...convention, renewals: [...convention.renewals, { endsOn }], endsOn },
  };
  return accept({ stages: [...path.stages.slice(0, -1), renewed] });
}

/** The longest trial period a CESA may have after a CAPE of this length (L7332-1). */
export function maxTrialMonths(priorConvention: MonthsAndDays | undefined): number {
  return Math.max(0, TRIAL_MAX_MONTHS - (priorConvention ? monthsRoundedUp(priorConvention) : 0));
}

/**
 * The last day membership may take effect for a CESA starting on `startsOn` after a CAPE of this length:
 * `startsOn` + 36 months − the CAPE's months − its leftover days (L7331-3).
 */
export function associateDeadlineFor(startsOn: IsoDate, priorConvention: MonthsAndDays | undefined): IsoDate {
  const months = ASSOCIATE_WITHIN_MONTHS - (priorConvention?.months ?? 0);
  return addDays(anniversary(startsOn, months), -(priorConvention?.days ?? 0));
}

/** A CESA: from a candidate, a supported person, or an exited person (re-entry), under the CAE's setting. */
export function signContract(
  given: CareerPath,
  command: Omit<SignContract, 'kind'>,
  context?: CareerPathContext,
): Decision {
  const { signedOn, startsOn } = command;
  if (!isValidDate(signedOn)) return badDate('signedOn');
  if (!isValidDate(startsOn)) return badDate('startsOn');
  const path = welcomeMovedBackTo(given, startsOn);
  const trialMonths = command.trialMonths ?? 0;
  if (!Number.isSafeInteger(trialMonths) || trialMonths < 0) {
    return refuse('invalid-input', 'trialMonths', 'trialMonths is a whole number of months, 0 or more');
  }
  const gross = amountOf(command.fixedMonthlyGross);
  if (!gross || gross.isNegative()) {
    return refuse('invalid-input', 'fixedMonthlyGross', 'fixedMonthlyGross is an amount of 0.00 or more with 2 decimals');
  }
  const dated = checkDated(path.stages, startsOn, 'startsOn');
  if (dated) return dated;
  if (signedOn > startsOn) return refuse('date-out-of-order', 'signedOn', 'a CESA is signed on or before it starts');

  const { stage } = inForce(path.stages, startsOn);
  if (stage.stage !== 'candidate' && stage.stage !== 'supported' && stage.stage !== 'exited') {
    return refuse('invalid-transition', '', `a CESA cannot be signed by a person who is ${stage.stage}`);
  }
  const history = historyBefore(path.stages, startsOn);
  // A re-entry (from exited) starts a new segment: nothing before it counts.
  const prior = stage.stage === 'exited' ? undefined : conventionOf(currentSegment(history));
  const priorLength = prior && (prior.length.months > 0 || prior.length.days > 0) ? prior.length : undefined;
  if (settingsOf(context).requireConventionBeforeContract && !priorLength) {
    return refuse('convention-required', '', 'this CAE requires a CAPE before a CESA in the same path');
  }
  const maxTrial = maxTrialMonths(priorLength);
  if (trialMonths > maxTrial) {
    return refuse(
      'trial-period-too-long',
      'trialMonths',
      `the trial period may last ${maxTrial} months at most (8 months minus the prior CAPE)`,
    );
  }
  const deadline = associateDeadlineFor(startsOn, priorLength);
  if (deadline < startsOn) {
    return refuse('associate-deadline-passed', 'startsOn', 'the prior CAPE leaves no time under a CESA to become associate');
  }
  const employee: EmployeeStage = {
    stage: 'employee',
    from: startsOn,
    to: deadline,
    details: { signedOn, startsOn, fixedMonthlyGross: formatMoney(gross), trialMonths, associateDeadline: deadline },
  };
  return accept({ stages: [...history, employee] });
}

/** Membership: only an employee, on or before the associate deadline. */
export function becomeAssociate(path: CareerPath, command: Omit<BecomeAssociate, 'kind'>): Decision {
  const { effectiveOn } = command;
  const capital = amountOf(command.capitalSubscribed);
  if (!capital?.greaterThan(0)) {
    return refuse('invalid-input', 'capitalSubscribed', 'capitalSubscribed is an amount above 0.00 with 2 decimals');
  }
  const dated = checkDated(path.stages, effectiveOn, 'effectiveOn');
  if (dated) return dated;
  const { stage } = inForce(path.stages, effectiveOn);
  if (stage.stage === 'exited' && stage.reason === 'associate_deadline') {
    const deadline = addDays(stage.from, -1);
    return refuse('associate-deadline-passed', 'effectiveOn', `membership had to take effect by ${deadline}`);
  }
  if (stage.stage !== 'employee') {
    return refuse('invalid-transition', '', `only an employee may become an associate, not a person who is ${stage.stage}`);
  }
  const associate: AssociateStage = {
    stage: 'associate',
    from: effectiveOn,
    details: { effectiveOn, capitalSubscribed: formatMoney(capital) },
  };
  return accept({ stages: [...historyBefore(path.stages, effectiveOn), associate] });
}

/** An exit, from any stage but exited, with one of EXIT_REASONS. */
export function exit(path: CareerPath, command: Omit<Exit, 'kind'>): Decision {
  const { effectiveOn, reason } = command;
  if (!(EXIT_REASONS as readonly string[]).includes(reason)) {
    return refuse('invalid-exit-reason', 'reason', `an exit reason is one of ${EXIT_REASONS.join(', ')}`);
  }
  const dated = checkDated(path.stages, effectiveOn, 'effectiveOn');
  if (dated) return dated;
  const { stage } = inForce(path.stages, effectiveOn);
  if (stage.stage === 'exited') {
    const why = stage.reason === 'associate_deadline' ? ': the CESA ended at the associate deadline' : '';
    return refuse('invalid-transition', '', `the person has already exited${why}`);
  }
  return accept({
    stages: [
      ...historyBefore(path.stages, effectiveOn),
      { stage: 'exited', from: effectiveOn, reason: reason as ExitReason, details: {} },
    ],
  });
}

/** Applies any command: the single entry point the handlers call. */
export function decide(path: CareerPath, command: CareerCommand, context?: CareerPathContext): Decision {
  switch (command.kind) {
    case 'createCandidate':
      return createCandidate(path, command);
    case 'signConvention':
      return signConvention(path, command);
    case 'renewConvention':
      return renewConvention(path, command);
    case 'signContract':
      return signContract(path, command, context);
    case 'becomeAssociate':
      return becomeAssociate(path, command);
    case 'exit':
      return exit(path, command);
  }
}
