/**
 * POST /caes/{caeId}/assemblies/{assemblyId}/votes: an associate votes with their own token, once per
 * resolution. Each vote carries one voice, whatever the capital of the voter.
 *
 * Who may vote, checked before anything is read, so a refusal leaks nothing about the assembly:
 * - staff and federation admins never vote (403): a vote comes from the voter's own token, there are no proxies;
 * - an entrepreneur of another CAE is outside this electorate (403, docs/api.md: "anyone outside the electorate"),
 *   rather than the usual 404 for another tenant's ids: the answer is the same whether the assembly exists.
 * Then the domain decides (not in the electorate → 403, unknown resolution → 422, already voted → 409), and
 * the vote is written with a conditional put under its (assembly, resolution, voter) key, which settles two
 * concurrent votes: one is stored, the other is a 409.
 */
import { decideVote, VOTE_VIOLATION_STATUS, type VoteViolationId } from '../../domain/governance/index.js';
import { Forbidden, RuleViolated, ValidationFailed } from '../shared/errors.js';
import { nowIso } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { alreadyVoted, findVote, getAssembly, recordVote, type StoredVote } from '../shared/repositories/governance.js';
import { contracts } from './api.js';

function refusal(violation: VoteViolationId, message: string): Error {
  switch (VOTE_VIOLATION_STATUS[violation]) {
    case 403:
      return new Forbidden(message);
    case 409:
      return alreadyVoted();
    case 422:
      return new RuleViolated(violation, message, [{ path: 'body.resolutionId', message }]);
    default:
      return new ValidationFailed(message, [{ path: 'body.choice', message }]);
  }
}

export const handler = httpHandler('castVote', contracts.castVote, async ({ caller, params, body }) => {
  if (caller.role !== 'entrepreneur' || !caller.entrepreneurId) {
    throw new Forbidden('Only an associate votes, with their own token.');
  }
  if (caller.caeId !== params.caeId) {
    throw new Forbidden('Only the associates of this CAE on the day the assembly was convened may vote.');
  }
  const voterId = caller.entrepreneurId;
  const assembly = await getAssembly(params.caeId, params.assemblyId);
  const existing = await findVote(params.caeId, params.assemblyId, body.resolutionId, voterId);
  const decision = decideVote({
    assembly: { resolutions: assembly.resolutions, electorate: assembly.electorate.map((a) => a.entrepreneurId) },
    existingVotes: existing ? [existing] : [],
    voterId,
    resolutionId: body.resolutionId,
    choice: body.choice,
  });
  if (!decision.ok) throw refusal(decision.violation, decision.message);
  const vote: StoredVote = { assemblyId: assembly.id, ...decision.vote, castAt: nowIso() };
  await recordVote(params.caeId, vote);
  return { body: vote };
});
