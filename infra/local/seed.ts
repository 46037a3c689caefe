/**
 * The demo federation a newcomer finds on first start: three CAEs in three départements and entrepreneurs
 * at every stage of the career path, created through the API itself (so the demo exercises the real rules).
 * Dates are relative to the day it is seeded, so the demo stays coherent whenever it is run.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, addMonths } from '../../domain/calendar.js';
import { coveredPeriods } from '../../domain/payroll/rates/index.js';
import { todayInParis } from '../../functions/shared/clock.js';
import { seedPurchases } from './seed/purchases.js';
import { seedClaims } from './seed/claims.js';
import { seedAccompaniment } from './seed/accompaniment.js';
import { seedTaxWithholding } from './seed/payroll.js';
import { seedInvoicing } from './seed/invoicing.js';
import { type LocalClaims, signLocalToken } from './tokens.js';
import { seedBooks } from './seed/books.js';

export interface DemoFederation {
  /** The day the demo's story is set on (see demoDay): today when it was seeded, unless rates ran out. */
  today?: string;
  caes: { id: string; name: string; departement: string }[];
  /** The month the seed paid, so that reports have figures from the first start. */
  paidMonth?: string;
  /** An employee of the first CAE, whose token is printed. */
  entrepreneur: { caeId: string; id: string; name: string };
  /** An associate of the first CAE, whose token is printed (votes in assemblies). Absent from demos seeded before it. */
  associate?: { caeId: string; id: string; name: string };
}

/** Appends the Luhn check digit to 13 digits, giving a valid SIRET. */
export function siretWithCheckDigit(first13: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = `${first13}${d}`;
    let total = 0;
    for (let i = 0; i < 14; i++) {
      let v = candidate.charCodeAt(13 - i) - 48;
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      total += v;
    }
    if (total % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const CAES = [
  { name: 'Coopérative Rhône Entreprendre', communeCode: '69123', departement: '69', siret: '8123456780001' },
  { name: 'Ouest Activités Coop', communeCode: '35238', departement: '35', siret: '8234567890001' },
  { name: 'Sud Ensemble CAE', communeCode: '13055', departement: '13', siret: '8345678900001' },
];

const PEOPLE = [
  ['Camille', 'Martin', 'graphisme', 'Atelier Camille Martin'],
  ['Léa', 'Bernard', 'traduction', 'Léa Bernard Traductions'],
  ['Hugo', 'Dubois', 'menuiserie', 'Bois & Dubois'],
  ['Inès', 'Thomas', 'développement web', 'Inès Thomas Web'],
  ['Nathan', 'Robert', 'traiteur bio', 'Les Saveurs de Nathan'],
  ['Chloé', 'Richard', 'photographie', 'Studio Chloé Richard'],
] as const;

/**
 * What the demo people tell funders' breakdowns (docs/domain.md "What funders ask for"), by their place in each
 * CAE: with four people still in a CAE, the demo funder's report shows some values and hides others.
 */
const PROFILES = [
  { gender: 'female', birthDate: '1998-03-14', educationLevel: 'bac_3', priorityNeighbourhood: true },
  { gender: 'female', birthDate: '1987-09-02', educationLevel: 'bac_3', priorityNeighbourhood: false },
  { gender: 'male', birthDate: '1979-05-21', educationLevel: 'bac_3', priorityNeighbourhood: false },
  { gender: 'female', birthDate: '1966-12-08', educationLevel: 'bac_3', priorityNeighbourhood: false },
  { gender: 'male', birthDate: '1990-07-30', educationLevel: 'bac_5' },
] as const;

async function call(base: string, token: string, method: string, path: string, body?: unknown): Promise<{ id: string }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { id: string };
  if (!res.ok) throw new Error(`seed: ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * The day the demo's story is set on: today, unless the payroll rate tables do not cover last month (their
 * last table ends before it: new rates are published every year and must be added by hand, reviewed). Payroll
 * refuses a month it has no rates for, so the demo then sets itself on the first day after the last table,
 * and the months it pays are the last two that have rates. The README's examples read this day from demo.json.
 */
export function demoDay(today: string): string {
  const lastTable = coveredPeriods().at(-1);
  if (!lastTable) return today;
  const firstUncovered = addDays(lastTable.to, 1);
  return today.slice(0, 7) <= firstUncovered.slice(0, 7) ? today : firstUncovered;
}

/**
 * Seeds the demo through the API, once; later starts read what was seeded from DATA_DIR/demo.json.
 * `payrollDone` waits for the payroll runs the seed starts (they run asynchronously, as on AWS).
 */
export async function ensureDemo(apiUrl: string, secret: string, dataDir: string, payrollDone: () => Promise<void>): Promise<DemoFederation> {
  const file = join(dataDir, 'demo.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoFederation;
  const admin = await signLocalToken({ sub: 'seed', role: 'federation_admin' }, secret, 1);
  const today = demoDay(todayInParis());
  const monthStart = `${today.slice(0, 7)}-01`;
  const ago = (months: number) => addMonths(monthStart, -months);
  const demo: DemoFederation = { today, caes: [], entrepreneur: { caeId: '', id: '', name: '' } };

  for (const [i, spec] of CAES.entries()) {
    const cae = await call(apiUrl, admin, 'POST', '/caes', { name: spec.name, siret: siretWithCheckDigit(spec.siret), communeCode: spec.communeCode });
    demo.caes.push({ id: cae.id, name: spec.name, departement: spec.departement });
    await seedBooks(apiUrl, admin, cae.id, i);
    const base = `/caes/${cae.id}/entrepreneurs`;
    const person = async (n: number, welcomedOn: string) => {
      const [firstName, lastName, activity, tradeName] = PEOPLE[(n + i) % PEOPLE.length] as readonly [string, string, string, string];
      const e = await call(apiUrl, admin, 'POST', base, {
        firstName,
        lastName,
        email: `${firstName}.${lastName}.${i}${n}@example.org`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
        communeCode: spec.communeCode,
        activity,
        // The activity's name on its invoices, under the CAE's identity (docs/domain.md "Invoicing").
        tradeName,
        situationAtEntry: n % 2 === 0 ? 'jobseeker' : 'minimum_income',
        ...PROFILES[n],
        welcomedOn,
      });
      return { id: e.id, name: `${firstName} ${lastName}` };
    };
    // A candidate, welcomed this month.
    await person(0, monthStart);
    // Supported: a CAPE of 12 months that started 3 months ago.
    const supported = await person(1, ago(4));
    await call(apiUrl, admin, 'POST', `${base}/${supported.id}/convention`, { signedOn: ago(3), startsOn: ago(3), endsOn: addDays(addMonths(ago(3), 12), -1) });
    // Employee: 6 months of CAPE, then a CESA.
    const employee = await person(2, ago(13));
    await call(apiUrl, admin, 'POST', `${base}/${employee.id}/convention`, { signedOn: ago(12), startsOn: ago(12), endsOn: addDays(ago(6), -1) });
    await call(apiUrl, admin, 'POST', `${base}/${employee.id}/contract`, { signedOn: ago(6), startsOn: ago(6), fixedMonthlyGross: '600.00', trialMonths: 2 });
    // Associate: CESA 20 months ago, member 2 months ago.
    const associate = await person(3, ago(21));
    await call(apiUrl, admin, 'POST', `${base}/${associate.id}/convention`, { signedOn: ago(20), startsOn: ago(20), endsOn: addDays(ago(18), -1) });
    await call(apiUrl, admin, 'POST', `${base}/${associate.id}/contract`, { signedOn: ago(18), startsOn: ago(18), fixedMonthlyGross: '1200.00' });
    await call(apiUrl, admin, 'POST', `${base}/${associate.id}/membership`, { effectiveOn: ago(2), capitalSubscribed: '500.00' });
    // Exited: created their own company after a CAPE.
    const exited = await person(4, ago(10));
    await call(apiUrl, admin, 'POST', `${base}/${exited.id}/convention`, { signedOn: ago(9), startsOn: ago(9), endsOn: addDays(ago(1), -1) });
    await call(apiUrl, admin, 'POST', `${base}/${exited.id}/exit`, { effectiveOn: ago(1), reason: 'company_created' });
    // Activity of the last two months, so that the demo has accounts to read and salaries to pay.
    const activity: [{ id: string }, string, string][] = [
      [supported, '1800.00', '150.00'],
      [employee, '4200.00', '380.00'],
      [associate, '6500.00', '900.00'],
    ];
    for (const [who, revenue, expense] of activity) {
      for (const monthsAgo of [2, 1]) {
        const on = addDays(ago(monthsAgo), 9 + i);
        await call(apiUrl, admin, 'POST', `${base}/${who.id}/transactions`, { type: 'revenue', date: on, amountExclVat: revenue, vatRate: '0.20', label: 'Client invoice' });
        await call(apiUrl, admin, 'POST', `${base}/${who.id}/transactions`, { type: 'expense', date: addDays(on, 3), amountExclVat: expense, vatRate: '0.20', label: 'Supplies' });
      }
    }
    if (i === 0) {
      demo.entrepreneur = { caeId: cae.id, id: employee.id, name: employee.name };
      demo.associate = { caeId: cae.id, id: associate.id, name: associate.name };
    }
  }
  // The last two months are paid for every CAE (the monthly workflow, one month after the other), and public
  // funders' grants are recorded, so that payslips, aggregates and reports have figures from the first start.
  const lastMonth = ago(1).slice(0, 7);
  const year = Number(lastMonth.slice(0, 4));
  await seedTaxWithholding(apiUrl, admin, demo, ago(2).slice(0, 7));
  for (const month of [ago(2).slice(0, 7), lastMonth]) {
    for (const cae of demo.caes) await call(apiUrl, admin, 'POST', `/caes/${cae.id}/payroll-runs`, { month });
    await payrollDone();
  }
  for (const [i, cae] of demo.caes.entries()) {
    await call(apiUrl, admin, 'POST', `/caes/${cae.id}/grants`, {
      funder: `Département ${cae.departement}`,
      territory: `departement:${cae.departement}`,
      year,
      amount: ['24000.00', '18000.00', '15000.00'][i] ?? '10000.00',
    });
  }
  const lyon = demo.caes[0];
  if (lyon) {
    await call(apiUrl, admin, 'POST', `/caes/${lyon.id}/grants`, { funder: 'Ville de Lyon', territory: 'commune:69123', year, amount: '6000.00' });
  }
  await payrollDone();
  await seedPurchases(apiUrl, admin, demo);
  await seedClaims(apiUrl, secret, demo.entrepreneur.caeId, demo.entrepreneur.id, today);
  await seedAccompaniment(apiUrl, admin, demo, today);
  await seedInvoicing(apiUrl, admin, demo, today);
  demo.paidMonth = lastMonth;
  writeFileSync(file, `${JSON.stringify(demo, null, 2)}\n`);
  return demo;
}

/** The demo users' tokens: one per role, one staff token per CAE. */
export async function demoTokens(demo: DemoFederation, secret: string): Promise<{ label: string; claims: LocalClaims; token: string }[]> {
  const users: { label: string; claims: LocalClaims }[] = [
    { label: 'federation admin', claims: { sub: 'demo-admin', role: 'federation_admin' } },
    ...demo.caes.map((cae) => ({ label: `staff of ${cae.name}`, claims: { sub: `demo-staff-${cae.departement}`, role: 'cae_staff' as const, caeId: cae.id } })),
    {
      label: `entrepreneur ${demo.entrepreneur.name} (employee)`,
      claims: { sub: 'demo-entrepreneur', role: 'entrepreneur', caeId: demo.entrepreneur.caeId, entrepreneurId: demo.entrepreneur.id },
    },
    ...(demo.associate
      ? [
          {
            label: `entrepreneur ${demo.associate.name} (associate)`,
            claims: { sub: 'demo-associate', role: 'entrepreneur' as const, caeId: demo.associate.caeId, entrepreneurId: demo.associate.id },
          },
        ]
      : []),
    { label: `funder of département ${demo.caes[0]?.departement}`, claims: { sub: 'demo-funder', role: 'funder', territories: [`departement:${demo.caes[0]?.departement}`] } },
  ];
  return Promise.all(users.map(async (u) => ({ ...u, token: await signLocalToken(u.claims, secret) })));
}
