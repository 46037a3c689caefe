/**
 * POST /caes/{caeId}/unemployment-benefit/simulations: the benefit an entrepreneur keeps alongside a month's
 * salary (docs/domain.md "Unemployment benefit"). Nothing is stored. Like salary simulations, the CAE's staff and
 * entrepreneurs may simulate; with `entrepreneurId`, an entrepreneur may name only themselves and staff anyone of
 * the CAE (another id is a 404).
 */
import { benefitOfMonth } from '../../domain/accompaniment/index.js';
import { Dec, formatMoney } from '../../domain/money.js';
import { requireCae, requireEntrepreneur } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { contracts } from './api.js';

export const handler = httpHandler('simulateUnemploymentBenefit', contracts.simulateUnemploymentBenefit, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  if (body.entrepreneurId !== undefined) {
    requireEntrepreneur(caller, params.caeId, body.entrepreneurId);
    await getEntrepreneur(params.caeId, body.entrepreneurId);
  } else {
    await getCae(params.caeId);
  }
  const gross = new Dec(body.grossSalary);
  const daily = new Dec(body.dailyAllowance);
  const b = benefitOfMonth({
    month: body.month,
    dailyAllowance: daily,
    referenceDailyWage: new Dec(body.referenceDailyWage),
    grossSalary: gross,
    ...(body.remainingDays === undefined ? {} : { remainingDays: body.remainingDays }),
  });
  return {
    body: {
      month: body.month,
      daysInMonth: b.daysInMonth,
      monthlyBenefit: formatMoney(daily.times(b.daysInMonth)),
      daysPaid: b.daysPaid,
      benefitPaid: formatMoney(b.benefitPaid),
      cap: formatMoney(b.cap),
      capApplied: b.capApplied,
      remainingDaysAfter: b.remainingDaysAfter,
      totalIncome: formatMoney(gross.plus(b.benefitPaid)),
    },
  };
});
