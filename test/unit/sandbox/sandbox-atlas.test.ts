// The sandbox's Atlas Admin API v2 stand-in, read side: Digest before anything else, the versioned media type
// (406 / 415), GET /orgs paged and limited to the key's own Atlas org, GET /orgs/{id} and its errors, the key's
// access list, the request log, and the fault table on Atlas paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingLinks } from '../../../sandbox/atlas-api';
import { type Fixture, loadDemoFixture } from '../../../sandbox/fixture';
import { type RequestLogEntry, type Sandbox, startSandbox } from '../../../sandbox/server';
import { A, atlasCall, errorOf, V1 } from './atlas-client';
import { parseChallenge } from './digest-client';
import { RECORDED_401, RECORDED_CHALLENGE } from './recorded-answers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await sb.close();
});

const org = (name: string) => sb.fixture.orgs.find((o) => o.name === name)!;
const acmeAtlas = () => org('Acme Retail (Atlas)');
const globexAtlas = () => org('Globex Logistics (Atlas)');
const ERROR_KEYS = ['detail', 'error', 'errorCode', 'parameters', 'reason'];
const expectAtlasError = (r: Awaited<ReturnType<typeof atlasCall>>, status: number, code: string) =>
  expect(errorOf(r)).toEqual({
    status,
    keys: ERROR_KEYS,
    errorCode: code,
    header: code,
    contentType: 'application/json',
  });

describe('the versioned media type', () => {
  it('challenges first whatever the Accept header, then refuses a missing or unsupported version with 406', async () => {
    for (const accept of [
      null,
      'application/json',
      '*/*',
      'application/vnd.atlas.2022-12-31+json',
      'application/vnd.atlas.2024-05-30+json',
    ]) {
      const r = await atlasCall(sb, 'atlas', 'GET', `${A}/orgs`, { accept });
      expect(r.challengeStatus, String(accept)).toBe(401);
      expectAtlasError(r, 406, 'INVALID_VERSION_DATE');
      expect(r.json.error).toBe(406);
      expect(r.json.reason).toBe('Not Acceptable');
    }
    sb.clearLog();
    await atlasCall(sb, 'atlas', 'GET', `${A}/orgs/${acmeAtlas().id}`, { accept: 'application/json' });
    expect(sb.log.map((e) => [e.status, e.errorCode, e.authorized])).toEqual([
      [401, 'UNEXPECTED_ERROR', false],
      [406, 'INVALID_VERSION_DATE', true],
    ]);
  });

  it('answers each supported version in its own media type, and picks a supported one from a list', async () => {
    const path = `${A}/orgs/${acmeAtlas().id}`;
    const v1 = await atlasCall(sb, 'atlas', 'GET', path);
    expect([v1.status, v1.headers.get('content-type')]).toEqual([200, `${V1.replace('+json', '+json;charset=utf-8')}`]);
    const v2 = await atlasCall(sb, 'atlas', 'GET', path, { accept: 'application/vnd.atlas.2023-02-01+json' });
    expect([v2.status, v2.headers.get('content-type')]).toEqual([
      200,
      'application/vnd.atlas.2023-02-01+json;charset=utf-8',
    ]);
    const listed = await atlasCall(sb, 'atlas', 'GET', path, {
      accept: 'application/json, application/vnd.atlas.1999-01-01+json, application/vnd.atlas.2023-01-01+json;q=0.9',
    });
    expect(listed.headers.get('content-type')).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
  });

  it('refuses a body whose Content-Type is not the version named in Accept with 415', async () => {
    const path = `${A}/orgs/${acmeAtlas().id}/liveMigrations/linkTokens`;
    const body = JSON.stringify({ accessListIps: [] });
    for (const contentType of [null, 'application/json', 'application/vnd.atlas.2023-02-01+json', 'text/plain']) {
      const r = await atlasCall(sb, 'atlas', 'POST', path, { body, contentType });
      expectAtlasError(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    const matching = await atlasCall(sb, 'atlas', 'POST', path, { body, contentType: `${V1}; charset=utf-8` });
    expect(matching.status).toBe(201);
    // No body, no Content-Type needed.
    expect((await atlasCall(sb, 'atlas', 'POST', path, { contentType: null })).status).toBe(201);
    // The version is checked before the body is read: a bad version with a bad body is a 406.
    const both = await atlasCall(sb, 'atlas', 'POST', path, { body: '{', accept: 'application/json' });
    expect(both.status).toBe(406);
  });
});

describe('GET /orgs', () => {
  it("lists the key's own Atlas org in the recorded shape, and nothing for a Cloud Manager key", async () => {
    for (const name of ['atlas', 'atlasmember', 'atlasglobex', 'atlasinitech']) {
      const own = sb.fixture.orgs.find((o) => sb.fixture.keys.find((k) => k.name === name)!.roles[o.id])!;
      const r = await atlasCall(sb, name, 'GET', `${A}/orgs`);
      const self = `${sb.httpUrl}${A}/orgs/${own.id}`;
      expect(r.json, name).toEqual({
        links: [{ href: `${sb.httpUrl}${A}/orgs?pageNum=1&itemsPerPage=100`, rel: 'self' }],
        results: [
          {
            id: own.id,
            isDeleted: false,
            links: [{ href: self, rel: 'self' }],
            name: own.name,
            skipDefaultAlertsSettings: false,
          },
        ],
        totalCount: 1,
      });
      // Keys in the recorded order, and the list's limit (TestAtlasOrgs/List).
      expect(Object.keys(r.json)).toEqual(['links', 'results', 'totalCount']);
      expect(Object.keys(r.json.results[0])).toEqual(['id', 'isDeleted', 'links', 'name', 'skipDefaultAlertsSettings']);
      expect(r.headers.get('ratelimit-limit')).toBe('300');
      expect(Number(r.headers.get('ratelimit-remaining'))).toBeLessThan(300);
    }
    for (const name of ['owner', 'globex', 'readonly', 'listed']) {
      const r = await atlasCall(sb, name, 'GET', `${A}/orgs`);
      expect([r.status, r.json.results, r.json.totalCount], name).toEqual([200, [], 0]);
    }
  });

  it('pages like the Cloud Manager listing: itemsPerPage up to 500, pageNum from 1', async () => {
    const second = await atlasCall(sb, 'atlas', 'GET', `${A}/orgs?itemsPerPage=1&pageNum=2`);
    expect(second.json).toEqual({
      results: [],
      totalCount: 1,
      links: [
        { href: `${sb.httpUrl}${A}/orgs?pageNum=2&itemsPerPage=1`, rel: 'self' },
        { href: `${sb.httpUrl}${A}/orgs?pageNum=1&itemsPerPage=1`, rel: 'previous' },
      ],
    });
    expect((await atlasCall(sb, 'atlas', 'GET', `${A}/orgs?itemsPerPage=500`)).json.totalCount).toBe(1);
    for (const bad of ['itemsPerPage=501', 'itemsPerPage=0', 'pageNum=0', 'pageNum=x']) {
      expectAtlasError(await atlasCall(sb, 'atlas', 'GET', `${A}/orgs?${bad}`), 400, 'INVALID_QUERY_PARAMETER');
    }
  });

  it('links the next and previous pages of a longer listing', () => {
    const links = (pageNum: number) => listingLinks('https://cloud.mongodb.com', { pageNum, itemsPerPage: 2 }, 5);
    const href = (n: number) => `https://cloud.mongodb.com${A}/orgs?pageNum=${n}&itemsPerPage=2`;
    expect(links(1)).toEqual([
      { href: href(1), rel: 'self' },
      { href: href(2), rel: 'next' },
    ]);
    expect(links(2)).toEqual([
      { href: href(2), rel: 'self' },
      { href: href(1), rel: 'previous' },
      { href: href(3), rel: 'next' },
    ]);
    expect(links(3).map((l) => l.rel)).toEqual(['self', 'previous']);
  });
});

describe('GET /orgs/{orgId}', () => {
  it('answers the org to any member of it, Org Owner or not, in the recorded shape', async () => {
    for (const name of ['atlas', 'atlasmember']) {
      const r = await atlasCall(sb, name, 'GET', `${A}/orgs/${acmeAtlas().id}`);
      const self = `${sb.httpUrl}${A}/orgs/${acmeAtlas().id}`;
      expect(r.json, name).toEqual({
        id: acmeAtlas().id,
        isDeleted: false,
        links: [
          { href: self, rel: 'self' },
          { href: `${self}/groups`, rel: 'https://cloud.mongodb.com/groups' },
          { href: `${self}/teams`, rel: 'https://cloud.mongodb.com/teams' },
          { href: `${self}/users`, rel: 'https://cloud.mongodb.com/users' },
        ],
        name: 'Acme Retail (Atlas)',
        skipDefaultAlertsSettings: false,
      });
      expect(r.headers.get('ratelimit-limit')).toBe('500');
    }
    expect((await atlasCall(sb, 'atlasglobex', 'GET', `${A}/orgs/${globexAtlas().id}/`)).status).toBe(200);
  });

  it('refuses a malformed id, an unknown one and a Cloud Manager org on the Atlas API, each 404', async () => {
    const bad = await atlasCall(sb, 'atlas', 'GET', `${A}/orgs/not-an-id`);
    expectAtlasError(bad, 404, 'INVALID_ORG_ID');
    expect(bad.json.parameters).toEqual(['not-an-id']);
    const unknown = await atlasCall(sb, 'atlas', 'GET', `${A}/orgs/${'0'.repeat(24)}`);
    expectAtlasError(unknown, 404, 'ORG_NOT_FOUND');
    expect(unknown.json.parameters).toEqual(['0'.repeat(24)]);
    // The wrong side: a Cloud Manager key on its own Cloud Manager org, through the Atlas API.
    const acme = sb.fixture.orgs[0]!;
    const wrongSide = await atlasCall(sb, 'owner', 'GET', `${A}/orgs/${acme.id}`);
    expectAtlasError(wrongSide, 404, 'NOT_ATLAS_ORG');
    expect(wrongSide.json.parameters).toEqual([acme.id]);
  });

  it('answers another org (Atlas or Cloud Manager) with the recorded 401 of a wrong key', async () => {
    for (const [name, target] of [
      ['atlas', globexAtlas().id],
      ['atlasglobex', acmeAtlas().id],
      ['atlas', sb.fixture.orgs[0]!.id],
      ['owner', acmeAtlas().id],
    ] as const) {
      const r = await atlasCall(sb, name, 'GET', `${A}/orgs/${target}`);
      const seen = [r.status, r.text, r.headers.get('x-error-code'), r.headers.get('ratelimit-limit')];
      expect(seen, `${name} → ${target}`).toEqual([401, RECORDED_401, null, null]);
      // As the recording: a fresh challenge, not stale, as if the key were unknown.
      expect(r.headers.get('www-authenticate')).toMatch(RECORDED_CHALLENGE);
    }
    const wrongKey = await atlasCall(sb, 'atlas', 'GET', `${A}/orgs/${acmeAtlas().id}`, { password: 'nope' });
    expect([wrongKey.status, wrongKey.text, wrongKey.headers.get('content-type')]).toEqual([
      401,
      RECORDED_401,
      'application/json',
    ]);
    expect(wrongKey.headers.get('www-authenticate')).toMatch(RECORDED_CHALLENGE);
  });

  it('does not know the Ops Manager global key on either listener', async () => {
    for (const listener of ['http', 'https'] as const) {
      const r = await atlasCall(sb, 'opsmanager', 'GET', `${A}/orgs`, { listener });
      expect([r.status, parseChallenge(r.headers.get('www-authenticate')).stale], listener).toEqual([401, false]);
    }
    // An Atlas key works on the HTTPS listener (cloud.mongodb.com) as on HTTP.
    expect((await atlasCall(sb, 'atlas', 'GET', `${A}/orgs`, { listener: 'https' })).json.totalCount).toBe(1);
  });

  it('answers 404 for an unknown route and 405 for a method a route lacks', async () => {
    expectAtlasError(await atlasCall(sb, 'atlas', 'GET', `${A}/groups`), 404, 'RESOURCE_NOT_FOUND');
    expectAtlasError(await atlasCall(sb, 'atlas', 'DELETE', `${A}/orgs/${acmeAtlas().id}`), 405, 'METHOD_NOT_ALLOWED');
    const path = `${A}/orgs/${acmeAtlas().id}/liveMigrations/linkTokens`;
    expectAtlasError(await atlasCall(sb, 'atlas', 'GET', path), 405, 'METHOD_NOT_ALLOWED');
    expectAtlasError(await atlasCall(sb, 'atlas', 'POST', `${A}/orgs`, { body: '{}' }), 405, 'METHOD_NOT_ALLOWED');
  });
});

describe("the key's IP access list", () => {
  it('refuses a caller off the list with 403 naming its IP, before the version is looked at', async () => {
    const base = loadDemoFixture();
    const atlasKey = base.keys.find((k) => k.name === 'atlas')!;
    const fixture: Fixture = {
      ...base,
      keys: base.keys.map((k) =>
        k.name === 'atlas'
          ? { ...atlasKey, accessList: ['203.0.113.7/32'] }
          : k.name === 'atlasglobex'
            ? { ...k, accessList: ['127.0.0.0/8', '::1/128'] }
            : k,
      ),
    };
    const fenced = await startSandbox({ httpsPort: 0, httpPort: 0, fixture });
    try {
      for (const path of [`${A}/orgs`, `${A}/orgs/${atlasKey.roles && Object.keys(atlasKey.roles)[0]}`]) {
        const r = await atlasCall(fenced, 'atlas', 'GET', path);
        expectAtlasError(r, 403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST');
        expect(r.json.parameters).toEqual(['127.0.0.1']);
        expect(r.json.detail).toContain('127.0.0.1');
      }
      const badVersion = await atlasCall(fenced, 'atlas', 'GET', `${A}/orgs`, { accept: 'application/json' });
      expect(badVersion.status).toBe(403);
      const token = await atlasCall(fenced, 'atlas', 'POST', `${A}/orgs/${acmeAtlas().id}/liveMigrations/linkTokens`);
      expect(token.status).toBe(403);
      expect(fenced.atlasTokens()).toEqual([]);
      expect((await atlasCall(fenced, 'atlasglobex', 'GET', `${A}/orgs`)).json.totalCount).toBe(1);
    } finally {
      await fenced.close();
    }
  });
});

describe('the request log', () => {
  it('records Atlas calls with the target org, the user and crossOrg', async () => {
    sb.clearLog();
    await atlasCall(sb, 'atlas', 'GET', `${A}/orgs/${acmeAtlas().id}`);
    await atlasCall(sb, 'atlas', 'GET', `${A}/orgs/${globexAtlas().id}`);
    await atlasCall(sb, 'atlas', 'GET', `${A}/orgs`);
    await atlasCall(sb, 'atlas', 'GET', `${A}/orgs/nope`);
    await atlasCall(sb, 'owner', 'GET', `${A}/orgs/${acmeAtlas().id}/liveMigrations/linkTokens`);
    const pick = (e: RequestLogEntry) => [e.method, e.status, e.orgId, e.crossOrg, e.username];
    expect(sb.log.map(pick)).toEqual([
      ['GET', 401, acmeAtlas().id, undefined, undefined],
      ['GET', 200, acmeAtlas().id, false, 'atlsownr'],
      ['GET', 401, globexAtlas().id, undefined, undefined],
      ['GET', 401, globexAtlas().id, true, 'atlsownr'],
      ['GET', 401, undefined, undefined, undefined],
      ['GET', 200, undefined, false, 'atlsownr'],
      ['GET', 401, undefined, undefined, undefined],
      ['GET', 404, undefined, false, 'atlsownr'],
      ['GET', 401, acmeAtlas().id, undefined, undefined],
      ['GET', 405, acmeAtlas().id, true, 'qwhtzmpa'],
    ]);
    expect(sb.log.at(-1)!.path).toBe(`${A}/orgs/${acmeAtlas().id}/liveMigrations/linkTokens`);
  });
});

describe('faults on Atlas paths', () => {
  it('applies the fault table: 429 in Atlas shape, 500, 405, HTML, reset, latency, matched by path', async () => {
    const path = `${A}/orgs/${acmeAtlas().id}`;
    sb.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 9, times: 1, match: { pathIncludes: '/api/atlas/v2/' } }]);
    const limited = await atlasCall(sb, 'atlas', 'GET', path);
    expectAtlasError(limited, 429, 'RATE_LIMITED_TOKEN_BUCKET');
    expect(limited.headers.get('retry-after')).toBe('9');
    expect((await atlasCall(sb, 'atlas', 'GET', path)).status).toBe(200);
    const issued = sb.atlasTokens().length;
    sb.setFaults([{ kind: 'server-error', match: { method: 'POST', pathIncludes: 'linkTokens' } }]);
    expect((await atlasCall(sb, 'atlas', 'GET', path)).status).toBe(200);
    expectAtlasError(
      await atlasCall(sb, 'atlas', 'POST', `${path}/liveMigrations/linkTokens`),
      500,
      'UNEXPECTED_ERROR',
    );
    expect(sb.atlasTokens()).toHaveLength(issued);
    sb.setFaults([{ kind: 'upgrade', times: 1 }]);
    expectAtlasError(await atlasCall(sb, 'atlas', 'GET', path), 405, 'WRITES_NOT_ALLOWED_DURING_APP_UPGRADES');
    sb.setFaults([{ kind: 'html', times: 1 }]);
    const html = await fetch(sb.httpUrl + path, { headers: { Accept: V1 } });
    expect([html.status, html.headers.get('content-type')]).toEqual([502, 'text/html']);
    await html.text();
    sb.setFaults([{ kind: 'reset', times: 1 }]);
    await expect(fetch(sb.httpUrl + path, { headers: { Accept: V1 } })).rejects.toThrow();
    sb.setFaults([{ kind: 'latency', ms: 250, match: { pathIncludes: '/api/atlas/v2/orgs' } }]);
    const t = performance.now();
    expect((await atlasCall(sb, 'atlas', 'GET', path)).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(450);
    sb.clearFaults();
  });

  it('wraps an Atlas answer in an envelope on request, keeping the challenge bare', async () => {
    const r = await atlasCall(sb, 'atlas', 'GET', `${A}/orgs/${'0'.repeat(24)}?envelope=true&pretty=true`);
    expect(r.challengeStatus).toBe(401);
    expect([r.status, r.json.status, r.json.content.errorCode]).toEqual([200, 404, 'ORG_NOT_FOUND']);
    expect(r.text).toContain('\n  ');
  });
});
