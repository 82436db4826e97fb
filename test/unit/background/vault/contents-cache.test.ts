// The decrypted vault kept in the worker's memory: decrypted once per unlock and envelope, never answered across a
// write or a lock, and dropped from memory by both (a lock leaves no decrypted key pair behind); each reader gets a
// copy of its own.
import { describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
vi.mock('../../../../src/background/vault/key-identity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/background/vault/key-identity')>()),
  identifyKey: async () => ({ kind: 'org', org: { id: '000000000000000000000001', name: 'Org 1' }, projects: [] }),
}));
/** Each decryption of the vault by the worker. */
const opened = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../../src/core/vault/vault', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src/core/vault/vault')>();
  return {
    ...real,
    openVaultWithKey: (...args: Parameters<typeof real.openVaultWithKey>) => {
      opened.count += 1;
      return real.openVaultWithKey(...args);
    },
  };
});

const PASSPHRASE = 'a passphrase 123';
const KEY = { label: 'Client', publicKey: 'abcdefg1', privateKey: '1a2b3c4d-0000-4000-8000-000000000001' };

async function unlockedWorker() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const store = await import('../../../../src/background/vault/vault-store');
  const cache = await import('../../../../src/background/vault/contents-cache');
  const { lockEpoch } = await import('../../../../src/background/vault/session');
  await handlers['vault/create']({ passphrase: PASSPHRASE, profile: KEY });
  const envelope = () => fake.storage.data.local.get('vault') as never;
  /** Decryptions made by `work`. */
  const decryptions = async (work: () => Promise<unknown>) => {
    const before = opened.count;
    await work();
    return opened.count - before;
  };
  return { store, cache, lockEpoch, envelope, decryptions };
}

describe('the decrypted vault in memory', () => {
  it('is decrypted once per unlock: the reads after the first use what it kept', async () => {
    const w = await unlockedWorker();
    expect(await w.decryptions(() => w.store.readContents())).toBe(1);
    expect(await w.decryptions(() => w.store.readContents())).toBe(0);
    expect(await w.decryptions(() => w.store.readContents())).toBe(0);
    expect((await w.store.readContents()).profiles.map((p) => p.label)).toEqual(['Client']);
  });

  it('a write drops it: the old contents are gone from memory, and the next read decrypts the new vault', async () => {
    const w = await unlockedWorker();
    await w.store.readContents();
    const before = w.envelope();
    expect(w.cache.keptContents(w.lockEpoch(), before)).toBeDefined();
    await w.store.updateContents((contents) => ({
      contents: { ...contents, profiles: contents.profiles.map((p) => ({ ...p, label: 'Renamed' })) },
      result: null,
    }));
    expect(w.cache.keptContents(w.lockEpoch(), before)).toBeUndefined();
    let labels: string[] = [];
    expect(
      await w.decryptions(async () => {
        labels = (await w.store.readContents()).profiles.map((p) => p.label);
      }),
    ).toBe(1);
    expect(labels).toEqual(['Renamed']);
  });

  it('a lock drops it: nothing decrypted stays in memory, nothing is answered, and the next unlock decrypts again', async () => {
    const w = await unlockedWorker();
    await w.store.readContents();
    const epoch = w.lockEpoch();
    const envelope = w.envelope();
    expect(w.cache.keptContents(epoch, envelope)?.profiles[0]?.privateKey).toBe(KEY.privateKey);
    await w.store.lockVault();
    expect(w.cache.keptContents(epoch, envelope)).toBeUndefined();
    await expect(w.store.readContents()).rejects.toMatchObject({ kind: 'vault-locked' });
    await w.store.unlockWithPassphrase(PASSPHRASE);
    expect(await w.decryptions(() => w.store.readContents())).toBe(1);
    expect(await w.decryptions(() => w.store.readContents())).toBe(0);
  });

  it('gives each reader a copy: a change one makes never reaches the next', async () => {
    const w = await unlockedWorker();
    const first = await w.store.readContents();
    first.profiles[0]!.label = 'Changed by a caller';
    first.profiles.push({ ...first.profiles[0]! });
    expect((await w.store.readContents()).profiles.map((p) => p.label)).toEqual(['Client']);
  });

  it('answers only for the epoch and the very envelope it kept', async () => {
    const w = await unlockedWorker();
    const contents = await w.store.readContents();
    const envelope = w.envelope() as { cipher: { iv: string } };
    expect(w.cache.keptContents(w.lockEpoch(), envelope as never)).toEqual(contents);
    expect(w.cache.keptContents(w.lockEpoch() + 1, envelope as never)).toBeUndefined();
    // Another IV: its first character changed (a random IV starts with 'A' one time in 64, so not always to 'A').
    const first = envelope.cipher.iv.startsWith('A') ? 'B' : 'A';
    const otherIv = { ...envelope, cipher: { ...envelope.cipher, iv: `${first}${envelope.cipher.iv.slice(1)}` } };
    expect(w.cache.keptContents(w.lockEpoch(), otherIv as never)).toBeUndefined();
    w.cache.dropContents();
    expect(w.cache.keptContents(w.lockEpoch(), envelope as never)).toBeUndefined();
  });
});
