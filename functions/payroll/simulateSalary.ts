/**
 * POST /caes/{caeId}/payroll/simulations: the payslip of a non-executive employee on the CAE's payroll settings,
 * with the rules in force on `date`, from a gross, an employer-cost budget (the largest gross whose employer
 * cost fits it) or a net (the smallest gross that pays at least it: the cheapest for the activity). With
 * `taxRate` (a rate, or null for the neutral grid) it also shows the tax withheld at source and the net paid.
 * Entrepreneurs of the CAE may simulate; nothing is stored.
 *
 * Refusals: a date no rate table covers is a 422 `no-rates-for-date` naming the date and the covered periods
 * (never a fallback on another period's rates); an input the payroll rules cannot take (a net that needs a
 * gross above 1,000,000.00...) is a 400 naming the body field.
 */
import type { Decimal } from 'decimal.js';
import {
  afterTax,
  computePayslip,
  grossForEmployerCost,
  grossForNet,
  InvalidPayrollInput,
  NoRatesForDate,
  type Payslip,
  type PayrollSettings,
  ratesFor,
} from '../../domain/payroll/index.js';
import { formatMoney } from '../../domain/money.js';
import { requireCae } from '../shared/auth.js';
import { RuleViolated, ValidationFailed } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { contracts } from './api.js';
import { payrollSettingsOf } from './settings.js';

/** The request field a domain field comes from. */
const BODY_FIELDS: Record<string, string> = {
  gross: 'body.amount',
  budget: 'body.amount',
  net: 'body.amount',
  weeklyHours: 'body.weeklyHours',
  date: 'body.date',
  taxRate: 'body.taxRate',
};

/** A payroll refusal as a problem; anything else is rethrown (a 500: a bug, not the client's input). */
export function payrollProblem(error: unknown): unknown {
  if (error instanceof NoRatesForDate) {
    const periods = error.coveredPeriods.map((p) => `${p.from}..${p.to}`).join(', ');
    const detail = `No payroll rates for ${error.date}: the rate tables cover ${periods}. Rates of another period are never used instead.`;
    return new RuleViolated('no-rates-for-date', detail, [
      { path: 'body.date', message: `is outside the periods covered by the payroll rate tables (${periods})` },
    ]);
  }
  if (error instanceof InvalidPayrollInput) {
    const field = BODY_FIELDS[error.field];
    if (field) return new ValidationFailed(`${field}: ${error.reason}`, [{ path: field, message: error.reason }]);
    // settings.*: the CAE's stored settings, validated when they were set; the request cannot fix them
    return new RuleViolated('invalid-payroll-settings', `The CAE's payroll settings cannot be used: ${error.message}.`, [
      { path: `payrollSettings.${error.field.replace(/^settings\./, '')}`, message: error.reason },
    ]);
  }
  return error;
}

const rate = (d: Decimal | null): string | null => (d === null ? null : d.toFixed());

/** The tax withheld and the net paid, when the request gave a rate (null: the neutral grid of the date). */
function taxView(slip: Payslip, taxRate: string | null | undefined) {
  if (taxRate === undefined) return {};
  const { withholding, netPaid } = afterTax(slip, taxRate);
  return {
    taxRate: withholding.rate.toString(),
    taxRateSource: withholding.rateSource,
    taxWithheld: formatMoney(withholding.amount),
    netPaid: formatMoney(netPaid),
  };
}

function simulationView(slip: Payslip, settings: PayrollSettings, taxRate: string | null | undefined) {
  const table = ratesFor(slip.date);
  const health = settings.healthInsurance ?? table.defaults.healthInsurance;
  return {
    date: slip.date,
    weeklyHours: slip.weeklyHours.toFixed(),
    gross: formatMoney(slip.gross),
    net: formatMoney(slip.net),
    employeeContributions: formatMoney(slip.employeeContributions),
    employerContributions: formatMoney(slip.employerContributions),
    generalReduction: formatMoney(slip.generalReduction),
    employerCost: formatMoney(slip.employerCost),
    lines: slip.lines.map((l) => ({
      code: l.code,
      label: l.label,
      base: formatMoney(l.base),
      employeeRate: rate(l.employeeRate),
      employeeAmount: formatMoney(l.employeeAmount),
      employerRate: rate(l.employerRate),
      employerAmount: formatMoney(l.employerAmount),
    })),
    rulesVersion: slip.rulesVersion,
    netSocial: formatMoney(slip.netSocial),
    netTaxable: formatMoney(slip.netTaxable),
    ...taxView(slip, taxRate),
    settings: {
      headcount: settings.headcount,
      atMpRate: String(settings.atMpRate ?? table.defaults.atMpRate.value),
      healthInsurance: { monthlyAmount: String(health.monthlyAmount), employerShare: String(health.employerShare) },
      mobilityRate: String(settings.mobilityRate ?? table.defaults.mobilityRate.value),
    },
  };
}

export const handler = httpHandler('simulateSalary', contracts.simulateSalary, async ({ caller, params, body }) => {
  requireCae(caller, params.caeId);
  const cae = await getCae(params.caeId);
  const settings = payrollSettingsOf(cae.payrollSettings);
  const input = { date: body.date, settings, ...(body.weeklyHours !== undefined ? { weeklyHours: body.weeklyHours } : {}) };
  try {
    let slip: Payslip;
    if (body.basis === 'gross') slip = computePayslip({ ...input, gross: body.amount });
    else if (body.basis === 'employerCost') slip = grossForEmployerCost({ ...input, budget: body.amount });
    else slip = grossForNet({ ...input, net: body.amount });
    return { body: simulationView(slip, settings, body.taxRate) };
  } catch (error) {
    throw payrollProblem(error);
  }
});
