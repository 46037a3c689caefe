/**
 * The HTTP contract of accompaniment (docs/api.md "Accompaniment and unemployment benefit"): interviews,
 * workshops, the compliance view and the unemployment-benefit simulation; and the compliance columns the
 * federation summary shows. zod schemas that validate requests, type the handlers and generate /openapi.json.
 */
import * as z from 'zod';
import { Dec, isMoneyString } from '../../domain/money.js';
import { caeParams } from '../caes/api.js';
import { entrepreneurParams } from '../entrepreneurs/api.js';
import { id, isoDate, isoMonth, moneyString, page, pageQuery, text } from '../shared/validation.js';

/** A length of time in whole minutes: a meeting of at least a minute and at most a (long) working day. */
const minutes = z
  .number({ error: 'must be a whole number of minutes' })
  .int({ message: 'must be a whole number of minutes' })
  .min(1, { message: 'must be at least 1 minute' })
  .max(600, { message: 'must be at most 600 minutes' });

/** Money above zero and at most `max` (a JSON number or more than two decimals is refused, as everywhere). */
const boundedMoney = (max: number, options: { allowZero?: boolean } = {}) =>
  moneyString
    .refine((v) => !v.startsWith('-'), { message: 'must not be negative' })
    .refine((v) => options.allowZero || /[1-9]/.test(v), { message: 'must be greater than zero' })
    .refine((v) => !isMoneyString(v) || new Dec(v).lessThanOrEqualTo(max), { message: `must be at most ${max}.00` });

export const interview = z.object({
  id: z.string(),
  entrepreneurId: z.string(),
  heldOn: z.string(),
  kind: z.enum(['individual', 'collective']),
  mode: z.enum(['on_site', 'remote', 'phone']),
  durationMinutes: z.number().int(),
  status: z.enum(['held', 'planned', 'missed']),
  /** Staff only: absent from what an entrepreneur reads. */
  notes: z.string().optional(),
  recordedAt: z.string(),
});

export const workshop = z.object({
  id: z.string(),
  title: z.string(),
  heldOn: z.string(),
  durationMinutes: z.number().int(),
  capacity: z.number().int().optional(),
  /** Who attended; an entrepreneur reading the list sees only themselves in it. */
  entrepreneurIds: z.array(z.string()),
  attendance: z.number().int(),
});

export const workshopParams = caeParams.extend({ workshopId: id });

export const complianceItem = z.object({
  entrepreneurId: z.string(),
  name: z.string(),
  status: z.enum(['supported', 'employee', 'associate']),
  /** Since when the person is accompanied without a break (the start of the pro rata in their first year). */
  accompaniedSince: z.string(),
  individualInterviews12m: z.number().int(),
  /** 2, or pro rata for someone accompanied for less than a year (docs/domain.md "Accompaniment"). */
  required: z.number().int(),
  compliant: z.boolean(),
  /** The last day an interview keeps the person compliant; asOf itself when they already fall short. */
  nextDueOn: z.string(),
});

/** The federation summary's compliance columns of a CAE (docs/api.md "Accompaniment and unemployment benefit"). */
export const complianceSummary = z
  .object({
    /** The day the figures are taken on: the month's last day, or today for the month in progress. */
    asOf: z.string(),
    people: z.number().int(),
    compliant: z.number().int(),
    /** compliant ÷ people, 4 decimals; null when nobody is accompanied. */
    share: z.string().nullable(),
  })
  .nullable();

export const contracts = {
  recordInterview: {
    status: 201,
    params: entrepreneurParams,
    body: z.strictObject({
      heldOn: isoDate,
      kind: z.enum(['individual', 'collective']),
      mode: z.enum(['on_site', 'remote', 'phone']),
      durationMinutes: minutes,
      /** `held` may not be dated after today (422 `held-in-future`); `planned` and `missed` any day. */
      status: z.enum(['held', 'planned', 'missed']),
      notes: text(4000, { multiline: true }).optional(),
    }),
    response: interview,
  },
  listInterviews: {
    status: 200,
    params: entrepreneurParams,
    query: z.strictObject({ ...pageQuery }),
    response: page(interview),
  },
  createWorkshop: {
    status: 201,
    params: caeParams,
    body: z.strictObject({
      title: text(200),
      heldOn: isoDate,
      durationMinutes: minutes,
      capacity: z.number({ error: 'must be a whole number' }).int({ message: 'must be a whole number' }).min(1).max(500).optional(),
    }),
    response: workshop,
  },
  putWorkshopAttendance: {
    status: 200,
    params: workshopParams,
    body: z.strictObject({
      /** The CAE's people who came (another CAE's id is a 404 naming it); at most the capacity (422 `over-capacity`). */
      entrepreneurIds: z
        .array(id, { error: 'must be a list of entrepreneur ids' })
        .max(500)
        .refine((ids) => new Set(ids).size === ids.length, { message: 'must not name anyone twice' }),
    }),
    response: workshop,
  },
  listWorkshops: {
    status: 200,
    params: caeParams,
    query: z.strictObject({ ...pageQuery }),
    response: page(workshop),
  },
  getCompliance: {
    status: 200,
    params: caeParams,
    /** Without asOf: today. */
    query: z.strictObject({ asOf: isoDate.optional() }),
    response: z.object({ asOf: z.string(), people: z.number().int(), compliant: z.number().int(), share: z.string().nullable(), items: z.array(complianceItem) }),
  },
  simulateUnemploymentBenefit: {
    status: 200,
    params: caeParams,
    body: z.strictObject({
      month: isoMonth,
      /** Allocation journalière (ARE), gross per day. */
      dailyAllowance: boundedMoney(1_000),
      /** Salaire journalier de référence (SJR). */
      referenceDailyWage: boundedMoney(5_000),
      /** The month's gross salary from the activity. */
      grossSalary: boundedMoney(1_000_000, { allowZero: true }),
      /** Days left of the entitlement; absent: not limited by it. */
      remainingDays: z.number({ error: 'must be a whole number of days' }).int({ message: 'must be a whole number of days' }).min(0).max(1_500).optional(),
      /** Whose situation it is: an entrepreneur may simulate only for themselves; staff for anyone of the CAE. */
      entrepreneurId: id.optional(),
    }),
    response: z.object({
      month: z.string(),
      daysInMonth: z.number().int(),
      monthlyBenefit: z.string(),
      daysPaid: z.number().int(),
      benefitPaid: z.string(),
      cap: z.string(),
      capApplied: z.boolean(),
      remainingDaysAfter: z.number().int().nullable(),
      /** Salary + benefit paid. */
      totalIncome: z.string(),
    }),
  },
} as const;
