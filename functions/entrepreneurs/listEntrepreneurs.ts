/**
 * GET /caes/{caeId}/entrepreneurs?status=: the CAE's entrepreneurs, optionally those with a status today.
 * GSI2 indexes the status of the last recorded stage; two stages also end by themselves (a CAPE past its end
 * makes a candidate again, a CESA past its associate deadline an exit), so a status is looked up in the
 * partitions it can be recorded or reached in, and each record is checked against today's status.
 */
import { type CareerStage, currentStatus } from '../../domain/careerPath/index.js';
import { requireCae } from '../shared/auth.js';
import { todayInParis } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { listEntrepreneurs, listEntrepreneursByRecordedStatus } from '../shared/repositories/entrepreneurs.js';
import { contracts } from './api.js';
import { entrepreneurView } from './view.js';

/** Recorded statuses a person with a given status today may have: their own, or the one that lapses into it. */
const RECORDED_AS: Record<CareerStage, CareerStage[]> = {
  candidate: ['candidate', 'supported'],
  supported: ['supported'],
  employee: ['employee'],
  associate: ['associate'],
  exited: ['exited', 'employee'],
};

export const handler = httpHandler('listEntrepreneurs', contracts.listEntrepreneurs, async ({ caller, params, query }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const today = todayInParis();
  if (!query.status) {
    const page = await listEntrepreneurs(params.caeId, query.limit, query.cursor);
    return { body: { items: page.items.map((e) => entrepreneurView(e, today)), nextCursor: page.nextCursor } };
  }
  const status = query.status as CareerStage;
  const page = await listEntrepreneursByRecordedStatus(
    params.caeId,
    RECORDED_AS[status],
    query.limit,
    query.cursor,
    (e) => currentStatus(e.path, today) === status,
  );
  return { body: { items: page.items.map((e) => entrepreneurView(e, today)), nextCursor: page.nextCursor } };
});
