// The nonce cache that lets a warm client sign at once (one round trip instead of two). Records hold the
// challenge and the last nc used — never the password or H(A1) — and go through an injectable store (the
// extension's is storage.session). nc values are reserved in memory first, so concurrent calls never share one.
import Hex from 'crypto-js/enc-hex';
import SHA256 from 'crypto-js/sha256';
import type { DigestParams } from './authorization';

export interface NonceRecord extends DigestParams {
  /** The last nc used with this nonce. */
  nc: number;
  /** For -sess: the first cnonce on this nonce (H(A1) is fixed with it). */
  sessCnonce?: string;
  updatedAt: number;
}

export interface NonceStore {
  get(key: string): Promise<NonceRecord | undefined>;
  set(key: string, record: NonceRecord): Promise<void>;
  delete(key: string): Promise<void>;
}

export function createMemoryNonceStore(): NonceStore & { size(): number } {
  const map = new Map<string, NonceRecord>();
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

/** origin + username + a one-way fingerprint of the password: switching key pairs never shares a nonce. */
export function cacheKey(origin: string, username: string, password: string): string {
  const fingerprint = SHA256(`cm-atlas-link nonce cache\u0000${username}\u0000${password}`).toString(Hex).slice(0, 24);
  return `${origin}|${username}|${fingerprint}`;
}

/** The in-process view of the store: the source of truth for nc within one worker life. */
export class NonceCache {
  private readonly live = new Map<string, NonceRecord>();
  private readonly loaded = new Set<string>();
  constructor(private readonly store: NonceStore) {}

  async load(key: string): Promise<NonceRecord | undefined> {
    if (!this.loaded.has(key)) {
      // The store is a cache: when it fails (quota, storage gone), the call goes on cold, never fails for it.
      const stored = await this.store.get(key).catch(() => undefined);
      // Another call may have filled it while we awaited: keep the live one.
      if (!this.loaded.has(key)) {
        this.loaded.add(key);
        if (stored) this.live.set(key, stored);
      }
    }
    return this.live.get(key);
  }

  /** Reserves the next nc synchronously and writes it through. */
  reserve(key: string, now: number): { record: NonceRecord; nc: number; written: Promise<void> } | undefined {
    const record = this.live.get(key);
    if (!record) return undefined;
    record.nc += 1;
    record.updatedAt = now;
    return { record: { ...record }, nc: record.nc, written: this.persist(key, record) };
  }

  adopt(key: string, params: DigestParams, now: number, sessCnonce?: string): Promise<void> {
    // The nonce already held (a server that hands one nonce to concurrent challenges, or a nextnonce equal to the
    // nonce): the nc values used on it must never be reused, and -sess keeps the cnonce that fixed H(A1).
    const live = this.live.get(key);
    const same =
      live !== undefined &&
      live.nonce === params.nonce &&
      live.realm === params.realm &&
      live.algorithm === params.algorithm;
    const record: NonceRecord = {
      ...params,
      nc: same ? live.nc : 0,
      sessCnonce: same ? (live.sessCnonce ?? sessCnonce) : sessCnonce,
      updatedAt: now,
    };
    this.live.set(key, record);
    this.loaded.add(key);
    return this.persist(key, record);
  }

  /** Writes through; a failed write only costs a round trip after a restart (the in-process record is kept). */
  private persist(key: string, record: NonceRecord): Promise<void> {
    return this.store.set(key, { ...record }).catch(() => undefined);
  }

  setSessCnonce(key: string, nonce: string, cnonce: string): void {
    const record = this.live.get(key);
    if (record && record.nonce === nonce && !record.sessCnonce) {
      record.sessCnonce = cnonce;
      void this.persist(key, record);
    }
  }

  async drop(key: string, nonce?: string): Promise<void> {
    const record = this.live.get(key);
    if (nonce !== undefined && record && record.nonce !== nonce) return; // already replaced by a newer one
    this.live.delete(key);
    this.loaded.add(key);
    await this.store.delete(key).catch(() => undefined);
  }
}
