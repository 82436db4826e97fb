// A lock is final, at every point of an unlock or a key load it can land on: the unlock is told the vault is locked
// (a vault-locked WorkerError), no key is cached, and storage.session is left as the lock left it, so a restarted worker finds
// the vault locked too. The lock is made to land at one precise step: while the key is exported (nothing stored
// yet), while it is written to storage.session, while the activity time is written, while a restarted worker
// imports the stored key.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
vi.mock('../../../../src/background/vault/key-identity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/background/vault/key-identity')>()),
  identifyKey: async () => ({ kind: 'org', org: { id: '000000000000000000000001', name: 'Org 1' }, projects: [] }),
}));

const PASSPHRASE = 'a passphrase 123';
const KEY = { label: 'Client', publicKey: 'abcdefg1', privateKey: '1a2b3c4d-0000-4000-8000-000000000001' };
const LOCKED_MEANWHILE = expect.objectContaining({ name: 'WorkerError', kind: 'vault-locked' });

/** A new worker life: modules loaded afresh, storage as the last life left it. */
async function worker() {
  vi.resetModules();
  const session = await import('../../../../src/background/vault/session');
  const store = await import('../../../../src/background/vault/vault-store');
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  return { session, store, handlers };
}

/** A locked vault, and the worker that will try to unlock it. */
async function lockedVault() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  const w = await worker();
  await w.handlers['vault/create']({ passphrase: PASSPHRASE, profile: KEY });
  await w.session.forgetSession();
  return w;
}

/** Makes the lock land just before storage.session is asked to store `key`; the lock's promise is kept. */
function lockWhenWriting(key: string, lock: () => Promise<void>) {
  const locks: Promise<void>[] = [];
  const area = fake.storage.session;
  const set = area.set;
  vi.spyOn(area, 'set').mockImplementation((items) => {
    if (key in items && locks.length === 0) locks.push(lock());
    return set(items);
  });
  return locks;
}

/** Vault key bytes to offer rememberVaultKey directly. */
const someKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);

beforeEach(() => {
  fake.storage.hold(false);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('an unlock the lock lands on', () => {
  it('while its key is written: told "locked meanwhile", and the vault stays locked in this life and the next', async () => {
    const w = await lockedVault();
    const locks = lockWhenWriting('vaultKey', () => w.session.forgetSession());
    await expect(w.store.unlockWithPassphrase(PASSPHRASE)).rejects.toThrow(LOCKED_MEANWHILE);
    await Promise.all(locks);
    expect(locks).toHaveLength(1);
    expect(await w.store.vaultState()).toBe('locked');
    // Nothing the lock wiped comes back: no key, and no activity time written after it.
    expect([...fake.storage.data.session.keys()]).toEqual([]);
    expect(await (await worker()).store.vaultState()).toBe('locked');
  });

  it('while its activity time is written: told "locked meanwhile", and no key is kept in memory', async () => {
    const w = await lockedVault();
    const locks = lockWhenWriting('lastActivity', () => w.session.forgetSession());
    const unlocking = w.store.unlockWithPassphrase(PASSPHRASE);
    await expect(unlocking).rejects.toMatchObject({ name: 'WorkerError', kind: 'vault-locked' });
    await expect(unlocking).rejects.toThrow(LOCKED_MEANWHILE);
    await Promise.all(locks);
    expect(locks).toHaveLength(1);
    expect(await w.session.currentVaultKey()).toBeUndefined();
    expect(await w.store.vaultState()).toBe('locked');
    expect([...fake.storage.data.session.keys()]).toEqual([]);
  });

  it('an unlock that lost the race is told so, whatever its key', async () => {
    const w = await lockedVault();
    const since = w.session.lockEpoch();
    await w.session.forgetSession();
    await expect(w.session.requireRemembered(await someKey(), since)).rejects.toThrow(LOCKED_MEANWHILE);
    await expect(w.session.requireRemembered(await someKey(), since)).rejects.toMatchObject({ kind: 'vault-locked' });
  });
});

describe('a key offered for the session', () => {
  it('while it is still being exported when the lock lands: kept nowhere', async () => {
    const w = await lockedVault();
    const key = await someKey();
    const remembering = w.session.rememberVaultKey(key, w.session.lockEpoch());
    const locking = w.session.forgetSession(); // lands before the key reaches storage.session
    expect(await remembering).toBe(false);
    await locking;
    expect(await w.session.currentVaultKey()).toBeUndefined();
    expect([...fake.storage.data.session.keys()]).toEqual([]);
    expect(await (await worker()).session.currentVaultKey()).toBeUndefined();
  });

  it('from before a lock: refused without writing to storage.session', async () => {
    const w = await lockedVault();
    const since = w.session.lockEpoch();
    await w.session.forgetSession();
    const set = vi.spyOn(fake.storage.session, 'set');
    const remove = vi.spyOn(fake.storage.session, 'remove');
    expect(await w.session.rememberVaultKey(await someKey(), since)).toBe(false);
    expect(set).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
  });
});

describe("a restarted worker's key load", () => {
  it('that the lock lands on while the stored key is imported loads nothing', async () => {
    const w = await lockedVault();
    await w.store.unlockWithPassphrase(PASSPHRASE);
    const restarted = await worker(); // nothing cached: the key comes from storage.session
    const locks: Promise<void>[] = [];
    const importKey = crypto.subtle.importKey.bind(crypto.subtle);
    vi.spyOn(crypto.subtle, 'importKey').mockImplementation((async (...args: Parameters<typeof importKey>) => {
      const key = await importKey(...args);
      locks.push(restarted.session.forgetSession());
      return key;
    }) as never);
    expect(await restarted.session.currentVaultKey()).toBeUndefined();
    await Promise.all(locks);
    expect(locks).toHaveLength(1);
    vi.restoreAllMocks();
    expect(await restarted.session.currentVaultKey()).toBeUndefined();
    expect(await restarted.store.vaultState()).toBe('locked');
  });
});
