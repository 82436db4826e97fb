// The storage layer: typed items with a fallback, readers that drop malformed values, migrations run once, and
// update(fn) serialised per key so concurrent read-modify-writes never lose one another.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { interleave, randomPolicy } from '../../../support/scheduled-storage';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { item } = await import('../../../../src/background/storage/item');
const { STORAGE_KEYS } = await import('../../../../src/background/storage/keys');

beforeEach(() => {
  fake.storage.hold(false);
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
});

describe('storage items', () => {
  it('answers a fresh copy of the fallback, and what the reader accepts', async () => {
    const table = item<Record<string, number>>('history', {
      fallback: {},
      read: (s) =>
        typeof s === 'object' && s !== null && !Array.isArray(s) ? (s as Record<string, number>) : undefined,
    });
    const first = await table.get();
    first.x = 1; // must not leak into the next answer
    expect(await table.get()).toEqual({});
    fake.storage.data.local.set('history', ['not', 'a', 'table']);
    expect(await table.get()).toEqual({});
    fake.storage.data.local.set('history', { a: 1 });
    expect(await table.get()).toEqual({ a: 1 });
  });

  it.each([1, 2, 3, 4, 5, 6])('serialises 20 concurrent updates of one key (schedule %i)', async (seed) => {
    const counter = item<number>('lastActivity', { fallback: 0 });
    const actors = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`u${i}`, () => counter.update((n) => n + 1)]),
    );
    await interleave(fake.storage, actors, randomPolicy(seed));
    expect(await counter.get()).toBe(20);
  });

  it('stores nothing for undefined, and removes', async () => {
    const value = item<string | undefined>('vaultKey', { fallback: undefined });
    await value.update(() => 'x');
    expect(fake.storage.data.session.get('vaultKey')).toBe('x');
    await value.update(() => undefined);
    expect(fake.storage.data.session.has('vaultKey')).toBe(false);
  });

  it('writes nothing when an update hands back the value it was given: a key the lock wiped stays absent', async () => {
    const table = item<string[]>('popupSnapshots', { fallback: [] });
    expect(await table.update((current) => current)).toEqual([]);
    expect(fake.storage.data.session.has('popupSnapshots')).toBe(false);
    await table.update(() => ['a']);
    expect(fake.storage.data.session.get('popupSnapshots')).toEqual(['a']);
  });

  it('migrates an older stored shape once, and records its version', async () => {
    fake.storage.data.local.set('settings', { lockAfter: 5 });
    const migrate = vi.fn((old: unknown) => ({ autoLockMinutes: (old as { lockAfter: number }).lockAfter }));
    const settings = item<{ autoLockMinutes?: number }>('settings', {
      fallback: {},
      version: 2,
      migrations: { 2: migrate },
    });
    expect(await settings.get()).toEqual({ autoLockMinutes: 5 });
    expect(await settings.get()).toEqual({ autoLockMinutes: 5 });
    expect(migrate).toHaveBeenCalledTimes(1);
    expect(fake.storage.data.local.get('storageVersions')).toEqual({ settings: 2 });
  });

  it('keeps every key in the registry, in the area it is used in', () => {
    expect(STORAGE_KEYS.vaultKey).toMatchObject({ area: 'session', wipeOnLock: true });
    expect(STORAGE_KEYS.digestNonces).toMatchObject({ area: 'session', wipeOnLock: true });
    expect(STORAGE_KEYS.vault).toMatchObject({ area: 'local', wipeOnLock: false, encrypted: true });
  });
});
