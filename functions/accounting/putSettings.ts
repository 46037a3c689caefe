/**
 * PUT /caes/{caeId}/accounting-settings: the fiscal year's first month, VAT on debits, the staff-expenses
 * account and per-role account overrides (each a PCG account of its role's class: the contract refuses others
 * with a 400). The settings apply to the entries booked from then on; an entry once booked never changes. The
 * fiscal year's start is frozen once an entry is booked (409): numbering and the FEC are per fiscal year.
 */
import { DEFAULT_SETTINGS } from '../../domain/accounting/index.js';
import { requireCae } from '../shared/auth.js';
import { Conflict } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { withOptimisticRetry } from '../shared/optimistic.js';
import { readAccountingSettings, saveAccountingSettings } from '../shared/repositories/accountingSettings.js';
import { getCae } from '../shared/repositories/caes.js';
import { contracts } from './api.js';
import { settingsView } from './view.js';

export const handler = httpHandler('putAccountingSettings', contracts.putAccountingSettings, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  await getCae(params.caeId);
  const settings = {
    fiscalYearStartMonth: body.fiscalYearStartMonth ?? DEFAULT_SETTINGS.fiscalYearStartMonth,
    vatOnDebits: body.vatOnDebits ?? DEFAULT_SETTINGS.vatOnDebits,
    staffExpensesAccount: body.staffExpensesAccount ?? DEFAULT_SETTINGS.staffExpensesAccount,
    accounts: body.accounts ?? {},
  };
  await withOptimisticRetry(async () => {
    const stored = await readAccountingSettings(params.caeId, true);
    if (stored.firstFiscalYear !== undefined && stored.settings.fiscalYearStartMonth !== settings.fiscalYearStartMonth) {
      throw new Conflict('fiscal-year-frozen', `Entries are booked since fiscal year ${stored.firstFiscalYear}: the fiscal year's first month stays ${stored.settings.fiscalYearStartMonth}.`);
    }
    await saveAccountingSettings(params.caeId, settings, stored.version);
  });
  return { body: settingsView(params.caeId, settings) };
});
