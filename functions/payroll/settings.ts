/** A CAE's stored payroll settings as the payroll domain takes them (defaults of docs/api.md where unset). */
import type { PayrollSettings } from '../../domain/payroll/index.js';
import { DEFAULT_PAYROLL_SETTINGS, type StoredPayrollSettings } from '../shared/repositories/caes.js';

export function payrollSettingsOf(stored: StoredPayrollSettings | undefined): PayrollSettings {
  const s = stored ?? DEFAULT_PAYROLL_SETTINGS;
  return {
    headcount: s.headcount,
    ...(s.atMpRate !== undefined ? { atMpRate: s.atMpRate } : {}),
    ...(s.healthInsurance ? { healthInsurance: { ...s.healthInsurance } } : {}),
    ...(s.mobilityRate !== undefined ? { mobilityRate: s.mobilityRate } : {}),
  };
}
