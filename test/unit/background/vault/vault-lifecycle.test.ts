// The vault's life through the router: created once (a weak passphrase refused before any call, a key of another
// org's page refused by name, a second vault refused), its state empty → unlocked → locked, an old vault's KDF
// raised at unlock, and what the lock leaves: the envelope and the settings in storage.local, no key anywhere.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cloud = await vi.hoisted(async () => (await import('./fake-cloud')).createFakeCloud());
vi.mock('../../../../src/background/api/api-clients', () => cloud.module);

const { orgOf } = await import('./fake-cloud');

const PASSPHRASE = 'a passphrase 123';
const POPUP = { id: 'test-extension', url: 'chrome-extension://test-extension/src/popup/index.html' };
const KEY = { label: 'Client', publicKey: 'abcdefg1', privateKey: '1a2b3c4d-0000-4000-8000-000000000001' };

async function worker({ fresh = true } = {}) {
  if (fresh) {
    fake.storage.data.local.clear();
    fake.storage.data.session.clear();
  }
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const store = await import('../../../../src/background/vault/vault-store');
  const vault = await import('../../../../src/core/vault');
  const router = createRouter(handlers);
  const send = (name: string, request: object = {}) => router({ name, request }, POPUP);
  return { send, store, vault };
}

const local = () => structuredClone(Object.fromEntries(fake.storage.data.local));

beforeEach(() => cloud.reset());

describe('vault/create', () => {
  it('creates the vault with its first key pair, bound to its org, and leaves it unlocked', async () => {
    const w = await worker();
    expect(await w.store.vaultState()).toBe('empty');
    const reply = await w.send('vault/create', { passphrase: PASSPHRASE, profile: KEY, orgId: orgOf(1) });
    expect(reply).toMatchObject({ ok: true, value: { profile: { label: 'Client', org: { id: orgOf(1) } } } });
    expect(JSON.stringify(reply)).not.toContain(KEY.privateKey);
    expect(await w.store.vaultState()).toBe('unlocked');
    expect(JSON.stringify(local())).not.toContain(KEY.privateKey);
    expect(fake.storage.data.session.has('vaultKey')).toBe(true);
  });

  it('a weak passphrase is refused before the key is sent anywhere', async () => {
    const w = await worker();
    expect(await w.send('vault/create', { passphrase: '123456789', profile: KEY })).toEqual({
      ok: false,
      error: { kind: 'weak-passphrase', params: { variant: 'too-short', min: '10' } },
    });
    expect(cloud.calls).toEqual([]);
    expect(fake.storage.data.local.has('vault')).toBe(false);
  });

  it("a key of another org than the page's is refused by name, and no vault is made", async () => {
    const w = await worker();
    expect(await w.send('vault/create', { passphrase: PASSPHRASE, profile: KEY, orgId: orgOf(2) })).toEqual({
      ok: false,
      error: { kind: 'key-other-org', params: { orgId: orgOf(1), orgName: 'Org 1' } },
    });
    expect(fake.storage.data.local.has('vault')).toBe(false);
    expect(await w.store.vaultState()).toBe('empty');
  });

  it('a second vault is refused and the first stays as it was', async () => {
    const w = await worker();
    await w.send('vault/create', { passphrase: PASSPHRASE, profile: KEY });
    const before = local().vault;
    expect(
      await w.send('vault/create', { passphrase: 'other passphrase', profile: { ...KEY, publicKey: 'abcdefg2' } }),
    ).toEqual({ ok: false, error: { kind: 'vault-exists' } });
    expect(local().vault).toEqual(before);
  });
});

describe('unlock and lock', () => {
  it('with no vault: vault-empty, for unlock and for every read', async () => {
    const w = await worker();
    for (const [name, request] of [
      ['vault/unlock', { passphrase: PASSPHRASE }],
      ['profiles/list', {}],
      ['profiles/remove', { profileId: 'x' }],
    ] as const) {
      expect(await w.send(name, request), name).toEqual({ ok: false, error: { kind: 'vault-empty' } });
    }
  });

  it('the lock removes the key from the session and the memory; the envelope and settings stay', async () => {
    const w = await worker();
    await w.send('vault/create', { passphrase: PASSPHRASE, profile: KEY });
    await w.send('settings/set', { autoLockMinutes: 5 });
    const before = local();
    expect(await w.send('vault/lock')).toEqual({ ok: true, value: null });
    expect(await w.store.vaultState()).toBe('locked');
    expect(local()).toEqual(before);
    expect([...fake.storage.data.session.keys()]).toEqual([]);
    expect(await w.send('profiles/remove', { profileId: 'x' })).toEqual({ ok: false, error: { kind: 'vault-locked' } });
    expect(local()).toEqual(before);
  });

  it('a new worker life finds the session key and opens the vault with it', async () => {
    const first = await worker();
    await first.send('vault/create', { passphrase: PASSPHRASE, profile: KEY });
    const next = await worker({ fresh: false });
    expect(await next.store.vaultState()).toBe('unlocked');
    expect(await next.send('profiles/list')).toMatchObject({ ok: true, value: [{ label: 'Client' }] });
  });

  it('a session key that no longer opens the vault reads as a wrong passphrase, never as the contents', async () => {
    const first = await worker();
    await first.send('vault/create', { passphrase: PASSPHRASE, profile: KEY });
    const other = await first.vault.createVault('other passphrase');
    fake.storage.data.local.set('vault', other.envelope);
    const next = await worker({ fresh: false });
    expect(await next.send('profiles/list')).toEqual({ ok: false, error: { kind: 'wrong-passphrase' } });
  });

  it('an old vault (fewer iterations than today) is raised at unlock and says so, once', async () => {
    const w = await worker();
    const contents = w.vault.addProfile(w.vault.emptyContents(), KEY, 1).contents;
    const { envelope } = await w.vault.createVault(PASSPHRASE, contents, { iterations: 1000 });
    fake.storage.data.local.set('vault', envelope);
    expect(await w.send('vault/unlock', { passphrase: PASSPHRASE })).toEqual({ ok: true, value: { upgraded: true } });
    const raised = local().vault as { kdf: { iterations: number } };
    expect(raised.kdf.iterations).toBe(600_000);
    expect(await w.send('profiles/list')).toMatchObject({ ok: true, value: [{ label: 'Client' }] });
    await w.send('vault/lock');
    expect(await w.send('vault/unlock', { passphrase: PASSPHRASE })).toEqual({ ok: true, value: { upgraded: false } });
  });

  it('an edit keeps the KDF of the envelope (salt and iterations) and changes the ciphertext', async () => {
    const w = await worker();
    await w.send('vault/create', { passphrase: PASSPHRASE, profile: KEY });
    const before = local().vault as { kdf: object; data: string };
    await w.send('profiles/add', { profile: { ...KEY, label: 'Two', publicKey: 'abcdefg2' } });
    const after = local().vault as { kdf: object; data: string };
    expect(after.kdf).toEqual(before.kdf);
    expect(after.data).not.toBe(before.data);
  });
});
