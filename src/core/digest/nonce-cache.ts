// The nonce cache that lets a warm client sign at once (one round trip instead of two). Records hold the
// challenge and the last nc used — never the password or H(A1) — and go through an injectable store (the
// extension's is storage.session; stored-records.ts). nc values are reserved in memory first, so concurrent calls never share one.
// A nonce belongs to the server, not to a key pair: every key holding one nonce of one origin (a key pair's own slot,
// the origin's shared slot) holds the same record in memory, so its nc is counted once, as the server counts it.
import type { DigestParams } from './authorization';
import { SUPPORTED_ALGORITHMS } from './hash';
import { createMemoryStore, credentialKey, type RecordStore, StoredRecords } from './stored-records';

export interface NonceRecord extends DigestParams {
  /** The last nc used with this nonce. */
  nc: number;
  /** For -sess: the first cnonce on this nonce (H(A1) is fixed with it). */
  sessCnonce?: string;
  updatedAt: number;
}

export type NonceStore = RecordStore<NonceRecord>;

export const createMemoryNonceStore = (): NonceStore & { size(): number } => createMemoryStore<NonceRecord>();

/** origin + username + a one-way fingerprint of the password: a key pair's own slot. */
export function cacheKey(origin: string, username: string, password: string): string {
  return credentialKey('nonce cache', origin, username, password);
}

/**
 * The origin's shared slot: the nonce any key pair on that origin may borrow (shareNonceAcrossKeys). It never equals
 * a cacheKey, which always ends in "|" and 24 hex digits.
 */
export function sharedNonceKey(origin: string): string {
  return `${origin}|shared by every key pair`;
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
  /**
   * True once a higher nc has been reserved on this nonce, by any key pair: a request sent with it may then reach
   * the server first, and this one be refused as a replay.
   */
  overtaken(): boolean;
}

/** The in-process view of the store: the source of truth for nc within one worker life. */
export class NonceCache {
  /** key → record; one record object per (origin, nonce), however many keys hold it. */
  private readonly live = new Map<string, NonceRecord>();
  /** key → the origin it belongs to: a nonce is only ever one record within one origin. */
  private readonly origins = new Map<string, string>();
  private readonly loaded = new Set<string>();
  /** Origins that refused a nonce borrowed across key pairs: nothing is borrowed there again. */
  private readonly refusing = new Set<string>();
  private readonly stored: StoredRecords<NonceRecord>;
  constructor(store: NonceStore) {
    this.stored = new StoredRecords(store, isNonceRecord);
  }

  async load(key: string, origin: string): Promise<NonceRecord | undefined> {
    if (!this.loaded.has(key)) {
      // The store is a cache: when it fails (quota, storage gone), the call goes on cold, never fails for it.
      const { record, damaged } = await this.stored.read(key);
      // Another call may have filled it while we awaited: keep the live one.
      if (!this.loaded.has(key)) {
        this.loaded.add(key);
        if (record) this.hold(key, origin, this.merge(origin, { ...record }));
        else if (damaged) void this.stored.remove(key);
      }
    }
    return this.live.get(key);
  }

  /**
   * Reserves the next nc synchronously (no other call can take it) and writes it through under every key that holds
   * the nonce. `cnonce` is this request's: on a -sess nonce not yet used, it becomes the one that fixes H(A1), in the
   * same synchronous step.
   */
  reserve(key: string, now: number, cnonce: string): Reservation | undefined {
    const record = this.live.get(key);
    if (!record || record.nc >= MAX_NC) return undefined;
    record.nc += 1;
    record.updatedAt = now;
    // Stryker disable next-line StringLiteral: only a -sess algorithm reads sessCnonce, and a record's algorithm never changes
    if (record.algorithm.endsWith('-sess') && !record.sessCnonce) record.sessCnonce = cnonce;
    const nc = record.nc;
    const written = this.persistAll(record);
    return { record: { ...record }, nc, sessCnonce: record.sessCnonce, written, overtaken: () => record.nc > nc };
  }

  /**
   * Takes a new challenge (or nextnonce) as the nonce of every key in `keys`; keeps the count when the nonce is one
   * this origin already holds.
   */
  adopt(keys: readonly string[], origin: string, params: DigestParams, now: number): Promise<void> {
    return this.persistAll(this.replace(keys, origin, params, now));
  }

  /** adopt then reserve (for keys[0]) in one synchronous step: a concurrent drop or adopt cannot slip in between. */
  adoptAndReserve(
    keys: readonly string[],
    origin: string,
    params: DigestParams,
    now: number,
    cnonce: string,
  ): Reservation {
    this.replace(keys, origin, params, now);
    return this.reserve(keys[0]!, now, cnonce)!;
  }

  /** True once a nonce borrowed across key pairs was refused on this origin (for the life of this cache). */
  refusesSharing(origin: string): boolean {
    return this.refusing.has(origin);
  }

  /** The origin refused a borrowed nonce: it binds nonces to their user, so its shared slot goes for good. */
  refuseSharing(origin: string): Promise<void> {
    if (this.refusing.has(origin)) return Promise.resolve();
    this.refusing.add(origin);
    return this.drop(sharedNonceKey(origin));
  }

  /** The live record of this nonce on this origin, whichever key holds it. */
  private find(origin: string, params: DigestParams): NonceRecord | undefined {
    for (const [key, record] of this.live) {
      if (
        this.origins.get(key) === origin &&
        record.nonce === params.nonce &&
        record.realm === params.realm &&
        record.algorithm === params.algorithm
      ) {
        return record;
      }
    }
    return undefined;
  }

  /**
   * A stored copy of a nonce already live (written under another key, before a restart): one record, with the
   * higher nc, so no nc either copy used is used again.
   */
  private merge(origin: string, stored: NonceRecord): NonceRecord {
    const live = this.find(origin, stored);
    if (!live) return stored;
    live.nc = Math.max(live.nc, stored.nc);
    live.updatedAt = Math.max(live.updatedAt, stored.updatedAt);
    live.sessCnonce ??= stored.sessCnonce;
    return live;
  }

  private replace(keys: readonly string[], origin: string, params: DigestParams, now: number): NonceRecord {
    // A nonce already held (a server that hands one nonce to concurrent challenges, a nextnonce equal to the nonce, a
    // nonce another key pair holds): the nc values used on it must never be reused, and -sess keeps the cnonce that
    // fixed H(A1).
    const { algorithm, realm, nonce, qop, opaque, userhash, utf8 } = params;
    const fresh: NonceRecord = { algorithm, realm, nonce, qop, opaque, userhash, utf8, nc: 0, updatedAt: now };
    const live = this.find(origin, params);
    let record = fresh;
    if (live && live.nc < MAX_NC) {
      record = Object.assign(live, { ...fresh, nc: live.nc });
    }
    for (const key of keys) this.hold(key, origin, record);
    return record;
  }

  private hold(key: string, origin: string, record: NonceRecord): void {
    this.live.set(key, record);
    this.origins.set(key, origin);
    this.loaded.add(key);
  }

  /** Writes the record through under every key that holds it, so a restart finds the same nc under each. */
  private persistAll(record: NonceRecord): Promise<void> {
    // Stryker disable next-line ArrayDeclaration: a value that is not a promise settles at once in Promise.all, as nothing would
    const writes: Promise<void>[] = [];
    for (const [key, held] of this.live) if (held === record) writes.push(this.persist(key, record));
    return Promise.all(writes).then(() => undefined);
  }

  /** Writes through; a failed write only costs a round trip after a restart (the in-process record is kept). */
  private persist(key: string, record: NonceRecord): Promise<void> {
    return this.stored.write(key, JSON.parse(JSON.stringify(record)) as NonceRecord);
  }

  /** Forgets the key's nonce (other keys holding it keep it); with `nonce`, only while it is still that one. */
  async drop(key: string, nonce?: string): Promise<void> {
    const record = this.live.get(key);
    if (nonce !== undefined && record && record.nonce !== nonce) return;
    this.live.delete(key);
    this.loaded.add(key);
    await this.stored.remove(key);
  }

  /** After the vault locks: calls still in flight keep signing with what they hold, but write nothing back. */
  close(): void {
    this.stored.close();
    this.live.clear();
  }
}
