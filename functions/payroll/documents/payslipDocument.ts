/**
 * The payslip document of a closed month: the stored payslip (figures decided by the monthly workflow), the
 * CAE as employer and the entrepreneur as employee, and the year-to-date figures of the closed months of the
 * year up to it. Pure: everything read is passed in.
 */
import { Dec, formatMoney } from '../../../domain/money.js';
import type { Cae } from '../../shared/repositories/caes.js';
import { type Entrepreneur, recordedStatus } from '../../shared/repositories/entrepreneurs.js';
import type { MonthResult, StoredPayslip } from '../../shared/repositories/payrollRuns.js';
import { afterTaxOf } from '../payslipView.js';
import type { PayslipDocument } from './model.js';

interface PostalAddress {
  line1?: string;
  line2?: string;
  postalCode?: string;
  city?: string;
}

/**
 * The employer's identity beyond the CAE's name and SIRET (address, APE code), from the CAE's invoicing settings
 * when it has set them (docs/api.md "Invoicing"); read loosely, as those settings are optional.
 */
function employerOf(cae: Cae): PayslipDocument['employer'] {
  const extra = cae as unknown as Record<string, unknown>;
  const invoicing = (extra.invoicingSettings ?? extra.invoicing) as
    | { legalName?: string; address?: PostalAddress; apeCode?: string; collectiveAgreement?: string }
    | undefined;
  const a = invoicing?.address;
  const address = a ? [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' ')].filter((x): x is string => !!x) : [];
  return {
    name: invoicing?.legalName ?? cae.name,
    address,
    siret: cae.siret,
    apeCode: invoicing?.apeCode ?? null,
    collectiveAgreement: invoicing?.collectiveAgreement ?? null,
  };
}

/** Monthly hours paid: weekly hours × 52 ÷ 12, to the hundredth (151.67 full time). */
function monthlyHours(payslip: StoredPayslip): string {
  return new Dec(payslip.weeklyHours ?? '35').times(52).div(12).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

export function payslipDocumentOf(
  cae: Cae,
  entrepreneur: Entrepreneur,
  result: MonthResult & { payslip: StoredPayslip },
  yearSoFar: readonly MonthResult[],
): PayslipDocument {
  const p = result.payslip;
  const tax = afterTaxOf(p);
  const paid = yearSoFar.filter((r) => r.payslip && r.month <= result.month);
  if (!paid.some((r) => r.month === result.month)) paid.push(result);
  const sum = (pick: (s: StoredPayslip) => string) =>
    formatMoney(paid.reduce((total, r) => total.plus(pick(r.payslip as StoredPayslip)), new Dec(0)));
  const associate = recordedStatus(entrepreneur) === 'associate';
  return {
    employer: employerOf(cae),
    employee: {
      name: `${entrepreneur.firstName} ${entrepreneur.lastName}`,
      job: entrepreneur.activity,
      classification: associate ? 'Entrepreneur salarié associé, non-cadre' : 'Entrepreneur salarié, non-cadre',
      id: entrepreneur.id,
    },
    month: result.month,
    hours: monthlyHours(p),
    fixedPart: p.fixedPart,
    variablePart: p.variablePart,
    gross: p.gross,
    lines: p.lines,
    employeeContributions: p.employeeContributions,
    employerContributions: p.employerContributions,
    generalReduction: p.generalReduction,
    employerCost: p.employerCost,
    netSocial: tax.netSocial,
    net: p.net,
    tax: { base: tax.netTaxable, rate: tax.taxRate, personal: tax.taxRateSource === 'personal', amount: tax.taxWithheld },
    netPaid: tax.netPaid,
    yearToDate: { gross: sum((s) => s.gross), netTaxable: sum((s) => afterTaxOf(s).netTaxable) },
    rulesVersion: p.rulesVersion,
  };
}
