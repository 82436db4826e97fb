// Which org a tab shows: org pages by their address, project pages through the cache, the projects learnt per key
// pair, or the one key pair the user named (its own org's projects, or an Ops Manager global key's GET /groups/{id}),
// never a call signed for another org; Ops Manager pages only on servers the user granted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshWorker, globalKey, key, OPS, orgId, orgPage, projectOf, projectPage } from './org-fixture';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cm = await vi.hoisted(async () => (await import('./org-fixture')).createCloudManager());
vi.mock('../../../../src/background/api/api-clients', () => cm.module);

const groupCache = () => fake.storage.data.local.get('groupOrg') ?? {};

async function worker(...keys: Parameters<typeof freshWorker>[2][]) {
  const w = await freshWorker(fake, cm, keys[0] ?? key(1), ...keys.slice(1));
  const locations = await import('../../../../src/background/orgs/locations');
  const { updateContents } = await import('../../../../src/background/vault/vault-store');
  /** Forgets what every key pair learnt of its projects at save time (or, with `identity`, which org it is of). */
  const forget = (identity = false) =>
    updateContents((c) => ({
      contents: {
        ...c,
        profiles: c.profiles.map(({ projects: _p, org, ...p }) => ({ ...p, ...(identity ? {} : { org }) })),
      },
      result: null,
    }));
  return { ...w, ...locations, forget };
}

beforeEach(() => {
  cm.calls = [];
  cm.crossed = [];
  cm.refuse = false;
  cm.projects = {};
});

afterEach(() => {
  expect(cm.crossed).toEqual([]);
});

describe('locate', () => {
  it('reads org and project pages of Cloud Manager, and nothing else', async () => {
    const w = await worker();
    expect(await w.locate(undefined)).toEqual({ kind: 'other' });
    expect(await w.locate('')).toEqual({ kind: 'other' });
    expect(await w.locate('https://example.com/v2#/org/aaaaaaaaaaaaaaaaaaaaaaaa/projects')).toEqual({ kind: 'other' });
    expect(await w.locate(orgPage(3))).toEqual({ kind: 'org', orgId: orgId(3), base: 'https://cloud.mongodb.com' });
    expect(await w.locate(projectPage(3))).toEqual({
      kind: 'group',
      groupId: projectOf(3),
      base: 'https://cloud.mongodb.com',
      orgId: undefined,
    });
    await w.rememberGroupOrg(projectOf(3), orgId(3), 'Shop');
    expect(await w.locate(projectPage(3))).toMatchObject({ kind: 'group', orgId: orgId(3) });
    expect(groupCache()).toEqual({ [projectOf(3)]: { orgId: orgId(3), name: 'Shop' } });
    expect(await w.orgOfGroupCached(projectOf(3))).toEqual({ orgId: orgId(3), name: 'Shop' });
  });

  it('an Ops Manager server counts once the user granted it (by its origin, any pattern form)', async () => {
    const w = await worker();
    expect(await w.locate(orgPage(2, OPS))).toEqual({ kind: 'other' });
    expect(await w.knownBases()).toEqual(['https://cloud.mongodb.com']);
    fake.origins.push(`${OPS}/*`, 'http://127.0.0.1:8080/*', 'http://bare.example.org', '<all_urls>', '*://*/*');
    expect(await w.knownBases()).toEqual([
      'https://cloud.mongodb.com',
      OPS,
      'http://127.0.0.1:8080',
      'http://bare.example.org',
    ]);
    expect(await w.locate(orgPage(2, OPS))).toEqual({ kind: 'org', orgId: orgId(2), base: OPS });
    expect(await w.orgIdOfTab(orgPage(2, OPS))).toBe(orgId(2));
    // A pattern with a wildcard host grants no one server; a host only named in the middle of a pattern neither.
    fake.origins.length = 0;
    fake.origins.push('https://*.example.com/*', `ftp://x.example/${OPS}/*`);
    expect(await w.knownBases()).toEqual(['https://cloud.mongodb.com']);
    // No origins granted at all (the browser may leave the list out).
    vi.spyOn(fake.browser.permissions, 'getAll').mockResolvedValueOnce({} as never);
    expect(await w.knownBases()).toEqual(['https://cloud.mongodb.com']);
  });

  it("orgIdOfTab: the org of an org page, a known project's org, else none", async () => {
    const w = await worker();
    expect(await w.orgIdOfTab(orgPage(4))).toBe(orgId(4));
    expect(await w.orgIdOfTab(projectPage(4))).toBeUndefined();
    expect(await w.orgIdOfTab('https://cloud.mongodb.com/v2/admin')).toBeUndefined();
    expect(await w.orgIdOfTab(undefined)).toBeUndefined();
    await w.rememberGroupOrg(projectOf(4), orgId(4));
    expect(await w.orgIdOfTab(projectPage(4))).toBe(orgId(4));
  });
});

describe('knownGroupOrg: no call, no guess', () => {
  it('a project a saved key pair learnt is its org, and is cached with its name', async () => {
    const w = await worker(key(1), key(2));
    const { readContents } = await import('../../../../src/background/vault/vault-store');
    const location = (await w.locate(projectPage(2))) as never;
    expect(await w.knownGroupOrg(location, await readContents())).toBe(orgId(2));
    expect(groupCache()).toEqual({ [projectOf(2)]: { orgId: orgId(2), name: 'Project 2' } });
    expect(cm.calls).toEqual([]);
  });

  it('the cached name is the name of that very project among those the key pair learnt', async () => {
    cm.projects[orgId(2)] = [
      { id: projectOf(7), name: 'First' },
      { id: projectOf(2), name: 'Second' },
    ];
    const w = await worker(key(1), key(2));
    const { readContents } = await import('../../../../src/background/vault/vault-store');
    expect(await w.knownGroupOrg((await w.locate(projectPage(2))) as never, await readContents())).toBe(orgId(2));
    expect(groupCache()).toEqual({ [projectOf(2)]: { orgId: orgId(2), name: 'Second' } });
  });

  it('a project no key pair learnt, or learnt on another server, is not known', async () => {
    const w = await worker(key(1));
    const { readContents } = await import('../../../../src/background/vault/vault-store');
    fake.origins.push(`${OPS}/*`);
    const elsewhere = (await w.locate(projectPage(1, OPS))) as never;
    expect(await w.knownGroupOrg(elsewhere, await readContents())).toBeUndefined();
    const unknown = (await w.locate(projectPage(7))) as never;
    expect(await w.knownGroupOrg(unknown, await readContents())).toBeUndefined();
    expect(groupCache()).toEqual({});
  });

  it('the cached org is answered as is', async () => {
    const w = await worker(key(1));
    const { readContents } = await import('../../../../src/background/vault/vault-store');
    const location = { kind: 'group', groupId: projectOf(9), base: 'https://cloud.mongodb.com', orgId: orgId(8) };
    expect(await w.knownGroupOrg(location as never, await readContents())).toBe(orgId(8));
    expect(groupCache()).toEqual({});
  });
});

describe("resolveProjectWith: the client the user named, and that client's org only", () => {
  it('an org key reads its own projects afresh, remembers them and caches the project', async () => {
    const w = await worker(key(1), key(2));
    await w.forget();
    cm.projects[orgId(1)] = [
      { id: projectOf(1), name: 'Shop' },
      { id: projectOf(5), name: 'Blog' },
    ];
    expect(await w.resolveProjectWith(projectPage(5), w.profiles[0]!.id)).toEqual({ orgId: orgId(1) });
    expect(cm.calls).toEqual([`abcdefg1: projects ${orgId(1)}`]);
    expect(groupCache()).toEqual({ [projectOf(5)]: { orgId: orgId(1), name: 'Blog' } });
    const { readContents } = await import('../../../../src/background/vault/vault-store');
    expect((await readContents()).profiles.map((p) => p.projects)).toEqual([cm.projects[orgId(1)], undefined]);
    // Known now: no further call.
    expect(await w.resolveProjectWith(projectPage(5), w.profiles[1]!.id)).toEqual({ orgId: orgId(1) });
    expect(cm.calls).toHaveLength(1);
  });

  it("a project not in the named key's org is refused naming that org, and nothing is cached", async () => {
    const w = await worker(key(1), key(2));
    await w.forget();
    await expect(w.resolveProjectWith(projectPage(1), w.profiles[1]!.id)).rejects.toMatchObject({
      kind: 'no-profile',
      params: { variant: 'project-elsewhere', orgId: orgId(2), orgName: 'Org 2' },
    });
    expect(cm.calls).toEqual([`abcdefg2: projects ${orgId(2)}`]);
    expect(groupCache()).toEqual({});
  });

  it('a key pair saved before keys were identified learns its org first, then its projects', async () => {
    const w = await worker(key(1), key(3));
    await w.forget(true);
    expect(await w.resolveProjectWith(projectPage(3), w.profiles[1]!.id)).toEqual({ orgId: orgId(3) });
    expect(cm.calls).toEqual(['abcdefg3: orgs', `abcdefg3: projects ${orgId(3)}`, `abcdefg3: projects ${orgId(3)}`]);
    const { readContents } = await import('../../../../src/background/vault/vault-store');
    const profiles = (await readContents()).profiles;
    expect(profiles.map((p) => p.org)).toEqual([undefined, { id: orgId(3), name: 'Org 3' }]);
    expect(profiles[1]!.orgIds).toEqual([orgId(3)]);
    expect(groupCache()).toEqual({ [projectOf(3)]: { orgId: orgId(3), name: 'Project 3' } });
  });

  it('an Ops Manager global key asks GET /groups/{id} on its own server', async () => {
    const w = await worker(key(1), globalKey(1));
    fake.origins.push(`${OPS}/*`);
    expect(await w.resolveProjectWith(projectPage(6, OPS), w.profiles[1]!.id)).toEqual({ orgId: orgId(6) });
    expect(cm.calls).toEqual([`global1: group ${projectOf(6)}`]);
    expect(groupCache()).toEqual({ [projectOf(6)]: { orgId: orgId(6), name: 'Project 6' } });
  });

  it('refuses a key pair of another server, one no longer saved, and a tab that is no project page', async () => {
    const w = await worker(key(1), globalKey(1));
    await w.forget();
    fake.origins.push(`${OPS}/*`);
    await expect(w.resolveProjectWith(projectPage(1, OPS), w.profiles[0]!.id)).rejects.toMatchObject({
      kind: 'no-profile',
    });
    await expect(w.resolveProjectWith(projectPage(1), w.profiles[1]!.id)).rejects.toMatchObject({
      kind: 'no-profile',
    });
    await expect(w.resolveProjectWith(projectPage(1), 'gone')).rejects.toMatchObject({
      kind: 'no-profile',
    });
    for (const url of [orgPage(1), 'https://example.com/', 42 as never]) {
      await expect(w.resolveProjectWith(url, w.profiles[0]!.id)).rejects.toMatchObject({
        kind: 'invalid-input',
      });
    }
    expect(cm.calls).toEqual([]);
    expect(groupCache()).toEqual({});
  });

  it('an unidentified key pair that turns out to be a global key is refused as not the key of one org', async () => {
    const w = await worker(key(1));
    const { readContents, updateContents } = await import('../../../../src/background/vault/vault-store');
    // An older key pair of the Ops Manager server, saved before keys were identified.
    const old = {
      ...(await readContents()).profiles[0]!,
      id: 'old',
      publicKey: 'global9',
      baseUrl: OPS,
      side: 'ops-manager' as const,
      orgIds: [],
    };
    delete old.org;
    delete old.projects;
    await updateContents((c) => ({ contents: { ...c, profiles: [...c.profiles, old] }, result: null }));
    fake.origins.push(`${OPS}/*`);
    await expect(w.resolveProjectWith(projectPage(2, OPS), 'old')).rejects.toMatchObject({
      kind: 'no-profile',
    });
    expect(cm.calls).toEqual(['global9: orgs']);
    expect((await readContents()).profiles[1]).toMatchObject({ id: 'old', global: true });
    expect(groupCache()).toEqual({});
  });
});
