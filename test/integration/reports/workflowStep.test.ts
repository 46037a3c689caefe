import { describe, expect, it } from 'vitest';
import { aggregatedMonths, territoryAggregates } from '../../../functions/shared/repositories/aggregates.js';
import { aggregate, aMonthResult, newCae, newPerson, putResult, sign } from './fixtures.js';

// Months of 2014: no other test writes them.
describe('the workflow step that writes territorial aggregates', () => {
  it('refuses an input without a month, so the workflow fails loudly rather than writing nothing', async () => {
    await expect(aggregate('X', 'not-a-month')).rejects.toThrow(TypeError);
  });

  it("removes a territory's item when a rewrite no longer finds anyone of the CAE there", async () => {
    const caeId = await newCae();
    const p = await newPerson(caeId, '38185', '2014-01-06');
    await sign.convention(caeId, p.id, '2014-01-06', '2014-12-31');
    await putResult(aMonthResult(caeId, p.id, '2014-05', '38185', { revenue: '100.00' }));
    await aggregate(caeId, '2014-05');
    const inIsere = async () => (await territoryAggregates('departement:38', '2014-05', '2014-05')).filter((a) => a.caeId === caeId);
    expect(await inIsere()).toHaveLength(1);

    // The month's result is corrected to Lyon (the commune was wrong); the workflow runs the month again.
    await putResult(aMonthResult(caeId, p.id, '2014-05', '69123', { revenue: '100.00' }));
    await aggregate(caeId, '2014-05');
    expect(await inIsere()).toHaveLength(0);
    const inRhone = (await territoryAggregates('departement:69', '2014-05', '2014-05')).filter((a) => a.caeId === caeId);
    expect(inRhone.map((a) => a.revenue)).toEqual(['100.00']);
  });

  it('writes nothing for a CAE whose month has nobody in it', async () => {
    const caeId = await newCae();
    expect(await aggregate(caeId, '2014-07')).toEqual({ caeId, month: '2014-07', aggregates: 0 });
  });

  it('marks the month aggregated even when nobody was in it, so reports count it as closed', async () => {
    const caeId = await newCae();
    await aggregate(caeId, '2014-08');
    expect(await aggregatedMonths('2014-08', '2014-08')).toContainEqual({ caeId, month: '2014-08' });
  });
});
