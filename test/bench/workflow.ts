/**
 * The monthly workflow at federation scale, on this machine: a synthetic federation (deterministic seed, the
 * same 73–74 entrepreneurs per CAE at every size, each CAE in one département) is paid by the synthesized
 * federation state machine run locally: 10,000 entrepreneurs in 136 CAEs (France today is about 12,000 in 163)
 * and 120,000 in 1,630 (ten times France). Each size runs in its own process with its own dynalite. Prints the
 * time per entrepreneur and its ratio between the sizes, DynamoDB requests (counted by an SDK middleware, in
 * all and per workflow task) and capacity units per entrepreneur, state transitions, the AWS cost per 10,000
 * entrepreneurs, and the latency of a France-wide and a département report on the data the run wrote.
 * Asserts nothing. `npm run bench -- workflow`; `WORKFLOW_SIZES=10000` runs one size only (120,000 takes about
 * half an hour on a loaded 2-core machine, most of it dynalite).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** On-demand list prices used (us-east-1, 2025; Paris is within a few percent). */
const PRICES = {
  lambdaGbSecond: 0.0000133334, // arm64
  lambdaRequest: 0.2 / 1e6,
  transition: 0.025 / 1000, // Step Functions Standard
  writeRequestUnit: 0.625 / 1e6, // DynamoDB on-demand, after the November 2024 reduction
  readRequestUnit: 0.125 / 1e6,
};
const LAMBDA_GB = 1; // memorySize of the workflow functions (infra/aws/stacks/workflowStack.ts)
/**
 * On a loaded machine the tasks' wall time is mostly waiting for a CPU, which Lambda would not bill; the second
 * estimate bills the handlers' CPU time plus, per DynamoDB request, an in-region round trip (an assumption).
 */
const DYNAMODB_ROUND_TRIP_SECONDS = 0.005;

const SIZES: Record<string, { caes: number; entrepreneurs: number }> = {
  '1000': { caes: 14, entrepreneurs: 1_000 },
  '10000': { caes: 136, entrepreneurs: 10_000 },
  '30000': { caes: 408, entrepreneurs: 30_000 },
  '120000': { caes: 1_630, entrepreneurs: 120_000 },
};
const DEFAULT_SIZES = ['10000', '120000'];
const REPORT_RUNS = 30;
const ENTRIES_PER_MONTH = 3;
const MONTH = '2025-03';

interface Figures {
  entrepreneurs: number;
  seconds: number;
  requests: number;
  readUnits: number;
  writeUnits: number;
  transitions: number;
  lambdaSeconds: number;
  invocations: number;
  paid: number;
  seedSeconds: number;
  /** CPU time of the process during the run (the handlers' own work, whatever the machine's load). */
  cpuSeconds: number;
  /** DynamoDB requests by workflow task. */
  requestsByTask: Record<string, number>;
  reports: { territory: string; p50: number; p99: number; requests: number; caes: number }[];
}

/** The workflow task a request is sent from (each task handler runs inside it). */
const currentTask = new AsyncLocalStorage<string>();

async function measure(size: string): Promise<Figures> {
  const spec = SIZES[size];
  if (!spec) throw new Error(`unknown size ${size}`);
  const { ensureTables, startDynalite } = await import('../../infra/local/dynamo.js');
  const dynamo = await startDynalite({ separateProcess: true });
  await ensureTables(dynamo.endpoint, 'cae-bench');
  Object.assign(process.env, { TABLE_NAME: 'cae-bench', DYNAMODB_ENDPOINT: dynamo.endpoint, POWERTOOLS_LOG_LEVEL: 'SILENT' });
  const { db } = await import('../../functions/shared/dynamo.js');
  const { generateFederation } = await import('./syntheticFederation.js');
  const { createLocalPayroll } = await import('../../infra/local/payrollRunner.js');
  const seedStarted = performance.now();
  await generateFederation({ ...spec, entriesPerMonth: ENTRIES_PER_MONTH, month: MONTH, seed: 42, previousMonthClosed: true });

  const figures: Figures = {
    entrepreneurs: spec.entrepreneurs,
    seconds: 0,
    requests: 0,
    readUnits: 0,
    writeUnits: 0,
    transitions: 0,
    lambdaSeconds: 0,
    invocations: 0,
    paid: 0,
    seedSeconds: (performance.now() - seedStarted) / 1000,
    cpuSeconds: 0,
    requestsByTask: {},
    reports: [],
  };
  let counting = true;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (!counting) return next(args);
      figures.requests += 1;
      const task = currentTask.getStore() ?? 'other';
      figures.requestsByTask[task] = (figures.requestsByTask[task] ?? 0) + 1;
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const consumed = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (/Get|Query|Scan/.test(context.commandName ?? '')) figures.readUnits += units;
      else figures.writeUnits += units;
      return out;
    },
    { step: 'initialize', name: 'benchCounter' },
  );
  const payroll = createLocalPayroll({
    onTransition: () => {
      figures.transitions += 1;
    },
    onBatchDone: (_caeId, result) => {
      figures.paid += (result as { paid: number }).paid;
    },
  });
  // Time each task as a Lambda would bill it.
  const { taskHandler } = await import('../../infra/local/workflow.js');
  const { WORKFLOW_TASKS } = await import('../../infra/aws/stacks/workflowStack.js');
  for (const task of Object.keys(WORKFLOW_TASKS) as (keyof typeof WORKFLOW_TASKS)[]) {
    const original = await taskHandler(task);
    const timed = async (input: never) => {
      const started = performance.now();
      try {
        return await currentTask.run(task, () => original(input));
      } finally {
        figures.lambdaSeconds += (performance.now() - started) / 1000;
        figures.invocations += 1;
      }
    };
    (await import('../../infra/local/workflow.js')).replaceTaskHandler(task, timed);
  }
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await payroll.runFederation({ month: MONTH });
  figures.seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  figures.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  counting = false;

  // Reports on what the run wrote: the month, France-wide and for the Rhône (every size has CAEs there).
  const { timeReports } = await import('./reports.js');
  const { event } = await import('../support/events.js');
  const { handler } = (await import('../../functions/reports/getTerritoryReport.js')) as { handler: Parameters<typeof timeReports>[0] };
  const territories = ['france', 'departement:69'];
  const { db: client } = await import('../../functions/shared/dynamo.js');
  const perReport = { requests: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      perReport.requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'reportCounter' },
  );
  const events = territories.map((territory) =>
    event('GET /reports/territories/{territory}', { caller: { role: 'federation_admin' }, pathParameters: { territory }, query: { from: MONTH, to: MONTH } }),
  );
  const before = perReport.requests;
  const timings = await timeReports(handler, events, REPORT_RUNS, 5);
  const requestsPerReport = (perReport.requests - before) / ((REPORT_RUNS + 5) * territories.length);
  figures.reports = timings.map((t, i) => ({ territory: territories[i] as string, p50: t.p50, p99: t.p99, requests: requestsPerReport, caes: t.caes }));
  await dynamo.close();
  return figures;
}

function cost(f: Figures) {
  const scale = 10_000 / f.entrepreneurs;
  const parts = {
    lambda: (f.lambdaSeconds * LAMBDA_GB * PRICES.lambdaGbSecond + f.invocations * PRICES.lambdaRequest) * scale,
    stepFunctions: f.transitions * PRICES.transition * scale,
    dynamodb: (f.readUnits * PRICES.readRequestUnit + f.writeUnits * PRICES.writeRequestUnit) * scale,
  };
  const lambdaFromCpu = ((f.cpuSeconds + f.requests * DYNAMODB_ROUND_TRIP_SECONDS) * LAMBDA_GB * PRICES.lambdaGbSecond + f.invocations * PRICES.lambdaRequest) * scale;
  return { ...parts, total: parts.lambda + parts.stepFunctions + parts.dynamodb, lambdaFromCpu, totalFromCpu: lambdaFromCpu + parts.stepFunctions + parts.dynamodb };
}

function printFigures(size: string, f: Figures): void {
  const c = cost(f);
  const spec = SIZES[size] as (typeof SIZES)[string];
  console.log(
    `${size.padStart(6)} entrepreneurs in ${spec.caes} CAEs: ${f.seconds.toFixed(1)} s (${((f.seconds / f.entrepreneurs) * 1000).toFixed(2)} ms per entrepreneur; seeded in ${f.seedSeconds.toFixed(0)} s), ` +
      `${(f.requests / f.entrepreneurs).toFixed(2)} DynamoDB requests per entrepreneur (target ≤ 2.5) and ${(f.readUnits / f.entrepreneurs).toFixed(2)} RRU + ${(f.writeUnits / f.entrepreneurs).toFixed(2)} WRU, ` +
      `${(f.transitions / f.entrepreneurs).toFixed(3)} transitions per entrepreneur, ${f.paid} payslips`,
  );
  const byTask = Object.entries(f.requestsByTask)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([task, n]) => `${task} ${(n / f.entrepreneurs).toFixed(3)}`)
    .join(', ');
  console.log(`        requests per entrepreneur by task: ${byTask}`);
  console.log(
    `        AWS cost per 10,000 entrepreneurs: $${c.total.toFixed(4)} (target ≤ $0.05; Lambda $${c.lambda.toFixed(4)} for ${f.lambdaSeconds.toFixed(1)} s of task wall time at ${LAMBDA_GB} GB, Step Functions $${c.stepFunctions.toFixed(4)}, DynamoDB $${c.dynamodb.toFixed(4)})`,
  );
  console.log(
    `        the same with Lambda billed from CPU time (${f.cpuSeconds.toFixed(1)} s) + ${DYNAMODB_ROUND_TRIP_SECONDS * 1000} ms per DynamoDB request: $${c.totalFromCpu.toFixed(4)} (Lambda $${c.lambdaFromCpu.toFixed(4)})`,
  );
  for (const r of f.reports) {
    console.log(
      `        report ${MONTH} ${r.territory.padEnd(15)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${r.requests.toFixed(0)} DynamoDB requests  (${r.caes} CAEs in it)`,
    );
  }
}

export async function main(): Promise<void> {
  console.log(`\n# Monthly workflow, local (synthetic federation, ${ENTRIES_PER_MONTH} entries per entrepreneur, previous month already paid, seed 42)`);
  const results: Record<string, Figures> = {};
  const sizes = process.env.WORKFLOW_SIZES ? process.env.WORKFLOW_SIZES.split(',') : DEFAULT_SIZES;
  for (const size of sizes) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--size', size], {
      // NODE_OPTIONS reaches dynalite's own process too: 120,000 entrepreneurs hold a few GB in its in-memory store.
      env: { ...process.env, NODE_NO_WARNINGS: '1', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=12288`.trim() },
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    }).toString();
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`no result for ${size}: ${out.slice(-2000)}`);
    results[size] = JSON.parse(line.slice(7)) as Figures;
    // Printed as soon as the size is done: the larger one takes long, and the machine may be shared.
    printFigures(size, results[size] as Figures);
  }
  const small = results['10000'];
  for (const size of ['30000', '120000']) {
    const large = results[size];
    if (!small || !large) continue;
    const ratio = large.seconds / large.entrepreneurs / (small.seconds / small.entrepreneurs);
    console.log(`time per entrepreneur at ${Number(size).toLocaleString('en')} ÷ at 10,000: ${ratio.toFixed(2)} (target at 120,000: ≤ 1.25)`);
  }
  console.log(`prices: ${JSON.stringify(PRICES)}`);
}

const sizeFlag = process.argv.indexOf('--size');
if (sizeFlag > 0) {
  const figures = await measure(process.argv[sizeFlag + 1] as string);
  console.log(`RESULT ${JSON.stringify(figures)}`);
  process.exit(0);
}
