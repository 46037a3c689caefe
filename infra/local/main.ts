/**
 * `npm start`: the whole product on one machine, with no AWS: dynalite on disk under DATA_DIR, the local
 * S3-compatible object storage under DATA_DIR/objects, the API
 * served from the route table, a demo federation seeded on first start, and tokens to try it with.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setClock, todayInParis } from '../../functions/shared/clock.js';
import { ensureTables, startDynalite } from './dynamo.js';
import { startObjectStorage } from './objectStorage.js';
import { createLocalPayroll } from './payrollRunner.js';
import { demoTokens, ensureDemo } from './seed.js';
import { startLocalApi } from './server.js';
import { LOCAL_STATE_MACHINE_ARN, startLocalStepFunctions } from './stepFunctionsEndpoint.js';
import { DEFAULT_LOCAL_SECRET } from './tokens.js';

// The SDK warns that its 2027 releases need Node 22 (Lambda runs 22): known, and noise for a newcomer.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const PORT = Number(process.env.PORT ?? 3000);
const DATA_DIR = resolve(process.env.DATA_DIR ?? '.data');
const TABLE = 'cae';
const secret = process.env.LOCAL_JWT_SECRET ?? DEFAULT_LOCAL_SECRET;

if (process.env.NODE_ENV === 'production' && secret === DEFAULT_LOCAL_SECRET) {
  console.error('Refusing to start: the default LOCAL_JWT_SECRET is for local use only. Set LOCAL_JWT_SECRET.');
  process.exit(1);
}

// CAE_LOCAL_TODAY=YYYY-MM-DD runs the product as if it were that day (the business clock only; timers, tokens
// and logs keep real time). Only this local entry point reads it: a Lambda never moves its clock.
if (process.env.CAE_LOCAL_TODAY) {
  try {
    setClock(process.env.CAE_LOCAL_TODAY);
  } catch (error) {
    console.error(`Refusing to start: CAE_LOCAL_TODAY: ${(error as Error).message}`);
    process.exit(1);
  }
}
mkdirSync(DATA_DIR, { recursive: true });
let dynamo: Awaited<ReturnType<typeof startDynalite>>;
try {
  dynamo = await startDynalite({ path: join(DATA_DIR, 'dynamodb'), separateProcess: true });
} catch (error) {
  console.error(`Could not open the data in ${DATA_DIR} (is another 'npm start' using it?):`, (error as Error).message);
  process.exit(1);
}
await ensureTables(dynamo.endpoint, TABLE);
process.env.TABLE_NAME = TABLE;
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// Object storage (receipts, kept documents): presigned URLs point at it, so clients reach it as they reach the API.
const OBJECT_STORAGE_PORT = Number(process.env.OBJECT_STORAGE_PORT ?? PORT + 1);
let objectStorage: Awaited<ReturnType<typeof startObjectStorage>>;
try {
  objectStorage = await startObjectStorage({ directory: join(DATA_DIR, 'objects'), port: OBJECT_STORAGE_PORT, host: process.env.HOST ?? '127.0.0.1' });
} catch (error) {
  console.error(`Could not start the object storage on port ${OBJECT_STORAGE_PORT} (set OBJECT_STORAGE_PORT to another one):`, (error as Error).message);
  await dynamo.close();
  process.exit(1);
}
process.env.OBJECT_STORAGE_ENDPOINT = objectStorage.endpoint;
process.env.OBJECT_STORAGE_BUCKET = objectStorage.bucket;
// The payroll workflow: the synthesized state machine, run here, behind a local Step Functions endpoint.
const stepFunctions = await startLocalStepFunctions(createLocalPayroll());
process.env.SFN_ENDPOINT = stepFunctions.endpoint;
process.env.PAYROLL_STATE_MACHINE_ARN = LOCAL_STATE_MACHINE_ARN;

const api = await startLocalApi({ jwtSecret: secret, port: PORT, host: process.env.HOST ?? '127.0.0.1' });
const demo = await ensureDemo(api.url, secret, DATA_DIR, stepFunctions.idle);
const tokens = await demoTokens(demo, secret);

const firstCae = demo.caes[0];
const staff = tokens.find((t) => t.claims.role === 'cae_staff');
const admin = tokens.find((t) => t.claims.role === 'federation_admin');
console.log(`\nCAE back office listening on ${api.url}  (data in ${DATA_DIR}; object storage on ${objectStorage.endpoint})\n`);
console.log('Demo tokens (HS256, signed with LOCAL_JWT_SECRET):');
for (const t of tokens) console.log(`\n  ${t.label}:\n  ${t.token}`);
console.log('\nTry:');
console.log(`  curl -s ${api.url}/caes -H "Authorization: Bearer ${admin?.token}"`);
console.log(`  curl -s "${api.url}/caes/${firstCae?.id}/entrepreneurs?status=employee" -H "Authorization: Bearer ${staff?.token}"`);
const funder = tokens.find((t) => t.claims.role === 'funder');
const year = (demo.paidMonth ?? '').slice(0, 4);
if (funder && firstCae && demo.paidMonth) {
  console.log(`\nThe funder's report of département ${firstCae.departement}, to open in a browser (local only: the token rides in the URL):`);
  console.log(`  ${api.url}/reports/territories/departement:${firstCae.departement}?from=${year}-01&to=${demo.paidMonth}&format=html&access_token=${funder.token}`);
}
if (demo.today && demo.today.slice(0, 7) < todayInParis().slice(0, 7)) {
  console.log(`\nThe payroll rate tables end before last month, so the demo is set on ${demo.today} and paid the two months before it.`);
}
console.log(`\nOpenAPI document: ${api.url}/openapi.json`);
console.log(`The demo's ids are in ${join(DATA_DIR, 'demo.json')}; README "Try it" sets the shell variables of its examples from them,`);
console.log('and `npm run token -- --role <role> …` signs a token for any other user.\n');

const stop = async () => {
  await api.close();
  await stepFunctions.close();
  await objectStorage.close();
  await dynamo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
