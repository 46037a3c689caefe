/**
 * Demo data of tax withheld at source: the demo associate has the personal rate the tax administration sent
 * (6.2%) from the first month the demo pays; everyone else stays on the neutral grid of the month. Through the
 * API, before the demo's payroll runs, so that their payslips (JSON and PDF) show both kinds.
 */
import type { DemoFederation } from '../seed.js';

export async function seedTaxWithholding(apiUrl: string, token: string, demo: DemoFederation, fromMonth: string): Promise<void> {
  const who = demo.associate;
  if (!who) return;
  const res = await fetch(`${apiUrl}/caes/${who.caeId}/entrepreneurs/${who.id}/tax-withholding`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ effectiveFrom: fromMonth, rate: '0.062' }),
  });
  if (!res.ok) throw new Error(`seed: PUT tax-withholding → ${res.status} ${await res.text()}`);
}
