/** The accounting settings as the API shows them: every role with the account in use. */
import { ACCOUNT_ROLES, type AccountingSettings, accountFor } from '../../domain/accounting/index.js';

export function settingsView(caeId: string, settings: AccountingSettings) {
  return {
    caeId,
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
    vatOnDebits: settings.vatOnDebits,
    staffExpensesAccount: settings.staffExpensesAccount,
    accounts: Object.fromEntries(ACCOUNT_ROLES.map((role) => [role, accountFor(settings, role).number])),
  };
}
