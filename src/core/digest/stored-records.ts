// The persistent half of the Digest client's nonce cache (nonce-cache.ts) and of the token client's cache
// (core/oauth/token-cache.ts): records kept between calls and worker lives in an injectable store (the extension's
// is storage.session, wiped at lock), keyed by a credential without holding it, read back checked and written
// through. The store is a cache: when it fails, a call goes on without it (a round trip more) and never fails for it.
import Hex from 'crypto-js/enc-hex';
import SHA256 from 'crypto-js/sha256';

export interface RecordStore<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, record: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A store in this process's memory (the default of each client, and the tests'): it keeps copies, not the caller's objects. */
export function createMemoryStore<T extends object>(): RecordStore<T> & { size(): number } {
  const map = new Map<string, T>();
  return {
    async get(key) {
      const r = map.get(key);
      return r && { ...r };
    },
    async set(key, record) {
      map.set(key, { ...record });
    },
    async delete(key) {
      map.delete(key);
    },
    size: () => map.size,
  };
}

/**
 * scope + name + a one-way fingerprint of the secret: one credential's slot. A changed secret finds nothing the old
 * one stored, and the key never holds the secret. `purpose` keeps each cache's fingerprints apart.
 */
export function credentialKey(purpose: string, scope: string, name: string, secret: string): string {
  const fingerprint = SHA256(`cm-atlas-link ${purpose}\u0000${name}\u0000${secret}`).toString(Hex).slice(0, 24);
  return `${scope}|${name}|${fingerprint}`;
}

/** What a key holds in the store: a record, or none (`damaged` when what it holds is not a record). */
export type Stored<T> = { record: T; damaged: false } | { record: undefined; damaged: boolean };

/** A cache's view of its store: reads checked, writes swallowed on failure, and nothing written once closed. */
export class StoredRecords<T> {
  private closed = false;
  constructor(
    private readonly store: RecordStore<T>,
    /** A stored value another version of the extension wrote, or damage, must not pass for a record. */
    private readonly isRecord: (value: unknown) => value is T,
  ) {}

  /** True once the vault locked: nothing more is written (the owner makes a new cache after the next unlock). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** The key's record as stored (the caller copies it); a store that fails holds nothing. */
  read(key: string): Promise<Stored<T>> {
    return this.store
      .get(key)
      .catch(() => undefined)
      .then((stored: unknown) =>
        this.isRecord(stored)
          ? { record: stored, damaged: false }
          : { record: undefined, damaged: stored !== undefined },
      );
  }

  /** Writes through; a failed write only costs a round trip after a restart (the caller's in-memory copy is kept). */
  write(key: string, record: T): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.store.set(key, record).catch(() => undefined);
  }

  remove(key: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.store.delete(key).catch(() => undefined);
  }

  /** After the vault locks: calls still in flight go on with what they hold, but write nothing back. */
  close(): void {
    this.closed = true;
  }
}

/** One cache per store in this process: every client given the same store shares its cache (and its lock). */
export class CachePerStore<S extends object, C> {
  private readonly caches = new WeakMap<S, C>();
  constructor(private readonly create: (store: S) => C) {}

  /** The store's cache, made on first use. */
  of(store: S): C {
    const known = this.caches.get(store);
    if (known) return known;
    const cache = this.create(store);
    this.caches.set(store, cache);
    return cache;
  }

  /** The store's cache if one was made, without making one. */
  held(store: S): C | undefined {
    return this.caches.get(store);
  }

  /** The next use of the store makes a new cache. */
  forget(store: S): void {
    this.caches.delete(store);
  }
}
