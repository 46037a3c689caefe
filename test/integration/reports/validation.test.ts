import { describe, expect, it } from 'vitest';
import { funderOf } from '../../support/events.js';
import { report } from './fixtures.js';

const paths = (reply: { body: { errors?: { path: string }[] } }) => reply.body.errors?.map((e) => e.path);

describe('GET /reports/territories/{territory}: bad input is a 400 naming the field', () => {
  it('refuses a malformed territory', async () => {
    const reply = await report('departement-69', { from: '2019-01', to: '2019-03' });
    expect(reply.status).toBe(400);
    expect(paths(reply)).toEqual(['path.territory']);
  });

  it('refuses a territory code that does not exist', async () => {
    const reply = await report('commune:69999', { from: '2019-01', to: '2019-03' });
    expect(reply.status).toBe(400);
    expect(paths(reply)).toEqual(['path.territory']);
  });

  it('refuses a malformed month', async () => {
    const reply = await report('france', { from: '2019-13', to: '2019-03' });
    expect(reply.status).toBe(400);
    expect(paths(reply)).toEqual(['query.from']);
  });

  it('refuses a missing period', async () => {
    const reply = await report('france', {});
    expect(reply.status).toBe(400);
    expect(paths(reply)).toEqual(['query.from', 'query.to']);
  });

  it('refuses a period that ends before it starts', async () => {
    const reply = await report('france', { from: '2019-04', to: '2019-03' });
    expect(reply.status).toBe(400);
    expect(paths(reply)).toEqual(['query.to']);
  });

  it('refuses a period longer than 120 months, and accepts exactly 120', async () => {
    expect(paths(await report('france', { from: '2009-01', to: '2019-01' }))).toEqual(['query.to']);
    expect((await report('france', { from: '2009-02', to: '2019-01' })).status).toBe(200);
  });

  it('refuses an unknown format', async () => {
    expect(paths(await report('france', { from: '2019-01', to: '2019-01', format: 'pdf' }))).toEqual(['query.format']);
  });

  it('answers 400 before 403: a funder learns nothing more from a bad request', async () => {
    expect((await report('departement:69', { from: 'x', to: '2019-01' }, funderOf('departement:38'))).status).toBe(400);
  });

  it('lets a funder of France read any territory', async () => {
    expect((await report('commune:2A004', { from: '2019-01', to: '2019-01' }, funderOf('france'))).status).toBe(200);
  });

  it('refuses a funder whose token names no territory it can read', async () => {
    expect((await report('france', { from: '2019-01', to: '2019-01' }, funderOf('departement:69'))).status).toBe(403);
    expect((await report('france', { from: '2019-01', to: '2019-01' }, funderOf('departement:00'))).status).toBe(403);
    // A territories claim that is not a list of territory codes is no credential at all (auth.ts).
    expect((await report('france', { from: '2019-01', to: '2019-01' }, funderOf('nonsense'))).status).toBe(401);
  });
});
