// createDigestFetch: a fetch-compatible function that answers HTTP Digest challenges. Warm, it signs at once
// with a reused nonce and the next nc (one round trip); a bounded state machine handles 401s: stale=true →
// retry once with the new nonce; a refused reused nonce → one fresh challenge; a refused fresh challenge → the
// 401 is returned (the credentials were wrong). Never more than three requests per call.
import { authorizationHeader, type DigestParams, expectedRspauth, formatNc, type SigningInput } from './authorization';
import { replayableBody } from './body';
import { type Challenge, parseChallenges, parseParamList } from './challenge';
import { DigestError } from './errors';
import { type DigestAlgorithm, SUPPORTED_ALGORITHMS, supportedAlgorithm } from './hash';
import { cacheKey, createMemoryNonceStore, NonceCache, type NonceStore } from './nonce-cache';

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface DigestFetchOptions {
  fetch?: typeof fetch;
  store?: NonceStore;
  /** Whole-call limit, well under the 30 s an MV3 worker may wait on a fetch. */
  timeoutMs?: number;
  preemptive?: boolean;
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

/** Forgets every nonce this process holds for the store (the vault lock calls it). */
export function forgetNonces(store: NonceStore = defaultStore): void {
  caches.delete(store);
}

type ChallengeReading =
  | { c: Challenge; algorithm: DigestAlgorithm; qop: DigestParams['qop']; problem?: undefined }
  | { c: Challenge; problem: string };

/** Whether this client can answer one Digest challenge: its algorithm, and a qop it knows (or none, not -sess). */
function readChallenge(c: Challenge): ChallengeReading {
  const algorithm = supportedAlgorithm(c.params.algorithm);
  if (!algorithm) return { c, problem: `algorithm=${c.params.algorithm}` };
  if (c.params.qop === undefined) {
    // -sess fixes H(A1) with a cnonce, and without qop no cnonce is sent: the server could never check it.
    if (algorithm.endsWith('-sess')) return { c, problem: `${algorithm} without qop` };
    return { c, algorithm, qop: undefined };
  }
  const offered = c.params.qop.split(',').map((q) => q.trim().toLowerCase());
  // auth protects the request line and is what every server implements; auth-int when it is the only offer.
  if (offered.includes('auth')) return { c, algorithm, qop: 'auth' };
  if (offered.includes('auth-int')) return { c, algorithm, qop: 'auth-int' };
  return { c, problem: `qop="${c.params.qop}"` };
}

/** The strongest Digest challenge this client supports; undefined when the 401 carries no Digest challenge. */
export function pickDigestChallenge(header: string | null): (DigestParams & { stale: boolean }) | undefined {
  if (!header) return undefined;
  const digests = parseChallenges(header).filter((c) => c.scheme.toLowerCase() === 'digest');
  if (digests.length === 0) return undefined;
  const readings = digests.map(readChallenge);
  const usable = readings
    .filter((r) => r.problem === undefined)
    .sort((a, b) => SUPPORTED_ALGORITHMS.indexOf(a.algorithm) - SUPPORTED_ALGORITHMS.indexOf(b.algorithm));
  if (usable.length === 0) {
    const problems = readings.map((r) => r.problem).join(', ');
    throw new DigestError(
      'unsupported-challenge',
      `The server offers only Digest challenges this client does not support: ${problems}.`,
    );
  }
  const { c, algorithm, qop } = usable[0]!;
  if (c.params.realm === undefined || !c.params.nonce) {
    throw new DigestError('malformed-challenge', 'The Digest challenge has no realm or no nonce.');
  }
  return {
    algorithm,
    realm: c.params.realm,
    nonce: c.params.nonce,
    qop,
    opaque: c.params.opaque,
    userhash: c.params.userhash?.toLowerCase() === 'true',
    utf8: c.params.charset?.toLowerCase() === 'utf-8',
    stale: c.params.stale?.toLowerCase() === 'true',
  };
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function createDigestFetch(credentials: DigestCredentials, options: DigestFetchOptions = {}): DigestFetch {
  const baseFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const store = options.store ?? defaultStore;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const preemptive = options.preemptive ?? true;
  const random = options.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const now = options.now ?? Date.now;

  return async (input, init = {}) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input));
    const method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const body = await replayableBody(init.body ?? (request?.body ? await request.arrayBuffer() : undefined));
    const baseHeaders = new Headers(init.headers ?? request?.headers);
    if (body.contentType && !baseHeaders.has('content-type')) baseHeaders.set('content-type', body.contentType);
    const uri = url.pathname + url.search;
    const key = cacheKey(url.origin, credentials.username, credentials.password);
    const cache = cacheFor(store);

    const callerSignal = init.signal ?? request?.signal ?? undefined;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;

    const send = async (authorization?: string): Promise<Response> => {
      const headers = new Headers(baseHeaders);
      if (authorization) headers.set('authorization', authorization);
      try {
        return await baseFetch(url.href, { ...init, method, headers, body: body.send, signal, credentials: 'omit' });
      } catch (error) {
        if (callerSignal?.aborted) throw new DigestError('aborted', 'The request was cancelled.', { cause: error });
        if (timeout.aborted) throw new DigestError('timeout', `No answer within ${timeoutMs} ms.`, { cause: error });
        throw new DigestError('network', `The server could not be reached (${url.origin}).`, { cause: error });
      }
    };

    const sign = (params: DigestParams, nc: number, sessCnonce?: string): { header: string; input: SigningInput } => {
      const cnonce = hex(random(16));
      const signing: SigningInput = {
        username: credentials.username,
        password: credentials.password,
        method,
        uri,
        nc,
        cnonce,
        sessCnonce,
        body: body.bytes,
      };
      if (params.algorithm.endsWith('-sess') && !sessCnonce) cache.setSessCnonce(key, params.nonce, cnonce);
      return { header: authorizationHeader(params, signing), input: signing };
    };

    const discard = async (response: Response) => {
      await response.body?.cancel().catch(() => undefined);
    };

    let signed: { params: DigestParams; input: SigningInput } | undefined;
    let response: Response;
    let usedCached = false;
    const cached = preemptive ? await cache.load(key) : undefined;
    const reserved = cached ? cache.reserve(key, now()) : undefined;
    if (reserved) {
      usedCached = true;
      const { header, input } = sign(reserved.record, reserved.nc, reserved.record.sessCnonce);
      signed = { params: reserved.record, input };
      await reserved.written;
      response = await send(header);
    } else {
      response = await send();
    }

    let freshSigned = false;
    let staleRetried = false;
    while (response.status === 401) {
      const challenge = pickDigestChallenge(response.headers.get('www-authenticate'));
      if (!challenge) return response; // not a Digest challenge: an authorization answer for the caller to read
      if (freshSigned && !challenge.stale) {
        refused.add(response);
        await cache.drop(key);
        return response;
      }
      if (challenge.stale) {
        if (staleRetried) return response;
        staleRetried = true;
      } else if (usedCached) {
        // The reused nonce was refused without stale: forget it and take one fresh challenge.
        usedCached = false;
      }
      await discard(response);
      const { stale: _stale, ...params } = challenge;
      await cache.adopt(key, params, now());
      const next = cache.reserve(key, now())!;
      const { header, input } = sign(next.record, next.nc, next.record.sessCnonce);
      signed = { params: next.record, input };
      await next.written;
      freshSigned = true;
      response = await send(header);
    }
    if (signed) await readAuthenticationInfo(response, signed.params, signed.input, key, cache, now());
    return response;
  };
}

async function readAuthenticationInfo(
  response: Response,
  params: DigestParams,
  input: SigningInput,
  key: string,
  cache: NonceCache,
  now: number,
): Promise<void> {
  const header = response.headers.get('authentication-info');
  if (!header) return;
  const info = parseParamList(header);
  if (info.rspauth !== undefined) {
    // The proof must be for this request: computed with our own cnonce and nc (RFC 7616 §3.5), never with values
    // the answer supplies, or another exchange's genuine Authentication-Info could be replayed.
    const expected = expectedRspauth(params, input);
    const echoed =
      (info.nc === undefined || info.nc.toLowerCase() === formatNc(input.nc)) &&
      (info.cnonce === undefined || info.cnonce === input.cnonce);
    if (info.rspauth.toLowerCase() !== expected || !echoed) {
      await cache.drop(key);
      throw new DigestError(
        'rspauth-mismatch',
        'The server could not prove it knows the credentials (rspauth mismatch): the answer was not trusted.',
      );
    }
  }
  if (info.nextnonce) await cache.adopt(key, { ...params, nonce: info.nextnonce }, now);
}
