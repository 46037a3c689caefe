/**
 * What a payslip document shows (docs/domain.md "Payslips"): everything as strings already decided, so that
 * rendering is a pure layout and the same input gives the same bytes.
 */

export interface PayslipDocumentLine {
  code: string;
  label: string;
  base: string;
  employeeRate: string;
  employeeAmount: string;
  employerRate: string;
  employerAmount: string;
}

export interface PayslipDocument {
  employer: {
    name: string;
    /** Postal address lines; empty when the CAE has not given one. */
    address: string[];
    siret: string;
    apeCode: string | null;
    collectiveAgreement: string | null;
  };
  employee: {
    name: string;
    /** The job: the entrepreneur's activity. */
    job: string;
    classification: string;
    id: string;
  };
  /** 'YYYY-MM'. */
  month: string;
  /** Monthly hours paid ("151.67"). */
  hours: string;
  fixedPart: string;
  variablePart: string;
  gross: string;
  lines: PayslipDocumentLine[];
  employeeContributions: string;
  employerContributions: string;
  generalReduction: string;
  employerCost: string;
  netSocial: string;
  net: string;
  tax: { base: string; rate: string; personal: boolean; amount: string };
  netPaid: string;
  yearToDate: { gross: string; netTaxable: string };
  rulesVersion: string;
}
