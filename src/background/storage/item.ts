// Typed storage items: one key, a default, an optional reader that drops malformed stored values, a version with
// migrations, and a per-key serialised update(fn), so no two read-modify-writes of one key ever interleave.
import { type AreaName, storageArea } from './areas';
import { STORAGE_KEYS, type StorageKey } from './keys';

export interface ItemOptions<T> {
  /** What get() answers when nothing (or nothing readable) is stored. Cloned on every use. */
  fallback: T;
  /** Turns what storage holds into T, or undefined when it is not readable (then the fallback is used). */
  read?: (stored: unknown) => T | undefined;
  /** The shape's version (default 1). A stored value of an older version goes through `migrations` first. */
  version?: number;
  /** migrations[n] turns a version n-1 value into version n. */
  migrations?: Record<number, (old: unknown) => unknown>;
}

export interface Item<T> {
  readonly key: StorageKey;
  readonly area: AreaName;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /**
   * Runs `change` on the current value and stores its answer, after every earlier update of this key ended; an
   * answer that is the current value itself is not written.
   */
  update(change: (current: T) => T | Promise<T>): Promise<T>;
  /** Like update, but `change` also returns a result for the caller: [next value, result]. */
  modify<R>(change: (current: T) => [T, R] | Promise<[T, R]>): Promise<R>;
  remove(): Promise<void>;
}

// One queue per key across every item object naming it: writers of one key wait for each other.
const queues = new Map<string, Promise<unknown>>();

export function serialised<R>(queueKey: string, work: () => Promise<R>): Promise<R> {
  const run = (queues.get(queueKey) ?? Promise.resolve()).then(work);
  const tail = run.catch(() => undefined);
  queues.set(queueKey, tail);
  tail.then(() => {
    if (queues.get(queueKey) === tail) queues.delete(queueKey);
  });
  return run;
}

/** How many queues hold work (tests: a queue is forgotten once it has drained). */
export const queueCount = (): number => queues.size;

const VERSIONS: StorageKey = 'storageVersions';

async function storedVersion(key: StorageKey): Promise<number> {
  const table = (await storageArea('local').get(VERSIONS))[VERSIONS] as Record<string, number> | undefined;
  return typeof table?.[key] === 'number' ? table[key] : 1;
}

async function recordVersion(key: StorageKey, version: number): Promise<void> {
  // Stryker disable next-line StringLiteral: only this function writes the table, so any one queue name serialises it alike
  await serialised(`local:${VERSIONS}`, async () => {
    const table = ((await storageArea('local').get(VERSIONS))[VERSIONS] as Record<string, number> | undefined) ?? {};
    await storageArea('local').set({ [VERSIONS]: { ...table, [key]: version } });
  });
}

export function item<T>(key: StorageKey, options: ItemOptions<T>): Item<T> {
  const area = STORAGE_KEYS[key].area;
  const queueKey = `${area}:${key}`;
  const version = options.version ?? 1;
  const fallback = () => structuredClone(options.fallback);

  async function readRaw(): Promise<unknown> {
    return (await storageArea(area).get(key))[key];
  }

  function decode(raw: unknown): T {
    if (raw === undefined) return fallback();
    const value = options.read ? options.read(raw) : (raw as T);
    return value === undefined ? fallback() : value;
  }

  // Brings an older stored shape up to date once, inside the key's queue.
  let migrated: Promise<void> | undefined;
  function migrate(): Promise<void> {
    if (version === 1) return Promise.resolve();
    migrated ??= serialised(queueKey, async () => {
      let from = await storedVersion(key);
      if (from >= version) return;
      let value = await readRaw();
      if (value !== undefined) {
        for (; from < version; from++) value = options.migrations?.[from + 1]?.(value) ?? value;
        await storageArea(area).set({ [key]: value });
      }
      await recordVersion(key, version);
    }).catch((error) => {
      migrated = undefined;
      throw error;
    });
    return migrated;
  }

  const self: Item<T> = {
    key,
    area,
    async get() {
      await migrate();
      return decode(await readRaw());
    },
    async set(value) {
      await migrate();
      await serialised(queueKey, () => storageArea(area).set({ [key]: value }));
    },
    async update(change) {
      return self.modify(async (current) => {
        const next = await change(current);
        return [next, next];
      });
    },
    async modify(change) {
      await migrate();
      return serialised(queueKey, async () => {
        const current = decode(await readRaw());
        const [next, result] = await change(current);
        // The value itself handed back: nothing to write (and a key a lock wiped stays absent, not a default).
        if (next === current && next !== undefined) return result;
        // undefined means "nothing stored" (storage cannot hold undefined).
        if (next === undefined) await storageArea(area).remove(key);
        else await storageArea(area).set({ [key]: next });
        return result;
      });
    },
    async remove() {
      await serialised(queueKey, () => storageArea(area).remove(key));
    },
  };
  return self;
}

/** Removes several keys of one area, each inside its own queue (after the writes already queued for it). */
export async function removeKeys(keys: readonly StorageKey[]): Promise<void> {
  await Promise.all(
    keys.map((key) =>
      serialised(`${STORAGE_KEYS[key].area}:${key}`, () => storageArea(STORAGE_KEYS[key].area).remove(key)),
    ),
  );
}
