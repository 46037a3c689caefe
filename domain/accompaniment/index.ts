/**
 * Accompaniment (docs/domain.md "Accompaniment"): interviews and the compliance they give, and the
 * unemployment benefit an entrepreneur may keep alongside a salary (docs/domain.md "Unemployment benefit").
 */
export {
  ACCOMPANIED_STATUSES,
  accompanimentStart,
  type Compliance,
  type ComplianceInput,
  complianceOn,
  compliantShare,
  fullMonthsBetween,
  INTERVIEWS_PER_YEAR,
  inWindow,
  interviewsRequired,
  isAccompanied,
  MONTHS_PER_INTERVIEW,
  WINDOW_MONTHS,
} from './compliance.js';
export { type BenefitInput, type BenefitOfMonth, benefitOfMonth, CAP_DAYS, daysInMonthOf, SALARY_SHARE } from './unemploymentBenefit.js';
