// listOrgs: GET /orgs read 500 at a time until a short page or totalCount, never more than MAX_LISTED entries read,
// deleted orgs left out, every entry checked (24-hex id, a name, isDeleted a boolean when present).
import { describe, expect, it } from 'vitest';
import { MAX_LISTED } from '../../../../src/core/cloudmanager';
import { DigestError } from '../../../../src/core/digest';
import { atlasError, BASE, failure, json, MEDIA_TYPE, type Reply, ROOT, setup } from './fake-atlas';

const ORGS = `${ROOT}/orgs`;
const page = (n: number) => `${BASE}${ORGS}?itemsPerPage=500&pageNum=${n}`;
const idOf = (i: number) => i.toString(16).padStart(24, '0');
/** Orgs `from` .. `from + count - 1` as Atlas lists them; every `deletedEvery`-th one (by number) is deleted. */
const orgs = (from: number, count: number, deletedEvery = 0) =>
  Array.from({ length: count }, (_, k) => ({
    id: idOf(from + k),
    name: `Org ${from + k}`,
    isDeleted: deletedEvery > 0 && (from + k) % deletedEvery === 0,
    links: [],
  }));
const listPage = (results: unknown[], totalCount?: number) =>
  json(200, totalCount === undefined ? { results, links: [] } : { results, totalCount, links: [] });
const expected = (from: number, count: number, deletedEvery = 0) =>
  orgs(from, count, deletedEvery)
    .filter((o) => !o.isDeleted)
    .map(({ id, name }) => ({ id, name }));

describe('listOrgs', () => {
  it('reads three pages in order with the versioned Accept, and returns every org', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [
        listPage(orgs(0, 500), 1_020),
        listPage(orgs(500, 500), 1_020),
        listPage(orgs(1_000, 20), 1_020),
      ],
    });
    await expect(api.listOrgs()).resolves.toEqual(expected(0, 1_020));
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['GET', page(1), null],
      ['GET', page(2), null],
      ['GET', page(3), null],
    ]);
    for (const r of requests) {
      expect(r.headers.get('Accept')).toBe(MEDIA_TYPE);
      expect(r.headers.has('Content-Type')).toBe(false);
      expect(r.credentials).toBe('omit');
    }
  });

  it('leaves deleted orgs out, on every page, and still reads on after a page of them', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [listPage(orgs(0, 500, 3), 700), listPage(orgs(500, 200, 3), 700)],
    });
    const listed = await api.listOrgs();
    expect(listed).toEqual(expected(0, 700, 3));
    expect(listed).toHaveLength(700 - 234);
    expect(requests).toHaveLength(2);
  });

  it('returns an empty list when every org is deleted, or there is none', async () => {
    const deleted = setup({ [`GET ${ORGS}`]: [listPage(orgs(0, 2, 1), 2)] });
    await expect(deleted.api.listOrgs()).resolves.toEqual([]);
    const none = setup({ [`GET ${ORGS}`]: [listPage([], 0)] });
    await expect(none.api.listOrgs()).resolves.toEqual([]);
    expect(none.requests.map((r) => r.url)).toEqual([page(1)]);
  });

  it('takes an org without isDeleted as listed', async () => {
    const { api } = setup({ [`GET ${ORGS}`]: [listPage([{ id: idOf(7), name: 'Seven' }], 1)] });
    await expect(api.listOrgs()).resolves.toEqual([{ id: idOf(7), name: 'Seven' }]);
  });

  it('stops at totalCount even when the last page is full', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [listPage(orgs(0, 500), 1_000), listPage(orgs(500, 500), 1_000)],
    });
    await expect(api.listOrgs()).resolves.toHaveLength(1_000);
    expect(requests).toHaveLength(2);
  });

  it('without a numeric totalCount, reads on until a short page', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [
        listPage(orgs(0, 500)),
        json(200, { results: orgs(500, 500), totalCount: '1' }),
        listPage(orgs(1_000, 1)),
      ],
    });
    await expect(api.listOrgs()).resolves.toEqual(expected(0, 1_001));
    expect(requests.map((r) => r.url)).toEqual([page(1), page(2), page(3)]);
  });

  it('stops at a short page even when totalCount promises more', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [listPage(orgs(0, 500), 9_999), listPage(orgs(500, 1), 9_999)],
    });
    await expect(api.listOrgs()).resolves.toHaveLength(501);
    expect(requests).toHaveLength(2);
  });

  it('reads no more than MAX_LISTED entries from a server that always answers a full page', async () => {
    let served = 0;
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [
        () => {
          const reply = listPage(orgs(served, 500), 99_999);
          served += 500;
          return reply;
        },
      ],
    });
    await expect(api.listOrgs()).resolves.toEqual(expected(0, MAX_LISTED));
    expect(requests).toHaveLength(MAX_LISTED / 500);
    expect(requests.at(-1)?.url).toBe(page(MAX_LISTED / 500));
  });

  it('counts deleted entries toward the cap, so a list of deleted orgs costs no more pages', async () => {
    let served = 0;
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [
        () => {
          const reply = listPage(orgs(served, 500, 2), 99_999);
          served += 500;
          return reply;
        },
      ],
    });
    await expect(api.listOrgs()).resolves.toEqual(expected(0, MAX_LISTED, 2));
    expect(requests).toHaveLength(MAX_LISTED / 500);
  });

  it('keeps the first MAX_LISTED orgs of a server answering larger pages than asked for', async () => {
    const pages = Array.from({ length: 9 }, (_, n) => listPage(orgs(n * 700, 700), 99_999));
    const { api, requests } = setup({ [`GET ${ORGS}`]: pages });
    await expect(api.listOrgs()).resolves.toEqual(expected(0, MAX_LISTED));
    expect(requests).toHaveLength(8);
  });

  it.each<[string, unknown]>([
    ['an array body', [{ id: idOf(1), name: 'A' }]],
    ['no results', { totalCount: 1 }],
    ['results that are not a list', { results: { id: idOf(1), name: 'A' } }],
    ['a null entry', { results: [null] }],
    ['a string entry', { results: [idOf(1)] }],
    ['a list entry', { results: [[idOf(1), 'A']] }],
    ['an entry without an id', { results: [{ name: 'A' }] }],
    ['an upper-case id', { results: [{ id: 'ABCDEF0123456789ABCDEF01', name: 'A' }] }],
    ['a short id', { results: [{ id: idOf(1).slice(1), name: 'A' }] }],
    ['a numeric id', { results: [{ id: 1, name: 'A' }] }],
    ['an empty name', { results: [{ id: idOf(1), name: '' }] }],
    ['no name', { results: [{ id: idOf(1) }] }],
    ['a numeric name', { results: [{ id: idOf(1), name: 7 }] }],
    ['isDeleted as a string', { results: [{ id: idOf(1), name: 'A', isDeleted: 'false' }] }],
    ['isDeleted null', { results: [{ id: idOf(1), name: 'A', isDeleted: null }] }],
    ['a bad entry among deleted ones', { results: [...orgs(0, 2, 1), { id: 'nope', name: 'B', isDeleted: true }] }],
  ])('refuses an answer with %s as unexpected-response (atlas)', async (_, body) => {
    const { api } = setup({ [`GET ${ORGS}`]: [json(200, body)] });
    const error = await failure(api.listOrgs());
    expect([error.kind, error.variant]).toEqual(['unexpected-response', 'atlas']);
  });

  it.each<[string, Reply]>([
    ['HTML', new Response('<html>Login</html>', { status: 200 })],
    ['an empty body', new Response('', { status: 200 })],
    ['a body over 256 KiB', new Response(`{"results":[],"pad":"${'x'.repeat(300_000)}"}`, { status: 200 })],
  ])('refuses %s as unexpected-response (atlas)', async (_, reply) => {
    const { api } = setup({ [`GET ${ORGS}`]: [reply] });
    const error = await failure(api.listOrgs());
    expect([error.kind, error.variant]).toEqual(['unexpected-response', 'atlas']);
  });

  it('refuses the whole list when a later page holds a bad entry', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [listPage(orgs(0, 500), 501), listPage([{ id: 'nope', name: 'Bad' }], 501)],
    });
    expect((await failure(api.listOrgs())).kind).toBe('unexpected-response');
    expect(requests).toHaveLength(2);
  });

  it('repeats a failed page after a server error or a lost connection, then reads on', async () => {
    const lost = new DigestError('network');
    const { api, requests, sleeps } = setup({
      [`GET ${ORGS}`]: [
        listPage(orgs(0, 500), 600),
        atlasError(503, undefined, 'Service Unavailable'),
        lost,
        listPage(orgs(500, 100), 600),
      ],
    });
    await expect(api.listOrgs()).resolves.toEqual(expected(0, 600));
    expect(requests.map((r) => r.url)).toEqual([page(1), page(2), page(2), page(2)]);
    expect(sleeps).toEqual([100, 200]);
  });

  it('reports a long rate limit on a later page as rate-limited with its seconds', async () => {
    const limited = atlasError(429, 'RATE_LIMITED_TOKEN_BUCKET', 'Slow down.', [], { 'Retry-After': '120' });
    const { api, requests, sleeps } = setup({ [`GET ${ORGS}`]: [listPage(orgs(0, 500), 501), limited] });
    const error = await failure(api.listOrgs());
    expect([error.kind, error.variant, error.retryAfterSeconds]).toEqual(['rate-limited', 'atlas', 120]);
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });
});
