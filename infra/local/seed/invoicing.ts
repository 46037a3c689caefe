/**
 * The demo's invoicing (docs/api.md "Invoicing"), through the API like the rest of the seed: each demo CAE's
 * invoicing identity, and for its employee and associate two customers, two quotes (one accepted, one refused)
 * and invoices of the current month (open: the last two are paid by payroll): one paid, one partially paid,
 * one credited, one left due, one drawn from the accepted quote.
 */
import { randomUUID } from 'node:crypto';
import { addDays } from '../../../domain/calendar.js';
import { frenchVatNumber } from '../../../domain/invoicing/identifiers.js';
import type { DemoFederation } from '../seed.js';

/** What the seed reads of the replies. */
interface Reply {
  id: string;
  siret: string;
  items: { id: string }[];
  totals: { inclVat: string };
}

type Call = (method: string, path: string, body?: unknown) => Promise<Reply>;

function caller(base: string, token: string): Call {
  return async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Reply;
    if (!res.ok) throw new Error(`seed invoicing: ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

const CITY = [
  { line1: '12 rue de la République', postalCode: '69002', city: 'Lyon', countryCode: 'FR' },
  { line1: '4 quai Duguay-Trouin', postalCode: '35000', city: 'Rennes', countryCode: 'FR' },
  { line1: '20 La Canebière', postalCode: '13001', city: 'Marseille', countryCode: 'FR' },
];

const line = (description: string, quantity: string, unit: string, unitPriceExclVat: string, vatRate = '0.20') => ({ description, quantity, unit, unitPriceExclVat, vatRate });

/** Seeds invoicing for the demo CAEs; `today` is the demo's day (seed.ts `demoDay`), in a month still open. */
export async function seedInvoicing(apiUrl: string, adminToken: string, demo: DemoFederation, today: string): Promise<void> {
  const call = caller(apiUrl, adminToken);
  const issuedOn = `${today.slice(0, 7)}-01`;
  for (const [i, cae] of demo.caes.entries()) {
    const { siret } = await call('GET', `/caes/${cae.id}`);
    const address = CITY[i % CITY.length] as (typeof CITY)[number];
    await call('PUT', `/caes/${cae.id}/invoicing-settings`, {
      legalName: cae.name,
      legalForm: 'SCOP SA à capital variable',
      shareCapital: '18500.00',
      rcs: `RCS ${address.city} ${String(siret).slice(0, 3)} ${String(siret).slice(3, 6)} ${String(siret).slice(6, 9)}`,
      vatNumber: frenchVatNumber(String(siret).slice(0, 9)),
      address,
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPP',
      apeCode: '7022Z',
      paymentTermsDays: 30,
      latePenaltyRate: '0.1065',
      selfIssueLimit: '2000.00',
    });
    const people = [
      ...(await call('GET', `/caes/${cae.id}/entrepreneurs?status=employee`)).items,
      ...(await call('GET', `/caes/${cae.id}/entrepreneurs?status=associate`)).items,
    ];
    for (const [n, person] of people.entries()) {
      const base = `/caes/${cae.id}/entrepreneurs/${person.id}`;
      const company = await call('POST', `${base}/customers`, {
        name: ['Librairie du Parc SARL', 'Atelier Vélo Coop SCIC', 'Mairie annexe'][n % 3],
        kind: 'company',
        siren: '732829320',
        vatNumber: 'FR44732829320',
        address: CITY[(i + 1) % CITY.length],
        email: 'compta@example.org',
      });
      const individual = await call('POST', `${base}/customers`, { name: 'Camille Lefèvre', kind: 'person', address: CITY[(i + 2) % CITY.length] });
      const quoteLines = [line('Atelier de conception', '2', 'day', '450.00'), line('Frais de déplacement', '1', 'lump_sum', '60.00')];
      const accepted = await call('POST', `${base}/quotes`, { customerId: company.id, issuedOn: addDays(issuedOn, -20), validUntil: addDays(issuedOn, 10), lines: quoteLines });
      await call('POST', `${base}/quotes/${accepted.id}/acceptance`, { acceptedOn: addDays(issuedOn, -15) });
      const refused = await call('POST', `${base}/quotes`, { customerId: individual.id, issuedOn: addDays(issuedOn, -18), validUntil: addDays(issuedOn, 12), lines: [line('Séance photo', '3', 'hour', '75.00')] });
      await call('POST', `${base}/quotes/${refused.id}/refusal`, { refusedOn: addDays(issuedOn, -10), reason: 'Budget reporté' });

      const invoice = async (customerId: string, lines: unknown[], extra: Record<string, unknown> = {}) => {
        const draft = await call('POST', `${base}/invoices`, { customerId, operationKind: 'services', lines, ...extra });
        return call('POST', `${base}/invoices/${draft.id}/issue`, { issuedOn });
      };
      const pay = (invoiceId: string, amount: string, method = 'transfer') => call('POST', `${base}/invoices/${invoiceId}/payments`, { receivedOn: issuedOn, amount, method });

      const fromQuote = await invoice(company.id, quoteLines, { quoteId: accepted.id, deliveredOn: addDays(issuedOn, -5) });
      await pay(fromQuote.id, fromQuote.totals.inclVat);
      const partial = await invoice(company.id, [line('Maintenance mensuelle', '1', 'month', '300.00'), line('Livre technique', '2', 'unit', '24.00', '0.055')]);
      await pay(partial.id, '150.00', 'check');
      const credited = await invoice(individual.id, [line('Cours particulier', '4', 'hour', '40.00')]);
      await call('POST', `${base}/invoices/${credited.id}/credit-notes`, { issuedOn, reason: 'Cours annulés' });
      await invoice(company.id, [line('Conseil', '2.5', 'hour', '80.00')]);
      await call('POST', `${base}/invoices`, { customerId: individual.id, operationKind: 'goods', lines: [line('Tirage photo', '10', 'unit', '3.50')], notes: 'Brouillon à compléter' });
    }
  }
}
