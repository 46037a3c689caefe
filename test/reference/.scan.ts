import { computePayslip } from '../../domain/payroll/index.js';
import { referencePayslip } from './modeleSocial.js';
const dates = ['2025-03-15', '2025-09-15', '2026-02-15', '2026-07-15'];
const hours = [35, 24, 17.5];
const heads = [5, 20, 50, 250];
const grosses = ['300', '1000', '1801.80', '2000', '2500', '2882.88', '3000', '3500', '4000', '4100', '4500', '5000', '5469.10', '5470', '5945.94', '6000', '7500', '9000', '12000', '15000'];
const keys = ['net', 'employeeContributions', 'employerContributions', 'generalReduction', 'employerCost'] as const;
const worst: Record<string, { gap: number; at: string }> = {};
let n = 0; const t = performance.now();
for (const date of dates) for (const h of hours) for (const hc of heads) for (const gross of grosses) {
  const ours = computePayslip({ date, gross, weeklyHours: String(h), settings: { headcount: hc } });
  const ref = referencePayslip({ date, gross, weeklyHours: h, headcount: hc });
  n++;
  for (const k of keys) {
    const gap = Math.abs(Number(ours[k].toFixed(2)) - ref[k]);
    const id = `${date.slice(0, 4)} ${k}`;
    if (!worst[id] || gap > worst[id].gap) worst[id] = { gap, at: `${date} h${h} hc${hc} g${gross} ours=${ours[k].toFixed(2)} ref=${ref[k].toFixed(4)}` };
    if (gap > 0.05) console.log('GAP', k, date, h, hc, gross, ours[k].toFixed(2), ref[k]);
  }
}
console.log(n, 'cases', ((performance.now() - t) / n).toFixed(1), 'ms/case');
console.log(worst);
