/**
 * The payroll workflow's own CloudWatch metrics (embedded metric format in its log lines), named once for the
 * handler that emits them and the alarm that watches them. No imports: the CDK app reads it at synth.
 */
export const UNPAID_METRIC = { namespace: 'CaeBackOffice/Payroll', name: 'UnpaidEntrepreneurs' } as const;
