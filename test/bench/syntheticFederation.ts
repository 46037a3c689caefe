/**
 * A deterministic synthetic federation for benchmarks: N CAEs × M employees × K ledger entries in one month,
 * built with the domain's own rules (career paths, transactions) and loaded with BatchWriteItem.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { closeMonth, computeMonthlyAccount, NO_HISTORY, recordTransaction, type Transaction } from '../../domain/activityAccount/index.js';
import { previousMonth } from '../../domain/calendar.js';
import { ZERO } from '../../domain/money.js';
import { decide } from '../../domain/careerPath/index.js';
import { DEFAULT_POLICY } from '../../domain/contribution/index.js';
import { db, tableName } from '../../functions/shared/dynamo.js';
import { createCae } from '../../functions/shared/repositories/caes.js';
import { type Entrepreneur, entrepreneurToItem } from '../../functions/shared/repositories/entrepreneurs.js';
import { ledgerItemsOf } from '../../functions/shared/repositories/ledger.js';
import { resultToItem } from '../../functions/shared/repositories/payrollRuns.js';
import { siretWithCheckDigit } from '../../infra/local/seed.js';
import { communesIn, departementCodes } from '../../domain/territory/index.js';

/** mulberry32: a small seeded PRNG, so a federation is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Where a synthetic CAE works: like a real one, in one département (the Rhône first, then every département in
 * turn), its people in a handful of that département's communes. So a CAE's month counts in a few territories
 * (its communes, their EPCIs, the département, the région, France), as it does in the federation.
 */
const COMMUNES_PER_CAE = 6;
const DEPARTEMENTS = ['69', ...departementCodes.filter((d) => d !== '69')];

export function caeCommunes(caeIndex: number): string[] {
  const departement = DEPARTEMENTS[caeIndex % DEPARTEMENTS.length] as string;
  const all = communesIn({ kind: 'departement', code: departement });
  // Spread over the département, shifted per CAE so that CAEs of one département do not all share six communes.
  const step = Math.max(1, Math.floor(all.length / COMMUNES_PER_CAE));
  const shift = Math.floor(caeIndex / DEPARTEMENTS.length) % step;
  return Array.from({ length: Math.min(COMMUNES_PER_CAE, all.length) }, (_, i) => all[(shift + i * step) % all.length] as string);
}

/** BatchWrite in chunks of 25, `writers` requests at a time: dynalite is the bottleneck either way. */
async function writeAll(items: Record<string, unknown>[], writers = 16): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  const workers = Array.from({ length: writers }, async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  });
  await Promise.all(workers);
}

export interface FederationSpec {
  caes: number;
  /** Entrepreneurs in all, spread evenly over the CAEs (the first ones get one more when it does not divide). */
  entrepreneurs: number;
  entriesPerMonth: number;
  month: string;
  seed: number;
  /** Pretend the month before was already paid (a closed account per entrepreneur): the monthly steady state. */
  previousMonthClosed?: boolean;
}

/** CAEs generated and loaded together: their items go out in one stream of BatchWrites. */
const CAES_PER_WAVE = 25;

/**
 * Loads the federation; returns the CAE ids. Entrepreneurs are employees under a CESA since the year before, in
 * their CAE's communes (caeCommunes). Built in waves of CAEs, each wave's items written with parallel
 * BatchWrites, so that 120,000 entrepreneurs load in minutes and never sit in memory all at once.
 */
export async function generateFederation(spec: FederationSpec): Promise<string[]> {
  const random = prng(spec.seed);
  const caeIds: string[] = [];
  const year = Number(spec.month.slice(0, 4));
  const base = Math.floor(spec.entrepreneurs / spec.caes);
  const remainder = spec.entrepreneurs % spec.caes;
  for (let wave = 0; wave < spec.caes; wave += CAES_PER_WAVE) {
    const items: Record<string, unknown>[] = [];
    const caes: Parameters<typeof createCae>[0][] = [];
    for (let c = wave; c < Math.min(spec.caes, wave + CAES_PER_WAVE); c++) {
      const caeId = ulid();
      caeIds.push(caeId);
      const communes = caeCommunes(c);
      caes.push({
        id: caeId,
        name: `Synthetic CAE ${c + 1}`,
        siret: siretWithCheckDigit(`7${String(spec.seed).padStart(4, '0')}${String(c).padStart(8, '0')}`),
        communeCode: communes[0] as string,
        contributionPolicies: [{ effectiveFrom: '1900-01', policy: DEFAULT_POLICY }],
        settings: { requireConventionBeforeContract: true },
        ...(spec.previousMonthClosed ? { lastClosedMonth: previousMonth(spec.month) } : {}),
        createdAt: `${year - 1}-01-01T00:00:00.000Z`,
        version: 1,
      });
      const people = base + (c < remainder ? 1 : 0);
      for (let e = 0; e < people; e++) items.push(...entrepreneurItems(spec, random, caeId, communes, e, year));
    }
    await Promise.all(caes.map((cae) => createCae(cae)));
    await writeAll(items);
  }
  return caeIds;
}

/** One entrepreneur's items: the record, last month's closed account, this month's ledger entries. */
function entrepreneurItems(spec: FederationSpec, random: () => number, caeId: string, communes: readonly string[], e: number, year: number) {
  const items: Record<string, unknown>[] = [];
  const id = ulid();
  let path = { stages: [] } as Entrepreneur['path'];
  const fixed = ['0.00', '500.00', '1000.00'][Math.floor(random() * 3)] as string;
  for (const command of [
    { kind: 'createCandidate', welcomedOn: `${year - 1}-01-02` },
    { kind: 'signConvention', signedOn: `${year - 1}-02-01`, startsOn: `${year - 1}-02-01`, endsOn: `${year - 1}-07-31` },
    { kind: 'signContract', signedOn: `${year - 1}-08-01`, startsOn: `${year - 1}-08-01`, fixedMonthlyGross: fixed },
  ] as const) {
    const decision = decide(path, command);
    if (!decision.ok) throw new Error(`generator: ${decision.violations[0].message}`);
    path = decision.value;
  }
  const entrepreneur: Entrepreneur = {
    id,
    caeId,
    firstName: 'Synthetic',
    lastName: `Person ${e}`,
    email: `person${e}@example.org`,
    communeCode: communes[Math.floor(random() * communes.length)] as string,
    activity: 'consulting',
    path,
    createdAt: `${year - 1}-01-02T00:00:00.000Z`,
    version: 1,
  };
  items.push(entrepreneurToItem(entrepreneur));
  if (spec.previousMonthClosed) {
    const prior = computeMonthlyAccount({ month: previousMonth(spec.month), opening: NO_HISTORY, entries: [], policy: DEFAULT_POLICY });
    const account = closeMonth(prior, ZERO);
    items.push(resultToItem({ caeId, entrepreneurId: id, month: account.month, communeCode: entrepreneur.communeCode, account }));
  }
  const entries: Transaction[] = [];
  for (let k = 0; k < spec.entriesPerMonth; k++) {
    const txId = ulid();
    const revenue = k % 3 !== 2;
    const amount = (revenue ? 500 + random() * 4500 : 50 + random() * 600).toFixed(2);
    const checked = recordTransaction(
      txId,
      { type: revenue ? 'revenue' : 'expense', date: `${spec.month}-${String(1 + (k % 28)).padStart(2, '0')}`, amountExclVat: amount, vatRate: '0.20', label: 'synthetic' },
      { path, lastClosedMonth: null },
    );
    if (!checked.ok) throw new Error(`generator: ${checked.violations[0]?.message}`);
    entries.push(checked.value);
  }
  items.push(...ledgerItemsOf(caeId, id, spec.month, entries, `${spec.month}-28T00:00:00.000Z`));
  return items;
}
