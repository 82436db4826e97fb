// A storage area behind a copy in the worker's memory (#33 item 4): each key is asked of the browser once per worker
// life, then answered from the copy, which the worker's own writes keep current. Every storage call is a round trip
// to the browser process (about 1 ms idle, 5 ms on a loaded machine); the popup's 'context/get' made five of them in
// a row. The copy is only ever a cache: whatever it cannot vouch for it forgets, and the next read asks the browser.
// - A write updates the copy at once (a read that follows sees it, as with the browser's own ordering) and, if the
//   browser refuses it (a full quota), forgets the keys.
// - storage.onChanged (`changed`) tells of writes by anyone: a key whose new value is not the copy's is forgotten,
//   so a write from elsewhere (a test, another context) is never hidden for longer than the event takes to arrive.
// - A read in flight does not keep a value written or forgotten meanwhile (a generation per key).
// Values are stored as JSON, as Chrome's storage does (undefined fields dropped), and every reader gets its own copy.
// Removing a key (the lock's wipe of the session key, nonces and tokens) leaves nothing of it in the copy.
import type { StorageAreaLike } from '../platform/browser';

const ABSENT = Symbol('absent');
type Known = unknown | typeof ABSENT;

/** What storage would hand back for `value`: a JSON copy (undefined answers undefined). */
const asStored = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** Equal as JSON values, whatever the key order (Chrome's echo of a write may sort an object's keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

export interface MirroredArea extends StorageAreaLike {
  /** storage.onChanged's changes for this area. */
  changed(changes: Record<string, { newValue?: unknown }>): void;
  /** How many keys the copy holds (tests). */
  readonly size: number;
}

export function mirrored(area: StorageAreaLike): MirroredArea {
  const known = new Map<string, Known>();
  const generation = new Map<string, number>();
  const gen = (key: string) => generation.get(key) ?? 0;
  const forget = (key: string) => {
    known.delete(key);
    generation.set(key, gen(key) + 1);
  };
  const put = (key: string, value: Known) => {
    generation.set(key, gen(key) + 1);
    known.set(key, value);
  };
  const copyOut = (value: unknown) => structuredClone(value);

  return {
    get size() {
      return known.size;
    },
    async get(keys) {
      // The whole area (nobody in the worker asks for it today): straight from the browser.
      if (keys === null) return area.get(null);
      const names = typeof keys === 'string' ? [keys] : keys;
      const out: Record<string, unknown> = {};
      const missing: string[] = [];
      // What the copy holds now is what this read answers, whatever a later write does meanwhile.
      for (const key of names) {
        if (!known.has(key)) missing.push(key);
        else if (known.get(key) !== ABSENT) out[key] = copyOut(known.get(key));
      }
      if (missing.length === 0) return out;
      const asked = missing.map(gen);
      const fetched = await area.get(missing);
      missing.forEach((key, i) => {
        const value = Object.hasOwn(fetched, key) ? fetched[key] : ABSENT;
        // Kept only if nothing wrote or forgot the key while it was asked.
        if (gen(key) === asked[i] && !known.has(key)) known.set(key, value === ABSENT ? ABSENT : asStored(value));
        if (value !== ABSENT) out[key] = value;
      });
      return out;
    },
    async set(items) {
      const keys = Object.keys(items);
      for (const key of keys) {
        const value = asStored(items[key]);
        // Storage drops an undefined value: what the key then holds, the browser says.
        if (value === undefined) forget(key);
        else put(key, value);
      }
      try {
        await area.set(items);
      } catch (error) {
        for (const key of keys) forget(key);
        throw error;
      }
    },
    async remove(keys) {
      const names = typeof keys === 'string' ? [keys] : keys;
      for (const key of names) put(key, ABSENT);
      try {
        await area.remove(keys);
      } catch (error) {
        for (const key of names) forget(key);
        throw error;
      }
    },
    changed(changes) {
      for (const [key, change] of Object.entries(changes)) {
        const next = Object.hasOwn(change, 'newValue') ? change.newValue : ABSENT;
        if (known.has(key)) {
          const now = known.get(key);
          if (now === ABSENT || next === ABSENT ? now === next : sameJson(now, next)) continue;
        }
        // Also for a key not held yet: a read of it in flight must not keep what it finds.
        forget(key);
      }
    },
  };
}
