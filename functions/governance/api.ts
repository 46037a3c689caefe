/**
 * The HTTP contract of the governance routes (docs/api.md "Cooperative governance"): the associates register,
 * assemblies and their votes, and the allocation of a year's surplus.
 */
import * as z from 'zod';
import { VOTE_CHOICES } from '../../domain/governance/index.js';
import { id, isoDate, moneyString, text } from '../shared/validation.js';

const caeParams = z.object({ caeId: id });
const assemblyParams = z.object({ caeId: id, assemblyId: id });

/** An associate as the register shows them: one vote each, whatever their capital. */
export const associate = z.object({
  entrepreneurId: z.string(),
  name: z.string(),
  since: z.string(),
  capitalSubscribed: z.string(),
  votes: z.literal(1),
});

const resolution = z.object({ id: z.string(), title: z.string() });

const tally = z.object({
  resolutionId: z.string(),
  title: z.string(),
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
  /** for + against: abstentions are not votes cast. */
  votesCast: z.number().int(),
  voters: z.number().int(),
  electorate: z.number().int(),
  outcome: z.enum(['adopted', 'rejected']),
});

export const assembly = z.object({
  id: z.string(),
  heldOn: z.string(),
  kind: z.enum(['ordinary', 'extraordinary']),
  resolutions: z.array(resolution),
  /** The associates on `heldOn`, frozen when the assembly was created. */
  electorate: z.array(associate),
  createdAt: z.string(),
});

const choice = z.enum(VOTE_CHOICES as unknown as ['for', 'against', 'abstain'], {
  error: `must be one of ${VOTE_CHOICES.join(', ')}`,
});

/**
 * Amounts of an allocation. Signs are accepted here on purpose: a negative surplus (a loss) or a negative part
 * is a business rule of art. 33 (`surplus-not-positive`, `negative-amount`), answered with a 422 naming it.
 */
const allocationFields = {
  surplus: moneyString,
  legalReserve: moneyString,
  developmentFund: moneyString,
  workersShare: moneyString,
  capitalInterest: moneyString,
  legalReserveBalance: moneyString,
  highestCapital: moneyString,
};

export const surplusAllocation = z.object({
  year: z.number().int(),
  surplus: z.string(),
  legalReserve: z.string(),
  developmentFund: z.string(),
  workersShare: z.string(),
  capitalInterest: z.string(),
  legalReserveBalance: z.string(),
  highestCapital: z.string(),
  /** What art. 33 required of this surplus: the minimums the allocation was checked against. */
  requirements: z.object({ legalReserveMinimum: z.string(), workersShareMinimum: z.string() }),
  createdAt: z.string(),
});

export const contracts = {
  listAssociates: {
    status: 200,
    params: caeParams,
    /** The register is returned whole (a CAE has a few hundred associates at most): no limit or cursor. */
    query: z.strictObject({ asOf: isoDate.optional() }),
    response: z.object({ asOf: z.string(), items: z.array(associate) }),
  },
  createAssembly: {
    status: 201,
    params: caeParams,
    body: z.strictObject({
      heldOn: isoDate,
      kind: z.enum(['ordinary', 'extraordinary'], { error: 'must be "ordinary" or "extraordinary"' }),
      resolutions: z
        .array(z.strictObject({ title: text(500) }), { error: 'must be a list of { title }' })
        .min(1, { message: 'an assembly needs at least one resolution' })
        .max(100, { message: 'at most 100 resolutions' }),
    }),
    response: assembly,
  },
  getAssembly: {
    status: 200,
    params: assemblyParams,
    response: assembly.extend({ tallies: z.array(tally) }),
  },
  castVote: {
    status: 201,
    params: assemblyParams,
    body: z.strictObject({
      resolutionId: z.string().regex(/^r[1-9]\d{0,2}$/, { message: 'is not a resolution id ("r1", "r2"…)' }),
      choice,
    }),
    response: z.object({ assemblyId: z.string(), resolutionId: z.string(), voterId: z.string(), choice, castAt: z.string() }),
  },
  createSurplusAllocation: {
    status: 201,
    idempotencyKey: true,
    params: caeParams,
    body: z.strictObject({
      /** The financial year whose surplus is allocated; from the Scop law's year on. */
      year: z.number({ error: 'must be a year, e.g. 2025' }).int({ message: 'must be a year, e.g. 2025' }).min(1978).max(2999),
      ...allocationFields,
    }),
    response: surplusAllocation,
  },
} as const;
