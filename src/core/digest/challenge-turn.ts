// Which nonce a call starts with, and whose turn it is to take a challenge when there is none: concurrent cold calls
// wait for one leader's challenge (cancellable, until its timeout) and sign with its nonce, each with its own nc.
// With one key pair they share that key pair's challenge; with shareNonceAcrossKeys, every key pair on the origin
// shares one, until the origin refuses a borrowed nonce.
import type { DigestError } from './errors';
import { type NonceCache, sharedNonceKey } from './nonce-cache';

export interface Slots {
  origin: string;
  /** The key pair's own slot (cacheKey). */
  own: string;
  /** Whether this call may borrow from, and lend to, the origin's shared slot. */
  share: boolean;
}

export interface Turn {
  /** The slot whose nonce the call signs with first; none: the call is cold. */
  slot?: string;
  /** The nonce came from the origin's shared slot: another key pair's challenge brought it. */
  borrowed: boolean;
  /** Set when this call leads the challenge: lets the waiting calls go on (call it once the nonce is cached). */
  release?: () => void;
}

/** The origin's shared slot while this call may use it (sharing on, and never refused on this origin). */
export function sharedSlot(cache: NonceCache, slots: Slots): string | undefined {
  return slots.share && !cache.refusesSharing(slots.origin) ? sharedNonceKey(slots.origin) : undefined;
}

/** Where a nonce this call receives goes: its own slot first, and the shared slot while the origin allows it. */
export function adoptingSlots(cache: NonceCache, slots: Slots): string[] {
  const shared = sharedSlot(cache, slots);
  return shared ? [slots.own, shared] : [slots.own];
}

// One challenge at a time per (cache, lock): the key pair's own slot, or the origin's shared slot when sharing.
const challenges = new WeakMap<NonceCache, Map<string, Promise<void>>>();

function leadChallenge(cache: NonceCache, lock: string): () => void {
  let pending = challenges.get(cache);
  if (!pending) {
    pending = new Map();
    challenges.set(cache, pending);
  }
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  pending.set(lock, done);
  const map = pending;
  return () => {
    if (map.get(lock) === done) map.delete(lock);
    release();
  };
}

/** Waits for `done`, or throws when the call is cancelled or times out meanwhile. */
function untilDone(done: Promise<void>, signal: AbortSignal, error: () => DigestError): Promise<void> {
  if (signal.aborted) return Promise.reject(error());
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(error());
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts at most once, so once changes nothing
    signal.addEventListener('abort', onAbort, { once: true });
    done.then(() => {
      // Stryker disable next-line StringLiteral: a late abort would only reject a settled promise (this frees the listener)
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

async function cachedNonce(cache: NonceCache, slots: Slots): Promise<Turn | undefined> {
  if (await cache.load(slots.own, slots.origin)) return { slot: slots.own, borrowed: false };
  const shared = sharedSlot(cache, slots);
  if (shared && (await cache.load(shared, slots.origin))) return { slot: shared, borrowed: true };
  return undefined;
}

/**
 * The key pair's own nonce, else one borrowed from the shared slot, else — when another call is taking the
 * challenge this call would take — that call's nonce once it has it. Otherwise this call leads. A call that waited
 * and still finds none (the leader got no challenge) goes on cold without leading, as it would have alone.
 */
export async function takeTurn(
  cache: NonceCache,
  slots: Slots,
  signal: AbortSignal,
  error: () => DigestError,
): Promise<Turn> {
  const cached = await cachedNonce(cache, slots);
  if (cached) return cached;
  const lock = sharedSlot(cache, slots) ?? slots.own;
  const other = challenges.get(cache)?.get(lock);
  if (!other) return { borrowed: false, release: leadChallenge(cache, lock) };
  await untilDone(other, signal, error);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: without a slot nothing is signed warm, so borrowed is never read
  return (await cachedNonce(cache, slots)) ?? { borrowed: false };
}
