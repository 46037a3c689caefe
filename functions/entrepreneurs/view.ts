/** How an entrepreneur is shown: their path as of today, with what follows by itself (a CAPE or CESA ending). */
import { currentContract, currentStatus, timeline } from '../../domain/careerPath/index.js';
import type { Entrepreneur } from '../shared/repositories/entrepreneurs.js';

export function entrepreneurView(e: Entrepreneur, today: string) {
  const contract = currentContract(e.path, today);
  return {
    id: e.id,
    caeId: e.caeId,
    firstName: e.firstName,
    lastName: e.lastName,
    email: e.email,
    communeCode: e.communeCode,
    activity: e.activity,
    ...(e.birthDate ? { birthDate: e.birthDate } : {}),
    ...(e.situationAtEntry ? { situationAtEntry: e.situationAtEntry } : {}),
    status: currentStatus(e.path, today),
    path: timeline(e.path, today).map((s) => ({ ...s, details: { ...s.details } })),
    ...(contract ? { contract: { ...contract }, associateDeadline: contract.associateDeadline } : {}),
    createdAt: e.createdAt,
  };
}
