// A deterministic interleaving harness for the worker: extension storage whose every call waits until the harness
// releases it, so the test decides which caller goes on at each await that touches storage. Callers are told apart
// by AsyncLocalStorage (the name an actor was started with follows its awaits).
import { AsyncLocalStorage } from 'node:async_hooks';

type Pending = { actor: string; release: () => void };

const actorOf = new AsyncLocalStorage<string>();

export function createScheduledStorage() {
  const data = { local: new Map<string, unknown>(), session: new Map<string, unknown>() };
  const pending: Pending[] = [];
  let gated = false;
  /**
   * An area's size limit in bytes (Chrome: storage.local 10 MB, QUOTA_BYTES), counted as Chrome counts it: each
   * key's length plus its value's JSON. A set() that would pass it fails as Chrome's does, changing nothing.
   */
  const quota: { local?: number; session?: number } = {};
  const utf8 = new TextEncoder();
  const bytesOf = (map: Map<string, unknown>) =>
    [...map].reduce((sum, [k, v]) => sum + utf8.encode(k).length + utf8.encode(JSON.stringify(v)).length, 0);

  function gate<T>(effect: () => T): Promise<T> {
    if (!gated) return Promise.resolve().then(effect);
    return new Promise<T>((resolve, reject) => {
      pending.push({
        actor: actorOf.getStore() ?? 'main',
        release: () => {
          try {
            resolve(effect());
          } catch (error) {
            reject(error);
          }
        },
      });
    });
  }

  const clone = <T>(x: T): T => (x === undefined ? x : structuredClone(x));
  function area(map: Map<string, unknown>, name?: 'local' | 'session') {
    return {
      get: (keys: string | string[] | null) =>
        gate(() => {
          const names = keys === null ? [...map.keys()] : Array.isArray(keys) ? keys : [keys];
          const out: Record<string, unknown> = {};
          for (const k of names) if (map.has(k)) out[k] = clone(map.get(k));
          return out;
        }),
      set: (items: Record<string, unknown>) =>
        gate(() => {
          const limit = name ? quota[name] : undefined;
          if (limit !== undefined) {
            const after = new Map(map);
            for (const [k, v] of Object.entries(items)) after.set(k, v);
            if (bytesOf(after) > limit) throw new Error('QUOTA_BYTES quota exceeded');
          }
          for (const [k, v] of Object.entries(items)) map.set(k, clone(v));
        }),
      remove: (keys: string | string[]) =>
        gate(() => {
          for (const k of Array.isArray(keys) ? keys : [keys]) map.delete(k);
        }),
    };
  }

  return {
    data,
    local: area(data.local, 'local'),
    session: area(data.session, 'session'),
    pending,
    quota,
    /** How many bytes an area holds, as its quota counts them. */
    bytes: (name: 'local' | 'session') => bytesOf(data[name]),
    /** From now on every storage call waits for the harness. */
    hold(on = true) {
      gated = on;
      if (!on) for (const p of pending.splice(0)) p.release();
    },
  };
}

export type ScheduledStorage = ReturnType<typeof createScheduledStorage>;

/** Which pending call goes next: given the pending calls and what each actor has been let through so far. */
export type Policy = (pending: readonly Pending[], released: Record<string, number>, done: Set<string>) => number;

/**
 * Actor `first` runs until it has been let through `k` storage calls, then `second` runs until it ends (or
 * cannot go on), then the rest in call order: with k = 0, 1, 2, … every await of `first` is a switch point.
 */
export function switchAt(first: string, second: string, k: number): Policy {
  return (pending, released, done) => {
    const index = (actor: string) => pending.findIndex((p) => p.actor === actor);
    if ((released[first] ?? 0) < k && index(first) >= 0) return index(first);
    if (!done.has(second) && index(second) >= 0) return index(second);
    return 0;
  };
}

/** A seeded random policy (mulberry32). */
export function randomPolicy(seed: number): Policy {
  let s = seed >>> 0;
  return (pending) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(r * pending.length);
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits until nothing moves: no new pending call for a few turns (crypto work runs on its own threads). */
async function settle(storage: ScheduledStorage, done: Set<string>, actors: number): Promise<void> {
  let last = -1;
  let still = 0;
  for (let i = 0; i < 4000 && still < 3; i++) {
    await tick();
    if (storage.pending.length === last) still += 1;
    else still = 0;
    last = storage.pending.length;
    if (storage.pending.length === 0 && done.size < actors) {
      still = 0;
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (i > 3000) break;
    }
    if (done.size === actors) break;
  }
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Runs the actors together under `policy`; every outcome is returned (a rejection is an outcome too). */
export async function interleave(
  storage: ScheduledStorage,
  actors: Record<string, () => Promise<unknown>>,
  policy: Policy,
): Promise<Record<string, Outcome>> {
  const outcomes: Record<string, Outcome> = {};
  const done = new Set<string>();
  const released: Record<string, number> = {};
  const names = Object.keys(actors);
  storage.hold(true);
  for (const name of names) {
    actorOf.run(name, () => {
      actors[name]!().then(
        (value) => {
          outcomes[name] = { ok: true, value };
          done.add(name);
        },
        (error) => {
          outcomes[name] = { ok: false, error };
          done.add(name);
        },
      );
    });
  }
  for (let steps = 0; done.size < names.length; steps++) {
    if (steps > 5000) throw new Error('interleaving did not end (deadlock?)');
    await settle(storage, done, names.length);
    if (done.size === names.length) break;
    if (storage.pending.length === 0) throw new Error('actors are stuck with no storage call pending');
    const index = Math.min(Math.max(0, policy(storage.pending, released, done)), storage.pending.length - 1);
    const [next] = storage.pending.splice(index, 1);
    released[next!.actor] = (released[next!.actor] ?? 0) + 1;
    next!.release();
  }
  storage.hold(false);
  await settle(storage, done, names.length);
  return outcomes;
}
