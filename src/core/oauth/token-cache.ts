// The access tokens this process holds, one per service account and token endpoint, shared by every call that uses
// it: a held token while it has more than a minute left, else the one already being fetched, else one new request.
// Token requests are paced per client by a sliding window (at most 10 a minute, the endpoint's limit) and by the
// endpoint's own Retry-After; the window lives in memory (after a restart the stored tokens need no request).
import { parseRetryAfter } from '../cloudmanager/retry-after';
import { StoredRecords } from '../digest/stored-records';
import { OAuthError } from './errors';
import { tokenRateLimited } from './token-answer';
import type { TokenOutcome } from './token-request';
import { isTokenRecord, type TokenRecord, type TokenStore } from './token-store';

/** A token is renewed this long before it expires (half its lifetime, for a token shorter than two minutes). */
export const RENEW_BEFORE_MS = 60_000;
/** The token endpoint's limit per client; the client never sends more in any WINDOW_MS. */
export const TOKEN_REQUESTS_PER_WINDOW = 10;
export const WINDOW_MS = 60_000;
/** One acquisition sends at most this many token requests (the first, then retries after a 429). */
export const MAX_TOKEN_REQUESTS = 4;
/** The wait after a 429 that names none, by how many requests this acquisition has sent. */
const BACKOFF_MS = [6_000, 12_000, 24_000, 48_000];

export function usable(record: TokenRecord, now: number): boolean {
  const margin = Math.min(RENEW_BEFORE_MS, (record.expiresAt - record.obtainedAt) / 2);
  return now < record.expiresAt - margin;
}

/** How long until the window has room for one more request (0: now). */
export function windowWait(sent: number[], now: number): number {
  while (sent.length > 0 && sent[0]! <= now - WINDOW_MS) sent.shift();
  if (sent.length < TOKEN_REQUESTS_PER_WINDOW) return 0;
  return sent[sent.length - TOKEN_REQUESTS_PER_WINDOW]! + WINDOW_MS - now;
}

/** What a closed cache answers: the vault locked, so nothing is asked for, sent or kept until it is reopened. */
export const closedError = () => new OAuthError('aborted');

export interface Acquisition {
  /** The store key of the token (tokenKey). */
  key: string;
  /** Whose window the request counts in: token endpoint and client id. */
  client: string;
  send: (signal: AbortSignal) => Promise<TokenOutcome>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  timeoutMs: number;
}

interface Slot {
  record?: TokenRecord;
  loaded?: Promise<void>;
  pending?: Promise<TokenRecord>;
}

interface Pace {
  sent: number[];
  blockedUntil: number;
}

export class TokenCache {
  private readonly slots = new Map<string, Slot>();
  private readonly windows = new Map<string, Pace>();
  private readonly stored: StoredRecords<TokenRecord>;
  constructor(store: TokenStore) {
    this.stored = new StoredRecords(store, isTokenRecord);
  }

  /**
   * A token for the call: `fresh` when it was fetched while the call waited (a refusal of it is then not the
   * token's age). With `stale` (a token the server just refused), that token is dropped and never returned.
   */
  async token(a: Acquisition, stale?: string): Promise<{ record: TokenRecord; fresh: boolean }> {
    if (this.isClosed) throw closedError();
    const slot = this.slotOf(a.key);
    await this.load(a.key, slot);
    if (this.isClosed) throw closedError();
    if (stale !== undefined && slot.record?.accessToken === stale) await this.drop(a.key, stale);
    const held = slot.record;
    if (held && usable(held, a.now())) return { record: held, fresh: false };
    if (!slot.pending) {
      const pending = this.acquire(a, slot).finally(() => {
        if (slot.pending === pending) slot.pending = undefined;
      });
      slot.pending = pending;
    }
    const record = await slot.pending;
    // Closed while the token endpoint answered: the token is not handed to a call that would send it.
    if (this.isClosed) throw closedError();
    return { record, fresh: true };
  }

  /** True once the vault locked: closed for good (the owner makes a new cache after the next unlock). */
  get isClosed(): boolean {
    return this.stored.isClosed;
  }

  /** Forgets the key's token while it is still `token` (a renewal may already have replaced it). */
  async drop(key: string, token: string): Promise<void> {
    const slot = this.slotOf(key);
    if (slot.record?.accessToken !== token) return;
    slot.record = undefined;
    await this.stored.remove(key);
  }

  /** Forgets the key's token in memory (its account is gone or its secret changed: the token is being revoked). */
  forget(key: string): void {
    this.slots.delete(key);
  }

  /** After the vault locks: calls in flight finish with what they hold, but nothing is written back. */
  close(): void {
    this.stored.close();
    this.slots.clear();
  }

  private slotOf(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = {};
      this.slots.set(key, slot);
    }
    return slot;
  }

  private windowOf(client: string): Pace {
    let pace = this.windows.get(client);
    if (!pace) {
      pace = { sent: [], blockedUntil: 0 };
      this.windows.set(client, pace);
    }
    return pace;
  }

  private load(key: string, slot: Slot): Promise<void> {
    // The store is a cache: when it fails, the call asks for a token, and never fails for it.
    slot.loaded ??= this.stored.read(key).then(({ record, damaged }) => {
      if (slot.record) return;
      if (record) slot.record = { ...record };
      else if (damaged) return this.stored.remove(key);
    });
    return slot.loaded;
  }

  /** Asks for a token, within the window and the endpoint's Retry-After, until the call's time is up. */
  private async acquire(a: Acquisition, slot: Slot): Promise<TokenRecord> {
    const deadline = a.now() + a.timeoutMs;
    const pace = this.windowOf(a.client);
    let sent = 0;
    let status: number | undefined;
    for (;;) {
      const now = a.now();
      const wait = Math.max(windowWait(pace.sent, now), pace.blockedUntil - now, 0);
      if (sent >= MAX_TOKEN_REQUESTS || (wait > 0 && now + wait > deadline)) {
        throw tokenRateLimited(wait > 0 ? Math.ceil(wait / 1000) : undefined, status);
      }
      if (wait > 0) {
        await a.sleep(wait);
        if (this.isClosed) throw closedError();
        continue;
      }
      pace.sent.push(now);
      sent += 1;
      const outcome = await a.send(AbortSignal.timeout(Math.max(1, deadline - now)));
      if (outcome.ok) {
        const record: TokenRecord = {
          accessToken: outcome.answer.accessToken,
          obtainedAt: now,
          expiresAt: now + outcome.answer.expiresInS * 1000,
        };
        slot.record = record;
        await this.stored.write(a.key, { ...record });
        return record;
      }
      status = 429;
      const seconds = parseRetryAfter(outcome.retryAfter, a.now());
      const backoff = seconds === undefined ? BACKOFF_MS[Math.min(sent, BACKOFF_MS.length) - 1]! : seconds * 1000;
      pace.blockedUntil = Math.max(pace.blockedUntil, a.now() + backoff);
    }
  }
}
