// The key-pair handlers through the router, against a fake Cloud Manager (./fake-cloud): which key pairs remain
// after add / remove / edit, which error kind (with its params) refuses a key of another org or a key saved twice,
// that an edit asks the server again only for a new key or server, and that no private key reaches a page.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cloud = await vi.hoisted(async () => (await import('./fake-cloud')).createFakeCloud());
vi.mock('../../../../src/background/api/api-clients', () => cloud.module);

const { orgOf } = await import('./fake-cloud');

const PASSPHRASE = 'a passphrase 123';
const POPUP = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const OPS = 'https://ops.example.com';
const key = (n: number | string, extra: object = {}) => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n}`,
  privateKey: `1a2b3c4d-0000-4000-8000-00000000000${n}`,
  ...extra,
});

async function worker(...keys: ReturnType<typeof key>[]) {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const { CloudManagerError } = await import('../../../../src/core/cloudmanager'); // this worker life's class
  const router = createRouter(handlers);
  const send = async (name: string, request: object = {}) => router({ name, request }, POPUP);
  const [first, ...rest] = keys;
  if (first) await handlers['vault/create']({ passphrase: PASSPHRASE, profile: first });
  for (const k of rest) await handlers['profiles/add']({ profile: k });
  const list = async () => ((await send('profiles/list')) as { value: Record<string, unknown>[] }).value;
  cloud.calls.length = 0;
  return { handlers, send, list, CloudManagerError };
}

beforeEach(() => cloud.reset());

describe('profiles/list and profiles/add', () => {
  it('lists the key pairs with their org, a masked private key and never the private key itself', async () => {
    const w = await worker(key(1));
    const [one] = await w.list();
    expect(one).toMatchObject({
      label: 'Client 1',
      publicKey: 'abcdefg1',
      baseUrl: 'https://cloud.mongodb.com',
      org: { id: orgOf(1), name: 'Org 1' },
      projects: [{ id: `${orgOf(1).slice(0, 23)}f`, name: 'Project of 01' }],
      orgIds: [orgOf(1)],
    });
    expect(JSON.stringify(await w.list())).not.toContain(key(1).privateKey);
  });

  it('adds a key pair bound to the org its server names, and answers it without the private key', async () => {
    const w = await worker(key(1));
    const reply = await w.send('profiles/add', { profile: key(2), orgId: orgOf(2) });
    expect(reply).toMatchObject({ ok: true, value: { profile: { label: 'Client 2', org: { id: orgOf(2) } } } });
    expect(JSON.stringify(reply)).not.toContain(key(2).privateKey);
    expect(cloud.calls).toEqual([`orgs abcdefg2`, `projects abcdefg2 ${orgOf(2)}`]);
    expect((await w.list()).map((p) => p.label)).toEqual(['Client 1', 'Client 2']);
    // The org's name is kept for every page that shows the org.
    expect(fake.storage.data.local.get('orgStatus')).toMatchObject({ [orgOf(2)]: { orgId: orgOf(2), name: 'Org 2' } });
  });

  it("refuses a key of another org than the page's, naming its org, and saves nothing", async () => {
    const w = await worker(key(1));
    expect(await w.send('profiles/add', { profile: key(2), orgId: orgOf(3) })).toEqual({
      ok: false,
      error: { kind: 'key-other-org', params: { orgId: orgOf(2), orgName: 'Org 2' } },
    });
    expect((await w.list()).map((p) => p.label)).toEqual(['Client 1']);
  });

  it('refuses a public key saved already, by the name of its key pair, before asking the server', async () => {
    const w = await worker(key(1));
    expect(await w.send('profiles/add', { profile: { ...key(1), label: 'Again' } })).toEqual({
      ok: false,
      error: { kind: 'duplicate-key', params: { label: 'Client 1' } },
    });
    expect(cloud.calls).toEqual([]);
    expect(await w.list()).toHaveLength(1);
  });

  it("refuses a public key saved for another org's page by that org's name, without a call", async () => {
    const w = await worker(key(1));
    expect(await w.send('profiles/add', { profile: { ...key(1), label: 'Again' }, orgId: orgOf(5) })).toEqual({
      ok: false,
      error: { kind: 'key-other-org', params: { orgId: orgOf(1), orgName: 'Org 1' } },
    });
    // On its own org's page it is the same key pair again: named by its label.
    expect(await w.send('profiles/add', { profile: { ...key(1), label: 'Again' }, orgId: orgOf(1) })).toEqual({
      ok: false,
      error: { kind: 'duplicate-key', params: { label: 'Client 1' } },
    });
    expect(cloud.calls).toEqual([]);
  });

  it('the same public key on another server is another key pair', async () => {
    const w = await worker(key(1));
    cloud.orgs.set('abcdefg1', [
      { id: orgOf(1), name: 'Org 1' },
      { id: orgOf(9), name: 'Org 9' },
    ]);
    expect(await w.send('profiles/add', { profile: key(1, { label: 'Ops', baseUrl: OPS }) })).toMatchObject({
      ok: true,
      value: { profile: { label: 'Ops', baseUrl: OPS, global: true } },
    });
    expect(await w.list()).toHaveLength(2);
  });

  it('while locked, lists and adds nothing', async () => {
    const w = await worker(key(1));
    await w.send('vault/lock');
    expect(await w.send('profiles/list')).toEqual({ ok: false, error: { kind: 'vault-locked' } });
    expect(await w.send('profiles/add', { profile: key(2) })).toEqual({ ok: false, error: { kind: 'vault-locked' } });
    expect(cloud.calls).toEqual([]);
  });
});

describe('profiles/remove', () => {
  it('removes exactly the key pair named', async () => {
    const w = await worker(key(1), key(2), key(3));
    const [, two] = await w.list();
    expect(await w.send('profiles/remove', { profileId: two!.id })).toEqual({ ok: true, value: null });
    expect((await w.list()).map((p) => p.label)).toEqual(['Client 1', 'Client 3']);
  });
});

describe('profiles/update', () => {
  it('a new label asks no server and keeps the org (the second of two key pairs)', async () => {
    const w = await worker(key(1), key(2));
    const [, two] = await w.list();
    const reply = await w.send('profiles/update', { profileId: two!.id, patch: { label: 'Renamed' } });
    expect(reply).toMatchObject({
      ok: true,
      value: { profile: { id: two!.id, label: 'Renamed', org: { id: orgOf(2) } } },
    });
    expect(JSON.stringify(reply)).not.toContain(key(2).privateKey);
    expect(cloud.calls).toEqual([]);
    expect(cloud.forgotten).toBe(1); // the clients made with the old fields are dropped
    expect((await w.list()).map((p) => p.label)).toEqual(['Client 1', 'Renamed']);
  });

  it('a new private key of the same org is asked and kept', async () => {
    const w = await worker(key(1));
    const [one] = await w.list();
    const privateKey = '1a2b3c4d-0000-4000-8000-0000000000aa';
    expect(await w.send('profiles/update', { profileId: one!.id, patch: { privateKey } })).toMatchObject({
      ok: true,
      value: { profile: { org: { id: orgOf(1) } } },
    });
    expect(cloud.calls).toEqual(['orgs abcdefg1', `projects abcdefg1 ${orgOf(1)}`]);
  });

  it('a new key of another org is refused by that org, and the key pair stays as it was', async () => {
    const w = await worker(key(1));
    const before = await w.list();
    expect(await w.send('profiles/update', { profileId: before[0]!.id, patch: { publicKey: 'abcdefg7' } })).toEqual({
      ok: false,
      error: { kind: 'key-other-org', params: { orgId: orgOf(7), orgName: 'Org 7' } },
    });
    expect(await w.list()).toEqual(before);
  });

  it('a key of one org turned global (a server that sees several orgs) is refused without naming an org', async () => {
    const w = await worker(key(1));
    const before = await w.list();
    cloud.orgs.set('abcdefg1', [
      { id: orgOf(1), name: 'Org 1' },
      { id: orgOf(2), name: 'Org 2' },
    ]);
    const patch = { baseUrl: OPS, side: 'ops-manager' };
    expect(await w.send('profiles/update', { profileId: before[0]!.id, patch })).toEqual({
      ok: false,
      error: { kind: 'key-other-org' },
    });
    expect(await w.list()).toEqual(before);
  });

  it("a new key already saved as another key pair is refused by that key pair's name", async () => {
    const w = await worker(key(1), key(2));
    const [one] = await w.list();
    expect(await w.send('profiles/update', { profileId: one!.id, patch: { publicKey: 'abcdefg2' } })).toEqual({
      ok: false,
      error: { kind: 'duplicate-key', params: { label: 'Client 2' } },
    });
    expect(cloud.calls).toEqual([]);
  });

  it('a key pair that knows no org yet (saved before keys were identified) learns it from a new key', async () => {
    const w = await worker();
    const vault = await import('../../../../src/core/vault');
    const { contents } = vault.addProfile(vault.emptyContents(), key(1), 1);
    const { envelope } = await vault.createVault(PASSPHRASE, contents);
    fake.storage.data.local.set('vault', envelope);
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    const [legacy] = await w.list();
    expect(legacy!.org).toBeUndefined();
    expect(
      await w.send('profiles/update', { profileId: legacy!.id, patch: { publicKey: 'abcdefg4', label: 'New' } }),
    ).toMatchObject({ ok: true, value: { profile: { label: 'New', publicKey: 'abcdefg4', org: { id: orgOf(4) } } } });
  });

  it('an unknown key pair is answered no-profile', async () => {
    const w = await worker(key(1));
    expect(await w.send('profiles/update', { profileId: 'gone', patch: { label: 'X' } })).toEqual({
      ok: false,
      error: { kind: 'no-profile' },
    });
  });
});

describe('the refusals a page words by kind', () => {
  it('name what went wrong by kind and params', async () => {
    const w = await worker(key(1));
    await expect(w.handlers['profiles/test']({ profileId: 'gone' })).rejects.toMatchObject({
      kind: 'no-profile',
      message: 'no-profile',
    });
    await expect(w.handlers['profiles/add']({ profile: { ...key(1), label: 'Again' } })).rejects.toMatchObject({
      kind: 'duplicate-key',
      message: 'duplicate-key',
      params: { label: 'Client 1' },
    });
    cloud.orgs.set('abcdefg2', []);
    await w.handlers['profiles/add']({ profile: key(2, { baseUrl: OPS }) });
    const global = (await w.list())[1]!;
    await expect(w.handlers['profiles/test']({ profileId: global.id as string })).rejects.toMatchObject({
      kind: 'invalid-input',
    });
  });
});

describe('profiles/test', () => {
  it('a key of one org: that org, by the name its server gave, can link', async () => {
    const w = await worker(key(1));
    const [one] = await w.list();
    expect(await w.send('profiles/test', { profileId: one!.id, orgId: orgOf(8) })).toEqual({
      ok: true,
      value: { orgId: orgOf(1), name: 'Org 1', canLink: true },
    });
    expect(cloud.calls).toEqual(['orgs abcdefg1', `projects abcdefg1 ${orgOf(1)}`, `status abcdefg1 ${orgOf(1)}`]);
  });

  it('a read-only key (not Organization Owner) answers canLink false', async () => {
    const w = await worker(key(1));
    const [one] = await w.list();
    cloud.linkStatusError = new w.CloudManagerError('not-org-owner');
    expect(await w.send('profiles/test', { profileId: one!.id })).toEqual({
      ok: true,
      value: { orgId: orgOf(1), name: 'Org 1', canLink: false },
    });
  });

  it('any other failure is answered as that failure', async () => {
    const w = await worker(key(1));
    const [one] = await w.list();
    cloud.linkStatusError = new w.CloudManagerError('bad-credentials', { status: 401 });
    expect(await w.send('profiles/test', { profileId: one!.id })).toMatchObject({
      ok: false,
      error: { kind: 'bad-credentials', params: { status: '401' } },
    });
    cloud.linkStatusError = Object.assign(new Error('x'), { kind: 'not-org-owner' }); // not a CloudManagerError
    expect(await w.send('profiles/test', { profileId: one!.id })).toMatchObject({ ok: false });
  });

  it('a key pair removed meanwhile is answered no-profile, without a call', async () => {
    const w = await worker(key(1));
    expect(await w.send('profiles/test', { profileId: 'gone' })).toEqual({ ok: false, error: { kind: 'no-profile' } });
    expect(cloud.calls).toEqual([]);
  });

  it('a global key is tested against the org given, by the name the server gives it', async () => {
    cloud.orgs.set('abcdefg1', []);
    const w = await worker(key(1, { baseUrl: OPS }));
    const [one] = await w.list();
    expect(one!.global).toBe(true);
    expect(await w.send('profiles/test', { profileId: one!.id })).toEqual({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await w.send('profiles/test', { profileId: one!.id, orgId: orgOf(6) })).toEqual({
      ok: true,
      value: { orgId: orgOf(6), name: 'Named 06', canLink: true },
    });
    expect(cloud.calls.slice(-2)).toEqual([`org abcdefg1 ${orgOf(6)}`, `status abcdefg1 ${orgOf(6)}`]);
  });

  it('a key pair saved before keys were identified learns its org when tested', async () => {
    const w = await worker();
    const vault = await import('../../../../src/core/vault');
    const { contents } = vault.addProfile(vault.emptyContents(), key(3), 1);
    fake.storage.data.local.set('vault', (await vault.createVault(PASSPHRASE, contents)).envelope);
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    const [legacy] = await w.list();
    expect(await w.send('profiles/test', { profileId: legacy!.id })).toMatchObject({ ok: true });
    expect((await w.list())[0]).toMatchObject({ org: { id: orgOf(3), name: 'Org 3' } });
  });
});
