/**
 * The HTTP contract of the entrepreneur routes (docs/api.md "Entrepreneurs").
 */
import * as z from 'zod';
import { CAREER_STAGES, EXIT_REASONS } from '../../domain/careerPath/index.js';
import { EDUCATION_LEVELS, GENDERS, SITUATIONS_AT_ENTRY } from '../../domain/person.js';
import { communeCode } from '../caes/api.js';
import { payrollAmount } from '../payroll/bounds.js';
import { id, isoDate, page, pageQuery, positiveMoney, text } from '../shared/validation.js';

export const entrepreneurParams = z.object({ caeId: id, id });

const stage = z.object({
  stage: z.enum(CAREER_STAGES as unknown as [string, ...string[]]),
  from: z.string(),
  to: z.string().optional(),
  reason: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
});

const contract = z.object({
  signedOn: z.string(),
  startsOn: z.string(),
  fixedMonthlyGross: z.string(),
  trialMonths: z.number(),
  associateDeadline: z.string(),
});

export const entrepreneur = z.object({
  id: z.string(),
  caeId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  communeCode: z.string(),
  activity: z.string(),
  birthDate: z.string().optional(),
  situationAtEntry: z.enum(SITUATIONS_AT_ENTRY).optional(),
  gender: z.enum(GENDERS).optional(),
  educationLevel: z.enum(EDUCATION_LEVELS).optional(),
  priorityNeighbourhood: z.boolean().optional(),
  tradeName: z.string().optional(),
  status: z.string(),
  path: z.array(stage),
  contract: contract.optional(),
  associateDeadline: z.string().optional(),
  createdAt: z.string(),
});

const name = text(100);

export const contracts = {
  createEntrepreneur: {
    status: 201,
    params: z.object({ caeId: id }),
    body: z.strictObject({
      firstName: name,
      lastName: name,
      email: z.email({ message: 'must be an email address' }).max(254),
      communeCode,
      activity: text(200),
      birthDate: isoDate.optional(),
      situationAtEntry: z.enum(SITUATIONS_AT_ENTRY).optional(),
      /**
       * The accueil-diagnostic date. When absent, today until a first CAPE or CESA dated earlier moves the
       * welcome back to its start.
       */
      welcomedOn: isoDate.optional(),
      gender: z.enum(GENDERS).optional(),
      educationLevel: z.enum(EDUCATION_LEVELS).optional(),
      /** Lives in a quartier prioritaire de la politique de la ville. */
      priorityNeighbourhood: z.boolean().optional(),
      /** The activity's name on its invoices (the shared text schema replaces this bounded string at merge). */
      tradeName: text(120).optional(),
    }),
    response: entrepreneur,
  },
  listEntrepreneurs: {
    status: 200,
    params: z.object({ caeId: id }),
    query: z.strictObject({ ...pageQuery, status: z.enum(CAREER_STAGES as unknown as [string, ...string[]]).optional() }),
    response: page(entrepreneur),
  },
  getEntrepreneur: { status: 200, params: entrepreneurParams, response: entrepreneur },
  getEntrepreneurStatus: {
    status: 200,
    params: entrepreneurParams,
    query: z.strictObject({ asOf: isoDate }),
    response: z.object({ asOf: z.string(), status: z.string() }),
  },
  signConvention: {
    status: 201,
    params: entrepreneurParams,
    body: z.strictObject({ signedOn: isoDate, startsOn: isoDate, endsOn: isoDate }),
    response: entrepreneur,
  },
  renewConvention: {
    status: 201,
    params: entrepreneurParams,
    body: z.strictObject({ endsOn: isoDate }),
    response: entrepreneur,
  },
  signContract: {
    status: 201,
    params: entrepreneurParams,
    body: z.strictObject({
      signedOn: isoDate,
      startsOn: isoDate,
      // Payroll pays it every month: payroll's own bound, so that a contract signed here can always be paid.
      fixedMonthlyGross: payrollAmount,
      trialMonths: z.number().int().min(0).max(8).optional(),
    }),
    response: entrepreneur,
  },
  becomeAssociate: {
    status: 201,
    params: entrepreneurParams,
    body: z.strictObject({ effectiveOn: isoDate, capitalSubscribed: positiveMoney }),
    response: entrepreneur,
  },
  exitEntrepreneur: {
    status: 201,
    params: entrepreneurParams,
    body: z.strictObject({ effectiveOn: isoDate, reason: z.enum(EXIT_REASONS) }),
    response: entrepreneur,
  },
} as const;
