// createDigestFetch: a fetch-compatible function that answers HTTP Digest challenges. Warm, it signs at once
// with a reused nonce and the next nc (one round trip); a bounded state machine handles 401s: stale=true →
// retry once with the new nonce; a refused reused nonce → one fresh challenge; a refused fresh challenge → the
// 401 is returned (the credentials were wrong), unless a higher nc on its nonce, reserved since, may have reached the
// server first (a replay refusal: one more try). Never more than three requests per call. Cold calls made together
// with one key pair share one challenge: the first takes it, the others wait for its nonce and sign at once. With
// shareNonceAcrossKeys, so do cold calls of different key pairs on one origin, until the origin refuses a borrowed
// nonce (see challenge-turn.ts).
// No request follows a redirect: a redirect answer, on any leg, ends the call as a DigestError 'redirected'.
import { authorizationHeader, type DigestParams, expectedRspauth, formatNc, type SigningInput } from './authorization';
import { parseParamList } from './challenge';
import { pickDigestChallenge } from './challenge-choice';
import { adoptingSlots, type Slots, sharedSlot, takeTurn } from './challenge-turn';
import { DigestError } from './errors';
import { discard, globalFetch, startExchange } from './exchange';
import { cacheKey, createMemoryNonceStore, NonceCache, type NonceStore, type Reservation } from './nonce-cache';
import { replayableRequest, sendInit } from './replayable-request';
import { CachePerStore } from './stored-records';

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface DigestFetchOptions {
  /** The fetch used for every request (default globalThis.fetch); called with credentials 'omit', redirect 'manual'. */
  fetch?: typeof fetch;
  /** Where nonces are kept between calls and worker lives (default: one in-memory store per process). */
  store?: NonceStore;
  /** Whole-call limit (default 20 s), well under the 30 s an MV3 worker may wait on a fetch. */
  timeoutMs?: number;
  /** Sign the first request with a cached nonce (default true); false always takes the challenge round trip. */
  preemptive?: boolean;
  /**
   * Let key pairs share nonces per origin through the store (default false): a cold call signs at once with a nonce
   * another key pair's challenge brought (the next nc of that nonce), and concurrent cold calls of different key
   * pairs share one challenge. A 401 to a borrowed nonce is answered with a fresh challenge, never reported; the
   * first one that says the nonce is bound to its user (stale=true, or no higher nc sent on it that could have
   * overtaken it), from a key pair whose own challenge is then accepted, ends borrowing on that origin for the life
   * of the store's cache (one refusal and it stops). Only clients with this option borrow from, or lend to, the
   * shared slot.
   */
  shareNonceAcrossKeys?: boolean;
  /** Test seam for cnonces (default crypto.getRandomValues). */
  randomBytes?: (n: number) => Uint8Array;
  now?: () => number;
}

/** A call sends at most this many requests: the probe or a cached nonce, a fresh challenge, one retry. */
const MAX_REQUESTS = 3;

export type DigestFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const refused = new WeakSet<Response>();
/** True when this 401 answered a request signed for a fresh challenge: the server refused the credentials. */
export function isDigestRejection(response: Response): boolean {
  return refused.has(response);
}

const caches = new CachePerStore((store: NonceStore) => new NonceCache(store));
const defaultStore = createMemoryNonceStore();

/**
 * Forgets every nonce this process holds for the store (the vault lock calls it, then clears the store itself).
 * Calls still in flight finish, but write nothing back to the store.
 */
export function forgetNonces(store: NonceStore = defaultStore): void {
  caches.held(store)?.close();
  caches.forget(store);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What was signed, kept to check the server's rspauth and adopt its nextnonce. */
interface Signed {
  params: DigestParams;
  input: SigningInput;
  header: string;
}

export function createDigestFetch(credentials: DigestCredentials, options: DigestFetchOptions = {}): DigestFetch {
  const baseFetch = options.fetch ?? globalFetch;
  const store = options.store ?? defaultStore;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const preemptive = options.preemptive ?? true;
  const random = options.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const now = options.now ?? Date.now;
  const share = options.shareNonceAcrossKeys ?? false;
  const cnonce = () => hex(random(16));

  return async (input, init = {}) => {
    const request = await replayableRequest(input, init);
    const key = cacheKey(request.origin, credentials.username, credentials.password);
    const slots: Slots = { origin: request.origin, own: key, share };
    const cache = caches.of(store);
    const exchange = startExchange(request, baseFetch, timeoutMs, DigestError);
    const { signal } = exchange;

    let requests = 0;
    const send = async (authorization?: string): Promise<Response> => {
      requests += 1;
      return exchange.send(sendInit(request, authorization, signal));
    };

    const sign = (reservation: Reservation, cnonceValue: string): Signed => {
      const params = reservation.record;
      const signing: SigningInput = {
        username: credentials.username,
        password: credentials.password,
        method: request.method,
        uri: request.uri,
        nc: reservation.nc,
        cnonce: cnonceValue,
        sessCnonce: reservation.sessCnonce,
        body: request.body.bytes,
      };
      return { params, input: signing, header: authorizationHeader(params, signing) };
    };

    let signed: Signed | undefined;
    /** The nonce and nc the signed request in flight was sent with. */
    let reservation: Reservation | undefined;
    let response: Response;
    // The signature in flight used a cached nonce: a plain 401 to it says nothing about the credentials.
    let reused = false;
    // ... and that nonce was borrowed from another key pair's challenge.
    let borrowed = false;
    // A borrowed nonce got a 401. Once this key pair's own challenge is accepted (its credentials proven right), the
    // refusal was the nonce's: the origin binds nonces to their user and lends no more. A wrong key pair's refusal
    // teaches nothing, nor does one without stale after a higher nc was reserved on the nonce: that request may
    // have reached the server first and this one been refused as a replay (concurrent requests overtake).
    let refusedLoan: 'nonce-bound' | 'maybe-replay' | undefined;
    let staleRetried = false;
    let overtakenRetried = false;
    const learn = () => (refusedLoan === 'nonce-bound' ? cache.refuseSharing(slots.origin) : undefined);
    const sendSigned = async (next: Reservation, cnonceValue: string) => {
      reservation = next;
      signed = sign(next, cnonceValue);
      await next.written;
      return send(signed.header);
    };

    // Stryker disable ObjectLiteral,BooleanLiteral: without a slot nothing is signed warm, so borrowed is never read
    const turn = preemptive ? await takeTurn(cache, slots, signal, exchange.stopped) : { borrowed: false };
    // Stryker restore ObjectLiteral,BooleanLiteral
    const release = turn.release;
    try {
      // Stryker disable next-line StringLiteral: without a slot nothing is reserved warm, so this cnonce is never sent
      const warmCnonce = turn.slot ? cnonce() : '';
      const warm = turn.slot ? cache.reserve(turn.slot, now(), warmCnonce) : undefined;
      if (warm) {
        reused = true;
        borrowed = turn.borrowed;
        response = await sendSigned(warm, warmCnonce);
      } else {
        response = await send();
      }

      while (response.status === 401) {
        let challenge: ReturnType<typeof pickDigestChallenge>;
        try {
          challenge = pickDigestChallenge(response.headers.get('www-authenticate'));
        } catch (error) {
          await discard(response);
          throw error;
        }
        // Not a Digest challenge: an authorization answer (an MMS errorCode body) for the caller to read.
        if (!challenge) {
          await learn();
          return response;
        }
        // A signature on a fresh challenge refused: the credentials are wrong, unless a higher nc reserved on that
        // nonce since may have overtaken it (a replay, then): one more try, on a nonce this key pair keeps to itself.
        // Stryker disable next-line OptionalChaining: a signed request always has its reservation
        const overtaken = Boolean(signed && !reused && !challenge.stale && reservation?.overtaken());
        if (signed && !reused && !challenge.stale && (!overtaken || overtakenRetried || requests >= MAX_REQUESTS)) {
          refused.add(response);
          await cache.drop(slots.own, signed.params.nonce);
          return response;
        }
        if (overtaken) overtakenRetried = true;
        // Not this key pair's nonce: its stale=true is no retry spent.
        else if (borrowed) {
          // Stryker disable next-line OptionalChaining: a borrowed nonce was signed with, so its reservation is set
          refusedLoan = challenge.stale || !reservation?.overtaken() ? 'nonce-bound' : 'maybe-replay';
        } else if (challenge.stale && signed) {
          // stale=true speaks of a signed request's nonce; on the unsigned probe it means nothing.
          if (staleRetried) return response;
          staleRetried = true;
        }
        if (requests >= MAX_REQUESTS) return response;
        await discard(response);
        const { stale: _stale, ...params } = challenge;
        const freshCnonce = cnonce();
        // adopt and reserve in one step: the answer's challenge replaces the cached nonce (a refused reuse drops it),
        // and, while the origin lends (and this call was not just refused a loan or overtaken), becomes the origin's
        // shared nonce.
        const to = refusedLoan || overtaken ? [slots.own] : adoptingSlots(cache, slots);
        const fresh = cache.adoptAndReserve(to, slots.origin, params, now(), freshCnonce);
        release?.(); // the nonce is in the cache: calls waiting for it may sign now
        reused = false;
        borrowed = false;
        response = await sendSigned(fresh, freshCnonce);
      }
      await learn();
      if (signed) await readAuthenticationInfo(response, signed, cache, slots, now());
      return response;
    } finally {
      release?.();
    }
  };
}

async function readAuthenticationInfo(
  response: Response,
  signed: Signed,
  cache: NonceCache,
  slots: Slots,
  now: number,
): Promise<void> {
  const header = response.headers.get('authentication-info');
  if (!header) return;
  const failed = async (error: unknown): Promise<never> => {
    // The nonce is not trusted, whoever holds it.
    const shared = sharedSlot(cache, slots);
    await Promise.all([slots.own, ...(shared ? [shared] : [])].map((key) => cache.drop(key, signed.params.nonce)));
    await discard(response);
    throw error;
  };
  let info: Record<string, string>;
  try {
    info = parseParamList(header);
  } catch (error) {
    return failed(error);
  }
  if (info.rspauth !== undefined) {
    const { params, input } = signed;
    // With auth-int the proof also covers the response body (RFC 7616 §3.5): hash a copy, the caller reads the
    // original. Otherwise A2 is ":" uri.
    const body = params.qop === 'auth-int' ? new Uint8Array(await response.clone().arrayBuffer()) : undefined;
    // The proof must be for this request: computed with our own cnonce and nc, never with values the answer
    // supplies, or another exchange's genuine Authentication-Info could be replayed.
    const expected = expectedRspauth(params, { ...input, body });
    const echoed =
      (info.nc === undefined || info.nc.toLowerCase() === formatNc(input.nc)) &&
      (info.cnonce === undefined || info.cnonce === input.cnonce);
    if (info.rspauth.toLowerCase() !== expected || !echoed) {
      await failed(new DigestError('rspauth-mismatch'));
    }
  }
  if (info.nextnonce) {
    await cache.adopt(adoptingSlots(cache, slots), slots.origin, { ...signed.params, nonce: info.nextnonce }, now);
  }
}
