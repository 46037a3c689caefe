/**
 * Receipts over real HTTP, with the local S3-compatible server the run starts: registered through the API,
 * uploaded by the client straight to storage with the presigned URL, read back through a presigned download.
 * The storage itself refuses a file of another type or size than the one registered.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApi } from '../../infra/local/server.js';
import { aCae, aPerson } from '../support/builders.js';
import { client, expectProblem, replyLog, startApi, tokenFor } from '../support/localApi.js';

let api: LocalApi;
let asStaff: ReturnType<typeof client>;
let asSelf: ReturnType<typeof client>;
let asColleague: ReturnType<typeof client>;
let asOtherStaff: ReturnType<typeof client>;
let caeId: string;
let selfId: string;
let colleagueId: string;
const replies = replyLog();

beforeAll(async () => {
  api = await startApi();
  const asAdmin = client(api.url, await tokenFor({ sub: 'admin', role: 'federation_admin' }));
  caeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  const otherCaeId = (await asAdmin('POST', '/caes', { body: aCae() })).body.id;
  asStaff = replies.track(client(api.url, await tokenFor({ sub: 'staff', role: 'cae_staff', caeId })));
  asOtherStaff = replies.track(client(api.url, await tokenFor({ sub: 'other-staff', role: 'cae_staff', caeId: otherCaeId })));
  selfId = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson() })).body.id;
  colleagueId = (await asStaff('POST', `/caes/${caeId}/entrepreneurs`, { body: aPerson() })).body.id;
  asSelf = replies.track(client(api.url, await tokenFor({ sub: 'self', role: 'entrepreneur', caeId, entrepreneurId: selfId })));
  asColleague = replies.track(client(api.url, await tokenFor({ sub: 'colleague', role: 'entrepreneur', caeId, entrepreneurId: colleagueId })));
});

afterAll(async () => {
  await api.close();
});

afterEach(() => {
  replies.expectNo5xx();
});

const receipts = (id = selfId) => `/caes/${caeId}/entrepreneurs/${id}/receipts`;
const png = (size: number) => new Uint8Array(size).fill(0x89);

async function register(body: Record<string, unknown>) {
  return asSelf('POST', receipts(), { body: { fileName: 'ticket.png', contentType: 'image/png', size: 64, ...body } });
}

describe('a receipt over HTTP', () => {
  it('is registered, uploaded with the presigned PUT, then shown as uploaded with a download URL', async () => {
    const created = await register({ fileName: 'péage A7.png' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ uploadMethod: 'PUT', uploadHeaders: { 'Content-Type': 'image/png', 'Content-Length': '64' } });
    const before = await asSelf('GET', `${receipts()}/${created.body.id}`);
    expect(before.body).toMatchObject({ id: created.body.id, fileName: 'péage A7.png', contentType: 'image/png', size: 64, uploaded: false, downloadUrl: null });

    const put = await fetch(created.body.uploadUrl, { method: 'PUT', headers: created.body.uploadHeaders, body: png(64) });
    expect(put.status).toBe(200);

    const after = await asStaff('GET', `${receipts()}/${created.body.id}`);
    expect(after.body).toMatchObject({ uploaded: true });
    const download = await fetch(after.body.downloadUrl);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png(64));
  });

  it('cannot be uploaded with another type than registered: the storage refuses it', async () => {
    const created = await register({ contentType: 'application/pdf', fileName: 'facture.pdf' });
    const put = await fetch(created.body.uploadUrl, { method: 'PUT', headers: { 'Content-Type': 'text/html' }, body: png(64) });
    expect(put.status).toBe(403);
    expect((await asSelf('GET', `${receipts()}/${created.body.id}`)).body.uploaded).toBe(false);
  });

  it('cannot be uploaded with another size than registered: the storage refuses it', async () => {
    const created = await register({ size: 64 });
    const put = await fetch(created.body.uploadUrl, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: png(10_000) });
    expect(put.status).toBe(403);
    expect((await asSelf('GET', `${receipts()}/${created.body.id}`)).body.uploaded).toBe(false);
  });

  it('refuses a type that is not a receipt type, naming the field', async () => {
    expectProblem(await register({ contentType: 'text/html' }), 400, { field: 'body.contentType' });
  });

  it('refuses more than 10 MB, an empty file and a size that is not an integer', async () => {
    expectProblem(await register({ size: 10 * 1024 * 1024 + 1 }), 400, { field: 'body.size' });
    expectProblem(await register({ size: 0 }), 400, { field: 'body.size' });
    expectProblem(await register({ size: '64' }), 400, { field: 'body.size' });
    expectProblem(await register({ size: 6.5 }), 400, { field: 'body.size' });
  });

  it('accepts exactly 10 MB', async () => {
    expect((await register({ size: 10 * 1024 * 1024, contentType: 'application/pdf' })).status).toBe(201);
  });

  it("is a 404 for another entrepreneur, and for another CAE's staff", async () => {
    const created = await register({});
    expectProblem(await asColleague('GET', `${receipts()}/${created.body.id}`), 404);
    expectProblem(await asColleague('GET', `${receipts(colleagueId)}/${created.body.id}`), 404);
    expectProblem(await asOtherStaff('GET', `${receipts()}/${created.body.id}`), 404);
    expectProblem(await asColleague('POST', receipts(), { body: { fileName: 'x.png', contentType: 'image/png', size: 1 } }), 404);
  });

  it('is a 404 for an entrepreneur that does not exist, and a 400 for an id that is not one', async () => {
    expectProblem(await asStaff('POST', receipts('01ARZ3NDEKTSV4RRFFQ69G5FAV'), { body: { fileName: 'x.png', contentType: 'image/png', size: 1 } }), 404);
    expectProblem(await asSelf('GET', `${receipts()}/not-an-id`), 400, { field: 'path.receiptId' });
  });
});
