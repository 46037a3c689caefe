/**
 * `npm run payroll -- --month YYYY-MM [--cae ID]`: the monthly payroll of the whole federation (or one CAE) on
 * this machine, exactly as the schedule would run it on AWS: the synthesized federation state machine, each
 * CAE as its own execution, batches through the Distributed Map. Uses the data of `npm start` (DATA_DIR);
 * stop `npm start` first, since dynalite allows one process per data directory.
 */
import { SingleBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { isValidMonth } from '../../domain/calendar.js';
import { ensureTables, startDynalite } from './dynamo.js';
import { createLocalPayroll } from './payrollRunner.js';

// The SDK warns that its 2027 releases need Node 22 (Lambda runs 22): known, and noise for a newcomer.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { month: { type: 'string' }, cae: { type: 'string' } } });
if (!values.month || !isValidMonth(values.month)) {
  console.error('Usage: npm run payroll -- --month YYYY-MM [--cae CAE_ID]');
  process.exit(2);
}
const month = values.month;
const DATA_DIR = resolve(process.env.DATA_DIR ?? '.data');
const dynamo = await startDynalite({ path: join(DATA_DIR, 'dynamodb'), separateProcess: true }).catch((error: Error) => {
  console.error(`Could not open ${DATA_DIR} (is 'npm start' running on it?): ${error.message}`);
  process.exit(1);
});
await ensureTables(dynamo.endpoint, 'cae');
process.env.TABLE_NAME = 'cae';
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const { listCaes, getCae } = await import('../../functions/shared/repositories/caes.js');
const { findRun } = await import('../../functions/shared/repositories/payrollRuns.js');
const { allPages } = await import('../../functions/shared/pagination.js');
const caes = values.cae ? [await getCae(values.cae)] : await allPages((cursor) => listCaes(200, cursor));

const bar = new SingleBar({ format: ' {bar} {value}/{total} CAEs | batches paid: {batches} | {caeName}', hideCursor: true }, Presets.shades_classic);
let batches = 0;
bar.start(caes.length, 0, { batches, caeName: '' });
const names = new Map(caes.map((c) => [c.id, c.name]));
const failures: string[] = [];
const payroll = createLocalPayroll({
  onCaeStarted: (caeId) => bar.update({ caeName: names.get(caeId) ?? caeId }),
  onBatchDone: () => bar.update({ batches: ++batches }),
  onCaeFinished: (caeId, status, error) => {
    if (status === 'FAILED') failures.push(`${names.get(caeId) ?? caeId}: ${(error as Error)?.message}`);
    bar.increment();
  },
});
const started = Date.now();
await payroll.runFederation({ month, ...(values.cae ? { caeId: values.cae } : {}) }).catch((error: Error) => failures.push(error.message));
bar.stop();

const rows = [];
for (const cae of caes) {
  const run = await findRun(cae.id, month);
  rows.push({
    CAE: cae.name,
    status: run?.status ?? 'not run',
    entrepreneurs: run?.entrepreneurs ?? 0,
    revenue: run?.totals.revenue ?? '-',
    contribution: run?.totals.contribution ?? '-',
    gross: run?.totals.gross ?? '-',
    'employer cost': run?.totals.employerCost ?? '-',
    net: run?.totals.net ?? '-',
    unpaid: run?.unpaid?.length ?? 0,
  });
}
console.log(`\nPayroll of ${month}: ${caes.length} CAE(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.table(rows);
for (const failure of failures) console.error(`failed: ${failure}`);
for (const cae of caes) {
  for (const unpaid of (await findRun(cae.id, month))?.unpaid ?? []) console.error(`not paid: ${cae.name}, ${unpaid.entrepreneurId}: ${unpaid.reason}`);
}
await dynamo.close();
process.exit(failures.length > 0 ? 1 : 0);
