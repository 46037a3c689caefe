/**
 * DynamoDB on this machine: dynalite in-process, on disk under DATA_DIR (or in memory for tests), with
 * the tables created from the data stack's synthesized template.
 */
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import { tableDefinitions } from './tables.js';

export interface LocalDynamo {
  endpoint: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts dynalite on a free port (or `port`), persisted under `path` when given. */
export async function startDynalite(options: { path?: string; port?: number } = {}): Promise<LocalDynamo> {
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
