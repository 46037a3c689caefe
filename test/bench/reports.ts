/**
 * Territorial report latency at federation scale: a quarter of a federation of 10 CAEs and of 1,630 CAEs (ten
 * times France), the same 74 entrepreneurs per CAE, each CAE in one département (syntheticFederation.ts
 * caeCommunes). The data are synthetic and deterministic (a seeded generator per CAE): career paths and closed
 * months per person, cut into aggregates by the domain's aggregateMonth and added by the same repository
 * function the workflow step uses (addMonthAggregates). Then the report route handler (in process, over
 * dynalite in a child process) is timed, France-wide and for the Rhône, and its DynamoDB requests counted.
 *
 * Reports read one item per territory and month, whatever the number of CAEs: the ratio 1,630 ÷ 10 CAEs shows
 * it (target ≤ 1.5). Prints figures, asserts nothing. `npm run bench -- reports`.
 *
 * Statistical secrecy and breakdowns: the people carry the fields funders' breakdowns count by (random birth
 * dates, so that the items hold realistic numbers of birth-month buckets). Each report is timed as the
 * federation admin reads it (no secrecy) and as a funder reads it (secrecy applied), in the same run, and the
 * months are also read as before breakdowns existed (a projection of the fixed figures, without the buckets),
 * so that the cost of each is a ratio measured side by side. REPORT_CAES=163 shortens the run (the large
 * federation's size; 1,630 by default).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { addDays, addMonthsToMonth, firstDayOf } from '../../domain/calendar.js';
import type { CareerCommand, CareerPath } from '../../domain/careerPath/index.js';
import { aggregateMonth, type MonthFigures, type PersonInput } from '../../domain/reporting/index.js';
import { pathOf } from '../unit/careerPath/builders.js';
import { event } from '../support/events.js';
import { percentile } from './localStack.js';

/** A quarter by default: 1,630 CAEs × 12 months would take dynalite half an hour to write on this machine. */
const MONTHS = Number(process.env.REPORT_MONTHS ?? 3);
const PER_CAE = 74; // 120,000 ÷ 1,630
const RUNS = Number(process.env.REPORT_RUNS ?? 300); // a p99 of 300 runs rests on its 3 slowest, not on 1
const WARMUP = 10;
const WRITERS = 8;
const TERRITORIES = ['france', 'departement:69'];
const LARGE = Number(process.env.REPORT_CAES ?? 1630);

/** syntheticFederation.ts, loaded once the environment names the table (its imports read it at load). */
let synthetic: typeof import('./syntheticFederation.js');

function generator(seed: number) {
  const next = synthetic.prng(seed);
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T };
}

interface SyntheticPerson extends PersonInput {
  path: CareerPath;
}

/** A person of a CAE: welcomed the year before, on a CAPE, most of them on a CESA by the year; a few leave. */
function syntheticPerson(rand: ReturnType<typeof generator>, id: string, year: number, communes: readonly string[]): SyntheticPerson {
  const welcomed = `${year - 1}-${String(rand.int(1, 6)).padStart(2, '0')}-${String(rand.int(1, 28)).padStart(2, '0')}`;
  const commands: CareerCommand[] = [{ kind: 'createCandidate', welcomedOn: welcomed }];
  const capeStart = addDays(welcomed, rand.int(0, 20));
  commands.push({ kind: 'signConvention', signedOn: capeStart, startsOn: capeStart, endsOn: addDays(addMonthsToMonth(capeStart.slice(0, 7), 12) + capeStart.slice(7), -1) });
  if (rand.next() < 0.7) {
    const cesa = firstDayOf(`${year}-${String(rand.int(1, 3)).padStart(2, '0')}`);
    commands.push({ kind: 'signContract', signedOn: cesa, startsOn: cesa, fixedMonthlyGross: '900.00' });
  }
  if (rand.next() < 0.1) {
    const reasons = ['company_created', 'salaried_job', 'training', 'stopped', 'other'] as const;
    commands.push({ kind: 'exit', effectiveOn: `${year}-${String(rand.int(Math.min(12, Math.max(3, MONTHS)), 12)).padStart(2, '0')}-15`, reason: rand.pick(reasons) });
  }
  return {
    id,
    communeCode: rand.pick(communes),
    path: pathOf(commands, { requireConventionBeforeContract: false }),
    birthDate: `${rand.int(1960, 2003)}-${String(rand.int(1, 12)).padStart(2, '0')}-${String(rand.int(1, 28)).padStart(2, '0')}`,
    gender: rand.pick(['female', 'male', 'other'] as const),
    situationAtEntry: rand.pick(['jobseeker', 'minimum_income', 'employed', 'other'] as const),
    educationLevel: rand.pick(['none', 'cap_bep', 'bac', 'bac_2', 'bac_3', 'bac_5'] as const),
    priorityNeighbourhood: rand.next() < 0.15,
  };
}

const money = (cents: number) => (cents / 100).toFixed(2);

function syntheticFigures(rand: ReturnType<typeof generator>, person: SyntheticPerson, month: string): MonthFigures | undefined {
  const stage = person.path.stages.filter((s) => s.from <= `${month}-28`).at(-1)?.stage;
  if (stage !== 'supported' && stage !== 'employee' && stage !== 'associate') return undefined;
  const revenue = rand.int(80_000, 900_000);
  const purchases = rand.int(0, Math.floor(revenue / 4));
  const expenses = purchases + rand.int(0, Math.floor(revenue / 5));
  return {
    entrepreneurId: person.id,
    communeCode: person.communeCode,
    account: { revenue: money(revenue), expenses: money(expenses), purchases: money(purchases), vatCollected: money(revenue * 0.2), contribution: money(revenue * 0.1) },
    ...(stage === 'supported'
      ? {}
      : {
          payslip: {
            gross: money(rand.int(90_000, 320_000)),
            employerContributions: money(rand.int(6_000, 90_000)),
            employeeContributions: money(rand.int(20_000, 70_000)),
            fullTimeSmicGross: '1801.80',
          },
        }),
  };
}

interface Federation {
  caes: number;
  year: number;
}

/** Requests sent to DynamoDB, counted by a middleware on the handlers' client. */
const counter = { requests: 0 };

/** Adds every CAE's months through the workflow step's repository function, a few CAEs at a time. */
async function writeFederation(f: Federation): Promise<{ caeMonths: number; requests: number; seconds: number }> {
  const { addMonthAggregates } = await import('../../functions/shared/repositories/aggregates.js');
  const started = performance.now();
  const before = counter.requests;
  let next = 0;
  const writer = async () => {
    for (let c = next++; c < f.caes; c = next++) {
      const rand = generator(f.year * 100_003 + c);
      const caeId = `BENCH${f.year}CAE${String(c).padStart(4, '0')}`;
      const communes = synthetic.caeCommunes(c);
      const people = Array.from({ length: PER_CAE }, (_, i) => syntheticPerson(rand, `${caeId}P${i}`, f.year, communes));
      // Months close in order, as payroll closes them.
      for (let m = 0; m < MONTHS; m++) {
        const month = `${f.year}-${String(m + 1).padStart(2, '0')}`;
        const results = people.map((p) => syntheticFigures(rand, p, month)).filter((r): r is MonthFigures => r !== undefined);
        const { aggregates } = aggregateMonth({ caeId, month, entrepreneurs: people, results });
        await addMonthAggregates(caeId, month, aggregates);
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  return { caeMonths: f.caes * MONTHS, requests: counter.requests - before, seconds: (performance.now() - started) / 1000 };
}

type Handler = (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;

function reportEvent(territory: string, year: number, secrecy: boolean): APIGatewayProxyEventV2 {
  return event('GET /reports/territories/{territory}', {
    caller: secrecy ? { role: 'funder', territories: ['france'] } : { role: 'federation_admin' },
    pathParameters: { territory },
    query: { from: `${year}-01`, to: `${year}-${String(MONTHS).padStart(2, '0')}` },
  });
}

interface Timing {
  p50: number;
  p99: number;
  requests: number;
  caes: number;
  revenue: string;
}

/**
 * Times each report, round-robin (one run of each in turn), so that the machine's noise (GC, the other
 * helpers' work, dynalite's process) falls on all of them alike.
 */
export async function timeReports(handler: Handler, events: APIGatewayProxyEventV2[], runs = RUNS, warmup = WARMUP): Promise<Timing[]> {
  const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as Context;
  const times = events.map(() => [] as number[]);
  const last = events.map(() => ({ requests: 0, caes: 0, revenue: '' }));
  for (let i = 0; i < warmup + runs; i++) {
    for (const [k, e] of events.entries()) {
      const before = counter.requests;
      const t = performance.now();
      const out = await handler(e, context);
      const ms = performance.now() - t;
      if (out.statusCode !== 200) throw new Error(`report answered ${out.statusCode}: ${out.body}`);
      const body = JSON.parse(out.body as string) as { revenue: string; caes: number };
      last[k] = { requests: counter.requests - before, caes: body.caes, revenue: body.revenue };
      if (i >= warmup) (times[k] as number[]).push(ms);
    }
  }
  return times.map((list, k) => {
    list.sort((a, b) => a - b);
    return { p50: percentile(list, 50), p99: percentile(list, 99), ...(last[k] as (typeof last)[number]) };
  });
}

/** Counts every request the handlers' DynamoDB client sends. */
export async function countRequests(): Promise<void> {
  const { db } = await import('../../functions/shared/dynamo.js');
  db.middlewareStack.add(
    (next) => async (args) => {
      counter.requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );
}

export async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { ensureTables, startDynalite } = await import('../../infra/local/dynamo.js');
  const dynamo = await startDynalite({ separateProcess: true });
  try {
    await ensureTables(dynamo.endpoint, 'cae-bench');
    Object.assign(process.env, { TABLE_NAME: 'cae-bench', DYNAMODB_ENDPOINT: dynamo.endpoint, POWERTOOLS_LOG_LEVEL: 'SILENT' });
    await countRequests();
    synthetic = await import('./syntheticFederation.js');
    const { handler } = (await import('../../functions/reports/getTerritoryReport.js')) as { handler: Handler };
    const federations: Federation[] = [
      { caes: 10, year: 2041 },
      { caes: LARGE, year: 2042 },
    ];
    console.log(`\n# Territorial reports over ${MONTHS} months, ${PER_CAE} entrepreneurs per CAE (handler in process, dynalite in a child process, ${RUNS} runs each after ${WARMUP} warm-up)`);
    for (const f of federations) {
      const w = await writeFederation(f);
      console.log(
        `${String(f.caes).padStart(5)} CAEs written: ${w.caeMonths} CAE-months in ${w.seconds.toFixed(1)} s, ` +
          `${(w.requests / w.caeMonths).toFixed(2)} DynamoDB requests per CAE-month (${(w.requests / (w.caeMonths * PER_CAE)).toFixed(3)} per entrepreneur-month)`,
      );
    }
    const kinds = [false, true];
    const events = federations.flatMap((f) => TERRITORIES.flatMap((t) => kinds.map((secrecy) => reportEvent(t, f.year, secrecy))));
    const timings = await timeReports(handler, events);
    const at = (i: number, j: number, k: number) => timings[(i * TERRITORIES.length + j) * kinds.length + k] as Timing;
    federations.forEach((f, i) => {
      TERRITORIES.forEach((territory, j) => {
        kinds.forEach((secrecy, k) => {
          const t = at(i, j, k);
          console.log(
            `${String(f.caes).padStart(5)} CAEs, ${territory.padEnd(15)} ${secrecy ? 'funder (secrecy)' : 'admin (no secrecy)'}  p50 ${t.p50.toFixed(1).padStart(6)} ms  p99 ${t.p99.toFixed(1).padStart(6)} ms  ` +
              `${t.requests} DynamoDB requests per report  (report: ${t.caes} CAEs, revenue ${t.revenue})`,
          );
        });
      });
    });
    TERRITORIES.forEach((territory, j) => {
      kinds.forEach((secrecy, k) => {
        const small = at(0, j, k);
        const large = at(1, j, k);
        console.log(
          `ratio ${LARGE} ÷ 10 CAEs, ${territory.padEnd(15)} ${secrecy ? 'funder' : 'admin '}  p50 ${(large.p50 / small.p50).toFixed(2)}  p99 ${(large.p99 / small.p99).toFixed(2)}  (target: p99 ≤ 1.5)`,
        );
      });
    });
    federations.forEach((f, i) => {
      TERRITORIES.forEach((territory, j) => {
        const admin = at(i, j, 0);
        const funder = at(i, j, 1);
        console.log(`ratio funder (secrecy) ÷ admin, ${String(f.caes).padStart(5)} CAEs, ${territory.padEnd(15)} p50 ${(funder.p50 / admin.p50).toFixed(2)}  p99 ${(funder.p99 / admin.p99).toFixed(2)}`);
      });
    });
    await compareReads(federations);
  } finally {
    await dynamo.close();
  }
}

/**
 * The months' read as the report does it now (whole items: the breakdown buckets are named by their values) and
 * as it did before breakdowns (a projection of the fixed figures), timed round-robin in the same run.
 */
async function compareReads(federations: Federation[]): Promise<void> {
  const { territoryMonths } = await import('../../functions/shared/repositories/aggregates.js');
  const { exactQueryAll } = await import('../../functions/shared/repositories/exactNumbers.js');
  const { ADDITIVE_FIGURES } = await import('../../domain/reporting/index.js');
  const keys = await import('../../functions/shared/keys.js');
  const projection = ['month', 'caes', 'datasetVintages', ...ADDITIVE_FIGURES];
  const names = Object.fromEntries(projection.map((name, i) => [`#a${i}`, name]));
  const projected = (territory: string, from: string, to: string) =>
    exactQueryAll({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': { S: keys.territoryPartition(territory) },
        ':from': { S: keys.territoryMonth(territory, from).SK },
        ':to': { S: keys.territoryMonth(territory, to).SK },
      },
      ProjectionExpression: Object.keys(names).join(', '),
      ExpressionAttributeNames: names,
    });
  const f = federations.at(-1) as Federation;
  const from = `${f.year}-01`;
  const to = `${f.year}-${String(MONTHS).padStart(2, '0')}`;
  const reads = [() => territoryMonths('france', from, to), () => projected('france', from, to)];
  const times = reads.map(() => [] as number[]);
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const [k, read] of reads.entries()) {
      const t = performance.now();
      await read();
      if (i >= WARMUP) (times[k] as number[]).push(performance.now() - t);
    }
  }
  const [whole, fixed] = times.map((list) => {
    list.sort((a, b) => a - b);
    return { p50: percentile(list, 50), p99: percentile(list, 99) };
  }) as [{ p50: number; p99: number }, { p50: number; p99: number }];
  const [item] = await territoryMonths('france', from, from);
  console.log(
    `france months read, ${f.caes} CAEs: whole items (with ${Object.keys(item?.people ?? {}).length} breakdown buckets in a month) p50 ${whole.p50.toFixed(1)} ms p99 ${whole.p99.toFixed(1)} ms; ` +
      `fixed figures only (the read before breakdowns) p50 ${fixed.p50.toFixed(1)} ms p99 ${fixed.p99.toFixed(1)} ms; ratio p50 ${(whole.p50 / fixed.p50).toFixed(2)} p99 ${(whole.p99 / fixed.p99).toFixed(2)}`,
  );
}
