/**
 * The HTTP contract of the CAE routes (docs/api.md "CAEs"): zod schemas that validate requests, type the
 * handlers and generate /openapi.json.
 */
import * as z from 'zod';
import { isValidSiret } from '../../domain/cae/siret.js';
import { isCommuneCode } from '../../domain/territory/index.js';
import { id, isoMonth, nonNegativeMoney, page, pageQuery, rateString, text } from '../shared/validation.js';

export const siret = z
  .string({ error: 'must be a string of 14 digits' })
  .regex(/^\d{14}$/, { message: 'must be 14 digits' })
  .refine(isValidSiret, { message: 'has a wrong check digit (Luhn)' });

export const communeCode = z
  .string({ error: 'must be an INSEE commune code such as "69123"' })
  .regex(/^(\d{5}|2[AB]\d{3})$/, { message: 'must be an INSEE commune code such as "69123" or "2A004"' })
  .refine(isCommuneCode, { message: 'is not an INSEE commune code in force' });

const policyLimits = {
  base: z.enum(['revenue', 'margin', 'collected']).optional(),
  monthlyFloor: nonNegativeMoney.optional(),
  yearlyCap: nonNegativeMoney.optional(),
};

export const contributionPolicy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('flat'), rate: rateString, ...policyLimits }),
  z.strictObject({
    kind: z.literal('tiered'),
    brackets: z
      .array(z.strictObject({ upTo: nonNegativeMoney.nullable(), rate: rateString }))
      .min(1)
      .max(12),
    ...policyLimits,
  }),
]);

export const careerPathSettings = z.strictObject({ requireConventionBeforeContract: z.boolean() });

export const cae = z.object({
  id: z.string(),
  name: z.string(),
  siret: z.string(),
  communeCode: z.string(),
  contributionPolicy,
  settings: careerPathSettings,
  createdAt: z.string(),
});

export const caeParams = z.object({ caeId: id });

export const contracts = {
  createCae: {
    status: 201,
    body: z.strictObject({
      name: text(200),
      siret,
      communeCode,
      contributionPolicy: contributionPolicy.optional(),
    }),
    response: cae,
  },
  listCaes: { status: 200, query: z.strictObject(pageQuery), response: page(cae) },
  getCae: { status: 200, params: caeParams, response: cae },
  putCaeSettings: { status: 200, params: caeParams, body: careerPathSettings, response: cae },
  putContributionPolicy: {
    status: 200,
    params: caeParams,
    body: z.strictObject({ effectiveFrom: isoMonth, policy: contributionPolicy }),
    response: cae,
  },
} as const;
