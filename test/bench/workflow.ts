/**
 * The monthly workflow at federation scale, on this machine: a synthetic federation (deterministic seed) is
 * paid by the synthesized federation state machine run locally. Each size runs in its own process with its
 * own dynalite. Prints wall time, entrepreneurs per second, DynamoDB requests and capacity units per
 * entrepreneur (counted by an SDK middleware), state transitions per entrepreneur, and the AWS cost of the run.
 * Asserts nothing.
 */
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

const SIZES: Record<string, { caes: number; entrepreneursPerCae: number }> = {
  '1000': { caes: 10, entrepreneursPerCae: 100 },
  '10000': { caes: 20, entrepreneursPerCae: 500 },
};
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
}

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
  await generateFederation({ ...spec, entriesPerMonth: ENTRIES_PER_MONTH, month: MONTH, seed: 42, previousMonthClosed: true });

  const figures: Figures = { entrepreneurs: spec.caes * spec.entrepreneursPerCae, seconds: 0, requests: 0, readUnits: 0, writeUnits: 0, transitions: 0, lambdaSeconds: 0, invocations: 0, paid: 0 };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      figures.requests += 1;
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
        return await original(input);
      } finally {
        figures.lambdaSeconds += (performance.now() - started) / 1000;
        figures.invocations += 1;
      }
    };
    (await import('../../infra/local/workflow.js')).replaceTaskHandler(task, timed);
  }
  const started = performance.now();
  await payroll.runFederation({ month: MONTH });
  figures.seconds = (performance.now() - started) / 1000;
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
  return { ...parts, total: parts.lambda + parts.stepFunctions + parts.dynamodb };
}

export async function main(): Promise<void> {
  console.log(`\n# Monthly workflow, local (synthetic federation, ${ENTRIES_PER_MONTH} entries per entrepreneur, previous month already paid, seed 42)`);
  const results: Record<string, Figures> = {};
  for (const size of Object.keys(SIZES)) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--size', size], {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`no result for ${size}: ${out.slice(-2000)}`);
    results[size] = JSON.parse(line.slice(7)) as Figures;
  }
  for (const [size, f] of Object.entries(results)) {
    const c = cost(f);
    console.log(
      `${size.padStart(6)} entrepreneurs: ${f.seconds.toFixed(1)} s, ${(f.entrepreneurs / f.seconds).toFixed(0)} entrepreneurs/s, ` +
        `${(f.requests / f.entrepreneurs).toFixed(2)} DynamoDB requests and ${(f.readUnits / f.entrepreneurs).toFixed(2)} RRU + ${(f.writeUnits / f.entrepreneurs).toFixed(2)} WRU per entrepreneur, ` +
        `${(f.transitions / f.entrepreneurs).toFixed(3)} transitions per entrepreneur, ${f.paid} payslips`,
    );
    console.log(
      `        AWS cost per 10,000 entrepreneurs: $${c.total.toFixed(4)} (Lambda $${c.lambda.toFixed(4)} for ${f.lambdaSeconds.toFixed(1)} s at ${LAMBDA_GB} GB, Step Functions $${c.stepFunctions.toFixed(4)}, DynamoDB $${c.dynamodb.toFixed(4)})`,
    );
  }
  const small = results['1000'];
  const large = results['10000'];
  if (small && large) {
    const ratio = large.seconds / large.entrepreneurs / (small.seconds / small.entrepreneurs);
    console.log(`time per entrepreneur at 10,000 ÷ at 1,000: ${ratio.toFixed(2)} (target ≤ 1.25); 10,000 in ${large.seconds.toFixed(1)} s (target < 120 s)`);
  }
  console.log(`prices: ${JSON.stringify(PRICES)}`);
}

const sizeFlag = process.argv.indexOf('--size');
if (sizeFlag > 0) {
  const figures = await measure(process.argv[sizeFlag + 1] as string);
  console.log(`RESULT ${JSON.stringify(figures)}`);
  process.exit(0);
}
