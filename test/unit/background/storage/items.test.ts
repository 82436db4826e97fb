// The worker's typed items as they read what storage holds: a malformed record reads as the fallback, a table keeps
// its good entries and drops the bad ones (one bad record never breaks the others); the vault envelope's keys go to
// their registered area; and the registry says which keys the lock wipes and which hold only ciphertext.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const items = await import('../../../../src/background/storage/items');
const { keysOf, STORAGE_KEYS } = await import('../../../../src/background/storage/keys');

beforeEach(() => {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
});

const stored = (area: 'local' | 'session', key: string, value: unknown) => fake.storage.data[area].set(key, value);

describe('tables of records', () => {
  it.each([
    ['orgStatus', items.orgStatusItem],
    ['groupOrg', items.groupOrgItem],
  ] as const)('%s keeps the records with a text orgId, drops the others', async (key, item) => {
    stored('local', key, { a: { orgId: 'o1', name: 'A' }, b: { orgId: 2 }, c: 'x', d: null, e: [{ orgId: 'o' }] });
    expect(await item.get()).toEqual({ a: { orgId: 'o1', name: 'A' } });
    for (const bad of ['x', [1], null, 3]) {
      stored('local', key, bad);
      expect(await item.get()).toEqual({});
    }
  });

  it('inFlight keeps notes with an operation and a start time', async () => {
    stored('session', 'inFlight', {
      a: { operation: 'link', startedAt: 5 },
      b: { operation: 'link' },
      c: { startedAt: 5 },
      d: { operation: 1, startedAt: 5 },
      e: { operation: 'link', startedAt: '5' },
    });
    expect(await items.inFlightItem.get()).toEqual({ a: { operation: 'link', startedAt: 5 } });
  });

  it('digestNonces keeps any record that is an object', async () => {
    stored('session', 'digestNonces', { a: { nonce: 'n' }, b: 'n', c: [] });
    expect(await items.noncesItem.get()).toEqual({ a: { nonce: 'n' } });
    stored('session', 'digestNonces', ['x']);
    expect(await items.noncesItem.get()).toEqual({});
  });

  it('tokenFingerprints keeps the text values only', async () => {
    stored('local', 'tokenFingerprints', { f1: 'o1', f2: 2, f3: { o: 1 } });
    expect(await items.tokenFingerprintsItem.get()).toEqual({ f1: 'o1' });
    stored('local', 'tokenFingerprints', 'f1');
    expect(await items.tokenFingerprintsItem.get()).toEqual({});
    stored('local', 'tokenFingerprints', ['o1']);
    expect(await items.tokenFingerprintsItem.get()).toEqual({});
  });
});

describe('single records', () => {
  it('history keeps the entries of an org, in order', async () => {
    stored('local', 'history', [{ orgId: 'o1', at: 1 }, { orgId: 2 }, 'x', null, { orgId: 'o2', at: 2 }]);
    expect(await items.historyItem.get()).toEqual([
      { orgId: 'o1', at: 1 },
      { orgId: 'o2', at: 2 },
    ]);
    stored('local', 'history', { orgId: 'o1' });
    expect(await items.historyItem.get()).toEqual([]);
  });

  it('settings must be an object', async () => {
    stored('local', 'settings', { autoLockMinutes: 5 });
    expect(await items.settingsItem.get()).toEqual({ autoLockMinutes: 5 });
    for (const bad of [[5], 'x', null]) {
      stored('local', 'settings', bad);
      expect(await items.settingsItem.get()).toEqual({});
    }
  });

  it('unlockFailures needs a numeric count and time, else it is no failures', async () => {
    stored('local', 'unlockFailures', { count: 2, lastAt: 9 });
    expect(await items.unlockFailuresItem.get()).toEqual({ count: 2, lastAt: 9 });
    for (const bad of [{ count: 2 }, { lastAt: 9 }, { count: 2, lastAt: '9' }, { count: '2', lastAt: 9 }, [2, 9], 7]) {
      stored('local', 'unlockFailures', bad);
      expect(await items.unlockFailuresItem.get()).toEqual({ count: 0, lastAt: 0 });
    }
  });

  it('the vault key is text or nothing', async () => {
    expect(await items.vaultKeyItem.get()).toBeUndefined();
    stored('session', 'vaultKey', 'a2V5');
    expect(await items.vaultKeyItem.get()).toBe('a2V5');
    stored('session', 'vaultKey', { k: 1 });
    expect(await items.vaultKeyItem.get()).toBeUndefined();
  });

  it('the last refresh run is an object or nothing; the others answer their fallbacks', async () => {
    stored('session', 'dashboardRefresh', { total: 3 });
    expect(await items.refreshRunItem.get()).toEqual({ total: 3 });
    stored('session', 'dashboardRefresh', [3]);
    expect(await items.refreshRunItem.get()).toBeUndefined();
    expect(await items.autoCheckBudgetItem.get()).toEqual({ windowStart: 0, used: 0 });
    expect(await items.lastActivityItem.get()).toBe(0);
    expect(await items.concurrencyItem.get()).toBeUndefined();
  });
});

describe('vaultStorage', () => {
  it('reads, writes and removes the envelope keys in storage.local', async () => {
    await items.vaultStorage.set({ vault: { v: 1 }, 'vault.next': { v: 2 } });
    expect(Object.fromEntries(fake.storage.data.local)).toEqual({ vault: { v: 1 }, 'vault.next': { v: 2 } });
    expect(await items.vaultStorage.get('vault')).toEqual({ v: 1 });
    expect(await items.vaultStorage.get('vault.next')).toEqual({ v: 2 });
    await items.vaultStorage.remove(['vault.next']);
    expect([...fake.storage.data.local.keys()]).toEqual(['vault']);
    expect(fake.storage.data.session.size).toBe(0);
  });

  it('refuses a key the registry does not know', async () => {
    await expect(items.vaultStorage.set({ secret: 'x' })).rejects.toThrow('unregistered storage key: secret');
    await expect(items.vaultStorage.remove(['secret'])).rejects.toThrow('unregistered storage key: secret');
    expect(fake.storage.data.local.size).toBe(0);
  });
});

describe('the registry', () => {
  it('the lock wipes the session key, the activity time, the nonces, the access tokens and the kept popup panels, and nothing else', () => {
    expect(keysOf((spec) => spec.wipeOnLock)).toEqual([
      'vaultKey',
      'lastActivity',
      'digestNonces',
      'oauthTokens',
      'popupSnapshots',
    ]);
  });

  it('only the envelope keys hold ciphertext; the session holds what dies with the browser', () => {
    expect(keysOf((spec) => spec.encrypted === true)).toEqual(['vault', 'vault.next']);
    expect(keysOf((spec) => spec.area === 'session')).toEqual([
      'vaultKey',
      'lastActivity',
      'digestNonces',
      'oauthTokens',
      'inFlight',
      'popupSnapshots',
      'dashboardRefresh',
      'autoCheckBudget',
      'migrationWatch',
    ]);
    expect(keysOf((spec) => spec.area === 'local')).toEqual([
      'vault',
      'vault.next',
      'orgStatus',
      'groupOrg',
      'tokenFingerprints',
      'settings',
      'unlockFailures',
      'history',
      'dashboardConcurrency',
      'storageVersions',
      'migrations',
      'migrationValidations',
      'migrationPlans',
      'migrationBatch',
    ]);
    expect(Object.keys(STORAGE_KEYS)).toHaveLength(23);
  });
});
