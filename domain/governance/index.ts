/**
 * Cooperative governance (docs/domain.md, "The cooperative itself"; docs/api.md, "Cooperative governance"): pure rules,
 * no I/O, no clock.
 *
 * - {@link associatesOn}: the associates register on a date, one entry and one vote per person.
 * - {@link createAssembly}, {@link decideVote}, {@link tally}: assemblies with an electorate frozen at creation,
 *   one vote per associate per resolution whatever their capital, tallies and outcomes.
 * - {@link checkSurplusAllocation}, {@link proposeMinimalAllocation}: a year's surplus allocated under law
 *   78-763 art. 33; each breach is a violation whose id is the 422 problem `type`.
 *
 * HTTP statuses the API should use for refusals: {@link VOTE_VIOLATION_STATUS} for votes; 422 for every
 * {@link SurplusRuleId}.
 *
 * @example
 * ```ts
 * const electorate = associatesOn(memberships, '2026-06-15');
 * const assembly = createAssembly({ heldOn: '2026-06-15', kind: 'ordinary', resolutions: [{ title: 'Accounts 2025' }], associates: electorate });
 * const decision = decideVote({ assembly, existingVotes, voterId, resolutionId: 'r1', choice: 'for' });
 * const proposal = proposeMinimalAllocation({ year: 2025, surplus: '10000.00', legalReserveBalance: '0.00', highestCapital: '50000.00' });
 * // → legalReserve 1500.00, workersShare 2500.00, capitalInterest 0.00, developmentFund 6000.00
 * ```
 */
export { type Associate, associatesOn, type Membership } from './associates.js';
export {
  type Assembly,
  type AssemblyKind,
  createAssembly,
  decideVote,
  isAdopted,
  isVoteChoice,
  type NewAssembly,
  type Resolution,
  type ResolutionTally,
  tally,
  type Vote,
  VOTE_CHOICES,
  VOTE_VIOLATION_STATUS,
  type VoteChoice,
  type VoteDecision,
  type VoteRequest,
  type VoteViolationId,
} from './assemblies.js';
export {
  checkSurplusAllocation,
  LEGAL_RESERVE_RATE,
  proposeMinimalAllocation,
  SURPLUS_RULES,
  type SurplusAllocation,
  type SurplusAllocationDecision,
  type SurplusField,
  type SurplusRequirements,
  type SurplusRuleId,
  type SurplusViolation,
  surplusRequirements,
  WORKERS_SHARE_RATE,
} from './surplus.js';
