// Auto-lock: activity (re)creates the 'auto-lock' alarm with the configured minutes (0 clears it: the browser's exit
// locks), and that alarm firing locks the vault: state 'locked', the session key and every wipe-on-lock key removed,
// everything else kept, the alarm cleared. Another alarm's firing changes nothing.
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
const POPUP = { id: 'test-extension', url: 'chrome-extension://test-extension/src/popup/index.html' };
const KEY = { label: 'Client', publicKey: 'abcdefg1', privateKey: '1a2b3c4d-0000-4000-8000-000000000001' };

async function worker() {
  vi.resetModules();
  const { handlers } = await import('../../../../src/background/messaging/handlers');
  const { createRouter } = await import('../../../../src/background/messaging/router');
  const autoLock = await import('../../../../src/background/vault/auto-lock');
  const { vaultState } = await import('../../../../src/background/vault/vault-store');
  const { STORAGE_KEYS } = await import('../../../../src/background/storage/keys');
  const router = createRouter(handlers);
  // The answer, once the activity the message noted after it is done (the router does not wait for it).
  const send = async (name: string, request: object = {}) => {
    const reply = await router({ name, request }, POPUP);
    await autoLock.activityNoted();
    return reply;
  };
  return { handlers, send, vaultState, STORAGE_KEYS, ...autoLock };
}

async function unlockedVault() {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  fake.alarms.clear();
  const w = await worker();
  await w.handlers['vault/create']({ passphrase: PASSPHRASE, profile: KEY });
  return w;
}

beforeEach(() => {
  fake.alarms.clear();
});

describe('auto-lock: the alarm', () => {
  it("is named 'auto-lock'", async () => {
    expect((await worker()).AUTO_LOCK_ALARM).toBe('auto-lock');
  });

  it.each([1, 5, 15, 60])('activity sets it to the configured %i minutes', async (minutes) => {
    const w = await unlockedVault();
    fake.storage.data.local.set('settings', { autoLockMinutes: minutes });
    await w.noteActivity();
    expect([...fake.alarms]).toEqual([['auto-lock', { delayInMinutes: minutes }]]);
  });

  it('with no settings stored, or a value outside the choices, it is 15 minutes', async () => {
    const w = await unlockedVault();
    fake.storage.data.local.delete('settings');
    await w.noteActivity();
    expect(fake.alarms.get('auto-lock')).toEqual({ delayInMinutes: 15 });
    fake.storage.data.local.set('settings', { autoLockMinutes: 7 });
    await w.noteActivity();
    expect(fake.alarms.get('auto-lock')).toEqual({ delayInMinutes: 15 });
  });

  it('0 minutes clears it', async () => {
    const w = await unlockedVault();
    await w.noteActivity();
    expect(fake.alarms.has('auto-lock')).toBe(true);
    fake.storage.data.local.set('settings', { autoLockMinutes: 0 });
    await w.noteActivity();
    expect(fake.alarms.has('auto-lock')).toBe(false);
  });

  it('activity notes its time in the session', async () => {
    const w = await unlockedVault();
    fake.storage.data.session.delete('lastActivity');
    const before = Date.now();
    await w.noteActivity();
    const noted = fake.storage.data.session.get('lastActivity') as number;
    expect(noted).toBeGreaterThanOrEqual(before);
    expect(noted).toBeLessThanOrEqual(Date.now());
  });

  it('a message through the router is activity: settings/set to 5 then a message sets the alarm to 5', async () => {
    const w = await unlockedVault();
    expect(await w.send('settings/set', { autoLockMinutes: 5 })).toEqual({ ok: true, value: { autoLockMinutes: 5 } });
    expect(fake.alarms.get('auto-lock')).toEqual({ delayInMinutes: 5 });
    expect(await w.send('settings/set', { autoLockMinutes: 0 })).toMatchObject({ ok: true });
    expect(fake.alarms.has('auto-lock')).toBe(false);
  });
  it('a message while the vault is locked arms nothing (found by the Firefox run: the settings page, still open after "Lock now", asked for its context and re-armed it)', async () => {
    const w = await unlockedVault();
    fake.storage.data.local.set('settings', { autoLockMinutes: 5 });
    await w.send('vault/lock');
    expect(fake.alarms.has('auto-lock')).toBe(false);
    await w.send('context/get');
    expect(await w.vaultState()).toBe('locked');
    expect(fake.alarms.has('auto-lock')).toBe(false);
    await w.send('vault/unlock', { passphrase: PASSPHRASE });
    expect(fake.alarms.get('auto-lock')).toEqual({ delayInMinutes: 5 });
  });
});

describe('auto-lock: the alarm firing', () => {
  it('locks the vault: the session key and every wipe-on-lock key removed, the rest kept, the alarm cleared', async () => {
    const w = await unlockedVault();
    await w.noteActivity();
    fake.storage.data.session.set('digestNonces', { 'k|realm': { nonce: 'n', nc: 3, updatedAt: 1 } });
    fake.storage.data.session.set('inFlight', { org1: { operation: 'link', startedAt: 1 } });
    fake.storage.data.local.set('settings', { autoLockMinutes: 5 });
    expect(await w.vaultState()).toBe('unlocked');
    expect(fake.storage.data.session.has('vaultKey')).toBe(true);
    expect(fake.storage.data.session.has('lastActivity')).toBe(true);
    const localBefore = structuredClone(Object.fromEntries(fake.storage.data.local));

    await w.onAlarm({ name: 'auto-lock' });

    expect(await w.vaultState()).toBe('locked');
    for (const gone of ['vaultKey', 'lastActivity', 'digestNonces']) {
      expect(fake.storage.data.session.has(gone), gone).toBe(false);
    }
    // Every registry key marked wipe-on-lock is gone, whichever area it lives in.
    for (const [name, spec] of Object.entries(w.STORAGE_KEYS)) {
      if (spec.wipeOnLock) expect(fake.storage.data[spec.area].has(name), name).toBe(false);
    }
    expect(fake.storage.data.session.get('inFlight')).toEqual({ org1: { operation: 'link', startedAt: 1 } });
    expect(Object.fromEntries(fake.storage.data.local)).toEqual(localBefore); // the vault and settings stay
    expect(fake.alarms.has('auto-lock')).toBe(false);
    expect(await w.send('profiles/list')).toEqual({ ok: false, error: { kind: 'vault-locked' } });
  });

  it('the lock holds in a new worker life (the key is not in the session any more)', async () => {
    const w = await unlockedVault();
    await w.onAlarm({ name: 'auto-lock' });
    const next = await worker();
    expect(await next.vaultState()).toBe('locked');
    expect(await next.send('vault/unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    expect(await next.vaultState()).toBe('unlocked');
  });

  it('locks a vault whose key is cached in memory, not only the stored one', async () => {
    const w = await unlockedVault();
    expect(await w.handlers['profiles/list']({})).toHaveLength(1); // key cached in this worker life
    await w.onAlarm({ name: 'auto-lock' });
    expect(await w.send('profiles/list')).toEqual({ ok: false, error: { kind: 'vault-locked' } });
  });

  it('drops the API clients made before it (each holds its own nonce reservations)', async () => {
    const w = await unlockedVault();
    const { apiFor } = await import('../../../../src/background/api/api-clients');
    const profile = { id: 'p1', publicKey: 'abcdefg1', privateKey: KEY.privateKey, baseUrl: 'https://cm.example' };
    const before = apiFor(profile as never);
    expect(apiFor(profile as never)).toBe(before);
    await w.onAlarm({ name: 'auto-lock' });
    expect(apiFor(profile as never)).not.toBe(before);
  });

  it('another alarm changes nothing', async () => {
    const w = await unlockedVault();
    await w.noteActivity();
    const session = structuredClone(Object.fromEntries(fake.storage.data.session));
    await w.onAlarm({ name: 'badge-age' });
    expect(await w.vaultState()).toBe('unlocked');
    expect(Object.fromEntries(fake.storage.data.session)).toEqual(session);
    expect(fake.alarms.get('auto-lock')).toEqual({ delayInMinutes: 15 });
  });

  it('vault/lock does the same and sets no alarm again', async () => {
    const w = await unlockedVault();
    await w.noteActivity();
    expect(await w.send('vault/lock')).toEqual({ ok: true, value: null });
    expect(await w.vaultState()).toBe('locked');
    expect(fake.storage.data.session.has('vaultKey')).toBe(false);
    expect(fake.alarms.has('auto-lock')).toBe(false);
  });
});

describe('auto-lock: activity noted after the answer', () => {
  afterEach(() => vi.restoreAllMocks());

  /** alarms.create held until `release()`: the activity note stays unfinished meanwhile. */
  function holdAlarms() {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const create = fake.browser.alarms.create;
    vi.spyOn(fake.browser.alarms, 'create').mockImplementation(async (name: string, info: unknown) => {
      await held;
      return create(name, info);
    });
    return () => release();
  }

  it("the router answers 'context/get' before the activity is noted, and the note is still made after", async () => {
    const w = await unlockedVault();
    const release = holdAlarms();
    const router = (await import('../../../../src/background/messaging/router')).createRouter(w.handlers);
    // Answered while the note still waits for its alarm: a router that awaited the note would never answer here.
    const reply = await router({ name: 'context/get', request: {} }, POPUP);
    expect(reply).toMatchObject({ ok: true, value: { vault: 'unlocked' } });
    expect(fake.alarms.has('auto-lock')).toBe(false);
    release();
    await w.activityNoted();
    expect(fake.alarms.get('auto-lock')).toEqual({ delayInMinutes: 15 });
  });

  it('a lock waits for the notes queued before it: no alarm and no activity time are left behind it', async () => {
    const w = await unlockedVault();
    const release = holdAlarms();
    const router = (await import('../../../../src/background/messaging/router')).createRouter(w.handlers);
    await router({ name: 'settings/get', request: {} }, POPUP);
    const locked = router({ name: 'vault/lock', request: {} }, POPUP);
    release();
    expect(await locked).toEqual({ ok: true, value: null });
    await w.activityNoted();
    expect(fake.alarms.has('auto-lock')).toBe(false);
    expect(fake.storage.data.session.has('lastActivity')).toBe(false);
  });
});
