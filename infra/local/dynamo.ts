/**
 * DynamoDB on this machine: dynalite, in a child process (`npm start`, benchmarks) or in this one (tests), on disk
 * under DATA_DIR or in memory, with the tables created from the data stack's synthesized template.
 */
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import dynalite from 'dynalite';
import { tableDefinitions } from './tables.js';

const require = createRequire(import.meta.url);
/** dynalite leaks an iterator per query unless this runs first in its process (see the file). */
const ITERATOR_FIX = require.resolve('./dynaliteIterators.cjs');

export interface LocalDynamo {
  endpoint: string;
  /** The in-process server; undefined when dynalite runs in a child process. */
  server: Server | undefined;
  /** The process dynalite runs in (this one when in-process): the soak benchmark reads its memory. */
  pid: number;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * How long dynalite keeps an idle keep-alive connection (Node's default is 5 s). The SDK's agent reuses idle
 * sockets; when the API process is saturated it can pick one that dynalite closed meanwhile, and the request
 * fails with "socket hang up" (a TimeoutError after three attempts: a 500). A server keeps connections longer than
 * its client, as DynamoDB does.
 */
const KEEP_ALIVE_MS = 120_000;

/**
 * Starts dynalite in a child process, so that DynamoDB's work runs on another core than the API's (the
 * local runtime and the benchmarks; tests keep it in-process).
 */
async function startDynaliteProcess(options: { path?: string; port?: number }): Promise<LocalDynamo> {
  const port = options.port ?? (await freePort());
  const settings = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.path ? { path: options.path } : {}) };
  // dynalite's own CLI, but with the keep-alive timeout set (see KEEP_ALIVE_MS): a small script, not cli.js.
  const script = `require(${JSON.stringify(ITERATOR_FIX)}).closeIteratorsAtEnd();
const server = require(${JSON.stringify(require.resolve('dynalite'))})(${JSON.stringify(settings)});
server.keepAliveTimeout = ${KEEP_ALIVE_MS}; server.headersTimeout = ${KEEP_ALIVE_MS + 1000};
server.listen(${port}, '127.0.0.1', () => console.log('dynalite listening'));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`dynalite exited with code ${code}: ${errors.trim()}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    server: undefined,
    pid: child.pid as number,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Starts dynalite on a free port (or `port`), persisted under `path` when given. */
export async function startDynalite(options: { path?: string; port?: number; separateProcess?: boolean } = {}): Promise<LocalDynamo> {
  if (options.separateProcess) return startDynaliteProcess(options);
  (require(ITERATOR_FIX) as { closeIteratorsAtEnd: () => void }).closeIteratorsAtEnd();
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    server,
    pid: process.pid,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** Creates the tables the data stack declares, under `tableName`, unless they already exist. */
export async function ensureTables(endpoint: string, tableName: string, definitions?: CreateTableCommandInput[]): Promise<void> {
  const client = localClient(endpoint);
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const definition of definitions ?? tableDefinitions()) {
    const input = { ...definition, TableName: tableName };
    if (!existing.has(input.TableName)) await client.send(new CreateTableCommand(input));
  }
  client.destroy();
}
