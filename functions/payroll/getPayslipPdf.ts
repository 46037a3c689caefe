/**
 * GET /caes/{caeId}/entrepreneurs/{id}/payslips/{month}/pdf: the payslip of a closed month as a PDF (the
 * "bulletin clarifié", docs/domain.md "Payslips"). Staff, or the entrepreneur themselves (a colleague's is a
 * 404); a month without a payslip is a 404. Generated once, then kept (./documents/keeping.ts).
 */
import { requireEntrepreneur } from '../shared/auth.js';
import { NotFound } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { getCae } from '../shared/repositories/caes.js';
import { getEntrepreneur } from '../shared/repositories/entrepreneurs.js';
import { findMonthResult, monthResultsOfYearTo } from '../shared/repositories/payrollRuns.js';
import { contracts } from './api.js';
import { keptPayslipPdf } from './documents/keeping.js';
import { payslipDocumentOf } from './documents/payslipDocument.js';

export const handler = httpHandler('getPayslipPdf', contracts.getPayslipPdf, async ({ caller, params }) => {
  requireEntrepreneur(caller, params.caeId, params.id);
  const result = await findMonthResult(params.caeId, params.id, params.month);
  const payslip = result?.payslip;
  if (!result || !payslip) throw new NotFound(`No payslip for ${params.month}.`);
  const bytes = await keptPayslipPdf(params.caeId, params.id, params.month, async () => {
    const [cae, entrepreneur, year] = await Promise.all([
      getCae(params.caeId),
      getEntrepreneur(params.caeId, params.id),
      monthResultsOfYearTo(params.caeId, params.id, params.month),
    ]);
    // pdf-lib (~500 KiB of the bundle) is loaded only to render: reading a kept PDF does not pay for it
    const { renderPayslipPdf } = await import('./documents/payslipPdf.js');
    return renderPayslipPdf(payslipDocumentOf(cae, entrepreneur, { ...result, payslip }, year));
  });
  return {
    bytes,
    contentType: 'application/pdf',
    headers: {
      'content-disposition': `inline; filename="bulletin-de-paie-${params.month}.pdf"`,
      'cache-control': 'private, no-store',
    },
  };
});
