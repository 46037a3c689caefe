/**
 * A contract client over real HTTP recording history after the fact (docs/domain.md "Recording history after the
 * fact"), and the person fields of docs/api.md 1.1. Dates are computed from the business clock, so the path is
 * three years old whatever day the suite runs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../domain/calendar.js';
import { setClock, todayInParis } from '../../functions/shared/clock.js';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, expectProblem, replyLog, startApi, tokenFor } from '../support/localApi.js';

let api: LocalApi;
let staff: ReturnType<typeof client>;
let funder: ReturnType<typeof client>;
let caeId: string;
const replies = replyLog();

/** A person as a client following docs/api.md sends them: no welcomedOn. */
function undated(overrides: Record<string, unknown> = {}) {
  const { welcomedOn: _, ...person } = aPerson(overrides);
  return person;
}

beforeAll(async () => {
  api = await startApi();
  const admin = client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' }));
  caeId = (await admin('POST', '/caes', { body: aCae() })).body.id;
  staff = replies.track(client(api.url, await tokenFor({ sub: 'staff', role: 'cae_staff', caeId })));
  funder = replies.track(client(api.url, await tokenFor({ sub: 'funder', role: 'funder', territories: ['departement:69'] })));
});

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

describe('history recorded after the fact, without welcomedOn', () => {
  it('records a three-year-old CAPE → CESA → associate path, and answers every status of it', async () => {
    const today = todayInParis();
    const capeStart = addMonths(today, -36);
    const capeEnd = addDays(addMonths(capeStart, 6), -1);
    const cesaStart = addDays(capeEnd, 1);
    const memberOn = addMonths(cesaStart, 12);
    const base = `/caes/${caeId}/entrepreneurs`;

    const created = await staff('POST', base, { body: undated() });
    expect(created.status).toBe(201);
    expect(created.body.path[0]).toMatchObject({ stage: 'candidate', from: today });
    const id = created.body.id;

    const cape = await staff('POST', `${base}/${id}/convention`, { body: { signedOn: addDays(capeStart, -10), startsOn: capeStart, endsOn: capeEnd } });
    expect(cape.status, JSON.stringify(cape.body)).toBe(201);
    const cesa = await staff('POST', `${base}/${id}/contract`, { body: { signedOn: cesaStart, startsOn: cesaStart, fixedMonthlyGross: '900.00' } });
    expect(cesa.status, JSON.stringify(cesa.body)).toBe(201);
    // 36 months from the CESA start minus the 6 months of CAPE (L7331-3).
    expect(cesa.body.associateDeadline).toBe(addMonths(cesaStart, 30));
    const member = await staff('POST', `${base}/${id}/membership`, { body: { effectiveOn: memberOn, capitalSubscribed: '100.00' } });
    expect(member.status, JSON.stringify(member.body)).toBe(201);

    const read = await staff('GET', `${base}/${id}`);
    expect(read.body.status).toBe('associate');
    expect(read.body.path.map((s: { stage: string; from: string }) => [s.stage, s.from])).toEqual([
      ['candidate', capeStart],
      ['supported', capeStart],
      ['employee', cesaStart],
      ['associate', memberOn],
    ]);
    const statusOn = async (asOf: string) => (await staff('GET', `${base}/${id}/status?asOf=${asOf}`)).body.status;
    expect(await statusOn(addDays(capeStart, -1))).toBe('none');
    expect(await statusOn(capeStart)).toBe('supported');
    expect(await statusOn(cesaStart)).toBe('employee');
    expect(await statusOn(today)).toBe('associate');
  });

  it('refuses a stage out of order after the welcome moved back (422 date-out-of-order) and changes nothing', async () => {
    const today = todayInParis();
    const base = `/caes/${caeId}/entrepreneurs`;
    const id = (await staff('POST', base, { body: undated() })).body.id;
    const capeStart = addMonths(today, -30);
    expect((await staff('POST', `${base}/${id}/convention`, { body: { signedOn: capeStart, startsOn: capeStart, endsOn: addMonths(capeStart, 6) } })).status).toBe(201);
    const before = (await staff('GET', `${base}/${id}`)).body;

    const early = addDays(capeStart, -40);
    const cesa = await staff('POST', `${base}/${id}/contract`, { body: { signedOn: early, startsOn: early, fixedMonthlyGross: '900.00' } });
    expectProblem(cesa, 422, { type: 'date-out-of-order' });
    const exit = await staff('POST', `${base}/${id}/exit`, { body: { effectiveOn: early, reason: 'stopped' } });
    expectProblem(exit, 422, { type: 'date-out-of-order' });
    expect((await staff('GET', `${base}/${id}`)).body).toEqual(before);
  });

  it('refuses a history the rules forbid even when it is recorded years later: a 13-month CAPE, a CESA with no CAPE', async () => {
    const base = `/caes/${caeId}/entrepreneurs`;
    const id = (await staff('POST', base, { body: undated() })).body.id;
    const start = addMonths(todayInParis(), -40);
    expectProblem(await staff('POST', `${base}/${id}/convention`, { body: { signedOn: start, startsOn: start, endsOn: addMonths(start, 13) } }), 422, { type: 'convention-too-long' });
    expectProblem(await staff('POST', `${base}/${id}/contract`, { body: { signedOn: start, startsOn: start, fixedMonthlyGross: '900.00' } }), 422, { type: 'convention-required' });
    const read = (await staff('GET', `${base}/${id}`)).body;
    expect(read.path).toHaveLength(1);
    expect(read.path[0].from).toBe(todayInParis());
  });
});

describe('a day set through the business clock', () => {
  afterEach(() => setClock(undefined));

  it('reaches the handlers behind the local server: the welcome and createdAt are that day, and the path is judged on it', async () => {
    setClock('2031-02-28');
    const base = `/caes/${caeId}/entrepreneurs`;
    const created = await staff('POST', base, { body: undated() });
    expect(created.body.path[0].from).toBe('2031-02-28');
    expect(created.body.createdAt.startsWith('2031-02-28T')).toBe(true);
    const cape = await staff('POST', `${base}/${created.body.id}/convention`, { body: { signedOn: '2028-03-01', startsOn: '2028-03-01', endsOn: '2029-02-28' } });
    expect(cape.status).toBe(201);
    // Ended three years before that day, with nothing after it: a candidate again.
    expect(cape.body.status).toBe('candidate');
  });
});

describe('history before a given welcomedOn', () => {
  it('refuses a CAPE before the welcome (422 date-out-of-order) and changes nothing', async () => {
    const base = `/caes/${caeId}/entrepreneurs`;
    const welcomedOn = addMonths(todayInParis(), -2);
    const id = (await staff('POST', base, { body: aPerson({ welcomedOn }) })).body.id;
    const start = addMonths(welcomedOn, -1);
    const reply = await staff('POST', `${base}/${id}/convention`, { body: { signedOn: start, startsOn: start, endsOn: addMonths(start, 6) } });
    expectProblem(reply, 422, { type: 'date-out-of-order' });
    const read = (await staff('GET', `${base}/${id}`)).body;
    expect(read.path).toEqual([{ stage: 'candidate', from: welcomedOn, details: { cause: 'welcomed' } }]);
  });
});

describe('the person fields of docs/api.md 1.1', () => {
  const fields = { gender: 'female', educationLevel: 'bac_3', priorityNeighbourhood: true, tradeName: 'Atelier Lumière' };

  it('are stored and shown to staff in the record and in the list', async () => {
    const created = await staff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson(fields) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(fields);
    expect((await staff('GET', `/caes/${caeId}/entrepreneurs/${created.body.id}`)).body).toMatchObject(fields);
    const list = await staff('GET', `/caes/${caeId}/entrepreneurs?limit=200`);
    expect(list.body.items.find((e: { id: string }) => e.id === created.body.id)).toMatchObject(fields);
  });

  it('keeps priorityNeighbourhood false as given, and leaves absent fields out', async () => {
    const created = await staff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ priorityNeighbourhood: false }) });
    expect(created.body.priorityNeighbourhood).toBe(false);
    expect(created.body).not.toHaveProperty('gender');
    expect(created.body).not.toHaveProperty('educationLevel');
    expect(created.body).not.toHaveProperty('tradeName');
  });

  it.each([
    ['gender', 'f'],
    ['gender', 'FEMALE'],
    ['educationLevel', 'master'],
    ['educationLevel', 5],
    ['priorityNeighbourhood', 'yes'],
    ['priorityNeighbourhood', 1],
    ['tradeName', ''],
    ['tradeName', 'x'.repeat(121)],
    ['tradeName', 42],
  ])('refuses %s = %j with a 400 naming it, and records nobody', async (field, value) => {
    const before = (await staff('GET', `/caes/${caeId}/entrepreneurs?limit=200`)).body.items.length;
    expectProblem(await staff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson({ [field]: value }) }), 400, { field });
    expect((await staff('GET', `/caes/${caeId}/entrepreneurs?limit=200`)).body.items.length).toBe(before);
  });

  it('are never shown to a funder: the entrepreneur routes are closed to them', async () => {
    const created = await staff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson(fields) });
    expect((await funder('GET', `/caes/${caeId}/entrepreneurs`)).status).toBe(403);
    expect((await funder('GET', `/caes/${caeId}/entrepreneurs/${created.body.id}`)).status).toBe(403);
  });
});
