// createDigestFetch: a fetch-compatible function that answers HTTP Digest challenges. Warm, it signs at once
// with a reused nonce and the next nc (one round trip); a bounded state machine handles 401s: stale=true →
// retry once with the new nonce; a refused reused nonce → one fresh challenge; a refused fresh challenge → the
// 401 is returned (the credentials were wrong). Never more than three requests per call. Cold calls made together
// with one key pair share one challenge: the first takes it, the others wait for its nonce and sign at once.
// No request follows a redirect: a redirect answer, on any leg, ends the call as a DigestError 'redirected'.
import { authorizationHeader, type DigestParams, expectedRspauth, formatNc, type SigningInput } from './authorization';
import { parseParamList } from './challenge';
import { pickDigestChallenge } from './challenge-choice';
import { DigestError } from './errors';
import { cacheKey, createMemoryNonceStore, NonceCache, type NonceStore, type Reservation } from './nonce-cache';
import { redirectOf } from './redirect';
import { replayableRequest, sendInit } from './replayable-request';

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface DigestFetchOptions {
  /**
   * The fetch used for every request (default globalThis.fetch); always called with credentials: 'omit' and
   * redirect: 'manual'.
   */
  fetch?: typeof fetch;
  /** Where nonces are kept between calls and worker lives (default: one in-memory store per process). */
  store?: NonceStore;
  /** Whole-call limit (default 20 s), well under the 30 s an MV3 worker may wait on a fetch. */
  timeoutMs?: number;
  /** Sign the first request with a cached nonce (default true); false always takes the challenge round trip. */
  preemptive?: boolean;
  /** Test seam for cnonces (default crypto.getRandomValues). */
  randomBytes?: (n: number) => Uint8Array;
  now?: () => number;
}

export type DigestFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const refused = new WeakSet<Response>();
/** True when this 401 answered a request signed for a fresh challenge: the server refused the credentials. */
export function isDigestRejection(response: Response): boolean {
  return refused.has(response);
}

const caches = new WeakMap<NonceStore, NonceCache>();
const defaultStore = createMemoryNonceStore();
function cacheFor(store: NonceStore): NonceCache {
  const known = caches.get(store);
  if (known) return known;
  const cache = new NonceCache(store);
  caches.set(store, cache);
  return cache;
}

/**
 * Forgets every nonce this process holds for the store (the vault lock calls it, then clears the store itself).
 * Calls still in flight finish, but write nothing back to the store.
 */
export function forgetNonces(store: NonceStore = defaultStore): void {
  caches.get(store)?.close();
  caches.delete(store);
}

// One challenge at a time per (store, credential, origin): concurrent cold calls wait for the first one's challenge
// and sign with its nonce (each its own nc) instead of each taking a challenge of its own.
const challenges = new WeakMap<NonceCache, Map<string, Promise<void>>>();

/** Makes this call the one that takes the key's challenge; the returned function lets the waiting calls go on. */
function leadChallenge(cache: NonceCache, key: string): () => void {
  let pending = challenges.get(cache);
  if (!pending) {
    pending = new Map();
    challenges.set(cache, pending);
  }
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  pending.set(key, done);
  const map = pending;
  return () => {
    if (map.get(key) === done) map.delete(key);
    release();
  };
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

function abortError(callSignal: AbortSignal | null | undefined, timeoutMs: number): DigestError {
  return callSignal?.aborted
    ? new DigestError('aborted', 'The request was cancelled.')
    : new DigestError('timeout', `No answer within ${timeoutMs} ms.`);
}

/** Waits for `done`, or throws when the call is cancelled or times out meanwhile. */
function untilDone(done: Promise<void>, signal: AbortSignal, error: () => DigestError): Promise<void> {
  if (signal.aborted) return Promise.reject(error());
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(error());
    signal.addEventListener('abort', onAbort, { once: true });
    done.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

export function createDigestFetch(credentials: DigestCredentials, options: DigestFetchOptions = {}): DigestFetch {
  const baseFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const store = options.store ?? defaultStore;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const preemptive = options.preemptive ?? true;
  const random = options.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const now = options.now ?? Date.now;
  const cnonce = () => hex(random(16));

  return async (input, init = {}) => {
    const request = await replayableRequest(input, init);
    const key = cacheKey(request.origin, credentials.username, credentials.password);
    const cache = cacheFor(store);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;

    const send = async (authorization?: string): Promise<Response> => {
      const init = sendInit(request, authorization, signal);
      let response: Response;
      try {
        response = await baseFetch(request.url, init);
      } catch (error) {
        if (request.signal?.aborted) throw new DigestError('aborted', 'The request was cancelled.', { cause: error });
        if (timeout.aborted) throw new DigestError('timeout', `No answer within ${timeoutMs} ms.`, { cause: error });
        throw new DigestError('network', `The server could not be reached (${request.origin}).`, { cause: error });
      }
      const redirect = redirectOf(response, request);
      if (redirect) {
        await discard(response);
        const where = redirect.host === undefined ? 'another address' : redirect.host;
        throw new DigestError('redirected', `The server pointed the request to ${where}; it was not followed.`, {
          host: redirect.host,
        });
      }
      return response;
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
    let response: Response;
    // The signature in flight used a cached nonce: a plain 401 to it says nothing about the credentials.
    let reused = false;
    let staleRetried = false;

    let cached = preemptive ? await cache.load(key) : undefined;
    let release: (() => void) | undefined;
    if (preemptive && !cached) {
      const other = challenges.get(cache)?.get(key);
      if (other) {
        await untilDone(other, signal, () => abortError(request.signal, timeoutMs));
        cached = await cache.load(key);
      } else {
        release = leadChallenge(cache, key);
      }
    }
    try {
      const warmCnonce = cached ? cnonce() : '';
      const warm = cached ? cache.reserve(key, now(), warmCnonce) : undefined;
      if (warm) {
        signed = sign(warm, warmCnonce);
        reused = true;
        await warm.written;
        response = await send(signed.header);
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
        if (!challenge) return response;
        if (signed && !reused && !challenge.stale) {
          refused.add(response);
          await cache.drop(key, signed.params.nonce);
          return response;
        }
        // stale=true speaks of a signed request's nonce; on the unsigned probe it means nothing.
        if (challenge.stale && signed) {
          if (staleRetried) return response;
          staleRetried = true;
        }
        await discard(response);
        const { stale: _stale, ...params } = challenge;
        const freshCnonce = cnonce();
        // adopt and reserve in one step: the answer's challenge replaces the cached nonce (a refused reuse drops it).
        const fresh = cache.adoptAndReserve(key, params, now(), freshCnonce);
        release?.(); // the nonce is in the cache: calls waiting for it may sign now
        signed = sign(fresh, freshCnonce);
        reused = false;
        await fresh.written;
        response = await send(signed.header);
      }
      if (signed) await readAuthenticationInfo(response, signed, key, cache, now());
      return response;
    } finally {
      release?.();
    }
  };
}

async function readAuthenticationInfo(
  response: Response,
  signed: Signed,
  key: string,
  cache: NonceCache,
  now: number,
): Promise<void> {
  const header = response.headers.get('authentication-info');
  if (!header) return;
  const failed = async (error: unknown): Promise<never> => {
    await cache.drop(key, signed.params.nonce);
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
      await failed(
        new DigestError(
          'rspauth-mismatch',
          'The server could not prove it knows the credentials (rspauth mismatch): the answer was not trusted.',
        ),
      );
    }
  }
  if (info.nextnonce) await cache.adopt(key, { ...signed.params, nonce: info.nextnonce }, now);
}
