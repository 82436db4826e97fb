// What the dashboard keeps in storage: the refresh concurrency (whole numbers 1..8, the default 4 for anything
// unreadable, in storage.local) and the last run's summary without its per-org items (storage.session).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RefreshProgress } from '../../../../src/shared/dashboard-messages';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const store = await import('../../../../src/background/dashboard/refresh-store');

beforeEach(() => {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
});

describe('refresh concurrency', () => {
  it('is clamped to a whole number from 1 to 8; what is not a number reads as the default 4', () => {
    const cases: [unknown, number][] = [
      [1, 1],
      [3.9, 3],
      [8, 8],
      [9, 8],
      [0, 1],
      [-3, 1],
      ['5', 5],
      ['abc', 4],
      [undefined, 4],
      [Number.POSITIVE_INFINITY, 4],
      [Number.NEGATIVE_INFINITY, 4],
    ];
    expect(cases.map(([value]) => store.clampConcurrency(value))).toEqual(cases.map(([, n]) => n));
    expect([store.DEFAULT_REFRESH_CONCURRENCY, store.MAX_REFRESH_CONCURRENCY]).toEqual([4, 8]);
  });

  it('reads the default before any choice, and a stored value clamped', async () => {
    expect(await store.readConcurrency()).toBe(4);
    fake.storage.data.local.set('dashboardConcurrency', 30);
    expect(await store.readConcurrency()).toBe(8);
    fake.storage.data.local.set('dashboardConcurrency', 2.5);
    expect(await store.readConcurrency()).toBe(2);
    fake.storage.data.local.set('dashboardConcurrency', 'many');
    expect(await store.readConcurrency()).toBe(4);
  });

  it('is saved clamped', async () => {
    await store.saveConcurrency(12);
    expect(fake.storage.data.local.get('dashboardConcurrency')).toBe(8);
    await store.saveConcurrency(6.7);
    expect(fake.storage.data.local.get('dashboardConcurrency')).toBe(6);
  });
});

describe('the last run', () => {
  it('is kept in the session without its items, and read back as stored', async () => {
    expect(await store.readStoredRefresh()).toBeUndefined();
    const progress: RefreshProgress = {
      runId: 'r1',
      state: 'running',
      total: 3,
      succeeded: 1,
      failed: 0,
      skipped: 0,
      running: 2,
      concurrency: 2,
      maxConcurrency: 2,
      rateLimited: 0,
      startedAt: 10,
      seq: 5,
      items: [{ orgId: 'a'.repeat(24), state: 'ok', seq: 5 }],
    };
    await store.storeRefresh(progress);
    const { items: _items, ...summary } = progress;
    expect(fake.storage.data.session.get('dashboardRefresh')).toEqual(summary);
    expect(fake.storage.data.local.has('dashboardRefresh')).toBe(false);
    expect(await store.readStoredRefresh()).toEqual(summary);
  });
});
