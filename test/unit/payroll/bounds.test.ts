/**
 * One definition of payroll's bounds: every amount and rate the API stores for payroll is accepted by the API
 * exactly when payroll itself takes it. Checked at the bounds and on random well-formed values, for the CESA's
 * fixed part, the salary request, and the payroll settings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePayslip, InvalidPayrollInput, salaryOfTheMonth } from '../../../domain/payroll/index.js';
import { contracts as entrepreneurRoutes } from '../../../functions/entrepreneurs/api.js';
import { contracts as payrollRoutes, payrollSettingsBody } from '../../../functions/payroll/api.js';

const DATE = '2026-03-31';

/** Does payroll take it? false when it refuses with InvalidPayrollInput (any other error fails the test). */
function payrollTakes(compute: () => unknown): boolean {
  try {
    compute();
    return true;
  } catch (error) {
    if (error instanceof InvalidPayrollInput) return false;
    throw error;
  }
}

const contractAccepts = (fixedMonthlyGross: string) =>
  entrepreneurRoutes.signContract.body.safeParse({ signedOn: '2026-01-01', startsOn: '2026-01-01', fixedMonthlyGross }).success;
const requestAccepts = (maxGross: string) => payrollRoutes.putSalaryRequest.body.safeParse({ month: '2026-03', maxGross }).success;
const settingsAccept = (settings: Record<string, unknown>) => payrollSettingsBody.safeParse({ headcount: 20, ...settings }).success;

const salary = (input: { fixedMonthlyGross?: string; requestedMaxGross?: string }) =>
  salaryOfTheMonth({ date: DATE, envelope: '3900.00', fixedMonthlyGross: '0.00', settings: { headcount: 20 }, ...input });
const payslipOn = (settings: Record<string, unknown>) => computePayslip({ date: DATE, gross: '2500.00', settings: { headcount: 20, ...settings } });

const AT_THE_BOUND = ['0.00', '0.01', '999999.99', '1000000.00', '1000000.01', '1000001.00', '999999999999.99'];
/** Well-formed money strings of 1 to 12 integer digits, as the API's money format allows. */
const money = fc.tuple(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.integer({ min: 0, max: 99 })).map(([units, cents]) => `${units}.${String(cents).padStart(2, '0')}`);
/** Amounts within 3.00 of the bound, built from whole cents (never a float). */
const near = fc.integer({ min: 100_000_000 - 300, max: 100_000_000 + 300 }).map((cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);

describe("payroll's bounds, shared by the API and payroll", () => {
  it.each(AT_THE_BOUND)('a CESA fixed part of %s is signed exactly when payroll can pay it', (amount) => {
    expect(contractAccepts(amount)).toBe(payrollTakes(() => salary({ fixedMonthlyGross: amount })));
  });

  it('refuses a fixed part above 1,000,000.00 at signature, as payroll does', () => {
    expect(contractAccepts('1000000.01')).toBe(false);
    expect(contractAccepts('1000000.00')).toBe(true);
  });

  it.each(AT_THE_BOUND)('a salary request of %s is accepted exactly when payroll can pay it', (amount) => {
    expect(requestAccepts(amount)).toBe(payrollTakes(() => salary({ requestedMaxGross: amount })));
  });

  it('agrees on random amounts, and around the bound, for the fixed part and the request', () => {
    fc.assert(
      fc.property(fc.oneof(money, near), (amount) => {
        expect(contractAccepts(amount)).toBe(payrollTakes(() => salary({ fixedMonthlyGross: amount })));
        expect(requestAccepts(amount)).toBe(payrollTakes(() => salary({ requestedMaxGross: amount })));
      }),
    );
  });

  it.each([
    ['atMpRate', '0.5'],
    ['atMpRate', '0.500001'],
    ['atMpRate', '0.9'],
    ['mobilityRate', '0.1'],
    ['mobilityRate', '0.100001'],
    ['mobilityRate', '0.5'],
  ])('a setting %s of %s is accepted exactly when payroll takes it', (field, rate) => {
    expect(settingsAccept({ [field]: rate })).toBe(payrollTakes(() => payslipOn({ [field]: rate })));
  });

  it.each([
    [{ monthlyAmount: '1000000.00', employerShare: '0.5' }],
    [{ monthlyAmount: '1000000.01', employerShare: '0.5' }],
    [{ monthlyAmount: '60.00', employerShare: '1' }],
    [{ monthlyAmount: '60.00', employerShare: '1.000000' }],
  ])('health insurance %o is accepted exactly when payroll takes it', (healthInsurance) => {
    expect(settingsAccept({ healthInsurance })).toBe(payrollTakes(() => payslipOn({ healthInsurance })));
  });
});
