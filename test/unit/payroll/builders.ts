/** Small builders for the payroll specifications. */
import { Dec } from '../../../domain/money.js';
import { computePayslip, type Payslip, type PayslipLine, type PayrollSettings } from '../../../domain/payroll/index.js';

export const d = (x: string | number) => new Dec(x);

export function payslip(
  date: string,
  gross: string,
  settings: Partial<PayrollSettings> = {},
  weeklyHours?: string,
): Payslip {
  return computePayslip({
    date,
    gross,
    ...(weeklyHours ? { weeklyHours } : {}),
    settings: { headcount: 20, ...settings },
  });
}

export function line(p: Payslip, code: string): PayslipLine {
  const found = p.lines.find((l) => l.code === code);
  if (!found) throw new Error(`no line ${code} in ${p.lines.map((l) => l.code).join(', ')}`);
  return found;
}

export function hasLine(p: Payslip, code: string): boolean {
  return p.lines.some((l) => l.code === code);
}

/** Money as the API prints it. */
export const s = (x: { toFixed(n: number): string }) => x.toFixed(2);

/** The error a call throws (undefined when it does not throw). */
export function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}
