/**
 * POST /caes/{caeId}/assemblies: convenes an assembly. Its electorate is the associates register on `heldOn`
 * as it stands now, stored with the assembly: memberships recorded later (even back-dated ones) and exits
 * change nothing for this assembly.
 */
import { ulid } from 'ulid';
import { associatesOn, createAssembly as convene } from '../../domain/governance/index.js';
import { requireCae } from '../shared/auth.js';
import { nowIso } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { createAssembly, listMemberships, type StoredAssembly } from '../shared/repositories/governance.js';
import { contracts } from './api.js';
import { assemblyView } from './view.js';

export const handler = httpHandler('createAssembly', contracts.createAssembly, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const associates = associatesOn(await listMemberships(params.caeId), body.heldOn);
  const decided = convene({ heldOn: body.heldOn, kind: body.kind, resolutions: body.resolutions, associates });
  const assembly: StoredAssembly = {
    id: ulid(),
    caeId: params.caeId,
    heldOn: decided.heldOn,
    kind: decided.kind,
    resolutions: [...decided.resolutions],
    electorate: associates,
    createdAt: nowIso(),
  };
  await createAssembly(assembly);
  return { body: assemblyView(assembly) };
});
