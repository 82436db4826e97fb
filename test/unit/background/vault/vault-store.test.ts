// The vault store's own promises: a try during the back-off delay is refused at once, even while another vault
// write holds the lock (it does not queue behind it); writes run one at a time under the vault lock, a failed one
// leaving the lock free for the next.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf); // the KDF's cost is not what these tests are about
const cloud = await vi.hoisted(async () => (await import('./fake-cloud')).createFakeCloud());
vi.mock('../../../../src/background/api/api-clients', () => cloud.module);

const PASSPHRASE = 'a passphrase 123';
const KEY = { label: 'Client', publicKey: 'abcdefg1', privateKey: '1a2b3c4d-0000-4000-8000-000000000001' };
const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);

async function lockedWorker() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const store = await import('../../../../src/background/vault/vault-store');
  await handlers['vault/create']({ passphrase: PASSPHRASE, profile: KEY });
  await store.lockVault();
  return store;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('the back-off', () => {
  it('refuses a try at once while another vault write holds the lock', async () => {
    const store = await lockedWorker();
    fake.storage.data.local.set('unlockFailures', { count: 3, lastAt: T0 });
    let release = () => {};
    const held = store.withVaultLock(() => new Promise<void>((resolve) => (release = resolve)));
    const outcome = await Promise.race([
      store.unlockWithPassphrase(PASSPHRASE).then(
        () => 'unlocked',
        (error) => `${error.kind} ${error.params?.seconds}`,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting for the lock'), 50)),
    ]);
    release();
    await held;
    expect(outcome).toBe('too-many-attempts 2');
  });

  it('a try that waited for the lock is checked again against the failures counted meanwhile', async () => {
    const store = await lockedWorker();
    let release = () => {};
    const held = store.withVaultLock(() => new Promise<void>((resolve) => (release = resolve)));
    const tried = store.unlockWithPassphrase(PASSPHRASE).catch((error) => error.kind);
    await new Promise((resolve) => setTimeout(resolve, 10));
    fake.storage.data.local.set('unlockFailures', { count: 3, lastAt: T0 }); // counted while it waited
    release();
    await held;
    expect(await tried).toBe('too-many-attempts');
    expect(await store.vaultState()).toBe('locked');
  });
});

describe('withVaultLock', () => {
  it('runs one write at a time, and a failed one frees the lock', async () => {
    const store = await lockedWorker();
    const order: string[] = [];
    const first = store.withVaultLock(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('first');
      throw new Error('first failed');
    });
    const second = store.withVaultLock(async () => {
      order.push('second');
      return 2;
    });
    await expect(first).rejects.toThrow('first failed');
    expect(await second).toBe(2);
    expect(order).toEqual(['first', 'second']);
  });
});
