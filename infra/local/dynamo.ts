/**
 * DynamoDB on this machine: dynalite in-process, on disk under DATA_DIR (or in memory for tests), with
 * the tables created from the data stack's synthesized template.
 */
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import dynalite from 'dynalite';
import { tableDefinitions } from './tables.js';

export interface LocalDynamo {
  endpoint: string;
  /** The in-process server; undefined when dynalite runs in a child process. */
  server: Server | undefined;
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
 * Starts dynalite in a child process, so that DynamoDB's work runs on another core than the API's (the
 * local runtime and the benchmarks; tests keep it in-process).
 */
async function startDynaliteProcess(options: { path?: string; port?: number }): Promise<LocalDynamo> {
  const port = options.port ?? (await freePort());
  const cli = createRequire(import.meta.url).resolve('dynalite/cli.js');
  const args = [cli, '--port', String(port), '--host', '127.0.0.1', '--createTableMs', '0', '--deleteTableMs', '0', '--updateTableMs', '0'];
  if (options.path) args.push('--path', options.path);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    server,
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
