/**
 * Territorial report latency: 12 months of a federation of 100 entrepreneurs and of 10,000 entrepreneurs.
 * The data are synthetic and deterministic (a seeded generator): career paths and closed months per person,
 * cut into aggregates by the domain's aggregateMonth and written (with the months' closure markers) by the same
 * repository functions the workflow step uses. Then the report route handler (in process, over dynalite in a child process) is timed over N runs.
 *
 * Both federations have the same 10 CAEs, so the report of a département reads the same number of items
 * (months × CAEs) whatever the number of entrepreneurs: the ratio shows that cost does not grow with
 * activity. A third line, 10,000 entrepreneurs in 100 CAEs, shows the dimension it does grow with.
 * Prints figures, asserts nothing. Run alone: `npx tsx test/bench/reports.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { addDays, addMonthsToMonth, firstDayOf } from '../../domain/calendar.js';
import type { CareerCommand, CareerPath } from '../../domain/careerPath/index.js';
import { aggregateMonth, type MonthFigures, type PersonInput } from '../../domain/reporting/index.js';
import { pathOf } from '../unit/careerPath/builders.js';
import { event } from '../support/events.js';
import { percentile, startBenchStack } from './localStack.js';

const MONTHS = 12;
const RUNS = 100;
const WARMUP = 10;
const TERRITORY = 'departement:69';

/** Communes of the Rhône and around it (Isère, Ain, Loire), the activity communes of the synthetic people. */
const COMMUNES = ['69123', '69266', '69264', '69029', '69259', '69290', '69149', '69381', '69387', '38185', '38151', '01053', '42218', '69091', '69202', '69244'];

/** mulberry32: a small seeded generator, so every run writes the same federation. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T };
}

interface SyntheticPerson extends PersonInput {
  path: CareerPath;
}

/** A person of a CAE: welcomed the year before, on a CAPE, most of them on a CESA by the year; a few leave. */
function syntheticPerson(rand: ReturnType<typeof generator>, id: string, year: number): SyntheticPerson {
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
    commands.push({ kind: 'exit', effectiveOn: `${year}-${String(rand.int(4, 12)).padStart(2, '0')}-15`, reason: rand.pick(reasons) });
  }
  return { id, communeCode: rand.pick(COMMUNES), path: pathOf(commands, { requireConventionBeforeContract: false }) };
}

const money = (euros: number) => euros.toFixed(2);

function syntheticFigures(rand: ReturnType<typeof generator>, person: SyntheticPerson, month: string): MonthFigures | undefined {
  const stages = person.path.stages.filter((s) => s.from <= `${month}-28`);
  const stage = stages.at(-1)?.stage;
  if (stage !== 'supported' && stage !== 'employee' && stage !== 'associate') return undefined;
  const revenue = rand.int(800, 9000);
  const purchases = rand.int(0, Math.floor(revenue / 4));
  return {
    entrepreneurId: person.id,
    communeCode: person.communeCode,
    account: { revenue: money(revenue), purchases: money(purchases), vatCollected: money(revenue * 0.2), contribution: money(revenue * 0.1) },
    ...(stage === 'supported'
      ? {}
      : {
          payslip: {
            gross: money(rand.int(900, 3200)),
            employerContributions: money(rand.int(60, 900)),
            employeeContributions: money(rand.int(200, 700)),
            fullTimeSmicGross: '1801.80',
          },
        }),
  };
}

interface Federation {
  label: string;
  entrepreneurs: number;
  caes: number;
  year: number;
}

async function writeFederation(f: Federation): Promise<{ items: number; seconds: number }> {
  const { markMonthAggregated, replaceMonthAggregates } = await import('../../functions/shared/repositories/aggregates.js');
  const rand = generator(f.entrepreneurs * 7919 + f.caes);
  const started = performance.now();
  let items = 0;
  for (let c = 0; c < f.caes; c++) {
    const caeId = `BENCH${f.year}CAE${String(c).padStart(3, '0')}`;
    const count = Math.floor(f.entrepreneurs / f.caes) + (c < f.entrepreneurs % f.caes ? 1 : 0);
    const people = Array.from({ length: count }, (_, i) => syntheticPerson(rand, `${caeId}P${i}`, f.year));
    for (let m = 0; m < MONTHS; m++) {
      const month = `${f.year}-${String(m + 1).padStart(2, '0')}`;
      const results = people.map((p) => syntheticFigures(rand, p, month)).filter((r): r is MonthFigures => r !== undefined);
      const { aggregates } = aggregateMonth({ caeId, month, entrepreneurs: people, results });
      const { written } = await replaceMonthAggregates(caeId, month, aggregates);
      await markMonthAggregated(caeId, month, written);
      items += written;
    }
  }
  return { items, seconds: (performance.now() - started) / 1000 };
}

type Handler = (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;

function reportEvent(year: number): APIGatewayProxyEventV2 {
  return event('GET /reports/territories/{territory}', {
    caller: { role: 'federation_admin' },
    pathParameters: { territory: TERRITORY },
    query: { from: `${year}-01`, to: `${year}-12` },
  });
}

/**
 * Times the report of each federation, round-robin (one run of each in turn), so that the machine's noise
 * (GC, the other core's dynalite) falls on all of them alike.
 */
async function timeReports(handler: Handler, years: number[]): Promise<{ p50: number; p99: number; revenue: string }[]> {
  const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as Context;
  const events = years.map(reportEvent);
  const times = years.map(() => [] as number[]);
  const revenue = years.map(() => '');
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const [k, e] of events.entries()) {
      const t = performance.now();
      const out = await handler(e, context);
      const ms = performance.now() - t;
      if (out.statusCode !== 200) throw new Error(`report answered ${out.statusCode}: ${out.body}`);
      revenue[k] = (JSON.parse(out.body as string) as { revenue: string }).revenue;
      if (i >= WARMUP) (times[k] as number[]).push(ms);
    }
  }
  return times.map((list, k) => {
    list.sort((a, b) => a - b);
    return { p50: percentile(list, 50), p99: percentile(list, 99), revenue: revenue[k] as string };
  });
}

export async function main(): Promise<void> {
  const stack = await startBenchStack();
  try {
    const { handler } = (await import('../../functions/reports/getTerritoryReport.js')) as { handler: Handler };
    const federations: Federation[] = [
      { label: '100 entrepreneurs, 10 CAEs', entrepreneurs: 100, caes: 10, year: 2041 },
      { label: '10,000 entrepreneurs, 10 CAEs', entrepreneurs: 10_000, caes: 10, year: 2042 },
      { label: '10,000 entrepreneurs, 100 CAEs', entrepreneurs: 10_000, caes: 100, year: 2043 },
    ];
    console.log(`\n# Territorial report, ${TERRITORY}, ${MONTHS} months (handler in process, dynalite in a child process, ${RUNS} runs each after ${WARMUP} warm-up)`);
    const written: { items: number; seconds: number }[] = [];
    for (const f of federations) written.push(await writeFederation(f));
    const timings = await timeReports(handler, federations.map((f) => f.year));
    federations.forEach((f, k) => {
      const t = timings[k] as (typeof timings)[number];
      const w = written[k] as (typeof written)[number];
      console.log(
        `${f.label.padEnd(32)} p50 ${t.p50.toFixed(1).padStart(6)} ms  p99 ${t.p99.toFixed(1).padStart(6)} ms  (${w.items} aggregates written in ${w.seconds.toFixed(1)} s; revenue ${t.revenue})`,
      );
    });
    const [small, large] = timings as [(typeof timings)[0], (typeof timings)[0]];
    console.log(
      `ratio 10,000 ÷ 100 entrepreneurs (same CAEs): p50 ${(large.p50 / small.p50).toFixed(2)}  p99 ${(large.p99 / small.p99).toFixed(2)}  (target: under 1.5)`,
    );
  } finally {
    await stack.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  process.exit(0);
}
