// A passphrase change tries the old passphrase under the unlock's back-off (one count for both forms, locked or
// not): a wrong old passphrase is counted like a wrong unlock, a try within the delay is refused as
// 'too-many-attempts' without trying it, a right one clears the count. Before, a change tried passphrases at full
// speed even while the vault was locked: a way around the back-off. Only Date is faked.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cloud = await vi.hoisted(async () => (await import('./fake-cloud')).createFakeCloud());
vi.mock('../../../../src/background/api/api-clients', () => cloud.module);

const RIGHT = 'right passphrase 1';
const WRONG = 'wrong passphrase 2';
const NEW = 'new passphrase 3';
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const POPUP = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const KEY = { label: 'Client', publicKey: 'abcdefg1', privateKey: '1a2b3c4d-0000-4000-8000-000000000001' };

async function vaultWorker({ locked }: { locked: boolean }) {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const { vaultState } = await import('../../../../src/background/vault/vault-store');
  const router = createRouter(handlers);
  const send = (name: string, request: object = {}) => router({ name, request }, POPUP);
  await handlers['vault/create']({ passphrase: RIGHT, profile: KEY });
  if (locked) await send('vault/lock');
  const change = (oldPassphrase: string, newPassphrase = NEW) =>
    send('vault/change-passphrase', { oldPassphrase, newPassphrase });
  return { send, change, vaultState, unlock: (passphrase: string) => send('vault/unlock', { passphrase }) };
}

const failures = () => fake.storage.data.local.get('unlockFailures');
const at = (ms: number) => vi.setSystemTime(T0 + ms);
const wrongPassphrase = { ok: false, error: { kind: 'wrong-passphrase' } };
const tooMany = (seconds: number) => ({
  ok: false,
  error: { kind: 'too-many-attempts', params: { seconds: String(seconds) } },
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
});
afterEach(() => vi.useRealTimers());

describe.each([
  ['unlocked', false],
  ['locked', true],
])('a passphrase change, vault %s', (_, locked) => {
  it('counts each wrong old passphrase; after three, a try within the delay is refused, even the right one', async () => {
    const w = await vaultWorker({ locked });
    for (let i = 1; i <= 3; i++) {
      at(i * 10);
      expect(await w.change(WRONG)).toEqual(wrongPassphrase);
      expect(failures()).toEqual({ count: i, lastAt: T0 + i * 10 });
    }
    at(1000);
    expect(await w.change(RIGHT)).toEqual(tooMany(2)); // 1.03 s left, rounded up
    expect(failures()).toEqual({ count: 3, lastAt: T0 + 30 });
    // The unlock form waits for the same delay.
    expect(await w.unlock(RIGHT)).toEqual(tooMany(2));
    at(2030);
    expect(await w.change(RIGHT)).toEqual({ ok: true, value: null });
    expect(fake.storage.data.local.has('unlockFailures')).toBe(false);
    await w.send('vault/lock');
    expect(await w.unlock(NEW)).toMatchObject({ ok: true });
  });

  it('wrong unlocks count against a change, and a right change clears them', async () => {
    const w = await vaultWorker({ locked });
    await w.send('vault/lock');
    for (let i = 0; i < 3; i++) expect(await w.unlock(WRONG)).toEqual(wrongPassphrase);
    expect(await w.change(RIGHT)).toEqual(tooMany(2));
    at(2000);
    expect(await w.change(WRONG)).toEqual(wrongPassphrase);
    expect(failures()).toEqual({ count: 4, lastAt: T0 + 2000 });
    expect(await w.change(RIGHT)).toEqual(tooMany(4));
    at(6000);
    expect(await w.change(RIGHT)).toEqual({ ok: true, value: null });
    expect(failures()).toBeUndefined();
  });

  it('a weak new passphrase is not a wrong passphrase: nothing counted', async () => {
    const w = await vaultWorker({ locked });
    for (let i = 0; i < 4; i++) {
      expect(await w.change(WRONG, 'short')).toEqual({
        ok: false,
        error: { kind: 'weak-passphrase', params: { variant: 'too-short', min: '10' } },
      });
    }
    expect(failures()).toBeUndefined();
  });
});

describe('a passphrase change while locked', () => {
  it('with the right old passphrase re-encrypts and leaves the vault open under the new one', async () => {
    const w = await vaultWorker({ locked: true });
    expect(await w.vaultState()).toBe('locked');
    expect(await w.change(RIGHT)).toEqual({ ok: true, value: null });
    // The old passphrase proved as much as an unlock does.
    expect(await w.vaultState()).toBe('unlocked');
    await w.send('vault/lock');
    expect(await w.unlock(RIGHT)).toEqual(wrongPassphrase);
    expect(await w.unlock(NEW)).toMatchObject({ ok: true });
  });
});
