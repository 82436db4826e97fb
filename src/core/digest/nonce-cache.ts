// The nonce cache that lets a warm client sign at once (one round trip instead of two). Records hold the
// challenge and the last nc used — never the password or H(A1) — and go through an injectable store (the
// extension's is storage.session). nc values are reserved in memory first, so concurrent calls never share one.
import Hex from 'crypto-js/enc-hex';
import SHA256 from 'crypto-js/sha256';
import type { DigestParams } from './authorization';
import { SUPPORTED_ALGORITHMS } from './hash';

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

const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
/** nc is eight hex digits: a nonce used this often is not reused again (the call goes cold). */
const MAX_NC = 0xffffffff;

/**
 * A stored record comes back from storage another version of the extension may have written, or that was damaged:
 * one that does not hold what signing needs is treated as absent (a cold call), never signed with a guessed
 * algorithm.
 */
function isNonceRecord(value: unknown): value is NonceRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Record<keyof NonceRecord, unknown>>;
  return (
    SUPPORTED_ALGORITHMS.includes(r.algorithm as never) &&
    typeof r.realm === 'string' &&
    typeof r.nonce === 'string' &&
    r.nonce !== '' &&
    (r.qop === undefined || r.qop === 'auth' || r.qop === 'auth-int') &&
    optionalString(r.opaque) &&
    optionalString(r.sessCnonce) &&
    typeof r.userhash === 'boolean' &&
    typeof r.utf8 === 'boolean' &&
    Number.isSafeInteger(r.nc) &&
    (r.nc as number) >= 0 &&
    (r.nc as number) <= MAX_NC &&
    typeof r.updatedAt === 'number'
  );
}

export interface Reservation {
  /** A copy of the record as reserved: the nonce and challenge to sign with. */
  record: NonceRecord;
  nc: number;
  /** For -sess: the cnonce that fixes H(A1) on this nonce (this request's own when it is the first). */
  sessCnonce?: string;
  /** The write-through of the new nc; awaited before sending, so a restarted worker never reuses an nc. */
  written: Promise<void>;
}

/** The in-process view of the store: the source of truth for nc within one worker life. */
export class NonceCache {
  private readonly live = new Map<string, NonceRecord>();
  private readonly loaded = new Set<string>();
  private closed = false;
  constructor(private readonly store: NonceStore) {}

  async load(key: string): Promise<NonceRecord | undefined> {
    if (!this.loaded.has(key)) {
      // The store is a cache: when it fails (quota, storage gone), the call goes on cold, never fails for it.
      const stored: unknown = await this.store.get(key).catch(() => undefined);
      // Another call may have filled it while we awaited: keep the live one.
      if (!this.loaded.has(key)) {
        this.loaded.add(key);
        if (isNonceRecord(stored)) this.live.set(key, { ...stored });
        else if (stored !== undefined) void this.remove(key);
      }
    }
    return this.live.get(key);
  }

  /**
   * Reserves the next nc synchronously (no other call can take it) and writes it through. `cnonce` is this
   * request's: on a -sess nonce not yet used, it becomes the one that fixes H(A1), in the same synchronous step.
   */
  reserve(key: string, now: number, cnonce: string): Reservation | undefined {
    const record = this.live.get(key);
    if (!record || record.nc >= MAX_NC) return undefined;
    record.nc += 1;
    record.updatedAt = now;
    if (record.algorithm.endsWith('-sess') && !record.sessCnonce) record.sessCnonce = cnonce;
    return { record: { ...record }, nc: record.nc, sessCnonce: record.sessCnonce, written: this.persist(key, record) };
  }

  /** Takes a new challenge (or nextnonce) as the key's nonce; keeps the count when it is the nonce already held. */
  adopt(key: string, params: DigestParams, now: number): Promise<void> {
    return this.persist(key, this.replace(key, params, now));
  }

  /** adopt then reserve in one synchronous step: a concurrent drop or adopt cannot slip in between. */
  adoptAndReserve(key: string, params: DigestParams, now: number, cnonce: string): Reservation {
    this.replace(key, params, now);
    return this.reserve(key, now, cnonce)!;
  }

  private replace(key: string, params: DigestParams, now: number): NonceRecord {
    // The nonce already held (a server that hands one nonce to concurrent challenges, or a nextnonce equal to the
    // nonce): the nc values used on it must never be reused, and -sess keeps the cnonce that fixed H(A1).
    const live = this.live.get(key);
    const same =
      live !== undefined &&
      live.nonce === params.nonce &&
      live.realm === params.realm &&
      live.algorithm === params.algorithm;
    const { algorithm, realm, nonce, qop, opaque, userhash, utf8 } = params;
    const record: NonceRecord = { algorithm, realm, nonce, qop, opaque, userhash, utf8, nc: 0, updatedAt: now };
    if (same && live.nc < MAX_NC) {
      record.nc = live.nc;
      if (live.sessCnonce !== undefined) record.sessCnonce = live.sessCnonce;
    }
    this.live.set(key, record);
    this.loaded.add(key);
    return record;
  }

  /** Writes through; a failed write only costs a round trip after a restart (the in-process record is kept). */
  private persist(key: string, record: NonceRecord): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.store.set(key, JSON.parse(JSON.stringify(record)) as NonceRecord).catch(() => undefined);
  }

  private remove(key: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.store.delete(key).catch(() => undefined);
  }

  /** Forgets the key's nonce; with `nonce`, only while it is still that one (a newer one is kept). */
  async drop(key: string, nonce?: string): Promise<void> {
    const record = this.live.get(key);
    if (nonce !== undefined && record && record.nonce !== nonce) return;
    this.live.delete(key);
    this.loaded.add(key);
    await this.remove(key);
  }

  /** After the vault locks: calls still in flight keep signing with what they hold, but write nothing back. */
  close(): void {
    this.closed = true;
    this.live.clear();
  }
}
