// The paged lists: the orgs a key can see (GET /orgs) and an org's projects (GET /orgs/{id}/groups), read 500 at
// a time until a short page or totalCount, never more than MAX_LISTED entries, each entry checked.
import { describe, expect, it } from 'vitest';
import { CloudManagerError, createCloudManagerApi, MAX_LISTED } from '../../../../src/core/cloudmanager';
import { DigestError } from '../../../../src/core/digest';
import { fakeCloudManager, json, mmsError, type Reply } from './fake-cloud-manager';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const OTHER_ORG = '5f1a2b3c4d5e6f7a8b9c0d1f';
const BASE = 'https://cloud.mongodb.com';
const ORGS = '/api/public/v1.0/orgs';
const GROUPS = `/api/public/v1.0/orgs/${ORG}/groups`;
const page = (path: string, n: number) => `${BASE}${path}?itemsPerPage=500&pageNum=${n}`;

function setup(routes: Record<string, Reply[]>) {
  const server = fakeCloudManager(routes);
  const sleeps: number[] = [];
  const api = createCloudManagerApi({
    baseUrl: BASE,
    fetch: server.fetch,
    retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { api, requests: server.requests, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<CloudManagerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudManagerError);
  return error as CloudManagerError;
}

const idOf = (i: number) => i.toString(16).padStart(24, '0');
/** Entries `from` .. `from + count - 1`, as the server lists orgs or projects. */
const entries = (from: number, count: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: count }, (_, k) => ({ id: idOf(from + k), name: `Entry ${from + k}`, links: [], ...extra }));
const listPage = (results: unknown[], totalCount?: number) =>
  json(200, totalCount === undefined ? { results, links: [] } : { results, totalCount, links: [] });
const expected = (count: number) => Array.from({ length: count }, (_, i) => ({ id: idOf(i), name: `Entry ${i}` }));

describe('MAX_LISTED', () => {
  it('is 5,000', () => {
    expect(MAX_LISTED).toBe(5_000);
  });
});

describe('ownOrgs', () => {
  it('reads three pages in order, asking for each by number, and returns every org', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [
        listPage(entries(0, 500), 1_037),
        listPage(entries(500, 500), 1_037),
        listPage(entries(1_000, 37), 1_037),
      ],
    });
    await expect(api.ownOrgs()).resolves.toEqual(expected(1_037));
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['GET', page(ORGS, 1), null],
      ['GET', page(ORGS, 2), null],
      ['GET', page(ORGS, 3), null],
    ]);
    for (const r of requests) {
      expect(r.headers.get('Accept')).toBe('application/json');
      expect(r.headers.has('Content-Type')).toBe(false);
      expect(r.credentials).toBe('omit');
    }
  });

  it('asks for one page when the first is short, and returns an empty list as it is', async () => {
    const one = setup({ [`GET ${ORGS}`]: [listPage([{ id: ORG, name: 'Acme' }], 1)] });
    await expect(one.api.ownOrgs()).resolves.toEqual([{ id: ORG, name: 'Acme' }]);
    expect(one.requests.map((r) => r.url)).toEqual([page(ORGS, 1)]);

    const none = setup({ [`GET ${ORGS}`]: [listPage([], 0)] });
    await expect(none.api.ownOrgs()).resolves.toEqual([]);
    expect(none.requests).toHaveLength(1);
  });

  it('stops at totalCount even when the last page is full', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [listPage(entries(0, 500), 1_000), listPage(entries(500, 500), 1_000)],
    });
    await expect(api.ownOrgs()).resolves.toHaveLength(1_000);
    expect(requests).toHaveLength(2);
  });

  // An answer without totalCount: a full page may be followed by more, read on to a short page.
  it('without totalCount, reads on until a short page', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [listPage(entries(0, 500)), listPage(entries(500, 500)), listPage(entries(1_000, 3))],
    });
    await expect(api.ownOrgs()).resolves.toEqual(expected(1_003));
    expect(requests.map((r) => r.url)).toEqual([page(ORGS, 1), page(ORGS, 2), page(ORGS, 3)]);
  });

  it('stops at a short page even when totalCount promises more', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [listPage(entries(0, 500), 9_999), listPage(entries(500, 1), 9_999)],
    });
    await expect(api.ownOrgs()).resolves.toHaveLength(501);
    expect(requests).toHaveLength(2);
  });

  it('reads no more than MAX_LISTED entries from a server that always answers a full page', async () => {
    let served = 0;
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [
        () => {
          const reply = listPage(entries(served, 500), 99_999);
          served += 500;
          return reply;
        },
      ],
    });
    const orgs = await api.ownOrgs();
    expect(orgs).toEqual(expected(MAX_LISTED));
    expect(requests).toHaveLength(MAX_LISTED / 500);
    expect(requests.at(-1)?.url).toBe(page(ORGS, MAX_LISTED / 500));
  });

  it('takes a page larger than asked for as it is, and stops at its totalCount', async () => {
    const { api, requests } = setup({ [`GET ${ORGS}`]: [listPage(entries(0, 600), 600)] });
    await expect(api.ownOrgs()).resolves.toEqual(expected(600));
    expect(requests).toHaveLength(1);
  });

  it('stops at MAX_LISTED in the middle of a page, keeping the first entries', async () => {
    // A server answering 700 a page: the eighth page passes 5,000, and no ninth is asked for.
    const pages = Array.from({ length: 9 }, (_, n) => listPage(entries(n * 700, 700), 99_999));
    const { api, requests } = setup({ [`GET ${ORGS}`]: pages });
    await expect(api.ownOrgs()).resolves.toEqual(expected(MAX_LISTED));
    expect(requests).toHaveLength(8);
  });

  it.each<[string, unknown]>([
    ['an array body', [{ id: ORG, name: 'Acme' }]],
    ['no results', { totalCount: 1 }],
    ['results that are not a list', { results: { id: ORG, name: 'Acme' } }],
    ['a null entry', { results: [null] }],
    ['a string entry', { results: [ORG] }],
    ['a list entry', { results: [[ORG, 'Acme']] }],
    ['an entry without an id', { results: [{ name: 'Acme' }] }],
    ['an upper-case id', { results: [{ id: ORG.toUpperCase(), name: 'Acme' }] }],
    ['a short id', { results: [{ id: ORG.slice(1), name: 'Acme' }] }],
    ['a numeric id', { results: [{ id: 42, name: 'Acme' }] }],
    ['an empty name', { results: [{ id: ORG, name: '' }] }],
    ['no name', { results: [{ id: ORG }] }],
    ['a numeric name', { results: [{ id: ORG, name: 7 }] }],
  ])('refuses an answer with %s', async (_, body) => {
    const { api } = setup({ [`GET ${ORGS}`]: [json(200, body)] });
    expect((await failure(api.ownOrgs())).kind).toBe('unexpected-response');
  });

  it('refuses a page that is not JSON', async () => {
    const { api } = setup({ [`GET ${ORGS}`]: [new Response('<html>Login</html>', { status: 200 })] });
    expect((await failure(api.ownOrgs())).kind).toBe('unexpected-response');
  });

  it('refuses the whole list when a later page holds a bad entry', async () => {
    const { api, requests } = setup({
      [`GET ${ORGS}`]: [listPage(entries(0, 500), 501), listPage([{ id: 'nope', name: 'Bad' }], 501)],
    });
    expect((await failure(api.ownOrgs())).kind).toBe('unexpected-response');
    expect(requests).toHaveLength(2);
  });

  it.each<[string, Reply, string]>([
    ['401 without a code', mmsError(401, undefined, 'You are not authorized for this resource.'), 'bad-credentials'],
    [
      'an IP not on the access list',
      mmsError(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', 'IP address 203.0.113.7 is not allowed.'),
      'ip-not-allowed',
    ],
    [
      'an org that requires an access list',
      mmsError(403, 'ORG_REQUIRES_ACCESS_LIST', 'Needs a list.'),
      'access-list-required',
    ],
  ])('decodes %s as for other calls, without retrying', async (_, reply, kind) => {
    const { api, requests, sleeps } = setup({ [`GET ${ORGS}`]: [reply, listPage([], 0)] });
    expect((await failure(api.ownOrgs())).kind).toBe(kind);
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a server error or a lost connection on the page that failed, then reads on', async () => {
    const lost = new DigestError('network');
    const { api, requests, sleeps } = setup({
      [`GET ${ORGS}`]: [
        listPage(entries(0, 500), 600),
        mmsError(503, undefined, 'Service Unavailable'),
        lost,
        listPage(entries(500, 100), 600),
      ],
    });
    await expect(api.ownOrgs()).resolves.toEqual(expected(600));
    expect(requests.map((r) => r.url)).toEqual([page(ORGS, 1), page(ORGS, 2), page(ORGS, 2), page(ORGS, 2)]);
    expect(sleeps).toEqual([100, 200]);
  });

  it('reports a long rate limit on a later page as rate-limited', async () => {
    const limited = new Response(JSON.stringify({ errorCode: 'RATE_LIMITED' }), {
      status: 429,
      headers: { 'Retry-After': '120' },
    });
    const { api } = setup({ [`GET ${ORGS}`]: [listPage(entries(0, 500), 501), limited] });
    const error = await failure(api.ownOrgs());
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(120);
  });
});

describe('projectsOf', () => {
  it("reads the org's projects page by page from /orgs/{id}/groups", async () => {
    const { api, requests } = setup({
      [`GET ${GROUPS}`]: [
        listPage(entries(0, 500, { orgId: ORG }), 1_200),
        listPage(entries(500, 500, { orgId: ORG }), 1_200),
        listPage(entries(1_000, 200, { orgId: ORG }), 1_200),
      ],
    });
    await expect(api.projectsOf(ORG)).resolves.toEqual(expected(1_200));
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', page(GROUPS, 1)],
      ['GET', page(GROUPS, 2)],
      ['GET', page(GROUPS, 3)],
    ]);
  });

  // A full page of 500 projects as Cloud Manager describes them (hostCounts, a self link, names of 64 characters,
  // the longest allowed) is about 250,000 characters: close to the 256 KiB a body may have (response-body.ts).
  it('reads a full page of projects as the server describes them', async () => {
    const project = (i: number) => ({
      activeAgentCount: 12,
      clusterCount: 3,
      hostCounts: { arbiter: 0, config: 3, master: 0, mongos: 2, primary: 4, secondary: 8, slave: 0 },
      id: idOf(i),
      lastActiveAgent: '2026-03-09T18:19:37Z',
      links: [{ href: `${BASE}/api/public/v1.0/groups/${idOf(i)}`, rel: 'self' }],
      name: `${i}`.padEnd(64, 'n'),
      orgId: ORG,
      publicApiEnabled: true,
      replicaSetCount: 4,
      shardCount: 1,
      tags: ['PROD'],
    });
    const { api } = setup({
      [`GET ${GROUPS}`]: [
        listPage(
          Array.from({ length: 500 }, (_, i) => project(i)),
          501,
        ),
        listPage([project(500)], 501),
      ],
    });
    await expect(api.projectsOf(ORG)).resolves.toHaveLength(501);
  });

  it('accepts projects that do not say their org', async () => {
    const { api } = setup({ [`GET ${GROUPS}`]: [listPage([{ id: idOf(1), name: 'Prod' }], 1)] });
    await expect(api.projectsOf(ORG)).resolves.toEqual([{ id: idOf(1), name: 'Prod' }]);
  });

  it.each<[string, unknown]>([
    ['of another org', OTHER_ORG],
    ['with a null org', null],
    ['with an upper-case copy of the org id', ORG.toUpperCase()],
  ])('refuses a project %s', async (_, orgId) => {
    const { api } = setup({
      [`GET ${GROUPS}`]: [
        listPage(
          [
            { id: idOf(1), name: 'Prod', orgId: ORG },
            { id: idOf(2), name: 'X', orgId },
          ],
          2,
        ),
      ],
    });
    expect((await failure(api.projectsOf(ORG))).kind).toBe('unexpected-response');
  });

  it('refuses a project without a valid id or name', async () => {
    for (const entry of [{ name: 'Prod' }, { id: 'abc', name: 'Prod' }, { id: idOf(1), name: '' }]) {
      const { api } = setup({ [`GET ${GROUPS}`]: [listPage([entry], 1)] });
      expect((await failure(api.projectsOf(ORG))).kind).toBe('unexpected-response');
    }
  });

  it.each(['', 'ORG', ORG.toUpperCase(), `${ORG}/../x`, `${ORG}?pageNum=9`])(
    'refuses the org id %j before any request',
    async (bad) => {
      const { api, requests } = setup({});
      const error = await failure(api.projectsOf(bad));
      expect(error.kind).toBe('invalid-id');
      expect(requests).toHaveLength(0);
    },
  );

  it('decodes errors as for other calls', async () => {
    const cases: [Reply, string][] = [
      [mmsError(401, undefined, 'You are not authorized for this resource.'), 'bad-credentials'],
      [mmsError(404, 'ORG_NOT_FOUND', 'No org.'), 'org-not-found'],
      [new Response('', { status: 404 }), 'org-not-found'],
      [mmsError(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', 'Not allowed.'), 'ip-not-allowed'],
    ];
    for (const [reply, kind] of cases) {
      const { api } = setup({ [`GET ${GROUPS}`]: [reply] });
      expect((await failure(api.projectsOf(ORG))).kind).toBe(kind);
    }
  });

  it('sends nothing on a base URL that is not http(s)', async () => {
    const server = fakeCloudManager({});
    const api = createCloudManagerApi({ baseUrl: 'ftp://cloud.mongodb.com', fetch: server.fetch });
    for (const call of [api.projectsOf(ORG), api.ownOrgs()]) {
      const error = await failure(call);
      expect([error.kind, error.variant]).toEqual(['network', 'invalid-base-url']);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('builds the paged URLs on an Ops Manager base', async () => {
    const server = fakeCloudManager({ [`GET ${GROUPS}`]: [listPage([], 0)] });
    const api = createCloudManagerApi({ baseUrl: 'http://opsmanager.example:8080/', fetch: server.fetch });
    await api.projectsOf(ORG);
    expect(server.requests[0]?.url).toBe(`http://opsmanager.example:8080${GROUPS}?itemsPerPage=500&pageNum=1`);
  });
});
