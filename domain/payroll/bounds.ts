/**
 * The bounds of every amount and rate payroll takes, in one place: the domain refuses what lies outside
 * (InvalidPayrollInput) and the API's schemas are built from the same values (functions/payroll/bounds.ts),
 * so that nothing the API stores can later make payroll refuse a person (docs/domain.md "Salary").
 */
import { Dec } from '../money.js';

/** The most any payroll amount may be (a fixed part, a requested gross, a premium): above it is absurd. */
export const MAX_PAYROLL_AMOUNT = '1000000.00';

/** The most each rate of the payroll settings may be (AT/MP, versement mobilité, employer's health share). */
export const MAX_SETTING_RATE = {
  atMpRate: '0.5',
  mobilityRate: '0.1',
  employerShare: '1',
} as const;

/** Weekly hours of a contract are in (0, MAX_WEEKLY_HOURS]: the SMIC is prorated by weeklyHours ÷ 35. */
export const MAX_WEEKLY_HOURS = '35';

const maxAmount = new Dec(MAX_PAYROLL_AMOUNT);

/**
 * Why a payroll amount is refused, or null when payroll takes it: 0 ≤ amount ≤ 1,000,000.00, at most two
 * decimals. The message is the one the API and the domain both give.
 */
export function payrollAmountProblem(value: Dec, { allowNegative = false } = {}): string | null {
  if (!allowNegative && value.isNegative()) return 'must not be negative';
  if (value.abs().greaterThan(maxAmount)) return `must not exceed ${MAX_PAYROLL_AMOUNT}`;
  if (value.decimalPlaces() > 2) return 'must have at most 2 decimals';
  return null;
}

/** Why a rate is refused (outside [0, max]), or null. */
export function settingRateProblem(value: Dec, max: string): string | null {
  return value.isNegative() || value.greaterThan(max) ? `must be between 0 and ${max}` : null;
}
