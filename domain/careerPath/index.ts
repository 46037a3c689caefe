/**
 * The career path (parcours) of a person inside one CAE, as a pure model (docs/domain.md, "Career path"):
 * candidate → supported (CAPE) → employee (CESA) → associate, exits with a reason, re-entries that start a new
 * path segment and keep the history.
 *
 * - types.ts: the stored, JSON-serialisable path (a list of dated stages) and its vocabulary;
 * - decide.ts: the commands (`decide` or one function per command) and the legal and CAE-setting guards;
 * - rules.ts: the rule ids a refusal names (the API's problem `type` suffix);
 * - timeline.ts: status on a date, what follows a CAPE or a CESA that ends by itself, current contract;
 * - months.ts: how months are counted;
 * - afterTheFact.ts: a welcome without a date of its own, moved back by a first CAPE or CESA dated before it.
 */
export { hasUndatedWelcomeOnly, welcomeMovedBackTo } from './afterTheFact.js';
export {
  ASSOCIATE_WITHIN_MONTHS,
  type BecomeAssociate,
  becomeAssociate,
  type CareerCommand,
  type CareerPathContext,
  CONVENTION_MAX_MONTHS,
  CONVENTION_MAX_RENEWALS,
  CONVENTION_TOTAL_MAX_MONTHS,
  type CreateCandidate,
  createCandidate,
  decide,
  type Exit,
  exit,
  associateDeadlineFor,
  maxTrialMonths,
  type RenewConvention,
  renewConvention,
  type SignContract,
  type SignConvention,
  signContract,
  signConvention,
  TRIAL_MAX_MONTHS,
} from './decide.js';
export { anniversary, lastDayOfPeriod, lengthOf, type MonthsAndDays, monthsRoundedUp } from './months.js';
export { accept, CAREER_RULES, type CareerRule, type CareerViolation, type Decision, refuse } from './rules.js';
export {
  associateDeadline,
  type ContractView,
  contractOn,
  conventionOf,
  currentContract,
  currentSegment,
  currentStatus,
  lapseOf,
  segmentsOf,
  stageOn,
  statusChangesOn,
  statusOn,
  timeline,
} from './timeline.js';
export {
  type AssociateStage,
  CAREER_STAGES,
  type CandidateDetails,
  type CandidateStage,
  type CareerPath,
  type CareerStage,
  type CareerStatus,
  type ContractDetails,
  type ConventionDetails,
  type ConventionRenewal,
  EMPTY_PATH,
  type EmployeeStage,
  type EndReason,
  EXIT_REASONS,
  type ExitedStage,
  type ExitReason,
  type MembershipDetails,
  type Stage,
  type SupportedStage,
} from './types.js';
