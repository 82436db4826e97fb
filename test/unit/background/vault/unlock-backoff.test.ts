// The wrong-passphrase back-off: wrong passphrases are counted in storage.local ({count, lastAt}); from the third on,
// a try within 2 s × 2^(count − 3) (at most 60 s) of the last is refused as 'too-many-attempts' with the seconds
// left, without trying the passphrase. The counter outlives the worker (a module reload); a right passphrase
// clears it. Only Date is faked: crypto and storage run as they do.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
vi.mock('../../../../src/background/vault/key-identity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/background/vault/key-identity')>()),
  identifyKey: async () => ({ kind: 'org', org: { id: '000000000000000000000001', name: 'Org 1' }, projects: [] }),
}));

const RIGHT = 'right passphrase 1';
const WRONG = 'wrong passphrase 2';
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const POPUP = { id: 'test-extension', url: 'chrome-extension://test-extension/src/popup/index.html' };
const KEY = { label: 'Client', publicKey: 'abcdefg1', privateKey: '1a2b3c4d-0000-4000-8000-000000000001' };

/** A new worker life: modules loaded afresh, storage as the last life left it. */
async function worker() {
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const { lockNow } = await import('../../../../src/background/vault/auto-lock');
  const { vaultState } = await import('../../../../src/background/vault/vault-store');
  const router = createRouter(handlers);
  return {
    lockNow,
    vaultState,
    unlock: (passphrase: string) => router({ name: 'vault/unlock', request: { passphrase } }, POPUP),
  };
}

const failures = () => fake.storage.data.local.get('unlockFailures');
const at = (ms: number) => vi.setSystemTime(T0 + ms);

async function lockedVault() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  const w = await worker();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  await handlers['vault/create']({ passphrase: RIGHT, profile: KEY });
  await w.lockNow();
  return w;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
});
afterEach(() => {
  vi.useRealTimers();
});

const wrongPassphrase = { ok: false, error: { kind: 'wrong-passphrase' } };
const tooMany = (seconds: number) => ({
  ok: false,
  error: { kind: 'too-many-attempts', params: { seconds: String(seconds) } },
});

describe('the wrong-passphrase back-off', () => {
  it('counts each wrong passphrase with its time; the first three are tried at once', async () => {
    const w = await lockedVault();
    expect(failures()).toBeUndefined();
    expect(await w.unlock(WRONG)).toEqual(wrongPassphrase);
    expect(failures()).toEqual({ count: 1, lastAt: T0 });
    at(10);
    expect(await w.unlock(WRONG)).toEqual(wrongPassphrase);
    expect(failures()).toEqual({ count: 2, lastAt: T0 + 10 });
    at(20);
    expect(await w.unlock(WRONG)).toEqual(wrongPassphrase);
    expect(failures()).toEqual({ count: 3, lastAt: T0 + 20 });
    expect(await w.vaultState()).toBe('locked');
  });

  it('after three, a try within 2 s is refused with the seconds left, even the right passphrase, and not counted', async () => {
    const w = await lockedVault();
    for (let i = 0; i < 3; i++) expect(await w.unlock(WRONG)).toEqual(wrongPassphrase);
    expect(await w.unlock(RIGHT)).toEqual(tooMany(2));
    at(500);
    expect(await w.unlock(WRONG)).toEqual(tooMany(2)); // 1.5 s left, rounded up
    at(1001);
    expect(await w.unlock(RIGHT)).toEqual(tooMany(1)); // 0.999 s left
    at(1999);
    expect(await w.unlock(RIGHT)).toEqual(tooMany(1)); // 1 ms left
    // Refused tries are not wrong passphrases: the record is the third failure's.
    expect(failures()).toEqual({ count: 3, lastAt: T0 });
    expect(await w.vaultState()).toBe('locked');
    expect(fake.storage.data.session.has('vaultKey')).toBe(false);
  });

  it('once the delay has passed the passphrase is tried again; each further failure doubles the delay', async () => {
    const w = await lockedVault();
    for (let i = 0; i < 3; i++) await w.unlock(WRONG);
    at(2000); // exactly the delay: tried
    expect(await w.unlock(WRONG)).toEqual(wrongPassphrase);
    expect(failures()).toEqual({ count: 4, lastAt: T0 + 2000 });
    at(2000 + 1);
    expect(await w.unlock(RIGHT)).toEqual(tooMany(4));
    at(2000 + 3999);
    expect(await w.unlock(RIGHT)).toEqual(tooMany(1));
    at(6000);
    expect(await w.unlock(WRONG)).toEqual(wrongPassphrase);
    expect(failures()).toEqual({ count: 5, lastAt: T0 + 6000 });
    expect(await w.unlock(RIGHT)).toEqual(tooMany(8));
  });

  it('caps the delay at 60 s', async () => {
    const w = await lockedVault();
    fake.storage.data.local.set('unlockFailures', { count: 12, lastAt: T0 });
    expect(await w.unlock(RIGHT)).toEqual(tooMany(60));
    at(60_000);
    expect(await w.unlock(RIGHT)).toMatchObject({ ok: true });
  });

  it('the counter survives a worker restart', async () => {
    let w = await lockedVault();
    for (let i = 0; i < 3; i++) await w.unlock(WRONG);
    w = await worker(); // a new worker life: nothing in memory
    at(1000);
    expect(await w.unlock(RIGHT)).toEqual(tooMany(1));
    expect(failures()).toEqual({ count: 3, lastAt: T0 });
    at(2000);
    w = await worker();
    expect(await w.unlock(WRONG)).toEqual(wrongPassphrase);
    w = await worker();
    expect(failures()).toEqual({ count: 4, lastAt: T0 + 2000 });
    expect(await w.unlock(RIGHT)).toEqual(tooMany(4));
  });

  it('a right passphrase unlocks and clears the counter; the next wrong one starts again at one', async () => {
    const w = await lockedVault();
    for (let i = 0; i < 3; i++) await w.unlock(WRONG);
    at(2000);
    expect(await w.unlock(RIGHT)).toEqual({ ok: true, value: { upgraded: false } });
    expect(fake.storage.data.local.has('unlockFailures')).toBe(false);
    expect(await w.vaultState()).toBe('unlocked');
    await w.lockNow();
    at(2001);
    expect(await w.unlock(WRONG)).toEqual(wrongPassphrase);
    expect(failures()).toEqual({ count: 1, lastAt: T0 + 2001 });
    expect(await w.unlock(RIGHT)).toMatchObject({ ok: true }); // one failure: no delay
    expect(fake.storage.data.local.has('unlockFailures')).toBe(false);
  });

  it('a damaged vault is not a wrong passphrase: nothing is counted', async () => {
    const w = await lockedVault();
    const envelope = fake.storage.data.local.get('vault') as { data: string };
    fake.storage.data.local.set('vault', { ...envelope, data: 'AAAA' });
    for (let i = 0; i < 4; i++) {
      expect(await w.unlock(RIGHT)).toEqual({
        ok: false,
        error: { kind: 'vault-corrupted', params: { variant: 'damaged' } },
      });
    }
    expect(failures()).toBeUndefined();
    fake.storage.data.local.set('vault', { ...envelope, version: 2 });
    expect(await w.unlock(RIGHT)).toEqual({ ok: false, error: { kind: 'vault-corrupted' } });
    expect(failures()).toBeUndefined();
  });

  it('a stored record that is not {count, lastAt} counts as no failures', async () => {
    const w = await lockedVault();
    fake.storage.data.local.set('unlockFailures', { count: '9', lastAt: T0 });
    expect(await w.unlock(RIGHT)).toMatchObject({ ok: true });
  });

  // The delay was checked only before the vault lock was taken, so tries sent together all read the same count and
  // were all tried. Now the fourth try of a burst waits behind the third's failure and is refused like a fourth
  // try sent after it.
  it('tries sent together are held to the same delay as tries sent one after another', async () => {
    const w = await lockedVault();
    const replies = await Promise.all(Array.from({ length: 6 }, () => w.unlock(WRONG)));
    expect(replies.slice(0, 3)).toEqual([wrongPassphrase, wrongPassphrase, wrongPassphrase]);
    expect(replies.slice(3)).toEqual([tooMany(2), tooMany(2), tooMany(2)]);
    expect(failures()).toEqual({ count: 3, lastAt: T0 });
  });
});
