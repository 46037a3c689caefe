import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as createSurplusAllocation } from '../../../functions/governance/createSurplusAllocation.js';
import { admin, entrepreneurOf, event, invoke, staffOf, type TestCaller } from '../../support/events.js';
import { newCae } from './people.js';

let year = 2000;

/** A valid allocation of 10,000.00 (15% reserve, 25% workers, 10% interest, 50% development fund), each call a new year. */
function anAllocation(overrides: Record<string, unknown> = {}) {
  year += 1;
  return {
    year,
    surplus: '10000.00',
    legalReserve: '1500.00',
    developmentFund: '5000.00',
    workersShare: '2500.00',
    capitalInterest: '1000.00',
    legalReserveBalance: '0.00',
    highestCapital: '50000.00',
    ...overrides,
  };
}

let caeId: string;
beforeAll(async () => {
  caeId = await newCae();
});

function allocate(body: unknown, caller: TestCaller = staffOf(caeId), cae = caeId) {
  return invoke(createSurplusAllocation, event('POST /caes/{caeId}/surplus-allocations', { caller, pathParameters: { caeId: cae }, body, headers: { 'idempotency-key': randomUUID() } }));
}

describe('allocating a year’s surplus', () => {
  it('records an allocation that follows the Scop rules (201), with the minimums it was checked against', async () => {
    const body = anAllocation();
    const reply = await allocate(body);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ ...body, requirements: { legalReserveMinimum: '1500.00', workersShareMinimum: '2500.00' } });
  });

  it('requires only what the legal reserve lacks to reach the highest capital', async () => {
    const reply = await allocate(
      anAllocation({ legalReserveBalance: '49900.00', highestCapital: '50000.00', legalReserve: '100.00', developmentFund: '6400.00' }),
    );
    expect(reply.status).toBe(201);
  });

  it('lets a federation admin record an allocation', async () => {
    expect((await allocate(anAllocation(), admin)).status).toBe(201);
  });

  it('refuses a second allocation for the same year (409)', async () => {
    const body = anAllocation();
    expect((await allocate(body)).status).toBe(201);
    const again = await allocate({ ...body, capitalInterest: '0.00', developmentFund: '6000.00' });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/surplus-already-allocated$/);
  });

  it('keeps one allocation per year per CAE: another CAE may allocate the same year', async () => {
    const body = anAllocation();
    expect((await allocate(body)).status).toBe(201);
    const other = await newCae();
    expect((await allocate(body, staffOf(other), other)).status).toBe(201);
  });
});

describe('each Scop rule broken is a 422 naming it', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['surplus-not-positive', { surplus: '0.00', legalReserve: '0.00', developmentFund: '0.00', workersShare: '0.00', capitalInterest: '0.00' }, 'body.surplus'],
    ['negative-amount', { capitalInterest: '-100.00', developmentFund: '6100.00' }, 'body.capitalInterest'],
    ['allocation-sum-mismatch', { developmentFund: '4999.99' }, 'body.developmentFund'],
    ['legal-reserve-below-15-percent', { legalReserve: '1499.99', developmentFund: '5000.01' }, 'body.legalReserve'],
    ['workers-share-below-25-percent', { workersShare: '2499.99', capitalInterest: '999.99', developmentFund: '5000.02' }, 'body.workersShare'],
    ['capital-interest-exceeds-workers-share', { workersShare: '2500.00', capitalInterest: '2500.01', developmentFund: '3499.99' }, 'body.capitalInterest'],
  ];

  for (const [rule, overrides, path] of cases) {
    it(`${rule} → 422 on ${path}`, async () => {
      const reply = await allocate(anAllocation(overrides));
      expect(reply.status).toBe(422);
      expect(reply.headers['content-type']).toBe('application/problem+json');
      expect(reply.body.type).toBe(`https://cae.coop/problems/${rule}`);
      expect(reply.body.errors).toEqual([{ path, message: expect.stringContaining(rule) }]);
    });
  }

  it('names the first rule broken in `type` and lists every breach in `errors`', async () => {
    const reply = await allocate(anAllocation({ legalReserve: '1000.00', workersShare: '2000.00', capitalInterest: '2100.00', developmentFund: '4900.00' }));
    expect(reply.status).toBe(422);
    expect(reply.body.type).toMatch(/legal-reserve-below-15-percent$/);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.legalReserve', 'body.workersShare', 'body.capitalInterest']);
  });

  it('changes nothing when refused: the same year can then be allocated', async () => {
    const body = anAllocation();
    expect((await allocate({ ...body, legalReserve: '1.00' })).status).toBe(422);
    expect((await allocate(body)).status).toBe(201);
  });
});

describe('bad input is a 400 naming the field', () => {
  it('refuses a JSON number where money is expected', async () => {
    const reply = await allocate(anAllocation({ surplus: 10000 }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.surplus');
  });

  it('refuses an amount without exactly two decimals', async () => {
    const reply = await allocate(anAllocation({ workersShare: '2500' }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.workersShare');
  });

  it('refuses an unknown field', async () => {
    const reply = await allocate(anAllocation({ dividends: '0.00' }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.dividends');
  });

  it('refuses a missing field', async () => {
    const { highestCapital, ...body } = anAllocation();
    const reply = await allocate(body);
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.highestCapital');
  });

  it('refuses a year that is not a whole number', async () => {
    const reply = await allocate(anAllocation({ year: '2025' }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('body.year');
  });

  it('refuses a body that is not JSON', async () => {
    const reply = await invoke(
      createSurplusAllocation,
      event('POST /caes/{caeId}/surplus-allocations', { caller: staffOf(caeId), pathParameters: { caeId }, rawBody: '{"year": 2025,', headers: { 'idempotency-key': randomUUID() } }),
    );
    expect(reply.status).toBe(400);
  });
});

describe('who may allocate', () => {
  it('does not let an entrepreneur record an allocation (403)', async () => {
    expect((await allocate(anAllocation(), entrepreneurOf(caeId, '01J00000000000000000000000'))).status).toBe(403);
  });

  it('answers 404 to staff of another CAE', async () => {
    const other = await newCae();
    expect((await allocate(anAllocation(), staffOf(other))).status).toBe(404);
  });
});

describe('the Idempotency-Key of a surplus allocation', () => {
  const withKey = (key: string | undefined, body: unknown) =>
    invoke(
      createSurplusAllocation,
      event('POST /caes/{caeId}/surplus-allocations', { caller: staffOf(caeId), pathParameters: { caeId }, body, ...(key ? { headers: { 'idempotency-key': key } } : {}) }),
    );

  it('answers a repeated request with the first response', async () => {
    const key = randomUUID();
    const body = anAllocation();
    const first = await withKey(key, body);
    const again = await withKey(key, body);
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 201, body: first.body });
  });

  it('refuses the same key with another body (409)', async () => {
    const key = randomUUID();
    expect((await withKey(key, anAllocation())).status).toBe(201);
    const reused = await withKey(key, anAllocation());
    expect(reused.status).toBe(409);
    expect(reused.body.type).toMatch(/\/idempotency-key-reused$/);
  });

  it('requires the header (400 naming it)', async () => {
    const reply = await withKey(undefined, anAllocation());
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe('headers.idempotency-key');
  });
});
