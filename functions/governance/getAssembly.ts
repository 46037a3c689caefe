/**
 * GET /caes/{caeId}/assemblies/{assemblyId}: the assembly and its tallies, one vote per person whatever the
 * capital they hold. Who voted what is not shown: only the counts.
 *
 * The electorate carries the associates' names and subscribed capital, so it is for the CAE's staff, the
 * federation admins and the associates of that electorate. Any other entrepreneur of the CAE (a candidate, an
 * employee, someone who left or joined after the assembly was convened) gets the same 404 as for an assembly
 * that does not exist, so that they learn nothing, not even that it exists.
 */
import { tally } from '../../domain/governance/index.js';
import { requireCae } from '../shared/auth.js';
import { NotFound } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { getAssemblyWithVotes } from '../shared/repositories/governance.js';
import { contracts } from './api.js';
import { assemblyView } from './view.js';

export const handler = httpHandler('getAssembly', contracts.getAssembly, async ({ caller, params }) => {
  requireCae(caller, params.caeId);
  const { assembly, votes } = await getAssemblyWithVotes(params.caeId, params.assemblyId);
  if (caller.role === 'entrepreneur' && !assembly.electorate.some((a) => a.entrepreneurId === caller.entrepreneurId)) {
    throw new NotFound(`No assembly ${params.assemblyId}.`);
  }
  const tallies = tally({ ...assembly, electorate: assembly.electorate.map((a) => a.entrepreneurId) }, votes);
  return { body: { ...assemblyView(assembly), tallies } };
});
