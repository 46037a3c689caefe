/** How an entrepreneur is shown: their path as of today, with what follows by itself (a CAPE or CESA ending). */
import { associateDeadline, currentContract, currentStatus, timeline } from '../../domain/careerPath/index.js';
import type { Entrepreneur } from '../shared/repositories/entrepreneurs.js';

/** The contract in force today, else the last one signed (a CESA that ended still explains the path). */
function contractOf(e: Entrepreneur, today: string) {
  const current = currentContract(e.path, today);
  if (current) return current;
  for (let i = e.path.stages.length - 1; i >= 0; i--) {
    const stage = e.path.stages[i];
    if (stage?.stage === 'employee') return stage.details;
  }
  return undefined;
}

export function entrepreneurView(e: Entrepreneur, today: string) {
  const contract = contractOf(e, today);
  const deadline = associateDeadline(e.path);
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
    ...(e.gender ? { gender: e.gender } : {}),
    ...(e.educationLevel ? { educationLevel: e.educationLevel } : {}),
    ...(e.priorityNeighbourhood === undefined ? {} : { priorityNeighbourhood: e.priorityNeighbourhood }),
    ...(e.tradeName ? { tradeName: e.tradeName } : {}),
    status: currentStatus(e.path, today),
    path: timeline(e.path, today).map((s) => ({ ...s, details: { ...s.details } })),
    ...(contract ? { contract: { ...contract } } : {}),
    ...(deadline ? { associateDeadline: deadline } : {}),
    createdAt: e.createdAt,
  };
}
