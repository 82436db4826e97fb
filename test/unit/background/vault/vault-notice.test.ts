// Every open page follows the vault (#32 item 6): the worker tells the pages when it locks (the auto-lock alarm, a
// Lock button) and when it unlocks or is created, after the fact (a page that asks then hears the new state), with
// the state only; a wrong passphrase tells nothing, and a lock with no page open to hear it still locks.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const { fastKdf } = await vi.hoisted(async () => import('../../../support/fast-kdf'));
vi.mock('../../../../src/core/vault/keys', fastKdf);
vi.mock('../../../../src/background/vault/key-identity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/background/vault/key-identity')>()),
  identifyKey: async () => ({ kind: 'org', org: { id: '000000000000000000000001', name: 'Org 1' }, projects: [] }),
}));

const PASSPHRASE = 'a passphrase 123';
const SETTINGS_PAGE = { id: 'test-extension', url: 'chrome-extension://test-extension/src/options/index.html' };
const KEY = { label: 'Client', publicKey: 'abcdefg1', privateKey: '1a2b3c4d-0000-4000-8000-000000000001' };

async function worker() {
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const autoLock = await import('../../../../src/background/vault/auto-lock');
  const router = createRouter(handlers);
  const send = (name: string, request: object = {}) => router({ name, request }, SETTINGS_PAGE);
  return { send, ...autoLock };
}

beforeEach(() => {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  fake.pageMessages.length = 0;
  vi.restoreAllMocks();
});

describe('the open pages hear the vault lock and unlock', () => {
  it('creating the vault, the auto-lock alarm, an unlock and the Lock button are each told once, state only', async () => {
    const w = await worker();
    await w.send('vault/create', { passphrase: PASSPHRASE, profile: KEY });
    expect(fake.pageMessages).toEqual([{ notice: 'vault-state', vault: 'unlocked' }]);

    await w.onAlarm({ name: w.AUTO_LOCK_ALARM });
    expect(fake.pageMessages.at(-1)).toEqual({ notice: 'vault-state', vault: 'locked' });

    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    await w.send('vault/lock');
    expect(fake.pageMessages).toEqual([
      { notice: 'vault-state', vault: 'unlocked' },
      { notice: 'vault-state', vault: 'locked' },
      { notice: 'vault-state', vault: 'unlocked' },
      { notice: 'vault-state', vault: 'locked' },
    ]);
    // Nothing secret in what every page hears.
    const heard = JSON.stringify(fake.pageMessages);
    for (const secret of [PASSPHRASE, KEY.privateKey]) expect(heard).not.toContain(secret);
  });

  it('is told after the fact: at the lock notice the session is wiped, at the unlock notice the vault opens', async () => {
    const w = await worker();
    await w.send('vault/create', { passphrase: PASSPHRASE, profile: KEY });
    const seen: { vault: unknown; stateThen: unknown; sessionKeyThen: boolean }[] = [];
    vi.spyOn(fake.browser.runtime, 'sendMessage').mockImplementation(async (message) => {
      const reply = (await w.send('context/get')) as { ok: true; value: { vault: string } };
      seen.push({
        vault: (message as { vault: string }).vault,
        stateThen: reply.value.vault,
        sessionKeyThen: fake.storage.data.session.has('vaultKey'),
      });
    });
    await w.send('vault/lock');
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([
      { vault: 'locked', stateThen: 'locked', sessionKeyThen: false },
      { vault: 'unlocked', stateThen: 'unlocked', sessionKeyThen: true },
    ]);
  });

  it('a wrong passphrase tells nothing; a lock with no page open to hear it still locks', async () => {
    const w = await worker();
    await w.send('vault/create', { passphrase: PASSPHRASE, profile: KEY });
    fake.pageMessages.length = 0;
    vi.spyOn(fake.browser.runtime, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    expect(await w.send('vault/lock')).toEqual({ ok: true, value: null });
    expect(fake.storage.data.session.has('vaultKey')).toBe(false);
    vi.restoreAllMocks();
    expect((await w.send('vault/unlock', { passphrase: 'not the passphrase' })) as { ok: boolean }).toMatchObject({
      ok: false,
    });
    expect(fake.pageMessages).toEqual([]);
  });
});
