/**
 * The demo's accounting settings, through the API like the rest of the seed, before any entry is booked (the
 * settings apply to the entries booked afterwards): the first CAE keeps the PCG defaults, the second pays VAT
 * on debits and owes expense claims on 467, the third books its services on a sub-account of its own. The
 * entries themselves come from the demo's flows (transactions, payroll), as they happen.
 */
const DEMO_SETTINGS: Record<string, unknown>[] = [
  { fiscalYearStartMonth: 1 },
  { fiscalYearStartMonth: 1, vatOnDebits: true, staffExpensesAccount: '467' },
  { fiscalYearStartMonth: 1, accounts: { servicesSold: '706100' } },
];

export async function seedBooks(apiUrl: string, token: string, caeId: string, index: number): Promise<void> {
  const res = await fetch(`${apiUrl}/caes/${caeId}/accounting-settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_SETTINGS[index % DEMO_SETTINGS.length]),
  });
  if (!res.ok) throw new Error(`seed: PUT /caes/${caeId}/accounting-settings → ${res.status} ${await res.text()}`);
}
