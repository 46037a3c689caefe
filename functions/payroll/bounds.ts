/**
 * The API's schemas for every amount and rate payroll will use, built from payroll's own bounds
 * (domain/payroll/bounds.ts): a value the API accepts is a value payroll can pay. Used by the payroll routes
 * and by every other route that stores such a value (the CESA's fixed part).
 */
import * as z from 'zod';
import { MAX_PAYROLL_AMOUNT, MAX_SETTING_RATE, MAX_WEEKLY_HOURS, payrollAmountProblem, settingRateProblem } from '../../domain/payroll/bounds.js';
import { Dec, isMoneyString } from '../../domain/money.js';
import { nonNegativeMoney, rateString } from '../shared/validation.js';

/** Money a payroll computation takes: 0.00 to 1,000,000.00, exactly two decimals. */
export const payrollAmount = nonNegativeMoney.superRefine((v, ctx) => {
  // Judged only on a well-formed amount: a malformed one already has its message.
  const problem = isMoneyString(v) ? payrollAmountProblem(new Dec(v)) : null;
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A rate of the payroll settings: a decimal string between 0 and payroll's bound for that rate. */
export function settingRate(rate: keyof typeof MAX_SETTING_RATE) {
  const max = MAX_SETTING_RATE[rate];
  return rateString.superRefine((v, ctx) => {
    const problem = /^\d+(\.\d+)?$/.test(v) ? settingRateProblem(new Dec(v), max) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** Weekly hours of the contract: a decimal string in (0, 35], e.g. "35", "17.5". */
export const weeklyHours = z
  .string({ error: 'must be a decimal string of weekly hours, e.g. "35" or "17.5"' })
  .regex(/^\d{1,2}(\.\d{1,2})?$/, { message: 'must be a decimal string of weekly hours with at most 2 decimals, e.g. "35" or "17.5"' })
  .refine((v) => !/^\d{1,2}(\.\d{1,2})?$/.test(v) || (new Dec(v).greaterThan(0) && !new Dec(v).greaterThan(MAX_WEEKLY_HOURS)), {
    message: `must be more than 0 and at most ${MAX_WEEKLY_HOURS} (weekly hours; the SMIC is prorated by weeklyHours ÷ 35)`,
  });

export { MAX_PAYROLL_AMOUNT };
