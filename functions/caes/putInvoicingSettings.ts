/**
 * PUT /caes/{caeId}/invoicing-settings: the legal identity the CAE's activities invoice under (docs/api.md
 * "Invoicing"). The VAT number must be the CAE's own: its SIREN is the first 9 digits of the CAE's SIRET.
 */
import { sirenOfVatNumber } from '../../domain/invoicing/index.js';
import { contracts } from '../invoicing/api.js';
import { requireCae } from '../shared/auth.js';
import { ValidationFailed } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { withOptimisticRetry } from '../shared/optimistic.js';
import { getCae, saveCae } from '../shared/repositories/caes.js';

export const handler = httpHandler('putInvoicingSettings', contracts.putInvoicingSettings, async ({ params, body, caller }) => {
  requireCae(caller, params.caeId);
  const saved = await withOptimisticRetry(async () => {
    const cae = await getCae(params.caeId);
    const siren = sirenOfVatNumber(body.vatNumber);
    if (siren !== cae.siret.slice(0, 9)) {
      const message = `must be the CAE's own VAT number (FR + key + ${cae.siret.slice(0, 9)}, the SIREN of its SIRET)`;
      throw new ValidationFailed(message, [{ path: 'body.vatNumber', message }]);
    }
    return saveCae({ ...cae, invoicingSettings: body });
  });
  return { body: saved.invoicingSettings as NonNullable<typeof saved.invoicingSettings> };
});
