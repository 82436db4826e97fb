// The vault store's refusals and its one retry, called directly: each refusal's kind and the words a developer
// reads (vault-exists, vault-empty, vault-locked, the back-off's wait in seconds); a write whose staged copy does not
// open with its key is never promoted; and a read is retried (behind the vault lock) only when the envelope and the
// key disagree, as during a passphrase change: every other failure is reported at once, even while a write holds
// the lock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
vi.mock('../../../../src/background/vault/key-identity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/background/vault/key-identity')>()),
  identifyKey: async () => ({ kind: 'org', org: { id: '000000000000000000000001', name: 'Org 1' }, projects: [] }),
}));

const OLD = 'old passphrase 1';
const NEW = 'new passphrase 2';
const KEY = { label: 'Client 1', publicKey: 'abcdefg1', privateKey: '1a2b3c4d-0000-4000-8000-000000000001' };

/** A new worker life: modules loaded afresh (nothing cached), storage as the last life left it. */
async function worker() {
  vi.resetModules();
  const store = await import('../../../../src/background/vault/vault-store');
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const vault = await import('../../../../src/core/vault');
  return { store, handlers, vault };
}

async function unlockedVault() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  const w = await worker();
  await w.handlers['vault/create']({ passphrase: OLD, profile: KEY });
  return w;
}

/** Holds the vault lock (as a long write would) until the returned function is called. */
function holdVaultLock(store: Awaited<ReturnType<typeof worker>>['store']) {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  void store.withVaultLock(() => held);
  return release;
}

/** What a call settles to within 100 ms: its value, its error, or 'still waiting'. */
const within100ms = (call: Promise<unknown>) =>
  Promise.race([
    call.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), 100)),
  ]);

beforeEach(() => {
  fake.storage.hold(false);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('refusals, by kind', () => {
  it('a second vault is refused: vault-exists', async () => {
    const w = await unlockedVault();
    const creating = w.store.createNewVault(NEW, w.vault.emptyContents());
    await expect(creating).rejects.toMatchObject({ kind: 'vault-exists' });
  });

  it('no vault yet: vault-empty', async () => {
    fake.storage.data.local.clear();
    fake.storage.data.session.clear();
    const w = await worker();
    const reading = w.store.readContents();
    await expect(reading).rejects.toMatchObject({ kind: 'vault-empty' });
  });

  it('a locked vault: vault-locked', async () => {
    await unlockedVault();
    fake.storage.data.session.clear(); // a browser restart: the session key is gone
    const w = await worker();
    const reading = w.store.readContents();
    await expect(reading).rejects.toMatchObject({ kind: 'vault-locked' });
  });

  it('the back-off says how many seconds are left, rounded up', async () => {
    const w = await unlockedVault();
    const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    fake.storage.data.local.set('unlockFailures', { count: 4, lastAt: T0 }); // 4 wrong ones: 4 s to wait
    vi.setSystemTime(T0 + 1_500);
    const unlocking = w.store.unlockWithPassphrase(OLD);
    await expect(unlocking).rejects.toMatchObject({ kind: 'too-many-attempts', params: { seconds: '3' } });
  });
});

describe('a vault write', () => {
  it('whose staged copy does not open with its key is not promoted: the vault stays as it was', async () => {
    const w = await unlockedVault();
    const before = structuredClone(fake.storage.data.local.get('vault'));
    const local = fake.storage.local;
    const set = local.set;
    vi.spyOn(local, 'set').mockImplementation((items) => {
      const staged = items['vault.next'] as { data: string } | undefined;
      // Storage that altered what it was given: one byte of the ciphertext is not what was written.
      if (!staged) return set(items);
      return set({ 'vault.next': { ...staged, data: (staged.data[0] === 'A' ? 'B' : 'A') + staged.data.slice(1) } });
    });
    await expect(
      w.store.updateContents((contents) => ({ contents: { ...contents, profiles: [] }, result: null })),
    ).rejects.toMatchObject({ kind: 'wrong-passphrase' });
    vi.restoreAllMocks();
    expect(fake.storage.data.local.get('vault')).toEqual(before);
    expect((await w.store.readContents()).profiles.map((p) => p.label)).toEqual(['Client 1']);
  });
});

describe('a read without the lock', () => {
  it('between a passphrase change writing the new vault and its new key, waits for the change and reads', async () => {
    await unlockedVault();
    const w = await worker(); // a restarted worker: no key in memory, the read takes it from storage.session
    const session = await import('../../../../src/background/vault/session');
    const oldEnvelope = fake.storage.data.local.get('vault') as Parameters<typeof w.vault.changePassphrase>[0];
    const next = await w.vault.changePassphrase(oldEnvelope, OLD, NEW);
    let read: Promise<string[]> | undefined;
    await w.store.withVaultLock(async () => {
      // The change has replaced the vault; the session still holds the old passphrase's key.
      fake.storage.data.local.set('vault', next.envelope);
      read = w.store.readContents().then((contents) => contents.profiles.map((p) => p.label));
      expect(await within100ms(read)).toBe('still waiting'); // it did not open, and waits for the change's end
      await session.rememberVaultKey(next.key);
    });
    expect(await read).toEqual(['Client 1']);
  });

  it('of a locked vault is refused at once, while a write holds the vault lock', async () => {
    await unlockedVault();
    fake.storage.data.session.clear();
    const w = await worker();
    const release = holdVaultLock(w.store);
    const outcome = await within100ms(w.store.readContents());
    release();
    expect(outcome).toMatchObject({ error: { kind: 'vault-locked' } });
  });

  it('of a vault of an unknown version is refused at once, while a write holds the vault lock', async () => {
    const w = await unlockedVault();
    const envelope = fake.storage.data.local.get('vault') as object;
    fake.storage.data.local.set('vault', { ...envelope, version: 2 });
    const release = holdVaultLock(w.store);
    const outcome = await within100ms(w.store.readContents());
    release();
    expect(outcome).toMatchObject({ error: { kind: 'unsupported-version' } });
  });
});
