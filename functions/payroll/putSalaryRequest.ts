/**
 * PUT /caes/{caeId}/entrepreneurs/{id}/salary-request: the most this entrepreneur wants paid in a month; the
 * monthly workflow pays at most that (and never below the contract's fixed part). The entrepreneur themselves
 * (another's id is a 404, as for every personal record) or staff/admin. The last request wins; a month already
 * closed by payroll is final: 409 `month-closed`, except for an entrepreneur that month's run could not pay (their
 * salary is not final yet: a corrected request is what running the month again pays).
 *
 * The check of the closed month and the write are two requests (dynalite has no transactions): a request that
 * passes the check while a run closes that same month may be stored after the run has read the requests; it is
 * then ignored by that month, which is closed, and changes nothing.
 */
import { MonthClosed } from '../activity/ledger.js';
import { requireEntrepreneur } from '../shared/auth.js';
import { nowIso } from '../shared/clock.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { findRun } from '../shared/repositories/payrollRuns.js';
import { putSalaryRequest } from '../shared/repositories/salaryRequests.js';
import { contracts } from './api.js';

export const handler = httpHandler('putSalaryRequest', contracts.putSalaryRequest, async ({ caller, params, body }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const cae = await getCae(params.caeId);
  await getEntrepreneur(params.caeId, params.id);
  const closed = cae.lastClosedMonth;
  const unpaidThatMonth = async () => (await findRun(params.caeId, body.month))?.unpaid?.some((u) => u.entrepreneurId === params.id) ?? false;
  if (closed !== undefined && body.month <= closed && !(await unpaidThatMonth())) {
    throw new MonthClosed(`${body.month} is closed by payroll (last closed month ${closed}): its salary is final.`, [
      { path: 'body.month', message: `is at or before the last closed month ${closed}` },
    ]);
  }
  await putSalaryRequest({
    caeId: params.caeId,
    entrepreneurId: params.id,
    month: body.month,
    maxGross: body.maxGross,
    requestedAt: nowIso(),
    requestedBy: caller.sub,
  });
  return { body: { entrepreneurId: params.id, month: body.month, maxGross: body.maxGross } };
});
