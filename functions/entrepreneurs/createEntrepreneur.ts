/** POST /caes/{caeId}/entrepreneurs: a person welcomed after the accueil-diagnostic, as a candidate. */
import { ulid } from 'ulid';
import { createCandidate } from '../../domain/careerPath/index.js';
import { requireCae } from '../shared/auth.js';
import { nowIso, todayInParis } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { createEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { violationProblem } from '../shared/violations.js';
import { contracts } from './api.js';
import { entrepreneurView } from './view.js';

export const handler = httpHandler('createEntrepreneur', contracts.createEntrepreneur, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const today = todayInParis();
  const { welcomedOn, ...person } = body;
  // Without welcomedOn the welcome stands on today only until a first CAPE or CESA dated earlier moves it back.
  const decision = createCandidate({ stages: [] }, welcomedOn ? { welcomedOn } : { welcomedOn: today, undated: true });
  if (!decision.ok) throw violationProblem(decision.violations);
  const entrepreneur = {
    id: ulid(),
    caeId: params.caeId,
    ...person,
    path: decision.value,
    createdAt: nowIso(),
    version: 1,
  };
  await createEntrepreneur(entrepreneur);
  return { body: entrepreneurView(entrepreneur, today) };
});
