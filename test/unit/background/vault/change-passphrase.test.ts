// The passphrase-change handler: a wrong old passphrase or a weak new one changes nothing stored; a right one
// re-encrypts the same key pairs under the new passphrase (a fresh salt, never fewer iterations than before or than
// today's default) and keeps the vault unlocked with the new key.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
vi.mock('../../../../src/background/vault/key-identity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/background/vault/key-identity')>()),
  identifyKey: async (k: { publicKey: string }) => ({
    kind: 'org',
    org: { id: k.publicKey.slice(-1).padStart(24, '0'), name: `Org of ${k.publicKey}` },
    projects: [],
  }),
}));

const OLD = 'old passphrase 1';
const NEW = 'new passphrase 2';
const POPUP = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const key = (n: number) => ({
  label: `Client ${n}`,
  publicKey: `abcdefg${n}`,
  privateKey: `1a2b3c4d-0000-4000-8000-00000000000${n}`,
});

type Envelope = { kdf: { iterations: number; salt: string }; data: string };

async function worker() {
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const { lockNow } = await import('../../../../src/background/vault/auto-lock');
  const { vaultState } = await import('../../../../src/background/vault/vault-store');
  const vault = await import('../../../../src/core/vault');
  const router = createRouter(handlers);
  const send = (name: string, request: object) => router({ name, request }, POPUP);
  return { handlers, lockNow, vaultState, vault, send };
}

async function twoKeyVault() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  const w = await worker();
  await w.handlers['vault/create']({ passphrase: OLD, profile: key(1) });
  await w.handlers['profiles/add']({ profile: key(2) });
  return w;
}

/** Everything stored, as plain data (to compare before and after). */
const snapshot = () =>
  structuredClone({
    local: Object.fromEntries(fake.storage.data.local),
    session: Object.fromEntries(fake.storage.data.session),
  });
const withoutFailures = (s: ReturnType<typeof snapshot>) => {
  delete s.local.unlockFailures;
  return s;
};
const stored = () => fake.storage.data.local.get('vault') as Envelope;
/** The key pairs as the envelope holds them, private keys and all, opened with `passphrase`. */
async function contentsWith(w: Awaited<ReturnType<typeof worker>>, passphrase: string) {
  return (await w.vault.unlockVault(stored() as never, passphrase, { minIterations: 0 })).contents;
}

beforeEach(() => {
  fake.alarms.clear();
});

describe('vault/change-passphrase', () => {
  it('a wrong old passphrase answers wrong-passphrase and changes nothing stored but the failure count', async () => {
    const w = await twoKeyVault();
    const before = snapshot();
    const reply = await w.send('vault/change-passphrase', { oldPassphrase: 'not the passphrase', newPassphrase: NEW });
    expect(reply).toEqual({ ok: false, error: { kind: 'wrong-passphrase' } });
    expect(withoutFailures(snapshot())).toEqual(before);
    expect(fake.storage.data.local.has('vault.next')).toBe(false);
    // Counted into the unlock's back-off (a change is no faster way to guess): see change-passphrase-backoff.test.ts.
    expect(fake.storage.data.local.get('unlockFailures')).toMatchObject({ count: 1 });
    await w.lockNow();
    expect(await w.send('vault/unlock', { passphrase: NEW })).toEqual({
      ok: false,
      error: { kind: 'wrong-passphrase' },
    });
    expect(await w.send('vault/unlock', { passphrase: OLD })).toMatchObject({ ok: true });
  });

  it('a right one re-encrypts: the old passphrase no longer unlocks, the new one does, the key pairs are the same', async () => {
    const w = await twoKeyVault();
    const contentsBefore = await contentsWith(w, OLD);
    const listBefore = await w.handlers['profiles/list']({});
    const envelopeBefore = stored();
    const sessionKeyBefore = fake.storage.data.session.get('vaultKey');

    expect(await w.send('vault/change-passphrase', { oldPassphrase: OLD, newPassphrase: NEW })).toEqual({
      ok: true,
      value: null,
    });

    const envelopeAfter = stored();
    expect(envelopeAfter.kdf.salt).not.toBe(envelopeBefore.kdf.salt);
    expect(envelopeAfter.data).not.toBe(envelopeBefore.data);
    expect(fake.storage.data.local.has('vault.next')).toBe(false); // the staged copy was promoted
    expect(await contentsWith(w, NEW)).toEqual(contentsBefore);
    // Still unlocked, with the new key in the session.
    expect(await w.vaultState()).toBe('unlocked');
    expect(fake.storage.data.session.get('vaultKey')).not.toEqual(sessionKeyBefore);
    expect(await w.handlers['profiles/list']({})).toEqual(listBefore);

    // A new worker life rebuilds the new key from the session and opens the new envelope.
    const after = await worker();
    expect(await after.handlers['profiles/list']({})).toEqual(listBefore);

    await after.lockNow();
    expect(await after.send('vault/unlock', { passphrase: OLD })).toEqual({
      ok: false,
      error: { kind: 'wrong-passphrase' },
    });
    expect(await after.send('vault/unlock', { passphrase: NEW })).toEqual({ ok: true, value: { upgraded: false } });
    expect(await after.handlers['profiles/list']({})).toEqual(listBefore);
  });

  it('the old passphrase is checked even while the vault is locked', async () => {
    const w = await twoKeyVault();
    await w.lockNow();
    const before = snapshot();
    expect(await w.send('vault/change-passphrase', { oldPassphrase: NEW, newPassphrase: OLD })).toEqual({
      ok: false,
      error: { kind: 'wrong-passphrase' },
    });
    expect(withoutFailures(snapshot())).toEqual(before);
  });

  it.each([
    ['nine characters', '123456789'],
    ['empty', ''],
  ])('a weak new passphrase (%s) is refused and changes nothing', async (_, weak) => {
    const w = await twoKeyVault();
    const before = snapshot();
    expect(await w.send('vault/change-passphrase', { oldPassphrase: OLD, newPassphrase: weak })).toEqual({
      ok: false,
      error: { kind: 'weak-passphrase', params: { variant: 'too-short', min: '10' } },
    });
    expect(snapshot()).toEqual(before);
    await w.lockNow();
    expect(await w.send('vault/unlock', { passphrase: OLD })).toMatchObject({ ok: true });
  });

  it('a weak new passphrase is refused before the old one is tried (a wrong old one still says weak)', async () => {
    const w = await twoKeyVault();
    expect(await w.send('vault/change-passphrase', { oldPassphrase: 'not it at all', newPassphrase: 'short' })).toEqual(
      {
        ok: false,
        error: { kind: 'weak-passphrase', params: { variant: 'too-short', min: '10' } },
      },
    );
  });

  it('ten characters is long enough', async () => {
    const w = await twoKeyVault();
    expect(await w.send('vault/change-passphrase', { oldPassphrase: OLD, newPassphrase: '1234567890' })).toEqual({
      ok: true,
      value: null,
    });
    await w.lockNow();
    expect(await w.send('vault/unlock', { passphrase: '1234567890' })).toMatchObject({ ok: true });
  });

  it('with no vault it answers vault-empty', async () => {
    fake.storage.data.local.clear();
    fake.storage.data.session.clear();
    const w = await worker();
    expect(await w.send('vault/change-passphrase', { oldPassphrase: OLD, newPassphrase: NEW })).toEqual({
      ok: false,
      error: { kind: 'vault-empty' },
    });
    expect(fake.storage.data.local.size).toBe(0);
  });

  it.each([
    ['a count above the default is kept', 700_000, 700_000],
    ['the default stays the default', 600_000, 600_000],
    ['a count below the default is raised to it', 1_000, 600_000],
  ])('iterations: %s', async (_, before, after) => {
    fake.storage.data.local.clear();
    fake.storage.data.session.clear();
    const w = await worker();
    const { envelope } = await w.vault.createVault(OLD, w.vault.emptyContents(), { iterations: before });
    fake.storage.data.local.set('vault', envelope);
    expect(await w.send('vault/change-passphrase', { oldPassphrase: OLD, newPassphrase: NEW })).toEqual({
      ok: true,
      value: null,
    });
    expect(stored().kdf.iterations).toBe(after);
  });
});
