// Key pairs of each side through the worker's handlers: an Atlas key pair is identified by the Atlas API's org
// listing (one org: its org; none: not-atlas-org; Atlas for Government refused before any call), bound to no Cloud
// Manager org; a Cloud Manager key of an org the vault knows as an Atlas org is refused as atlas-org; an Ops
// Manager key pair keeps its external addresses, which the worker checks again; and no private key reaches a page.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);
const cloud = await vi.hoisted(async () => (await import('./fake-cloud')).createFakeCloud());
vi.mock('../../../../src/background/api/api-clients', () => cloud.module);

// The Atlas API as the Digest layer would reach it: which key asked for which path, and what the listing holds.
const atlas = vi.hoisted(() => ({
  requests: [] as string[],
  /** publicKey → the orgs `GET /api/atlas/v2/orgs` lists for it (default: none, as for a Cloud Manager key). */
  orgs: new Map<string, { id: string; name: string }[]>(),
}));
vi.mock('../../../../src/core/digest', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createDigestFetch: (credentials: { username: string }) => async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    atlas.requests.push(`${credentials.username} ${url.host}${url.pathname}`);
    const results = (atlas.orgs.get(credentials.username) ?? []).map((o) => ({ ...o, isDeleted: false }));
    return new Response(JSON.stringify({ results, totalCount: results.length }), {
      status: 200,
      headers: { 'Content-Type': 'application/vnd.atlas.2023-01-01+json' },
    });
  },
}));

const { orgOf } = await import('./fake-cloud');

const PASSPHRASE = 'a passphrase 123';
const SENDER = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const CM = 'https://cloud.mongodb.com';
const OPS = 'https://ops.example.com';
const ATLAS_ORG = 'a7'.repeat(12);
const key = (n: number | string, extra: object = {}) => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n}`,
  privateKey: `1a2b3c4d-0000-4000-8000-00000000000${n}`,
  ...extra,
});

type Reply = { ok: boolean; value?: unknown; error?: { kind: string; params?: Record<string, string> } };

async function worker(...keys: ReturnType<typeof key>[]) {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const router = createRouter(handlers);
  const send = async (name: string, request: object = {}) => (await router({ name, request }, SENDER)) as Reply;
  const [first, ...rest] = keys;
  if (first) await handlers['vault/create']({ passphrase: PASSPHRASE, profile: first });
  for (const k of rest) await handlers['profiles/add']({ profile: k });
  const list = async () => (await send('profiles/list')).value as Record<string, unknown>[];
  cloud.calls.length = 0;
  atlas.requests.length = 0;
  return { send, list };
}

beforeEach(() => {
  cloud.reset();
  atlas.requests.length = 0;
  atlas.orgs.clear();
});

describe('an Atlas key pair', () => {
  it('is saved with the one Atlas org its key lists, on no Cloud Manager org, asked of the Atlas API only', async () => {
    atlas.orgs.set('abcdefg7', [{ id: ATLAS_ORG, name: 'Acme (Atlas)' }]);
    const w = await worker(key(1));
    const reply = await w.send('profiles/add', { profile: key(7, { side: 'atlas', baseUrl: CM }) });
    expect(reply.ok).toBe(true);
    expect(atlas.requests).toEqual(['abcdefg7 cloud.mongodb.com/api/atlas/v2/orgs']);
    expect(cloud.calls).toEqual([]);
    const saved = (await w.list()).find((p) => p.publicKey === 'abcdefg7');
    expect(saved).toMatchObject({ side: 'atlas', org: { id: ATLAS_ORG, name: 'Acme (Atlas)' }, orgIds: [] });
    expect(saved).not.toHaveProperty('projects');
    expect(JSON.stringify(await w.list())).not.toContain(key(7).privateKey);
    // It serves no Cloud Manager org: on its org's page the popup knows the Atlas side, with no key pair for
    // Cloud Manager calls (its client, "Client 7", has no Cloud Manager org here).
    const context = await w.send('context/get', { url: `${CM}/v2#/org/${ATLAS_ORG}/projects` });
    expect(context.value).toMatchObject({
      atlasPage: { atlasOrgId: ATLAS_ORG, name: 'Acme (Atlas)', profileId: saved?.id, clientOrgs: [] },
    });
    expect(context.value).not.toHaveProperty('candidates');
    expect((context.value as { profileId?: string }).profileId).toBeUndefined();
  });

  it('can be the vault’s first key pair', async () => {
    atlas.orgs.set('abcdefg7', [{ id: ATLAS_ORG, name: 'Acme (Atlas)' }]);
    const w = await worker(key(7, { side: 'atlas' }));
    expect(await w.list()).toMatchObject([{ side: 'atlas', org: { id: ATLAS_ORG } }]);
  });

  it('whose key lists no Atlas org is refused as not-atlas-org, and nothing is saved', async () => {
    const w = await worker(key(1));
    const reply = await w.send('profiles/add', { profile: key(2, { side: 'atlas' }) });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'not-atlas-org' } });
    expect((await w.list()).map((p) => p.publicKey)).toEqual(['abcdefg1']);
  });

  it('whose key lists several orgs is refused as an answer not understood', async () => {
    atlas.orgs.set('abcdefg2', [
      { id: ATLAS_ORG, name: 'A' },
      { id: orgOf(9), name: 'B' },
    ]);
    const w = await worker(key(1));
    const reply = await w.send('profiles/add', { profile: key(2, { side: 'atlas' }) });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'unexpected-response', params: { variant: 'atlas' } } });
  });

  it("on Atlas for Government (any server but Cloud Manager's) is refused before any request", async () => {
    const w = await worker(key(1));
    const reply = await w.send('profiles/add', {
      profile: key(2, { side: 'atlas', baseUrl: 'https://cloud.mongodbgov.com' }),
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', params: { variant: 'side-server', field: 'baseUrl' } },
    });
    expect(atlas.requests).toEqual([]);
  });

  it('saved on a Cloud Manager org page is refused by name: it is not that org’s key', async () => {
    atlas.orgs.set('abcdefg7', [{ id: ATLAS_ORG, name: 'Acme (Atlas)' }]);
    const w = await worker(key(1));
    const reply = await w.send('profiles/add', { profile: key(7, { side: 'atlas' }), orgId: orgOf(1) });
    expect(reply).toMatchObject({
      ok: false,
      error: { kind: 'key-other-org', params: { orgId: ATLAS_ORG, orgName: 'Acme (Atlas)' } },
    });
  });

  it('is tested by naming its Atlas org, without any Cloud Manager call', async () => {
    atlas.orgs.set('abcdefg7', [{ id: ATLAS_ORG, name: 'Acme (Atlas)' }]);
    const w = await worker(key(1), key(7, { side: 'atlas' }));
    const id = (await w.list()).find((p) => p.side === 'atlas')!.id;
    const reply = await w.send('profiles/test', { profileId: id });
    expect(reply.value).toEqual({ orgId: ATLAS_ORG, name: 'Acme (Atlas)', canLink: true, side: 'atlas' });
    expect(cloud.calls).toEqual([]);
    expect(atlas.requests).toEqual(['abcdefg7 cloud.mongodb.com/api/atlas/v2/orgs']);
  });

  it('stays an Atlas key pair: an edit to another side is refused', async () => {
    atlas.orgs.set('abcdefg7', [{ id: ATLAS_ORG, name: 'Acme (Atlas)' }]);
    const w = await worker(key(7, { side: 'atlas' }));
    const id = (await w.list())[0]!.id;
    const reply = await w.send('profiles/update', { profileId: id, patch: { side: 'cloud-manager' } });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-input', params: { variant: 'side-change' } } });
    const renamed = await w.send('profiles/update', { profileId: id, patch: { label: 'Acme' } });
    expect(renamed.value).toMatchObject({ profile: { label: 'Acme', side: 'atlas', org: { id: ATLAS_ORG } } });
  });
});

describe('a Cloud Manager key pair', () => {
  it('of an org the vault holds an Atlas key pair for is refused as atlas-org, and nothing is saved', async () => {
    atlas.orgs.set('abcdefg7', [{ id: orgOf(3), name: 'Acme (Atlas)' }]);
    const w = await worker(key(7, { side: 'atlas' }));
    const reply = await w.send('profiles/add', { profile: key(3) });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'atlas-org' } });
    expect((await w.list()).map((p) => p.publicKey)).toEqual(['abcdefg7']);
  });

  it('is saved as before when the page names no side (derived: Cloud Manager), asking Cloud Manager only', async () => {
    const w = await worker(key(1));
    await w.send('profiles/add', { profile: key(2) });
    expect(cloud.calls).toEqual(['orgs abcdefg2', `projects abcdefg2 ${orgOf(2)}`]);
    expect(atlas.requests).toEqual([]);
    expect((await w.list())[1]).toMatchObject({ side: 'cloud-manager', baseUrl: CM, orgIds: [orgOf(2)] });
  });
});

describe('an Ops Manager key pair and its external addresses', () => {
  it('keeps them in normal form; the list shows them; an edit replaces them', async () => {
    fake.origins.push(`${OPS}/*`);
    const w = await worker(key(1));
    const reply = await w.send('profiles/add', {
      profile: key(4, { side: 'ops-manager', baseUrl: OPS, accessListIps: ['203.0.113.7/32', '2001:0DB8::/32'] }),
    });
    expect(reply.value).toMatchObject({
      profile: { side: 'ops-manager', baseUrl: OPS, accessListIps: ['203.0.113.7', '2001:db8::/32'] },
    });
    const id = (reply.value as { profile: { id: string } }).profile.id;
    const edited = await w.send('profiles/update', { profileId: id, patch: { accessListIps: ['198.51.100.0/24'] } });
    expect(edited.value).toMatchObject({ profile: { accessListIps: ['198.51.100.0/24'] } });
    // The addresses are not secret, the key is: only the former reaches the page.
    expect(JSON.stringify(await w.list())).not.toContain(key(4).privateKey);
  });

  it.each([
    [{ side: 'ops-manager', baseUrl: OPS, accessListIps: ['10.0.0.1/8'] }, 'bad-address'],
    [{ side: 'ops-manager', baseUrl: OPS, accessListIps: '10.0.0.1' }, 'bad-address'],
    [{ accessListIps: ['10.0.0.1'] }, 'addresses-need-ops-manager'],
    [{ side: 'everything' }, 'bad-side'],
  ])('the worker checks what the page sent again: %j is refused as %s, before any call', async (extra, variant) => {
    const w = await worker(key(1));
    const reply = await w.send('profiles/add', { profile: key(5, extra) });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-input', params: { variant } } });
    expect(cloud.calls).toEqual([]);
    expect(atlas.requests).toEqual([]);
  });
});
