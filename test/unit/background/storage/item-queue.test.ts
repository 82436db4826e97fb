// The typed item's less travelled roads: migrations step by step from the stored version (never for a value already
// current, nothing stored but the version when nothing was stored, tried again after a failure), modify's result,
// a fresh fallback on every read, removal after the writes already queued, and the per-key queue surviving a failed
// task. Each test uses its own item objects on a fresh module (the migration memo is per item object).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { item, queueCount, removeKeys, serialised } = await import('../../../../src/background/storage/item');

beforeEach(() => {
  fake.storage.hold(false);
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
});

const steps = () => ({
  2: vi.fn((old: unknown) => ({ ...(old as object), two: true })),
  3: vi.fn((old: unknown) => ({ ...(old as object), three: true })),
});

describe('migrations', () => {
  it('run every step from version 1 up, in order, once, and record the version', async () => {
    fake.storage.data.local.set('settings', { v: 1 });
    const migrations = steps();
    const settings = item<object>('settings', { fallback: {}, version: 3, migrations });
    expect(await settings.get()).toEqual({ v: 1, two: true, three: true });
    await settings.set({ x: 1 });
    expect(await settings.get()).toEqual({ x: 1 });
    expect(migrations[2]).toHaveBeenCalledTimes(1);
    expect(migrations[3]).toHaveBeenCalledTimes(1);
    expect(fake.storage.data.local.get('storageVersions')).toEqual({ settings: 3 });
  });

  it('start from the stored version, and a value already current is left alone', async () => {
    fake.storage.data.local.set('settings', { v: 2 });
    fake.storage.data.local.set('storageVersions', { history: 4, settings: 2 });
    const migrations = steps();
    expect(await item<object>('settings', { fallback: {}, version: 3, migrations }).get()).toEqual({
      v: 2,
      three: true,
    });
    expect(migrations[2]).not.toHaveBeenCalled();
    expect(fake.storage.data.local.get('storageVersions')).toEqual({ history: 4, settings: 3 });

    const again = steps();
    expect(await item<object>('settings', { fallback: {}, version: 3, migrations: again }).get()).toEqual({
      v: 2,
      three: true,
    });
    expect(again[3]).not.toHaveBeenCalled();
  });

  it('a missing step keeps the value; nothing stored is only recorded as current', async () => {
    fake.storage.data.local.set('settings', { v: 1 });
    expect(await item<object>('settings', { fallback: { none: 1 }, version: 2 }).get()).toEqual({ v: 1 });
    expect(fake.storage.data.local.get('storageVersions')).toEqual({ settings: 2 });

    const migrations = steps();
    expect(await item<object>('history', { fallback: { none: 1 }, version: 3, migrations }).get()).toEqual({ none: 1 });
    expect(migrations[2]).not.toHaveBeenCalled();
    expect(fake.storage.data.local.has('history')).toBe(false);
    expect(fake.storage.data.local.get('storageVersions')).toEqual({ settings: 2, history: 3 });
  });

  it('a step missing between two others keeps the value for that step and runs the next', async () => {
    fake.storage.data.local.set('settings', { v: 1 });
    const three = vi.fn((old: unknown) => ({ ...(old as object), three: true }));
    expect(await item<object>('settings', { fallback: {}, version: 3, migrations: { 3: three } }).get()).toEqual({
      v: 1,
      three: true,
    });
    expect(fake.storage.data.local.get('storageVersions')).toEqual({ settings: 3 });
  });

  it('data a newer version wrote is left alone: neither rewritten nor marked older', async () => {
    fake.storage.data.local.set('settings', { v: 4 });
    fake.storage.data.local.set('storageVersions', { settings: 4 });
    const set = vi.spyOn(fake.storage.local, 'set');
    expect(await item<object>('settings', { fallback: {}, version: 3, migrations: steps() }).get()).toEqual({ v: 4 });
    expect(fake.storage.data.local.get('storageVersions')).toEqual({ settings: 4 });
    // A current value is not written again either.
    expect(await item<object>('settings', { fallback: {}, version: 4, migrations: steps() }).get()).toEqual({ v: 4 });
    expect(set).not.toHaveBeenCalled();
    set.mockRestore();
  });

  it('a version table that is not numbers reads as version 1', async () => {
    fake.storage.data.local.set('settings', { v: 1 });
    fake.storage.data.local.set('storageVersions', { settings: '3' });
    expect(await item<object>('settings', { fallback: {}, version: 2, migrations: steps() }).get()).toEqual({
      v: 1,
      two: true,
    });
  });

  it('a failed migration stores nothing and is tried again on the next read', async () => {
    fake.storage.data.local.set('settings', { v: 1 });
    let fail = true;
    const settings = item<object>('settings', {
      fallback: {},
      version: 2,
      migrations: {
        2: (old) => {
          if (fail) throw new Error('not yet');
          return { ...(old as object), two: true };
        },
      },
    });
    await expect(settings.get()).rejects.toThrow('not yet');
    expect(fake.storage.data.local.get('settings')).toEqual({ v: 1 });
    expect(fake.storage.data.local.has('storageVersions')).toBe(false);
    fail = false;
    expect(await settings.get()).toEqual({ v: 1, two: true });
  });

  it('a version-1 item never reads or writes the version table', async () => {
    fake.storage.data.local.set('storageVersions', { settings: 5 });
    await item<object>('settings', { fallback: {} }).set({ a: 1 });
    expect(fake.storage.data.local.get('storageVersions')).toEqual({ settings: 5 });
  });
});

describe('reads and writes', () => {
  it('modify stores the new value and answers the result', async () => {
    const counter = item<number>('lastActivity', { fallback: 0 });
    expect(await counter.modify((n) => [n + 5, `was ${n}`])).toBe('was 0');
    expect(fake.storage.data.session.get('lastActivity')).toBe(5);
    expect(await counter.update((n) => n * 2)).toBe(10);
  });

  it('a reader that refuses the stored value gives a fresh fallback; a stored undefined is the fallback too', async () => {
    const table = item<{ list: number[] }>('history', { fallback: { list: [] }, read: () => undefined });
    fake.storage.data.local.set('history', { list: [1] });
    const a = await table.get();
    a.list.push(9);
    expect(await table.get()).toEqual({ list: [] });
  });

  it('removeKeys removes each key after the writes already queued for it, in its own area', async () => {
    const activity = item<number>('lastActivity', { fallback: 0 });
    const history = item<number[]>('history', { fallback: [] });
    fake.storage.data.local.set('settings', { keep: true });
    fake.storage.hold(); // the two writes wait inside their queues
    const writes = [activity.set(1), history.set([1])];
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.storage.pending).toHaveLength(2);
    const removal = removeKeys(['lastActivity', 'history']);
    fake.storage.hold(false);
    await Promise.all([...writes, removal]);
    expect(fake.storage.data.session.has('lastActivity')).toBe(false);
    expect(fake.storage.data.local.has('history')).toBe(false);
    expect(fake.storage.data.local.get('settings')).toEqual({ keep: true });
  });

  it('removeKeys waits for a change still being computed in the key queue', async () => {
    const history = item<number[]>('history', { fallback: [] });
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const change = history.modify(async (list) => {
      await gate;
      return [[...list, 1], 'changed'];
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const removal = removeKeys(['history']);
    release();
    await Promise.all([change, removal]);
    expect(fake.storage.data.local.has('history')).toBe(false);
  });

  it('nothing stored is the fallback, whatever the reader would make of it', async () => {
    const table = item<{ list: number[] }>('history', { fallback: { list: [] }, read: () => ({ list: [7] }) });
    expect(await table.get()).toEqual({ list: [] });
    fake.storage.data.local.set('history', { list: [1] });
    expect(await table.get()).toEqual({ list: [7] });
  });

  it('item.remove waits for the write queued before it', async () => {
    const activity = item<number>('lastActivity', { fallback: 0 });
    fake.storage.hold();
    const write = activity.set(3);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const removal = activity.remove();
    fake.storage.hold(false);
    await Promise.all([write, removal]);
    expect(fake.storage.data.session.has('lastActivity')).toBe(false);
  });
});

describe('serialised', () => {
  it('runs one queue in order, a failure rejecting its caller only', async () => {
    const order: string[] = [];
    const slow = serialised('q', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('first');
      throw new Error('first failed');
    });
    const next = serialised('q', async () => {
      order.push('second');
      return 2;
    });
    const other = serialised('other', async () => {
      order.push('other queue');
      return 3;
    });
    await expect(slow).rejects.toThrow('first failed');
    expect(await next).toBe(2);
    expect(await other).toBe(3);
    expect(order).toEqual(['other queue', 'first', 'second']);
  });

  it('work added while a later task runs still waits for it; a drained queue is forgotten', async () => {
    const order: string[] = [];
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const first = serialised('q', async () => {
      await pause(5);
      order.push('first');
    });
    const second = serialised('q', async () => {
      order.push('second starts');
      await pause(30);
      order.push('second ends');
    });
    await first;
    await pause(5); // the first task's queue entry has settled; the second runs
    const third = serialised('q', async () => {
      order.push('third');
    });
    await Promise.all([second, third]);
    expect(order).toEqual(['first', 'second starts', 'second ends', 'third']);
    await pause(0);
    expect(queueCount()).toBe(0);
  });
});
