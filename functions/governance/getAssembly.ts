/**
 * GET /caes/{caeId}/assemblies/{assemblyId}: the assembly and its tallies, one vote per person whatever the
 * capital they hold. Who voted what is not shown: only the counts.
 */
import { tally } from '../../domain/governance/index.js';
import { requireCae } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { getAssemblyWithVotes } from '../shared/repositories/governance.js';
import { contracts } from './api.js';
import { assemblyView } from './view.js';

export const handler = httpHandler('getAssembly', contracts.getAssembly, async ({ caller, params }) => {
  requireCae(caller, params.caeId);
  const { assembly, votes } = await getAssemblyWithVotes(params.caeId, params.assemblyId);
  const tallies = tally({ ...assembly, electorate: assembly.electorate.map((a) => a.entrepreneurId) }, votes);
  return { body: { ...assemblyView(assembly), tallies } };
});
