import { describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../../functions/shared/dynamo.js';
import * as keys from '../../../functions/shared/keys.js';
import { territoryMonths } from '../../../functions/shared/repositories/aggregates.js';
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
});
