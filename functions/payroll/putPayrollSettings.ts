/**
 * PUT /caes/{caeId}/payroll-settings: the CAE's payroll settings (headcount, AT/MP rate, health insurance,
 * mobility rate), stored on the CAE item. A PUT replaces the whole settings: a field left out goes back to
 * its default. The reply shows the defaults, except the AT/MP rate's, which depends on the date of each
 * payslip (the national average: 0.0212 in 2025, 0.0208 in 2026): it is shown as null when none is stored.
 */
import { RATE_TABLES } from '../../domain/payroll/index.js';
import { requireCae } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { withOptimisticRetry } from '../shared/optimistic.js';
import { type Cae, DEFAULT_PAYROLL_SETTINGS, getCae, saveCae, type StoredPayrollSettings } from '../shared/repositories/caes.js';
import { contracts } from './api.js';

/** The defaults of the latest rate table (docs/api.md: health insurance 40.00 at 50% employer share, mobility 0). */
function displayedDefaults() {
  const latest = RATE_TABLES[RATE_TABLES.length - 1];
  if (!latest) throw new Error('no payroll rate table');
  return latest.defaults;
}

/** The settings as the API shows them: the stored values, the defaults where none is stored. */
export function payrollSettingsView(cae: Pick<Cae, 'id' | 'payrollSettings'>) {
  const stored = cae.payrollSettings ?? DEFAULT_PAYROLL_SETTINGS;
  const defaults = displayedDefaults();
  return {
    caeId: cae.id,
    headcount: stored.headcount,
    atMpRate: stored.atMpRate ?? null,
    healthInsurance: stored.healthInsurance ?? {
      monthlyAmount: defaults.healthInsurance.monthlyAmount,
      employerShare: defaults.healthInsurance.employerShare,
    },
    mobilityRate: stored.mobilityRate ?? defaults.mobilityRate.value,
  };
}

export const handler = httpHandler('putPayrollSettings', contracts.putPayrollSettings, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  const settings: StoredPayrollSettings = {
    headcount: body.headcount,
    ...(body.atMpRate !== undefined ? { atMpRate: body.atMpRate } : {}),
    ...(body.healthInsurance !== undefined ? { healthInsurance: { ...body.healthInsurance } } : {}),
    ...(body.mobilityRate !== undefined ? { mobilityRate: body.mobilityRate } : {}),
  };
  const saved = await withOptimisticRetry(async () => {
    const cae = await getCae(params.caeId);
    return saveCae({ ...cae, payrollSettings: settings });
  });
  return { body: payrollSettingsView(saved) };
});
