/**
 * What every accounting route checks first (docs/api.md "Accounting"): the caller's CAE (another CAE's id is a
 * 404, like an unknown one; the route table lets only staff and federation admins in), and for a fiscal year,
 * that it lies within the CAE's life: from the fiscal year it was created in (or the first with entries, for
 * history recorded after the fact) to the current one.
 */
import { fiscalYearBounds, fiscalYearOf, type FiscalYearBounds } from '../../domain/accounting/index.js';
import { type Caller, requireCae } from '../shared/auth.js';
import { todayInParis } from '../shared/clock.js';
import { NotFound } from '../shared/errors.js';
import { readAccountingSettings, type StoredAccountingSettings } from '../shared/repositories/accountingSettings.js';
import { type Cae, getCae } from '../shared/repositories/caes.js';

export async function caeBooks(caller: Caller, caeId: string): Promise<{ cae: Cae; books: StoredAccountingSettings }> {
  requireCae(caller, caeId);
  const [cae, books] = await Promise.all([getCae(caeId), readAccountingSettings(caeId)]);
  return { cae, books };
}

/** The fiscal year's bounds, or a 404 when it is outside the CAE's life. */
export function fiscalYearInLife(cae: Cae, books: StoredAccountingSettings, fiscalYear: number): FiscalYearBounds {
  const start = books.settings.fiscalYearStartMonth;
  const created = fiscalYearOf(cae.createdAt.slice(0, 10), start);
  const first = books.firstFiscalYear === undefined ? created : Math.min(created, books.firstFiscalYear);
  const current = fiscalYearOf(todayInParis(), start);
  if (fiscalYear < first || fiscalYear > current) {
    throw new NotFound(`No fiscal year ${fiscalYear} for CAE ${cae.id}: its books run from ${first} to ${current}.`);
  }
  return fiscalYearBounds(fiscalYear, start);
}
