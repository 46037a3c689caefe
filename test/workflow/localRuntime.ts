/**
 * The local runtime of the crash test, run as a child process that the test kills with SIGKILL: dynalite on
 * disk under DATA_DIR (in this process, so the kill takes it down with everything else, like a power cut),
 * the local Step Functions endpoint and the HTTP API, wired as `npm start` wires them, without the demo.
 * Prints one JSON line `{ "api", "dynamo" }` when it serves.
 *
 * With PAUSE_AFTER_CLOSED_MONTHS=n, the writes of closed months after the n-th never complete and the line
 * `{ "paused": n }` is printed: the test kills the process there, mid-batch, at a point it knows exactly.
 */
import { join } from 'node:path';
import { ensureTables, startDynalite } from '../../infra/local/dynamo.js';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');
const dynamo = await startDynalite({ path: join(dataDir, 'dynamodb') });
await ensureTables(dynamo.endpoint, 'cae');
Object.assign(process.env, { TABLE_NAME: 'cae', DYNAMODB_ENDPOINT: dynamo.endpoint, AWS_REGION: 'eu-west-3', POWERTOOLS_LOG_LEVEL: 'SILENT' });

// Imported once the environment is set: handlers read it at load.
const { createLocalPayroll } = await import('../../infra/local/payrollRunner.js');
const { LOCAL_STATE_MACHINE_ARN, startLocalStepFunctions } = await import('../../infra/local/stepFunctionsEndpoint.js');
const { startLocalApi } = await import('../../infra/local/server.js');

const pauseAfter = process.env.PAUSE_AFTER_CLOSED_MONTHS;
if (pauseAfter !== undefined) {
  const { db } = await import('../../functions/shared/dynamo.js');
  let written = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const item = (args.input as { Item?: { SK?: unknown } }).Item;
      const isClosedMonth = (context.commandName === 'PutCommand' || context.commandName === 'PutItemCommand') && String(item?.SK ?? '').startsWith('ACCOUNT#');
      if (isClosedMonth && written >= Number(pauseAfter)) {
        if (written === Number(pauseAfter)) console.log(JSON.stringify({ paused: written }));
        written += 1;
        return new Promise<never>(() => undefined);
      }
      const out = await next(args);
      if (isClosedMonth) written += 1;
      return out;
    },
    { step: 'initialize', name: 'pauseForTheCrashTest' },
  );
}

const stepFunctions = await startLocalStepFunctions(createLocalPayroll());
process.env.SFN_ENDPOINT = stepFunctions.endpoint;
process.env.PAYROLL_STATE_MACHINE_ARN = LOCAL_STATE_MACHINE_ARN;
const api = await startLocalApi({ jwtSecret: process.env.LOCAL_JWT_SECRET ?? 'test-secret' });
console.log(JSON.stringify({ api: api.url, dynamo: dynamo.endpoint }));
