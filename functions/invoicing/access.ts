/**
 * Who may do what in invoicing (docs/api.md "Invoicing"): staff and admins of the CAE everything; an
 * entrepreneur their own customers, quotes and drafts, and issuing alone up to the CAE's `selfIssueLimit`
 * (total incl. VAT; above it staff issue: 403). Another CAE's or another entrepreneur's ids are 404.
 */
import { withinSelfIssueLimit } from '../../domain/invoicing/index.js';
import { type Caller, requireEntrepreneur } from '../shared/auth.js';
import { Forbidden, RuleViolated } from '../shared/errors.js';
import { type Cae, getCae, type InvoicingSettings } from '../shared/repositories/caes.js';
import { type Entrepreneur, getEntrepreneur } from '../shared/repositories/entrepreneurs.js';

/** The CAE and the entrepreneur of a request on `…/entrepreneurs/{id}/…`, both checked (404 for another tenant's). */
export async function activityOf(caller: Caller, caeId: string, entrepreneurId: string): Promise<{ cae: Cae; entrepreneur: Entrepreneur }> {
  requireEntrepreneur(caller, caeId, entrepreneurId);
  const [cae, entrepreneur] = await Promise.all([getCae(caeId), getEntrepreneur(caeId, entrepreneurId)]);
  return { cae, entrepreneur };
}

/** The CAE's invoicing settings, required before anything is numbered (422). */
export function settingsOf(cae: Cae): InvoicingSettings {
  if (!cae.invoicingSettings) {
    const message = 'the CAE has no invoicing settings yet (PUT /caes/{caeId}/invoicing-settings): nothing is issued without its legal identity';
    throw new RuleViolated('invoicing-settings-required', message, [{ path: 'path.caeId', message }]);
  }
  return cae.invoicingSettings;
}

/** 403 when an entrepreneur would issue alone a document above the CAE's limit. */
export function requireMayIssue(caller: Caller, settings: InvoicingSettings, inclVat: string): void {
  if (caller.role !== 'entrepreneur' || withinSelfIssueLimit(inclVat, settings.selfIssueLimit)) return;
  throw new Forbidden(`An entrepreneur issues alone up to ${settings.selfIssueLimit} incl. VAT; the CAE's staff issue this one (${inclVat}).`);
}
