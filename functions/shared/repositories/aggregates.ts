/**
 * Territorial aggregates in the single table, kept so that a report's cost does not grow with the number of CAEs.
 *
 * - One item per territory and month, federation-wide (`TERR#departement:69` / `MONTH#2025-03`): every CAE's
 *   figures of that month added with DynamoDB `ADD` (exact decimal numbers), the CAEs counted in a string set
 *   (`caes`). A report reads one item per month of its period.
 * - One manifest per CAE and month (`CAE#<caeId>#AGGREGATES` / `MONTH#<month>`): the figures the CAE's month
 *   added to each territory and the generation they were added as. It makes every write idempotent and a
 *   rewrite exact, and holds the CAE's own figures (the federation summary reads its `france` ones).
 *
 * Writing a CAE's month (`addMonthAggregates`):
 * 1. One BatchGet reads the month's manifest and the month before's.
 * 2. First time: the manifest is put (generation 1, `attribute_not_exists`), then each territory gets one update
 *    `ADD <figures>, caes {caeId}` on the condition `NOT contains(caes, caeId)`: a retried step, or the month
 *    closed twice, counts the CAE once.
 * 3. Again with the same figures (a retry after a crash, a month run twice): the same updates again; those
 *    already done fail their condition and change nothing.
 * 4. Again with other figures (history recorded after the fact, a commune corrected): the recorded generation
 *    is finished first (as in 3), then generation g + 1 is recorded in the manifest (on the condition that it
 *    still says g) with the figures it replaces, and each territory gets `ADD <new − old>` (and the CAE added to
 *    or removed from `caes`) on the condition that the token `<caeId>#<g+1>` is not in its `applied` set, which
 *    the same update adds.
 * 5. A territory where the CAE had someone the month before and nobody now gets the CAE in `leftBy` (nothing
 *    added): the month then exists there, empty, so a report says "nobody at the end" rather than showing an
 *    older month's people.
 *
 * 6. A month's figures include the breakdown buckets (one per birth month among them), so a big CAE may have more
 *    figures than one update expression holds (4 KB): past the first `FIGURES_PER_UPDATE`, the figures go in
 *    further updates of the same item, each guarded by its own token `<caeId>#<generation>#<chunk>` in `applied`
 *    (only big CAEs pay for those tokens). A retry finishes the chunks a crash left undone.
 *
 * Writes per CAE-month, the first time: 1 BatchGet + 1 put + one update per territory concerned (more for a CAE
 * with more than `FIGURES_PER_UPDATE` figures in a territory).
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { previousMonth } from '../../../domain/calendar.js';
import {
  type AdditiveFigures,
  additiveFigures,
  figuresDelta,
  isAdditiveFigure,
  type MonthAggregate,
  type TerritoryMonth,
  territoryMonthOf,
} from '../../../domain/reporting/index.js';
import { datasetVintage } from '../../../domain/territory/index.js';
import { db, tableName } from '../dynamo.js';
import * as keys from '../keys.js';
import { exactItem, exactNumber, exactQueryAll, type ExactValue } from './exactNumbers.js';

const BATCH_GET_MAX = 100;
/** Figures added by one update: ~12 characters each in the expression, far below its 4 KB. */
export const FIGURES_PER_UPDATE = 200;
const MAX_ATTEMPTS = 8;

/** The low-level send, for the reads that must keep numbers exact (exactNumbers.ts); same client, same counters. */
const send = db.send as unknown as DynamoDBClient['send'];

/** A CAE's month as recorded: what it added to each territory. */
export interface AggregateManifest {
  caeId: string;
  month: string;
  generation: number;
  /** Territory → the additive figures the CAE's month added there. */
  territories: Record<string, AdditiveFigures>;
  /** The figures generation `generation` replaced (empty for the first). */
  replaced: Record<string, AdditiveFigures>;
  datasetVintage: string;
}

const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));

/** BatchGet (low-level, exact numbers) in chunks of 100, retrying unprocessed keys; items in no particular order. */
async function batchGetExact(keyList: Record<string, string>[], projection?: { expression: string; names: Record<string, string> }) {
  const items: { [name: string]: ExactValue }[] = [];
  const toKey = (k: Record<string, string>) => ({ PK: { S: k.PK as string }, SK: { S: k.SK as string } });
  for (let i = 0; i < keyList.length; i += BATCH_GET_MAX) {
    let pending: Record<string, AttributeValue>[] = keyList.slice(i, i + BATCH_GET_MAX).map(toKey);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`BatchGet left ${pending.length} keys unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 0) await backoff(attempt);
      const out = await send(
        new BatchGetItemCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ConsistentRead: true,
              ...(projection ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names } : {}),
            },
          },
        }),
      );
      items.push(...(out.Responses?.[tableName] ?? []).map(exactItem));
      pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return items;
}

/** A manifest, or undefined for one written before generations existed (a list of territories: nothing to undo). */
function manifestFromItem(item: { [name: string]: ExactValue }): AggregateManifest | undefined {
  if (typeof item.generation !== 'string') return undefined;
  return {
    caeId: item.caeId as string,
    month: item.month as string,
    generation: Number(item.generation),
    territories: (item.territories ?? {}) as Record<string, AdditiveFigures>,
    replaced: (item.replaced ?? {}) as Record<string, AdditiveFigures>,
    datasetVintage: item.datasetVintage as string,
  };
}

async function putManifest(manifest: AggregateManifest, expectedGeneration: number | null): Promise<void> {
  const asItem = (figures: Record<string, AdditiveFigures>) =>
    Object.fromEntries(Object.entries(figures).map(([t, f]) => [t, Object.fromEntries(Object.entries(f).map(([n, v]) => [n, exactNumber(v)]))]));
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.aggregateManifest(manifest.caeId, manifest.month),
        type: 'AGGREGATE_MANIFEST',
        ...manifest,
        territories: asItem(manifest.territories),
        replaced: asItem(manifest.replaced),
      },
      ...(expectedGeneration === null
        ? { ConditionExpression: 'attribute_not_exists(PK) OR attribute_not_exists(generation)' }
        : { ConditionExpression: 'generation = :g', ExpressionAttributeValues: { ':g': expectedGeneration } }),
    }),
  );
}

function sameFigures(a: Record<string, AdditiveFigures>, b: Record<string, AdditiveFigures>): boolean {
  const territories = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const t of territories) {
    if (!a[t] || !b[t] || Object.keys(figuresDelta(a[t], b[t])).length > 0) return false;
  }
  return true;
}

/** A short placeholder suffix (base 36), so that an expression holds as many figures as possible. */
const slot = (i: number) => i.toString(36);

/** One territory's share of a generation: what to add, and whether the CAE joins or leaves the territory. */
async function applyToTerritory(manifest: AggregateManifest, territory: string): Promise<number> {
  const next = manifest.territories[territory];
  const previous = manifest.replaced[territory];
  const delta = Object.entries(figuresDelta(next, previous));
  const joins = next !== undefined && previous === undefined;
  const leaves = next === undefined && previous !== undefined;
  if (delta.length === 0 && !joins && !leaves) return 0;

  // DynamoDB refuses unused names and values: each is added with the clause that uses it.
  const names: Record<string, string> = { '#vintages': 'datasetVintages', '#month': 'month' };
  const values: Record<string, unknown> = { ':vintage': new Set([manifest.datasetVintage]), ':monthValue': manifest.month };
  const adds = ['#vintages :vintage'];
  delta.slice(0, FIGURES_PER_UPDATE).forEach(([figure, amount], i) => {
    names[`#f${slot(i)}`] = figure;
    values[`:f${slot(i)}`] = exactNumber(amount);
    adds.push(`#f${slot(i)} :f${slot(i)}`);
  });
  if (joins || leaves || manifest.generation === 1) names['#caes'] = 'caes';
  if (joins || leaves) values[':cae'] = new Set([manifest.caeId]);
  let condition: string;
  if (manifest.generation === 1) {
    values[':caeId'] = manifest.caeId;
    condition = 'NOT contains(#caes, :caeId)';
  } else {
    const token = `${manifest.caeId}#${manifest.generation}`;
    names['#applied'] = 'applied';
    values[':token'] = token;
    values[':tokens'] = new Set([token]);
    adds.push('#applied :tokens');
    condition = 'NOT contains(#applied, :token)';
  }
  if (joins) adds.push('#caes :cae');
  const expression = `SET #month = :monthValue ADD ${adds.join(', ')}${leaves ? ' DELETE #caes :cae' : ''}`;
  let updated = await guardedUpdate(territory, manifest.month, expression, condition, names, values);
  for (let chunk = 1; chunk * FIGURES_PER_UPDATE < delta.length; chunk++) {
    const token = `${manifest.caeId}#${manifest.generation}#${chunk}`;
    const chunkNames: Record<string, string> = { '#applied': 'applied' };
    const chunkValues: Record<string, unknown> = { ':token': token, ':tokens': new Set([token]) };
    const chunkAdds = ['#applied :tokens'];
    delta.slice(chunk * FIGURES_PER_UPDATE, (chunk + 1) * FIGURES_PER_UPDATE).forEach(([figure, amount], i) => {
      chunkNames[`#f${slot(i)}`] = figure;
      chunkValues[`:f${slot(i)}`] = exactNumber(amount);
      chunkAdds.push(`#f${slot(i)} :f${slot(i)}`);
    });
    updated += await guardedUpdate(territory, manifest.month, `ADD ${chunkAdds.join(', ')}`, 'NOT contains(#applied, :token)', chunkNames, chunkValues);
  }
  return updated;
}

/** One conditional update of a territory's month: 1 when it applied, 0 when its guard says it already had. */
async function guardedUpdate(
  territory: string,
  month: string,
  expression: string,
  condition: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): Promise<number> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.territoryMonth(territory, month),
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return 1;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 0; // already counted
    throw error;
  }
}

async function applyGeneration(manifest: AggregateManifest): Promise<number> {
  const territories = [...new Set([...Object.keys(manifest.territories), ...Object.keys(manifest.replaced)])].sort();
  const applied = await Promise.all(territories.map((t) => applyToTerritory(manifest, t)));
  return applied.reduce((a, b) => a + b, 0);
}

/** Marks the CAE in the month's item of territories it had someone in the month before and nobody in now. */
async function markLeft(caeId: string, month: string, territories: string[]): Promise<void> {
  await Promise.all(
    territories.map((territory) =>
      db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.territoryMonth(territory, month),
          UpdateExpression: 'SET #month = :month ADD leftBy :cae',
          ExpressionAttributeNames: { '#month': 'month' },
          ExpressionAttributeValues: { ':month': month, ':cae': new Set([caeId]) },
        }),
      ),
    ),
  );
}

/**
 * Adds a CAE's month (`aggregates`: all of that CAE and month) to the federation-wide months of its territories,
 * idempotently (see the module's TSDoc). Returns the territories concerned and the territory items this call
 * changed (0 when the month was already counted).
 */
export async function addMonthAggregates(
  caeId: string,
  month: string,
  aggregates: readonly MonthAggregate[],
): Promise<{ territories: number; updated: number; generation: number }> {
  for (const a of aggregates) {
    if (a.caeId !== caeId || a.month !== month) throw new Error(`aggregate of ${a.caeId} ${a.month} given for ${caeId} ${month}`);
  }
  const before = previousMonth(month);
  const found = (await batchGetExact([keys.aggregateManifest(caeId, month), keys.aggregateManifest(caeId, before)]))
    .map(manifestFromItem)
    .filter((m): m is AggregateManifest => m !== undefined);
  const recorded = found.find((m) => m.month === month);
  const previousMonthManifest = found.find((m) => m.month === before);
  const next = Object.fromEntries(aggregates.map((a) => [a.territory, additiveFigures(a)]));
  const vintage = aggregates[0]?.datasetVintage ?? datasetVintage;

  let manifest: AggregateManifest;
  let updated = 0;
  if (!recorded) {
    manifest = { caeId, month, generation: 1, territories: next, replaced: {}, datasetVintage: vintage };
    await putManifest(manifest, null);
  } else if (sameFigures(recorded.territories, next)) {
    manifest = recorded;
  } else {
    updated += await applyGeneration(recorded); // finish what a crash may have left half-done
    manifest = { caeId, month, generation: recorded.generation + 1, territories: next, replaced: recorded.territories, datasetVintage: vintage };
    await putManifest(manifest, recorded.generation);
  }
  updated += await applyGeneration(manifest);
  const left = Object.keys(previousMonthManifest?.territories ?? {}).filter((t) => next[t] === undefined);
  await markLeft(caeId, month, left);
  return { territories: aggregates.length, updated, generation: manifest.generation };
}

/**
 * A territory's federation-wide months from `from` to `to` (inclusive): one query on its partition, one item per
 * month (followed over pages, though twelve months of sums are far below 1 MB). Read whole: the breakdown
 * buckets are named by their values, so no projection can list them.
 */
export async function territoryMonths(territory: string, from: string, to: string): Promise<TerritoryMonth[]> {
  const items = await exactQueryAll({
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': { S: keys.territoryPartition(territory) },
      ':from': { S: keys.territoryMonth(territory, from).SK },
      ':to': { S: keys.territoryMonth(territory, to).SK },
    },
  });
  const months = items.map((item) => {
    const figures = Object.fromEntries(Object.entries(item).filter(([f, v]) => typeof v === 'string' && isAdditiveFigure(f)) as [string, string][]);
    return territoryMonthOf(territory, item.month as string, figures, (item.caes ?? []) as string[], (item.datasetVintages ?? []) as string[]);
  });
  return months;
}

/** The manifests of the given CAEs for a month (those that have one), by CAE id: one BatchGet per 100 CAEs. */
export async function manifestsOfCaes(month: string, caeIds: readonly string[]): Promise<Map<string, AggregateManifest>> {
  const items = await batchGetExact(caeIds.map((caeId) => keys.aggregateManifest(caeId, month)));
  const manifests = items.map(manifestFromItem).filter((m): m is AggregateManifest => m !== undefined);
  return new Map(manifests.map((m) => [m.caeId, m]));
}

/** One CAE's own figures of a month in a territory, from its manifest (undefined when it had nobody there). */
export function caeFigures(manifest: AggregateManifest, territory: string): TerritoryMonth | undefined {
  const figures = manifest.territories[territory];
  return figures ? territoryMonthOf(territory, manifest.month, figures, [manifest.caeId], [manifest.datasetVintage]) : undefined;
}
