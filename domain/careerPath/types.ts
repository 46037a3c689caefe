/**
 * The career path (parcours) of one person inside one CAE, as data: a list of dated stages that can be stored
 * as JSON as it is and returned by the API as `path: [stages…]`.
 *
 * Shape of the list (every path the commands of decide.ts build has it; test/unit/careerPath/isValidPath.ts
 * checks it independently):
 * - stages are contiguous: each stage starts the day after the previous one's `to`;
 * - `from` and `to` are both inclusive; a stage whose `to` is the day before its `from` lasted no day (it was
 *   superseded the day it began, e.g. welcomed and signed a CAPE the same day) and is kept as history;
 * - every stage but the last has a `to`; the last one has a `to` only when it ends by itself: a CAPE at its
 *   `endsOn`, a CESA at its associate deadline (see timeline.ts for what follows them);
 * - a path segment starts with the first stage or with the stage that follows an `exited` stage (a re-entry).
 */
import type { IsoDate } from '../calendar.js';

/** A stage of the career path (docs/domain.md glossary: porteur de projet, accompagné, salarié, associé, sorti). */
export type CareerStage = 'candidate' | 'supported' | 'employee' | 'associate' | 'exited';

/** The status of a person on a date: a stage, or 'none' before their first stage. */
export type CareerStatus = CareerStage | 'none';

/** Every stage, in the order of the path. */
export const CAREER_STAGES: readonly CareerStage[] = ['candidate', 'supported', 'employee', 'associate', 'exited'];

/** The reasons staff may give for an exit (docs/api.md `exit.reason`). */
export const EXIT_REASONS = ['company_created', 'salaried_job', 'training', 'stopped', 'other'] as const;

/** A reason staff may give for an exit. Funders count `company_created` as "entreprises créées". */
export type ExitReason = (typeof EXIT_REASONS)[number];

/**
 * Why an `exited` stage began: a reason staff gave, or `associate_deadline` when the CESA ended by law because
 * the person had not become an associate by the deadline (L7331-3). Only the model writes the latter.
 */
export type EndReason = ExitReason | 'associate_deadline';

/** Details of a candidate stage: welcomed (accueil), or back to candidate after a CAPE ended with nothing after it. */
export interface CandidateDetails {
  readonly cause: 'welcomed' | 'convention_ended';
  /**
   * A welcome recorded without a date of its own: it stands on the day the record was created, and a first
   * CAPE or CESA dated earlier moves it back (afterTheFact.ts). Absent when the welcome date was given.
   */
  readonly undated?: true;
}

/** One renewal of a CAPE: the new end date it set. */
export interface ConventionRenewal {
  readonly endsOn: IsoDate;
}

/** The CAPE (convention d'accompagnement) of a supported stage. */
export interface ConventionDetails {
  readonly signedOn: IsoDate;
  readonly startsOn: IsoDate;
  /** The end date signed with the convention, before any renewal. */
  readonly initialEndsOn: IsoDate;
  /** Renewals in order; at most 2 (L127-1). */
  readonly renewals: readonly ConventionRenewal[];
  /** The end date in force: the last renewal's, else `initialEndsOn`. */
  readonly endsOn: IsoDate;
}

/** The CESA (contrat d'entrepreneur salarié associé) of an employee stage. */
export interface ContractDetails {
  readonly signedOn: IsoDate;
  readonly startsOn: IsoDate;
  /** The fixed monthly part of the pay set in the contract, a money string ("1801.80"). */
  readonly fixedMonthlyGross: string;
  /** Trial period in whole months; 0 when the contract has none. */
  readonly trialMonths: number;
  /** The last day on which membership may take effect; without membership the CESA ends that day. */
  readonly associateDeadline: IsoDate;
}

/** The membership of an associate stage. */
export interface MembershipDetails {
  readonly effectiveOn: IsoDate;
  /** Capital subscribed, a money string ("100.00"). */
  readonly capitalSubscribed: string;
}

interface Dated {
  /** First day of the stage, inclusive. */
  readonly from: IsoDate;
  /** Last day of the stage, inclusive; absent while the stage has no end (see the module's TSDoc). */
  readonly to?: IsoDate;
}

/** A candidate (porteur de projet) stage. */
export interface CandidateStage extends Dated {
  readonly stage: 'candidate';
  readonly details: CandidateDetails;
}

/** A supported (entrepreneur accompagné, under a CAPE) stage. */
export interface SupportedStage extends Dated {
  readonly stage: 'supported';
  readonly details: ConventionDetails;
}

/** An employee (entrepreneur salarié, under a CESA) stage. */
export interface EmployeeStage extends Dated {
  readonly stage: 'employee';
  readonly details: ContractDetails;
}

/** An associate (entrepreneur associé) stage; the CESA goes on. */
export interface AssociateStage extends Dated {
  readonly stage: 'associate';
  readonly details: MembershipDetails;
}

/** An exited stage, with the reason the person left. */
export interface ExitedStage extends Dated {
  readonly stage: 'exited';
  readonly reason: EndReason;
  readonly details: Readonly<Record<string, never>>;
}

/** One dated stage of a career path. */
export type Stage = CandidateStage | SupportedStage | EmployeeStage | AssociateStage | ExitedStage;

/** A person's career path in one CAE: their stages in chronological order. JSON-serialisable as it is. */
export interface CareerPath {
  readonly stages: readonly Stage[];
}

/** The path of someone not yet welcomed: no stage at all. */
export const EMPTY_PATH: CareerPath = Object.freeze({ stages: Object.freeze([]) });
