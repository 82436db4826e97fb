// One key, one org: GET /orgs lists the key's own org, /orgs/{id}/groups its projects; a key of another org
// gets the same 401 as a wrong key and is logged crossOrg; the Ops Manager global key spans every org, on the
// HTTP listener only (HTTPS, the "Cloud Manager" side, does not know it).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, loadDemoFixture } from '../../../sandbox/fixture';
import { type RequestLogEntry, type Sandbox, startSandbox } from '../../../sandbox/server';
import { digestRequest, httpsFetchWith, parseChallenge } from './digest-client';
import { RECORDED_401 } from './recorded-answers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await sb.close();
});

const P = '/api/public/v1.0';
const key = (name: string) => sb.fixture.keys.find((k) => k.name === name)!;
const org = (prefix: string) => sb.fixture.orgs.find((o) => o.name.startsWith(prefix))!;
const cloudManagerOrgs = () => sb.fixture.orgs.filter((o) => o.kind === 'cloud-manager');
const token = () => sb.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token;

async function call(
  keyName: string,
  method: string,
  path: string,
  options: { body?: string; listener?: 'http' | 'https'; sandbox?: Sandbox } = {},
) {
  const s = options.sandbox ?? sb;
  const k = s.fixture.keys.find((x) => x.name === keyName)!;
  const https = options.listener === 'https';
  const { response } = await digestRequest(https ? s.httpsUrl : s.httpUrl!, {
    username: k.publicKey,
    password: k.privateKey,
    method,
    path,
    body: options.body,
    fetch: https ? httpsFetchWith(readFileSync(s.certPath, 'utf8')) : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

/** The recorded 401 a wrong key gets, and so a key of another org. */
const expectRecorded401 = (r: { status: number; text: string; headers: Headers }) =>
  expect([r.status, r.text, r.headers.get('x-error-code')]).toEqual([401, RECORDED_401, null]);

describe('GET /orgs', () => {
  it("lists only the key's own org", async () => {
    for (const name of ['owner', 'readonly', 'listed', 'globex', 'initech', 'atlas']) {
      const own = sb.fixture.orgs.find((o) => key(name).roles[o.id])!;
      const r = await call(name, 'GET', `${P}/orgs`);
      expect(r.status, name).toBe(200);
      expect(r.json, name).toEqual({
        results: [{ id: own.id, name: own.name, isDeleted: false, links: [] }],
        totalCount: 1,
        links: [],
      });
    }
  });

  it("applies the key's access list and its org's access-list rule first", async () => {
    const fenced = await call('elsewhere', 'GET', `${P}/orgs`);
    expect([fenced.status, fenced.json.errorCode]).toEqual([403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST']);
    const unlisted = await call('unlisted', 'GET', `${P}/orgs`);
    expect([unlisted.status, unlisted.json.errorCode]).toEqual([403, 'ORG_REQUIRES_ACCESS_LIST']);
    expect(unlisted.json.parameters).toEqual(['127.0.0.1']);
  });

  it('lists every cloud-manager org for the global key, and pages', async () => {
    const all = cloudManagerOrgs().map((o) => ({ id: o.id, name: o.name, isDeleted: false, links: [] }));
    expect(all).toHaveLength(5);
    const r = await call('opsmanager', 'GET', `${P}/orgs`);
    expect(r.json).toEqual({ results: all, totalCount: 5, links: [] });
    expect((await call('opsmanager', 'GET', `${P}/orgs?itemsPerPage=4`)).json.results).toEqual(all.slice(0, 4));
    const second = await call('opsmanager', 'GET', `${P}/orgs?itemsPerPage=4&pageNum=2`);
    expect(second.json).toEqual({ results: all.slice(4), totalCount: 5, links: [] });
    const past = await call('opsmanager', 'GET', `${P}/orgs?itemsPerPage=2&pageNum=9`);
    expect(past.json).toEqual({ results: [], totalCount: 5, links: [] });
    expect((await call('opsmanager', 'GET', `${P}/orgs?itemsPerPage=500`)).json.results).toEqual(all);
    for (const bad of ['itemsPerPage=501', 'itemsPerPage=0', 'pageNum=0', 'pageNum=x', 'itemsPerPage=-1']) {
      const answer = await call('opsmanager', 'GET', `${P}/orgs?${bad}`);
      expect([answer.status, answer.json.errorCode], bad).toEqual([400, 'INVALID_QUERY_PARAMETER']);
    }
    expect((await call('owner', 'GET', `${P}/orgs?pageNum=2`)).json).toEqual({ results: [], totalCount: 1, links: [] });
    expect((await call('owner', 'POST', `${P}/orgs`, { body: '{}' })).status).toBe(405);
  });

  it('pages a large org list for the global key (default 100 a page)', async () => {
    const base = loadDemoFixture();
    const extra = Array.from({ length: 140 }, (_, i) => ({
      id: (0xa00000 + i).toString(16).padStart(24, '0'),
      name: `Extra ${i}`,
      kind: 'cloud-manager' as const,
    }));
    const fixture: Fixture = { ...base, orgs: [...base.orgs, ...extra] };
    const big = await startSandbox({ httpsPort: 0, httpPort: 0, fixture });
    try {
      const first = await call('opsmanager', 'GET', `${P}/orgs`, { sandbox: big });
      expect([first.json.results.length, first.json.totalCount]).toEqual([100, 145]);
      const second = await call('opsmanager', 'GET', `${P}/orgs?pageNum=2`, { sandbox: big });
      expect(second.json.results.length).toBe(45);
      expect(second.json.results.at(-1).name).toBe('Extra 139');
    } finally {
      await big.close();
    }
  });
});

describe('GET /orgs/{orgId}/groups', () => {
  it("lists the org's projects for any role on the org", async () => {
    const acme = org('Acme Retail');
    const r = await call('owner', 'GET', `${P}/orgs/${acme.id}/groups`);
    expect(r.json).toEqual({
      results: sb.fixture.groups
        .filter((g) => g.orgId === acme.id)
        .map((g) => ({ id: g.id, name: g.name, orgId: acme.id, links: [] })),
      totalCount: 2,
      links: [],
    });
    expect(r.json.results.map((g: { name: string }) => g.name)).toEqual(['acme-prod', 'acme-staging']);
    const hooli = org('Hooli Media');
    const ro = await call('readonly', 'GET', `${P}/orgs/${hooli.id}/groups/`);
    expect(ro.json.results).toEqual([
      { id: '6955ff66778899aabbccdd00', name: 'hooli-web', orgId: '64e5f60718293a4b5c6d7e8f', links: [] },
    ]);
    const paged = await call('owner', 'GET', `${P}/orgs/${acme.id}/groups?itemsPerPage=1&pageNum=2`);
    expect(paged.json).toMatchObject({ results: [{ name: 'acme-staging' }], totalCount: 2 });
  });

  it('refuses a key of another org with the plain 401, and checks the id, the org and the method', async () => {
    const r = await call('owner', 'GET', `${P}/orgs/${org('Globex').id}/groups`);
    expectRecorded401(r);
    expect((await call('owner', 'GET', `${P}/orgs/nope/groups`)).json.errorCode).toBe('INVALID_ORG_ID');
    expect((await call('owner', 'GET', `${P}/orgs/${'0'.repeat(24)}/groups`)).json.errorCode).toBe('ORG_NOT_FOUND');
    expect((await call('owner', 'POST', `${P}/orgs/${org('Acme Retail').id}/groups`, { body: '{}' })).status).toBe(405);
    const unlisted = await call('unlisted', 'GET', `${P}/orgs/${org('Umbrella').id}/groups`);
    expect(unlisted.json.errorCode).toBe('ORG_REQUIRES_ACCESS_LIST');
    expect((await call('listed', 'GET', `${P}/orgs/${org('Umbrella').id}/groups`)).json.totalCount).toBe(1);
  });

  it("lists any cloud-manager org's projects for the global key, not an Atlas org's", async () => {
    const initech = org('Initech');
    expect((await call('opsmanager', 'GET', `${P}/orgs/${initech.id}/groups`)).json.results).toEqual([
      { id: '6622cc33dd44ee55ff667788', name: 'initech-ledger', orgId: initech.id, links: [] },
    ]);
    expect((await call('opsmanager', 'GET', `${P}/orgs/${org('Acme Retail (Atlas)').id}/groups`)).status).toBe(401);
  });
});

describe('one key, one org', () => {
  it('answers every org to its own key only, on every route', async () => {
    for (const name of ['owner', 'readonly', 'listed', 'globex', 'initech', 'atlas']) {
      for (const o of sb.fixture.orgs) {
        const mine = key(name).roles[o.id] !== undefined;
        const group = sb.fixture.groups.find((g) => g.orgId === o.id)!;
        for (const path of [`${P}/orgs/${o.id}`, `${P}/groups/${group.id}`, `${P}/orgs/${o.id}/groups`]) {
          const r = await call(name, 'GET', path);
          const expected = mine ? 200 : o.requiresAccessList && !key(name).accessList ? 403 : 401;
          expect(r.status, `${name} ${path}`).toBe(expected);
        }
      }
    }
  });

  it('never links an org with a key of another org', async () => {
    const globex = org('Globex');
    const link = `${P}/orgs/${globex.id}/liveExport/migrationLink`;
    for (const name of ['owner', 'initech', 'listed', 'atlas']) {
      const r = await call(name, 'POST', link, { body: JSON.stringify({ linkToken: token() }) });
      expectRecorded401(r);
      expect((await call(name, 'GET', `${link}/status`)).status).toBe(401);
      expect((await call(name, 'DELETE', link)).status).toBe(401);
    }
    expect(sb.links.has(globex.id)).toBe(false);
  });

  it('logs the target org, and crossOrg once the credentials are verified', async () => {
    const acme = org('Acme Retail');
    const globex = org('Globex');
    const globexGroup = sb.fixture.groups.find((g) => g.orgId === globex.id)!;
    sb.clearLog();
    await call('owner', 'GET', `${P}/orgs/${globex.id}`);
    await call('owner', 'GET', `${P}/groups/${globexGroup.id}`);
    await call('owner', 'GET', `${P}/orgs/${globex.id}/groups`);
    await call('owner', 'GET', `${P}/orgs/${acme.id}/liveExport/migrationLink/status`);
    await call('owner', 'GET', `${P}/orgs`);
    await call('opsmanager', 'GET', `${P}/orgs/${globex.id}`);
    const pick = (e: RequestLogEntry) => [e.status, e.orgId, e.crossOrg];
    expect(sb.log.map(pick)).toEqual([
      [401, globex.id, undefined],
      [401, globex.id, true],
      [401, globex.id, undefined],
      [401, globex.id, true],
      [401, globex.id, undefined],
      [401, globex.id, true],
      [401, acme.id, undefined],
      [404, acme.id, false],
      [401, undefined, undefined],
      [200, undefined, false],
      [401, globex.id, undefined],
      [200, globex.id, false],
    ]);
    // The control endpoint serves the same log.
    const served = (await (await fetch(`${sb.httpUrl}/__sandbox/log`)).json()) as RequestLogEntry[];
    expect(served.map(pick)).toEqual(sb.log.map(pick));
    expect(served.filter((e) => e.crossOrg).every((e) => e.username === key('owner').publicKey)).toBe(true);
  });

  it('does not log crossOrg for a wrong key, an unknown project or a malformed id', async () => {
    sb.clearLog();
    const r = await digestRequest(sb.httpUrl!, {
      username: key('owner').publicKey,
      password: key('globex').privateKey,
      path: `${P}/orgs/${org('Globex').id}`,
    });
    expect(r.response.status).toBe(401);
    await call('owner', 'GET', `${P}/groups/${'1'.repeat(24)}`);
    await call('owner', 'GET', `${P}/orgs/not-an-id`);
    expect(sb.log.map((e) => [e.status, e.orgId, e.crossOrg])).toEqual([
      [401, org('Globex').id, undefined],
      [401, org('Globex').id, undefined],
      [401, undefined, undefined],
      [404, undefined, false],
      [401, undefined, undefined],
      [404, undefined, false],
    ]);
  });
});

describe('the Ops Manager global key', () => {
  it('links, reports and unlinks every cloud-manager org over HTTP, not an Atlas org', async () => {
    for (const o of cloudManagerOrgs()) {
      const link = `${P}/orgs/${o.id}/liveExport/migrationLink`;
      const created = await call('opsmanager', 'POST', link, { body: JSON.stringify({ linkToken: token() }) });
      expect(created.status, o.name).toBe(201);
      expect((await call('opsmanager', 'GET', `${link}/status`)).json).toEqual({ status: 'SYNCED' });
      expect((await call('opsmanager', 'DELETE', link)).status).toBe(204);
    }
    const atlas = org('Acme Retail (Atlas)');
    const refused = await call('opsmanager', 'POST', `${P}/orgs/${atlas.id}/liveExport/migrationLink`, {
      body: JSON.stringify({ linkToken: token() }),
    });
    expect(refused.status).toBe(401);
    const group = sb.fixture.groups.find((g) => g.orgId === org('Hooli').id)!;
    expect((await call('opsmanager', 'GET', `${P}/groups/${group.id}`)).json.orgId).toBe(org('Hooli').id);
    expect(sb.links.size).toBe(0);
  });

  it('is an unknown user on HTTPS (the Cloud Manager side): the recorded 401 with a non-stale challenge', async () => {
    const path = `${P}/orgs/${org('Acme Retail').id}`;
    sb.clearLog();
    const r = await call('opsmanager', 'GET', path, { listener: 'https' });
    expectRecorded401(r);
    expect(parseChallenge(r.headers.get('www-authenticate')).stale).toBe(false);
    expect(sb.log.at(-1)!.username).toBeUndefined();
    expect((await call('opsmanager', 'GET', `${P}/orgs`, { listener: 'https' })).status).toBe(401);
    // A client org's key works on both listeners.
    expect((await call('owner', 'GET', path, { listener: 'https' })).status).toBe(200);
    expect((await call('owner', 'GET', `${P}/orgs`, { listener: 'https' })).json.totalCount).toBe(1);
  });

  it('with GLOBAL_READ_ONLY reads every org but cannot link', async () => {
    const base = loadDemoFixture();
    const fixture: Fixture = {
      ...base,
      keys: [
        ...base.keys,
        {
          name: 'opsreader',
          publicKey: 'opsreadr',
          privateKey: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
          roles: {},
          global: ['GLOBAL_READ_ONLY'],
        },
      ],
    };
    const reader = await startSandbox({ httpsPort: 0, httpPort: 0, fixture });
    try {
      const acme = reader.fixture.orgs[0]!;
      expect((await call('opsreader', 'GET', `${P}/orgs`, { sandbox: reader })).json.totalCount).toBe(5);
      expect((await call('opsreader', 'GET', `${P}/orgs/${acme.id}`, { sandbox: reader })).status).toBe(200);
      expect((await call('opsreader', 'GET', `${P}/orgs/${acme.id}/groups`, { sandbox: reader })).status).toBe(200);
      const link = await call('opsreader', 'POST', `${P}/orgs/${acme.id}/liveExport/migrationLink`, {
        sandbox: reader,
        body: JSON.stringify({ linkToken: token() }),
      });
      expect([link.status, link.json.errorCode]).toEqual([401, 'USER_UNAUTHORIZED']);
      expect(reader.log.some((e) => e.crossOrg)).toBe(false);
    } finally {
      await reader.close();
    }
  });
});
