/**
 * A payroll run survives a crash of the local runtime: the runtime (API, Step Functions endpoint and dynalite
 * on disk, one process) is killed with SIGKILL in the middle of a batch, started again on the same data, and
 * `POST …/payroll-runs` resumes the run that still says "running": the month completes with each payslip
 * written once and the totals and payslips of a twin CAE paid without interruption.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/aws/paths.js';
import { localClient } from '../../infra/local/dynamo.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, tokenFor } from '../support/localApi.js';

const MONTH = '2025-02';
const REVENUES = ['3000.00', '4500.00', '2500.00', '6000.00', '1200.00'];
/** Closed months written before the kill: the batch of five is cut after the second. */
const WRITTEN_BEFORE_THE_KILL = 2;

interface Runtime {
  child: ChildProcess;
  api: string;
  dynamo: string;
  /** Resolves with the `{ paused }` line, when the runtime was started with a pause. */
  paused: Promise<number>;
}

let dataDir: string;
const running = new Set<ChildProcess>();

/** Starts the local runtime (test/workflow/localRuntime.ts) in its own process, on `dataDir`. */
async function startRuntime(env: Record<string, string> = {}): Promise<Runtime> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/workflow/localRuntime.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOCAL_JWT_SECRET: 'test-secret', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let onPaused: (n: number) => void = () => undefined;
  const paused = new Promise<number>((resolve) => {
    onPaused = resolve;
  });
  const ready = await new Promise<{ api: string; dynamo: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the runtime exited (${code}) before serving: ${stderr}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line) as { api?: string; dynamo?: string; paused?: number };
      if (message.api && message.dynamo) resolve({ api: message.api, dynamo: message.dynamo });
      if (message.paused !== undefined) onPaused(message.paused);
    });
  });
  return { child, ...ready, paused };
}

/** SIGKILL: no handler runs, nothing is flushed or closed. */
async function kill(runtime: Runtime): Promise<void> {
  if (runtime.child.exitCode !== null || runtime.child.signalCode !== null) return;
  const exited = new Promise((resolve) => runtime.child.once('exit', resolve));
  runtime.child.kill('SIGKILL');
  await exited;
}

async function staffOf(runtime: Runtime, caeId: string) {
  return client(runtime.api, await tokenFor({ sub: `staff-${caeId}`, role: 'cae_staff', caeId }));
}

/** A CAE whose employees have these revenues in the month (the twins get the very same data). */
async function caeWithEmployees(runtime: Runtime): Promise<string> {
  const admin = client(runtime.api, await tokenFor({ sub: 'admin', role: 'federation_admin' }));
  const caeId = (await admin('POST', '/caes', { body: aCae() })).body.id as string;
  const staff = await staffOf(runtime, caeId);
  expect((await staff('PUT', `/caes/${caeId}/settings`, { body: { requireConventionBeforeContract: false } })).status).toBe(200);
  for (const amount of REVENUES) {
    const id = (await staff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ welcomedOn: '2025-01-02' }) })).body.id;
    const contract = await staff('POST', `/caes/${caeId}/entrepreneurs/${id}/contract`, {
      body: { signedOn: '2025-01-02', startsOn: '2025-01-02', fixedMonthlyGross: '800.00' },
    });
    expect(contract.status).toBe(201);
    const tx = await staff('POST', `/caes/${caeId}/entrepreneurs/${id}/transactions`, {
      headers: { 'idempotency-key': randomUUID() },
      body: { type: 'revenue', date: '2025-02-10', amountExclVat: amount, vatRate: '0.20', label: 'Invoice' },
    });
    expect(tx.status).toBe(201);
  }
  return caeId;
}

async function runOf(runtime: Runtime, caeId: string) {
  return (await (await staffOf(runtime, caeId))('GET', `/caes/${caeId}/payroll-runs/${MONTH}`)).body;
}

async function untilFinished(runtime: Runtime, caeId: string) {
  for (let i = 0; i < 1200; i++) {
    const run = await runOf(runtime, caeId);
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the run did not finish');
}

/** The month's results stored under the run (one per entrepreneur, each written once by its key). */
async function storedResults(runtime: Runtime, caeId: string): Promise<string[]> {
  const db = DynamoDBDocumentClient.from(localClient(runtime.dynamo));
  const out = await db.send(
    new QueryCommand({ TableName: 'cae', IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': `CAE#${caeId}#RUN#${MONTH}` } }),
  );
  db.destroy();
  return (out.Items ?? []).map((item) => String(item.entrepreneurId));
}

async function payslipFigures(runtime: Runtime, caeId: string) {
  const items = (await (await staffOf(runtime, caeId))('GET', `/caes/${caeId}/payroll-runs/${MONTH}/payslips`)).body.items;
  return items.map(({ entrepreneurId, ...figures }: Record<string, unknown>) => figures).sort((a: any, b: any) => a.envelope.localeCompare(b.envelope));
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cae-crash-'));
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a payroll run whose runtime is killed mid-batch', () => {
  it('stays "running" after the restart, and POST resumes it: each payslip once, the totals of an uninterrupted twin', async () => {
    // Two CAEs with the same people and figures; the twin is paid without interruption.
    const first = await startRuntime();
    const twin = await caeWithEmployees(first);
    const crashed = await caeWithEmployees(first);
    expect((await (await staffOf(first, twin))('POST', `/caes/${twin}/payroll-runs`, { body: { month: MONTH } })).status).toBe(202);
    expect((await untilFinished(first, twin)).status).toBe('completed');
    await kill(first);

    // The crashed CAE's run: killed once two of its five closed months are written.
    const second = await startRuntime({ PAUSE_AFTER_CLOSED_MONTHS: String(WRITTEN_BEFORE_THE_KILL) });
    expect((await (await staffOf(second, crashed))('POST', `/caes/${crashed}/payroll-runs`, { body: { month: MONTH } })).status).toBe(202);
    expect(await second.paused).toBe(WRITTEN_BEFORE_THE_KILL);
    await kill(second);

    // Started again on the same data: the run still says "running", with what was written before the kill.
    const third = await startRuntime();
    expect((await runOf(third, crashed)).status).toBe('running');
    expect(await storedResults(third, crashed)).toHaveLength(WRITTEN_BEFORE_THE_KILL);

    const resumed = await (await staffOf(third, crashed))('POST', `/caes/${crashed}/payroll-runs`, { body: { month: MONTH } });
    expect(resumed.status).toBe(202);
    const run = await untilFinished(third, crashed);
    expect(run.status).toBe('completed');
    const results = await storedResults(third, crashed);
    expect(results).toHaveLength(REVENUES.length);
    expect(new Set(results).size).toBe(REVENUES.length);
    const twinRun = await runOf(third, twin);
    expect(run.totals).toEqual(twinRun.totals);
    expect(run.entrepreneurs).toBe(twinRun.entrepreneurs);
    expect(await payslipFigures(third, crashed)).toEqual(await payslipFigures(third, twin));
    await kill(third);
  }, 240_000);
});
