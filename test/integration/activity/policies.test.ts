/**
 * Contribution policies (PUT /caes/{caeId}/contribution-policy) and per-entrepreneur overrides: dated versions
 * that never reach into a closed month.
 */
import { describe, expect, it } from 'vitest';
import { handler as getCae } from '../../../functions/caes/getCae.js';
import { markCaeMonthClosed } from '../../../functions/shared/repositories/accounts.js';
import { entrepreneurOf, event, invoke, staffOf } from '../../support/events.js';
import { accountOf, aRevenue, expectProblem, month, newCae, newEmployee, putContributionOverride, putContributionPolicy, recorded } from './fixtures.js';

const flat = (rate: string) => ({ kind: 'flat', rate });

async function readCae(caeId: string) {
  return (await invoke(getCae, event('GET /caes/{caeId}', { caller: staffOf(caeId), pathParameters: { caeId } }))).body;
}

describe('PUT /caes/{caeId}/contribution-policy', () => {
  it('adds a version and answers with the CAE, its policy history in month order', async () => {
    const caeId = await newCae();
    const reply = await putContributionPolicy(caeId, { effectiveFrom: month(6), policy: flat('0.12') });
    expect(reply.status).toBe(200);
    expect(reply.body.contributionPolicies.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual(['1900-01', month(6)]);
    expect(reply.body.contributionPolicies[1].policy).toEqual(flat('0.12'));
  });

  it('replaces the version of the same month', async () => {
    const caeId = await newCae();
    await putContributionPolicy(caeId, { effectiveFrom: month(6), policy: flat('0.12') });
    const reply = await putContributionPolicy(caeId, { effectiveFrom: month(6), policy: flat('0.11') });
    expect(reply.body.contributionPolicies).toHaveLength(2);
    expect(reply.body.contributionPolicies[1]).toEqual({ effectiveFrom: month(6), policy: flat('0.11') });
  });

  it('refuses a version taking effect in or before the last closed month (409), changing nothing', async () => {
    const caeId = await newCae();
    await markCaeMonthClosed(caeId, month(3));
    const before = await readCae(caeId);
    expectProblem(await putContributionPolicy(caeId, { effectiveFrom: month(3), policy: flat('0.12') }), 409, 'body.effectiveFrom', 'month-closed');
    expectProblem(await putContributionPolicy(caeId, { effectiveFrom: month(1), policy: flat('0.12') }), 409, 'body.effectiveFrom', 'month-closed');
    expect(await readCae(caeId)).toEqual(before);
    expect((await putContributionPolicy(caeId, { effectiveFrom: month(4), policy: flat('0.12') })).status).toBe(200);
  });

  it('refuses a policy whose content is wrong, naming the field (400)', async () => {
    const caeId = await newCae();
    const policy = { kind: 'tiered', brackets: [{ upTo: '35000.00', rate: '0.10' }] };
    expectProblem(await putContributionPolicy(caeId, { effectiveFrom: month(6), policy }), 400, 'body.policy.brackets');
    expectProblem(await putContributionPolicy(caeId, { effectiveFrom: '2025-13', policy: flat('0.10') }), 400, 'body.effectiveFrom');
    expectProblem(await putContributionPolicy(caeId, { effectiveFrom: month(6), policy: { kind: 'flat', rate: 0.1 } }), 400, 'body.policy.rate');
  });

  it('is for staff: an entrepreneur gets 403, staff of another CAE 404', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const otherCae = await newCae();
    expectProblem(await putContributionPolicy(caeId, { effectiveFrom: month(6), policy: flat('0.05') }, entrepreneurOf(caeId, id)), 403);
    expectProblem(await putContributionPolicy(caeId, { effectiveFrom: month(6), policy: flat('0.05') }, staffOf(otherCae)), 404);
    expect((await readCae(caeId)).contributionPolicies).toHaveLength(1);
  });
});

describe('PUT …/entrepreneurs/{id}/contribution-override', () => {
  it('answers with the override versions, a null policy ending the override', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await putContributionOverride(caeId, id, { effectiveFrom: month(5), policy: null });
    const reply = await putContributionOverride(caeId, id, { effectiveFrom: month(2), policy: flat('0.05') });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      entrepreneurId: id,
      contributionOverrides: [
        { effectiveFrom: month(2), policy: flat('0.05') },
        { effectiveFrom: month(5), policy: null },
      ],
    });
  });

  it('refuses an override taking effect in a closed month (409), and the account keeps the CAE policy', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    await recorded(caeId, id, aRevenue({ amountExclVat: '1000.00' }));
    await markCaeMonthClosed(caeId, month(3));
    expectProblem(await putContributionOverride(caeId, id, { effectiveFrom: month(3), policy: flat('0.05') }), 409, 'body.effectiveFrom', 'month-closed');
    expect((await accountOf(caeId, id, month(3))).contribution).toBe('100.00');
  });

  it("answers 404 for an unknown entrepreneur or another CAE's, and 403 to an entrepreneur", async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    const otherCae = await newCae();
    const theirs = await newEmployee(otherCae);
    expectProblem(await putContributionOverride(caeId, theirs, { effectiveFrom: month(6), policy: null }), 404);
    expectProblem(await putContributionOverride(otherCae, theirs, { effectiveFrom: month(6), policy: null }, staffOf(caeId)), 404);
    expectProblem(await putContributionOverride(caeId, id, { effectiveFrom: month(6), policy: flat('0.01') }, entrepreneurOf(caeId, id)), 403);
  });

  it('refuses an override without a policy field (400 naming body.policy)', async () => {
    const caeId = await newCae();
    const id = await newEmployee(caeId);
    expectProblem(await putContributionOverride(caeId, id, { effectiveFrom: month(6) }), 400, 'body.policy');
  });
});
