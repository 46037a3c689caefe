/** How a CAE is shown: the current contribution policy, not the storage's history and version. */
import type { Cae } from '../shared/repositories/caes.js';

export function caeView(cae: Cae) {
  const current = cae.contributionPolicies[cae.contributionPolicies.length - 1];
  if (!current) throw new Error(`CAE ${cae.id} has no contribution policy`);
  return {
    id: cae.id,
    name: cae.name,
    siret: cae.siret,
    communeCode: cae.communeCode,
    contributionPolicy: current.policy,
    contributionPolicies: cae.contributionPolicies,
    settings: cae.settings,
    createdAt: cae.createdAt,
  };
}
