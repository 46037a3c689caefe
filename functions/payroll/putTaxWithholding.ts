/**
 * PUT /caes/{caeId}/entrepreneurs/{id}/tax-withholding: the rate of tax withheld at source the tax
 * administration sent for this entrepreneur, from a month on (`rate: null`: the neutral grid again). Staff set
 * it; each payslip takes the version in force in its month (docs/domain.md "Payslips"). A version with the same
 * `effectiveFrom` replaces the one there; like a contribution policy, it may not take effect in a month payroll
 * has closed (409 `month-closed`): a closed payslip is final.
 */
import { canSetPolicy } from '../../domain/contribution/index.js';
import type { TaxRateVersion } from '../../domain/payroll/index.js';
import { ledgerProblem } from '../activity/ledger.js';
import { withVersion } from '../activity/policyVersions.js';
import { requireCae } from '../shared/auth.js';
import { httpHandler } from '../shared/http.js';
import { withOptimisticRetry } from '../shared/optimistic.js';
import { getCae } from '../shared/repositories/caes.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { findTaxWithholding, saveTaxWithholding } from '../shared/repositories/taxWithholding.js';
import { contracts } from './api.js';

export const handler = httpHandler('putTaxWithholding', contracts.putTaxWithholding, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  await getEntrepreneur(params.caeId, params.id);
  const saved = await withOptimisticRetry(async () => {
    const [cae, stored] = await Promise.all([getCae(params.caeId), findTaxWithholding(params.caeId, params.id)]);
    const refused = canSetPolicy(body.effectiveFrom, cae.lastClosedMonth ?? null).map((v) => ({
      ...v,
      message: v.message.replace('a policy may only take effect', 'a rate may only take effect'),
    }));
    if (refused.length > 0) throw ledgerProblem(refused);
    const version: TaxRateVersion = { effectiveFrom: body.effectiveFrom, rate: body.rate };
    return saveTaxWithholding(stored, withVersion(stored.versions, version));
  });
  return { body: { entrepreneurId: params.id, versions: saved.versions } };
});
