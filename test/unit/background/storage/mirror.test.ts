// The worker's copy of a storage area (src/background/storage/mirror.ts): each key asked of the browser once, the
// worker's own writes kept, anything it cannot vouch for forgotten (a failed write, a change from elsewhere, a write
// while a read was in flight), and nothing left of a removed key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrored, sameJson } from '../../../../src/background/storage/mirror';

/** An area whose calls are counted, and whose get can be held until the test lets it answer. */
function countingArea(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(structuredClone(initial)));
  const calls = { get: 0, set: 0, remove: 0 };
  let held: ((go: () => void) => void) | undefined;
  let failNextSet = false;
  const area = {
    async get(keys: string | string[] | null) {
      calls.get++;
      const names = keys === null ? [...data.keys()] : typeof keys === 'string' ? [keys] : keys;
      const out: Record<string, unknown> = {};
      for (const k of names) if (data.has(k)) out[k] = structuredClone(data.get(k));
      if (held) {
        const hold = held;
        held = undefined;
        await new Promise<void>((resolve) => hold(resolve));
      }
      return out;
    },
    async set(items: Record<string, unknown>) {
      calls.set++;
      if (failNextSet) {
        failNextSet = false;
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      for (const [k, v] of Object.entries(items)) data.set(k, JSON.parse(JSON.stringify(v)));
    },
    async remove(keys: string | string[]) {
      calls.remove++;
      for (const k of typeof keys === 'string' ? [keys] : keys) data.delete(k);
    },
  };
  return {
    area,
    data,
    calls,
    /** The next get reads now but answers only when `go` is called. */
    holdNextGet: (take: (go: () => void) => void) => {
      held = take;
    },
    failNextSet: () => {
      failNextSet = true;
    },
  };
}

describe('the storage copy', () => {
  it('asks the browser for a key once, then answers from the copy; each reader gets its own object', async () => {
    const s = countingArea({ orgStatus: { a: { status: 'SYNCED' } } });
    const m = mirrored(s.area);
    const first = await m.get('orgStatus');
    expect(first).toEqual({ orgStatus: { a: { status: 'SYNCED' } } });
    (first.orgStatus as Record<string, unknown>).a = 'changed by a caller';
    expect(await m.get(['orgStatus'])).toEqual({ orgStatus: { a: { status: 'SYNCED' } } });
    expect(await m.get('missing')).toEqual({});
    expect(await m.get('missing')).toEqual({});
    expect(s.calls.get).toBe(2);
  });

  it("answers the worker's own write at once, as storage would hold it (JSON: undefined fields dropped)", async () => {
    const s = countingArea();
    const m = mirrored(s.area);
    const value = { status: 'SYNCED', note: undefined, at: 1 };
    await m.set({ orgStatus: value });
    value.at = 2; // a caller changing its object after the write changes nothing stored
    expect(await m.get('orgStatus')).toEqual({ orgStatus: { status: 'SYNCED', at: 1 } });
    expect(Object.keys((await m.get('orgStatus')).orgStatus as object)).toEqual(['status', 'at']);
    expect(s.calls.get).toBe(0);
    expect(s.data.get('orgStatus')).toEqual({ status: 'SYNCED', at: 1 });
  });

  it('a write the browser refuses is forgotten: the next read asks the browser and finds the old value', async () => {
    const s = countingArea({ history: ['old'] });
    const m = mirrored(s.area);
    await m.get('history');
    s.failNextSet();
    await expect(m.set({ history: ['old', 'new'] })).rejects.toThrow('QUOTA_BYTES');
    expect(await m.get('history')).toEqual({ history: ['old'] });
    expect(s.calls.get).toBe(2);
  });

  it('a removed key (the lock wipes the session key) is absent, and the copy keeps nothing of it', async () => {
    const s = countingArea({ vaultKey: [1, 2, 3], lastActivity: 5 });
    const m = mirrored(s.area);
    await m.get(['vaultKey', 'lastActivity']);
    await m.remove(['vaultKey']);
    expect(await m.get(['vaultKey', 'lastActivity'])).toEqual({ lastActivity: 5 });
    expect(s.data.has('vaultKey')).toBe(false);
    expect(s.calls.get).toBe(1);
    // What the copy holds of the key is the mark "absent": no byte of the removed value.
    expect(JSON.stringify([...Object.values(await m.get(['vaultKey']))])).toBe('[]');
  });

  it("a change from elsewhere is read again; the echo of the worker's own write (keys reordered) is not", async () => {
    const s = countingArea({ settings: { autoLockMinutes: 15 } });
    const m = mirrored(s.area);
    await m.get('settings');
    await m.set({ orgStatus: { b: 2, a: 1 } });
    m.changed({ orgStatus: { newValue: { a: 1, b: 2 } } });
    s.data.set('settings', { autoLockMinutes: 5 }); // another context writes
    m.changed({ settings: { newValue: { autoLockMinutes: 5 } } });
    m.changed({ notRead: { newValue: 1 } });
    expect(await m.get(['settings', 'orgStatus'])).toEqual({
      settings: { autoLockMinutes: 5 },
      orgStatus: { b: 2, a: 1 },
    });
    expect(s.calls.get).toBe(2); // the first read, then settings again; orgStatus came from the copy
    // A key removed elsewhere (no newValue) is read again too.
    s.data.delete('settings');
    m.changed({ settings: { oldValue: { autoLockMinutes: 5 } } as { newValue?: unknown } });
    expect(await m.get('settings')).toEqual({});
  });

  it('a read in flight when the key is written keeps its own answer but not in the copy', async () => {
    const s = countingArea({ orgStatus: 'before' });
    const m = mirrored(s.area);
    let go: () => void = () => undefined;
    s.holdNextGet((resolve) => {
      go = resolve;
    });
    const reading = m.get('orgStatus');
    await Promise.resolve();
    await m.set({ orgStatus: 'after' });
    go();
    // The read was asked before the write: storage answered it the old value, as Chrome orders calls.
    expect(await reading).toEqual({ orgStatus: 'before' });
    expect(await m.get('orgStatus')).toEqual({ orgStatus: 'after' });
    expect(s.calls.get).toBe(1);
  });

  it('a read in flight when a change from elsewhere arrives is not kept either', async () => {
    const s = countingArea({ settings: 'old' });
    const m = mirrored(s.area);
    await m.get('other'); // the copy knows some key: changed() looks only at keys it holds
    let go: () => void = () => undefined;
    s.holdNextGet((resolve) => {
      go = resolve;
    });
    const reading = m.get('settings');
    await Promise.resolve();
    s.data.set('settings', 'new');
    m.changed({ settings: { newValue: 'new' } });
    go();
    await reading;
    expect(await m.get('settings')).toEqual({ settings: 'new' });
  });

  it('the whole area (get(null)) is asked of the browser', async () => {
    const s = countingArea({ a: 1, b: 2 });
    const m = mirrored(s.area);
    expect(await m.get(null)).toEqual({ a: 1, b: 2 });
    expect(await m.get(null)).toEqual({ a: 1, b: 2 });
    expect(s.calls.get).toBe(2);
  });
});

describe('sameJson', () => {
  it('holds for a JSON value and its stored copy, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = JSON.parse(JSON.stringify(value));
        const reordered = JSON.parse(JSON.stringify(copy, (_k, v) => reverseKeys(v)));
        return sameJson(copy, reordered) && sameJson(reordered, copy);
      }),
    );
  });

  it('fails when one leaf differs, an array is an object, or a key is missing', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer(), { minKeys: 1 }), (dict) => {
        const [first] = Object.keys(dict);
        const changed = { ...dict, [first!]: dict[first!]! + 1 };
        const { [first!]: _, ...missing } = dict;
        return !sameJson(dict, changed) && !sameJson(dict, missing) && !sameJson(missing, dict);
      }),
    );
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
  });
});

function reverseKeys(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).reverse());
}
