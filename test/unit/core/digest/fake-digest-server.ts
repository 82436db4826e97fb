// An in-test HTTP Digest server as a fetch function (node:crypto via ./reference): issues challenges, verifies
// every Authorization header independently, refuses nc replays, and records each request with its verdict.
import { randomBytes } from 'node:crypto';
import {
  createDigestFetch,
  createMemoryNonceStore,
  type DigestCredentials,
  type DigestFetchOptions,
} from '../../../../src/core/digest';
import { H, parseDigestHeader, q, type RefAlgorithm, refResponse, refRspauth } from './reference';

export interface ServerOptions {
  users?: Record<string, string>;
  realm?: string;
  /** One challenge per algorithm, in this order. */
  algorithms?: RefAlgorithm[];
  /** The qop parameter offered; null = none (RFC 2069 form). */
  qop?: string | null;
  opaque?: string;
  userhash?: boolean;
  charset?: boolean;
  /** Every challenge carries the same nonce until expire(). */
  fixedNonce?: boolean;
  /** Other challenges sent before the Digest ones, each in its own header. */
  extraChallenges?: string[];
  /** Every signed request is answered 401 stale=true with a new nonce. */
  staleAlways?: boolean;
  /** A signed request with nc other than 00000001 is refused (401 without stale). */
  refuseReuse?: boolean;
  /**
   * A nonce belongs to the first user it verifies for; another user's request with it is refused, with stale=true
   * ('stale') or without ('refuse'). Default: any user may use any nonce (as Apache's mod_auth_digest does).
   */
  nonceBoundToUser?: 'stale' | 'refuse';
  /** nc must exceed every nc seen on the nonce, whoever sent it (as Cloud Manager counts): otherwise a replay. */
  ncMustIncrease?: boolean;
  nextnonce?: boolean;
  rspauth?: 'valid' | 'bad';
  /** Delay before answering (honours the request's AbortSignal). */
  delayMs?: number | (() => number);
}

export type Verdict =
  | 'challenge'
  | 'stale'
  | 'ok'
  | 'bad-response'
  | 'replay'
  | 'unknown-nonce'
  | 'reuse-refused'
  | 'other-user';

export interface Seen {
  /** The URL exactly as passed to fetch. */
  url: string;
  method: string;
  path: string;
  authorization: string | null;
  params?: Record<string, string>;
  body: Uint8Array;
  contentType: string | null;
  credentials: RequestCredentials | undefined;
  verdict: Verdict;
  status: number;
}

interface NonceState {
  expired: boolean;
  seenNc: Set<string>;
  sessCnonce?: string;
  /** With nonceBoundToUser: the user it first verified for. */
  user?: string;
}

export const MUFASA = { username: 'Mufasa', password: 'Circle of Life' };

function newNonce(): string {
  // Always contains + / and = (as Cloud Manager's do).
  return `+/${randomBytes(16).toString('base64')}`;
}

export function fakeDigestServer(options: ServerOptions = {}) {
  const users = options.users ?? { [MUFASA.username]: MUFASA.password };
  const realm = options.realm ?? 'http-auth@example.org';
  const algorithms = options.algorithms ?? ['MD5'];
  const qop = options.qop === undefined ? 'auth' : options.qop;
  const nonces = new Map<string, NonceState>();
  const seen: Seen[] = [];
  let current: string | undefined;

  const issue = (): string => {
    if (options.fixedNonce && current && !nonces.get(current)?.expired) return current;
    current = newNonce();
    nonces.set(current, { expired: false, seenNc: new Set() });
    return current;
  };

  const challenge = (stale: boolean): Headers => {
    const headers = new Headers();
    for (const extra of options.extraChallenges ?? []) headers.append('WWW-Authenticate', extra);
    const nonce = issue();
    for (const algorithm of algorithms) {
      const parts = [`realm=${q(realm)}`, `nonce=${q(nonce)}`, `algorithm=${algorithm}`];
      if (qop !== null) parts.push(`qop=${q(qop)}`);
      if (options.opaque !== undefined) parts.push(`opaque=${q(options.opaque)}`);
      if (options.charset) parts.push('charset=UTF-8');
      if (options.userhash) parts.push('userhash=true');
      parts.push(`stale=${stale ? 'true' : 'FALSE'}`);
      headers.append('WWW-Authenticate', `Digest ${parts.join(', ')}`);
    }
    return headers;
  };

  const findUser = (p: Record<string, string>, algorithm: string): [string, string] | undefined => {
    for (const [name, password] of Object.entries(users)) {
      if (p.userhash === 'true' ? p.username === H(algorithm, `${name}:${realm}`) : p.username === name) {
        return [name, password];
      }
      const ext = p['username*'];
      if (ext?.startsWith("UTF-8''") && decodeURIComponent(ext.slice(7)) === name) return [name, password];
    }
    return undefined;
  };

  const verify = (url: URL, method: string, body: Uint8Array, p: Record<string, string>) => {
    const state = p.nonce === undefined ? undefined : nonces.get(p.nonce);
    if (!state) return { verdict: 'unknown-nonce' as const };
    const algorithm = (p.algorithm ?? 'MD5') as RefAlgorithm;
    const user = algorithms.includes(algorithm) ? findUser(p, algorithm) : undefined;
    const qopOk = qop === null ? p.qop === undefined : qop.split(',').includes(p.qop ?? '');
    const ncOk = qop === null || /^[0-9a-f]{8}$/.test(p.nc ?? '');
    if (
      !user ||
      !qopOk ||
      !ncOk ||
      p.realm !== realm ||
      p.uri !== url.pathname + url.search ||
      p.opaque !== options.opaque
    ) {
      return { verdict: 'bad-response' as const };
    }
    const sessCnonce = state.sessCnonce ?? p.cnonce;
    const input = {
      algorithm,
      username: user[0],
      password: user[1],
      realm,
      nonce: p.nonce!,
      method,
      uri: p.uri!,
      qop: p.qop as 'auth' | 'auth-int' | undefined,
      nc: p.nc,
      cnonce: p.cnonce,
      sessCnonce,
      body,
    };
    if (p.response !== refResponse(input)) return { verdict: 'bad-response' as const };
    if (state.expired || options.staleAlways) return { verdict: 'stale' as const };
    if (options.nonceBoundToUser && state.user !== undefined && state.user !== user[0]) {
      return { verdict: 'other-user' as const };
    }
    const nc = p.nc ?? '';
    // RFC 2069 has no nc: such servers accept the nonce again until it expires.
    if (qop !== null && state.seenNc.has(nc)) return { verdict: 'replay' as const };
    const highest = Math.max(0, ...[...state.seenNc].map((n) => Number.parseInt(n, 16)));
    if (options.ncMustIncrease && Number.parseInt(nc, 16) <= highest) return { verdict: 'replay' as const };
    if (options.refuseReuse && nc !== '00000001') return { verdict: 'reuse-refused' as const };
    state.seenNc.add(nc);
    state.sessCnonce = sessCnonce;
    state.user ??= user[0];
    return { verdict: 'ok' as const, input };
  };

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    const body = new Uint8Array(await new Response(init.body ?? null).arrayBuffer());
    const authorization = headers.get('authorization');
    const record: Seen = {
      url: String(input),
      method,
      path: url.pathname + url.search,
      authorization,
      body,
      contentType: headers.get('content-type'),
      credentials: init.credentials,
      verdict: 'challenge',
      status: 401,
    };
    seen.push(record);
    const delay = typeof options.delayMs === 'function' ? options.delayMs() : options.delayMs;
    if (delay) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, delay);
        init.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(init.signal?.reason);
        });
      });
    }
    init.signal?.throwIfAborted();
    if (!authorization) return new Response('challenge', { status: 401, headers: challenge(false) });
    const p = parseDigestHeader(authorization);
    record.params = p;
    const result = verify(url, method, body, p);
    record.verdict = result.verdict;
    const stale =
      result.verdict === 'stale' || (result.verdict === 'other-user' && options.nonceBoundToUser === 'stale');
    if (stale) return new Response('stale', { status: 401, headers: challenge(true) });
    if (result.verdict !== 'ok') return new Response('refused', { status: 401, headers: challenge(false) });
    record.status = 200;
    // Not an echo: with auth-int, rspauth covers this response body, which differs from the request's.
    const answer = new TextEncoder().encode(`signed ${method} ${record.path} (${body.byteLength} bytes)`);
    const info: string[] = [];
    if (options.rspauth && result.input.qop) {
      const rspauth = refRspauth({ ...result.input, body: answer });
      const value = options.rspauth === 'valid' ? rspauth : rspauth.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      info.push(`rspauth=${q(value)}`, `cnonce=${q(p.cnonce!)}`, `nc=${p.nc}`, `qop=${p.qop}`);
    }
    if (options.nextnonce) {
      const next = newNonce();
      nonces.set(next, { expired: false, seenNc: new Set() });
      info.push(`nextnonce=${q(next)}`);
    }
    const out = new Headers({ 'content-type': 'application/octet-stream' });
    if (info.length) out.set('Authentication-Info', info.join(', '));
    return new Response(answer, { status: 200, headers: out });
  };

  return {
    fetch,
    seen,
    nonces,
    /** Marks every nonce issued so far as expired (the next use gets stale=true). */
    expire() {
      for (const state of nonces.values()) state.expired = true;
    },
    /** A server restart: every nonce is unknown (the next use gets a 401 without stale). */
    forget() {
      nonces.clear();
      current = undefined;
    },
    /** The requests since the last call. */
    take(): Seen[] {
      return seen.splice(0);
    },
  };
}

export type FakeDigestServer = ReturnType<typeof fakeDigestServer>;

/** A server, a private store and a client (Mufasa by default) wired together. */
export function digestSetup(
  serverOptions: ServerOptions = {},
  clientOptions: DigestFetchOptions = {},
  credentials: DigestCredentials = MUFASA,
) {
  const server = fakeDigestServer(serverOptions);
  const store = createMemoryNonceStore();
  const client = createDigestFetch(credentials, { fetch: server.fetch, store, ...clientOptions });
  return { server, store, client };
}

export const URL_A = 'https://cm.example.test/api/public/v1.0/orgs?pretty=true';
