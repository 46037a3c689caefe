/**
 * General assemblies of associates: the electorate frozen when the assembly is created, the decision to accept
 * a vote, and the tally of each resolution. One person, one vote, whatever the capital they hold: a vote
 * carries no weight, and nothing here ever reads a capital amount.
 *
 * Majorities (votes cast = for + against; abstentions are not votes cast):
 * - ordinary: adopted when for > against (simple majority of votes cast; a tie rejects);
 * - extraordinary: adopted when for ≥ 2/3 of votes cast.
 * Sources: Code de commerce L225-98 (ordinary: majority of the votes expressed) and L225-96 (extraordinary:
 * "deux tiers des voix exprimées"), which since loi 2019-744 leave abstentions and blank votes out of the votes
 * expressed; they govern a Scop in SA form. Loi 78-763 (Scop) adds that quorum and majority are reckoned on the
 * votes that may validly be cast by the associates present or represented. For a Scop in SARL form we assume
 * the same thresholds (not checked against the text); each CAE's statutes fix its own, so they should become a
 * CAE setting (practice).
 *
 * Not modelled: quorum (it depends on the statutes and on whether the assembly sits on first or second
 * convocation; `voters` in the tally lets a caller check one), proxies (the API takes each vote from its voter's
 * own token), and opening or closing of the ballot (the domain has no clock).
 */
import { type IsoDate, isValidDate } from '../calendar.js';

export type AssemblyKind = 'ordinary' | 'extraordinary';
export type VoteChoice = 'for' | 'against' | 'abstain';
export const VOTE_CHOICES: readonly VoteChoice[] = Object.freeze(['for', 'against', 'abstain']);

export interface Resolution {
  /** Position-based id, unique inside its assembly: "r1", "r2"… */
  readonly id: string;
  readonly title: string;
}

export interface Assembly {
  readonly heldOn: IsoDate;
  readonly kind: AssemblyKind;
  readonly resolutions: readonly Resolution[];
  /** The entrepreneurIds of the associates on `heldOn`, frozen at creation: later entries or exits change nothing. */
  readonly electorate: readonly string[];
}

export interface NewAssembly {
  readonly heldOn: IsoDate;
  readonly kind: AssemblyKind;
  readonly resolutions: readonly { readonly title: string }[];
  /** The associates on `heldOn`, typically `associatesOn(memberships, heldOn)`. */
  readonly associates: readonly { readonly entrepreneurId: string }[];
}

export interface Vote {
  readonly voterId: string;
  readonly resolutionId: string;
  readonly choice: VoteChoice;
}

/**
 * Why a vote is refused, and the HTTP status the API should answer:
 * - `invalid-choice` → 400 (normally caught by the request schema before the domain is reached);
 * - `not-in-electorate` → 403 (a non-associate, an associate of another CAE, or one who joined after creation);
 * - `unknown-resolution` → 422 (the assembly in the path exists; the body names a resolution it does not have);
 * - `already-voted` → 409 (one vote per person per resolution, never changed).
 */
export type VoteViolationId = 'invalid-choice' | 'not-in-electorate' | 'unknown-resolution' | 'already-voted';

export const VOTE_VIOLATION_STATUS: Readonly<Record<VoteViolationId, number>> = Object.freeze({
  'invalid-choice': 400,
  'not-in-electorate': 403,
  'unknown-resolution': 422,
  'already-voted': 409,
});

export type VoteDecision =
  | { readonly ok: true; readonly vote: Vote }
  | { readonly ok: false; readonly violation: VoteViolationId; readonly message: string };

export interface ResolutionTally {
  readonly resolutionId: string;
  readonly title: string;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  /** for + against: the votes expressed; abstentions are not counted. */
  readonly votesCast: number;
  /** Associates who took part in this resolution's vote, abstentions included. */
  readonly voters: number;
  /** Size of the frozen electorate. */
  readonly electorate: number;
  readonly outcome: 'adopted' | 'rejected';
}

/**
 * Creates an assembly with its electorate frozen: the distinct entrepreneurIds of `associates`, in the order
 * given. Resolutions get ids "r1", "r2"… in the order given.
 *
 * @throws RangeError when `heldOn` is not a date, there is no resolution, or a title is blank
 *   (the request schema should refuse those with a 400 first).
 */
export function createAssembly(input: NewAssembly): Assembly {
  if (!isValidDate(input.heldOn)) throw new RangeError(`not a date: ${input.heldOn}`);
  if (input.resolutions.length === 0) throw new RangeError('an assembly needs at least one resolution');
  const resolutions = input.resolutions.map((r, index): Resolution => {
    const title = r.title.trim();
    if (title === '') throw new RangeError(`resolution ${index + 1} has no title`);
    return Object.freeze({ id: `r${index + 1}`, title });
  });
  const electorate = [...new Set(input.associates.map((a) => a.entrepreneurId))];
  return Object.freeze({
    heldOn: input.heldOn,
    kind: input.kind,
    resolutions: Object.freeze(resolutions),
    electorate: Object.freeze(electorate),
  });
}

export interface VoteRequest {
  readonly assembly: Pick<Assembly, 'electorate' | 'resolutions'>;
  /** The votes already recorded in this assembly (any resolution). */
  readonly existingVotes: readonly Vote[];
  readonly voterId: string;
  readonly resolutionId: string;
  /** Untrusted: checked here as well as by the request schema. */
  readonly choice: string;
}

/**
 * Decides whether a vote may be recorded. Checks run in the order the HTTP pipeline meets them: the choice
 * (body validation), then who votes (an outsider learns nothing about the resolutions), then what they vote on,
 * then whether they already did. The storage must still write the vote under a key made of (assembly,
 * resolution, voter) with a conditional put, so that two concurrent votes leave exactly one.
 */
export function decideVote(request: VoteRequest): VoteDecision {
  const { assembly, existingVotes, voterId, resolutionId, choice } = request;
  if (!isVoteChoice(choice)) {
    return refuse('invalid-choice', `choice must be one of ${VOTE_CHOICES.join(', ')}`);
  }
  if (!assembly.electorate.includes(voterId)) {
    return refuse('not-in-electorate', 'only the associates on the day the assembly was convened may vote');
  }
  if (!assembly.resolutions.some((r) => r.id === resolutionId)) {
    return refuse('unknown-resolution', `this assembly has no resolution ${resolutionId}`);
  }
  if (existingVotes.some((v) => v.voterId === voterId && v.resolutionId === resolutionId)) {
    return refuse('already-voted', 'one vote per associate per resolution, and a vote cannot be changed');
  }
  return { ok: true, vote: { voterId, resolutionId, choice } };
}

/**
 * Counts each resolution's votes, one per person: a voter outside the electorate is ignored, and if the same
 * person appears twice on a resolution only their first vote counts (the one the store kept).
 */
export function tally(assembly: Assembly, votes: readonly Vote[]): ResolutionTally[] {
  const electorate = new Set(assembly.electorate);
  return assembly.resolutions.map((resolution) => {
    const counted = new Set<string>();
    const counts = { for: 0, against: 0, abstain: 0 };
    for (const vote of votes) {
      if (vote.resolutionId !== resolution.id || !electorate.has(vote.voterId) || counted.has(vote.voterId)) continue;
      counted.add(vote.voterId);
      counts[vote.choice] += 1;
    }
    const votesCast = counts.for + counts.against;
    return {
      resolutionId: resolution.id,
      title: resolution.title,
      ...counts,
      votesCast,
      voters: counted.size,
      electorate: electorate.size,
      outcome: isAdopted(assembly.kind, counts.for, counts.against) ? 'adopted' : 'rejected',
    };
  });
}

/**
 * The majority rule alone, on whole counts (no floating point): ordinary, for > against; extraordinary,
 * 3 × for ≥ 2 × (for + against), with at least one vote for.
 */
export function isAdopted(kind: AssemblyKind, votesFor: number, votesAgainst: number): boolean {
  if (kind === 'ordinary') return votesFor > votesAgainst;
  return votesFor > 0 && 3 * votesFor >= 2 * (votesFor + votesAgainst);
}

export function isVoteChoice(value: string): value is VoteChoice {
  return (VOTE_CHOICES as readonly string[]).includes(value);
}

function refuse(violation: VoteViolationId, message: string): VoteDecision {
  return { ok: false, violation, message };
}
