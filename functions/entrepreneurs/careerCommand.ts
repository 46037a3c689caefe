/**
 * Applies one career-path command to a stored entrepreneur: read, let the domain decide under the CAE's
 * settings, write only if nobody changed the record meanwhile. A refusal changes nothing.
 */
import { type CareerCommand, decide } from '../../domain/careerPath/index.js';
import { type Caller, requireCae } from '../shared/auth.js';
import { todayInParis } from '../shared/clock.js';
import { withOptimisticRetry } from '../shared/optimistic.js';
import { getCae } from '../shared/repositories/caes.js';
import { getEntrepreneur, saveEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { violationProblem } from '../shared/violations.js';
import { entrepreneurView } from './view.js';

export async function applyCareerCommand(caller: Caller, params: { caeId: string; id: string }, command: CareerCommand) {
  requireCae(caller, params.caeId);
  const saved = await withOptimisticRetry(async () => {
    const [cae, entrepreneur] = await Promise.all([getCae(params.caeId), getEntrepreneur(params.caeId, params.id)]);
    const decision = decide(entrepreneur.path, command, cae.settings);
    if (!decision.ok) throw violationProblem(decision.violations);
    return saveEntrepreneur({ ...entrepreneur, path: decision.value });
  });
  return { body: entrepreneurView(saved, todayInParis()) };
}
