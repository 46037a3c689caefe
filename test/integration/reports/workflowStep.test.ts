import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../../functions/shared/dynamo.js';
import * as keys from '../../../functions/shared/keys.js';
import { anAggregate } from '../../unit/reporting/builders.js';
import { addMonthAggregates, FIGURES_PER_UPDATE, territoryMonths } from '../../../functions/shared/repositories/aggregates.js';
import { aggregate, aMonthResult, newCae, newPerson, putResult, sign } from './fixtures.js';

/** The federation-wide month of a territory, as a report reads it. */
const monthOf = async (territory: string, month: string) => (await territoryMonths(territory, month, month))[0];

// Months of 2014: no other test writes them (each test its own months, since territory months are federation-wide).
describe('the workflow step that adds a CAE month to the territorial aggregates', () => {
  it('refuses an input without a month, so the workflow fails loudly rather than writing nothing', async () => {
    await expect(aggregate('X', 'not-a-month')).rejects.toThrow(TypeError);
  });

  it('counts a CAE month once when the step runs twice (a retry, a month run again)', async () => {
    const caeId = await newCae();
    const p = await newPerson(caeId, '38151', '2014-01-06');
    await sign.convention(caeId, p.id, '2014-01-06', '2014-12-31');
    await putResult(aMonthResult(caeId, p.id, '2014-02', '38151', { revenue: '100.10' }));
    await aggregate(caeId, '2014-02');
    await aggregate(caeId, '2014-02');
    expect(await monthOf('departement:38', '2014-02')).toMatchObject({ caes: [caeId], revenue: '100.10', byStatusAtEnd: { supported: 1 } });
  });

  it("adds the CAEs' cents exactly, however many CAEs close the month", async () => {
    const caes = await Promise.all(Array.from({ length: 5 }, () => newCae()));
    await Promise.all(
      caes.map(async (caeId, i) => {
        const p = await newPerson(caeId, '38053', '2014-01-06');
        await sign.convention(caeId, p.id, '2014-01-06', '2014-12-31');
        // 0.10 + 0.20 + … and one very large amount: a JavaScript number would not keep them exact
        const revenue = i === 0 ? '123456789012.34' : `0.${i}0`;
        await putResult(aMonthResult(caeId, p.id, '2014-03', '38053', { revenue }));
      }),
    );
    await Promise.all(caes.map((caeId) => aggregate(caeId, '2014-03')));
    const month = await monthOf('commune:38053', '2014-03');
    expect(month?.revenue).toBe('123456789013.34');
    expect(month?.caes).toEqual([...caes].sort());
    expect(month?.contributors.revenue).toBe(5);
  });

  it("moves the CAE's figures when the month is written again with the person in another territory", async () => {
    const caeId = await newCae();
    const p = await newPerson(caeId, '38185', '2014-01-06');
    await sign.convention(caeId, p.id, '2014-01-06', '2014-12-31');
    await putResult(aMonthResult(caeId, p.id, '2014-05', '38185', { revenue: '100.00' }));
    await aggregate(caeId, '2014-05');
    expect(await monthOf('departement:38', '2014-05')).toMatchObject({ caes: [caeId], revenue: '100.00' });

    // The month's result is corrected to Lyon (the commune was wrong); the workflow runs the month again, twice.
    await putResult(aMonthResult(caeId, p.id, '2014-05', '69123', { revenue: '100.00' }));
    await aggregate(caeId, '2014-05');
    await aggregate(caeId, '2014-05');
    expect(await monthOf('departement:38', '2014-05')).toMatchObject({ caes: [], revenue: '0.00', byStatusAtEnd: { supported: 0 } });
    expect(await monthOf('departement:69', '2014-05')).toMatchObject({ caes: [caeId], revenue: '100.00', byStatusAtEnd: { supported: 1 } });
    expect((await monthOf('france', '2014-05'))?.caes).toContain(caeId);
  });

  it('replaces the figures of a month written again after history was recorded in it', async () => {
    const caeId = await newCae();
    const p = await newPerson(caeId, '38421', '2014-01-06');
    await putResult(aMonthResult(caeId, p.id, '2014-06', '38421', { revenue: '50.00' }));
    await aggregate(caeId, '2014-06');
    expect(await monthOf('commune:38421', '2014-06')).toMatchObject({ entries: 0, byStatusAtEnd: { candidate: 1, supported: 0 } });

    // A CAPE signed in June is recorded after the month closed; the month is run again.
    await sign.convention(caeId, p.id, '2014-06-02', '2014-12-31');
    await aggregate(caeId, '2014-06');
    expect(await monthOf('commune:38421', '2014-06')).toMatchObject({ caes: [caeId], entries: 1, revenue: '50.00', byStatusAtEnd: { candidate: 0, supported: 1 } });
  });

  it('adds a month whose manifest was written before generations existed (a list of territories) as a new one', async () => {
    const caeId = await newCae();
    const p = await newPerson(caeId, '38442', '2014-01-06');
    await sign.convention(caeId, p.id, '2014-01-06', '2014-12-31');
    await putResult(aMonthResult(caeId, p.id, '2014-10', '38442', { revenue: '70.00' }));
    await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.aggregateManifest(caeId, '2014-10'), caeId, month: '2014-10', territories: ['commune:38442'] } }));
    await aggregate(caeId, '2014-10');
    expect(await monthOf('commune:38442', '2014-10')).toMatchObject({ caes: [caeId], revenue: '70.00' });
  });

  it('writes nothing for a CAE whose month has nobody in it', async () => {
    const caeId = await newCae();
    expect(await aggregate(caeId, '2014-07')).toEqual({ caeId, month: '2014-07', aggregates: 0 });
  });

  it('keeps the month, empty, in a territory the CAE had someone in the month before and nobody in now', async () => {
    const caeId = await newCae();
    const p = await newPerson(caeId, '38563', '2014-01-06');
    await sign.convention(caeId, p.id, '2014-01-06', '2014-12-31');
    await putResult(aMonthResult(caeId, p.id, '2014-08', '38563', { revenue: '10.00' }));
    await aggregate(caeId, '2014-08');
    await sign.exit(caeId, p.id, '2014-08-20', 'salaried_job');
    // In September nobody of the CAE is left in the commune: the month says so rather than being missing.
    await aggregate(caeId, '2014-09');
    expect(await monthOf('commune:38563', '2014-09')).toMatchObject({ month: '2014-09', caes: [], revenue: '0.00' });
  });

  it("counts the people by breakdown bucket from their records, and each sum's largest amount and squares", async () => {
    const caeId = await newCae();
    const a = await newPerson(caeId, '38229', '2014-01-06', { gender: 'female', birthDate: '1990-04-17', priorityNeighbourhood: true });
    const b = await newPerson(caeId, '38229', '2014-01-06', { educationLevel: 'bac_2', situationAtEntry: 'jobseeker', birthDate: '1950-02-02' });
    await sign.convention(caeId, a.id, '2014-11-03', '2015-10-31');
    await sign.convention(caeId, b.id, '2014-01-06', '2014-12-31');
    await putResult(aMonthResult(caeId, a.id, '2014-11', '38229', { revenue: '300.00' }));
    await putResult(aMonthResult(caeId, b.id, '2014-11', '38229', { revenue: '-100.00' }));
    await aggregate(caeId, '2014-11');
    const month = await monthOf('commune:38229', '2014-11');
    expect(month?.people).toEqual({
      'end:born:1990-04': 1,
      'end:born:55_and_over': 1,
      'end:educationLevel:bac_2': 1,
      'end:educationLevel:unknown': 1,
      'end:gender:female': 1,
      'end:gender:unknown': 1,
      'end:priorityNeighbourhood:unknown': 1,
      'end:priorityNeighbourhood:yes': 1,
      'end:situationAtEntry:jobseeker': 1,
      'end:situationAtEntry:unknown': 1,
      'entries:born:1990-04': 1,
      'entries:educationLevel:unknown': 1,
      'entries:gender:female': 1,
      'entries:priorityNeighbourhood:yes': 1,
      'entries:situationAtEntry:unknown': 1,
    });
    expect(month).toMatchObject({ dominanceKept: 1, largest: { revenue: '300' }, squares: { revenue: '100000' } });

    // A's revenue is corrected down: the largest is the CAE's new one, not the old maximum.
    await putResult(aMonthResult(caeId, a.id, '2014-11', '38229', { revenue: '50.00' }));
    await aggregate(caeId, '2014-11');
    expect(await monthOf('commune:38229', '2014-11')).toMatchObject({ revenue: '-50.00', largest: { revenue: '100' }, squares: { revenue: '12500' } });
  });

  it('adds more figures than one update holds in several guarded updates, each once', async () => {
    const caeId = `BIG${randomUUID().slice(0, 8)}`;
    const people = Object.fromEntries(Array.from({ length: 2 * FIGURES_PER_UPDATE }, (_, i) => [`end:born:${1960 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, 1]));
    const territory = `commune:BIG-${caeId}`;
    const aggregates = [anAggregate({ territory, month: '2014-12', caeId, revenue: '10.00', people })];
    await addMonthAggregates(caeId, '2014-12', aggregates);
    await addMonthAggregates(caeId, '2014-12', aggregates); // a retry: every chunk already counted
    const month = await monthOf(territory, '2014-12');
    expect(Object.keys(month?.people ?? {})).toHaveLength(2 * FIGURES_PER_UPDATE);
    expect(Object.values(month?.people ?? {}).every((n) => n === 1)).toBe(true);
    expect(month?.revenue).toBe('10.00');
  });
});
