/**
 * The README's examples run as written (README "Development"): `npm start` on a fresh temporary DATA_DIR and
 * a free PORT, then every ```sh block of README.md, in order, in one bash session, and every curl must answer
 * 2xx. Blocks fenced ```shell (commands a person runs: starting the server, deploying, `npm run payroll`) and
 * ```json (sample outputs) are not run.
 *
 * curl is wrapped, not edited: the README keeps the commands a reader types, and the wrapper adds
 * --fail-with-body (a 4xx or 5xx stops the script, its body shown) and writes each status code to a log.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/aws/paths.js';

/** The ```sh blocks of a markdown text, in order: the README's runnable examples. */
function runnableBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)].map((m) => m[1] ?? '');
}

const CURL_WRAPPER = `set -euo pipefail
curl() {
  command curl "$@" --silent --show-error --fail-with-body --write-out '%{stderr}HTTP %{http_code}\\n' 2>>"$CURL_LOG"
}
`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The environment of a person's shell: what the test run set for its own dynalite is left out. */
function shellEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DYNAMODB_ENDPOINT: _endpoint, TABLE_NAME: _table, LOCAL_JWT_SECRET: _secret, ...env } = process.env;
  return { ...env, ...extra };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('runnableBlocks', () => {
  it('takes ```sh blocks only, in order, and leaves ```shell, ```json and ```bash ones out', () => {
    const markdown = ['```sh', 'echo one', '```', '```shell', 'npm start', '```', '```json', '{}', '```', '```bash', 'echo no', '```', '```sh', 'echo two', '```', ''].join('\n');
    expect(runnableBlocks(markdown)).toEqual(['echo one\n', 'echo two\n']);
  });
});

describe('the README, run as written against a fresh npm start', () => {
  let dataDir: string;
  let port: number;
  let server: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cae-readme-'));
    port = await freePort();
    // `npm start` is `tsx infra/local/main.ts`; tsx is run directly so that this process owns the server's group.
    const started = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['infra/local/main.ts'], {
      cwd: REPO_ROOT,
      env: shellEnv({ DATA_DIR: dataDir, PORT: String(port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    server = started;
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('OpenAPI document:')) resolve();
      };
      started.stdout?.on('data', onData);
      started.stderr?.on('data', onData);
      started.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
    });
  }, 180_000);

  afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      process.kill(-server.pid, 'SIGTERM');
      const done = await Promise.race([exited(server).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      if (!done) process.kill(-server.pid, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs every ```sh block, and every curl in them answers 2xx', async () => {
    const blocks = runnableBlocks(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThan(3);
    const curlLog = join(dataDir, 'curl.log');
    const script = join(dataDir, 'readme.sh');
    writeFileSync(curlLog, '');
    writeFileSync(script, `${CURL_WRAPPER}\n${blocks.join('\n')}`);
    const shell = spawn('bash', [script], {
      cwd: REPO_ROOT,
      env: shellEnv({ DATA_DIR: dataDir, PORT: String(port), CURL_LOG: curlLog, TMPDIR: dataDir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let transcript = '';
    shell.stdout?.on('data', (chunk: Buffer) => {
      transcript += chunk.toString();
    });
    shell.stderr?.on('data', (chunk: Buffer) => {
      transcript += chunk.toString();
    });
    const code = await exited(shell);
    const log = readFileSync(curlLog, 'utf8');
    const statuses = [...log.matchAll(/^HTTP (\d{3})$/gm)].map((m) => Number(m[1]));
    const explain = `bash exited ${code}\n--- curl log ---\n${log}\n--- output ---\n${transcript.slice(-4000)}`;
    expect(code, explain).toBe(0);
    expect(statuses.length, explain).toBeGreaterThan(10);
    expect(
      statuses.filter((s) => s < 200 || s > 299),
      explain,
    ).toEqual([]);
  }, 180_000);
});
