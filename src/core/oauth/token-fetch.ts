// createTokenFetch: a fetch-compatible function that calls with a service account's OAuth 2.0 access token
// (client credentials grant), beside the Digest client and shaped like it. One token per service account is shared
// by every call that uses it (concurrent cold calls make one token request), kept in an injectable store and renewed
// a minute before it expires. A 401 to a held token (the server refused it: the request was not processed) renews
// it once and repeats the call, when the body can be sent again; a refused token fetched for this very call is
// Cloud Manager or Atlas refusing Bearer tokens there: a CloudManagerError 'bearer-refused'. Never more than two
// API requests per call. No request follows a redirect: a redirect answer ends the call as an OAuthError 'redirected'.
import { CloudManagerError } from '../cloudmanager/cloud-manager-error';
import { DigestError } from '../digest/errors';
import { discard, globalFetch, startExchange } from '../digest/exchange';
import { type ReplayableRequest, replayableRequest, sendInit } from '../digest/replayable-request';
import { CachePerStore } from '../digest/stored-records';
import { OAuthError, type OAuthErrorKind } from './errors';
import { parseJson } from './token-answer';
import { type Acquisition, closedError, TokenCache } from './token-cache';
import { type ClientCredentials, requestToken } from './token-request';
import { createMemoryTokenStore, type TokenStore, tokenKey } from './token-store';

export interface TokenFetchOptions {
  /** The token endpoint (default: `/api/oauth/token` on the origin of each call). */
  tokenUrl?: string;
  /** Where tokens are kept between calls and worker lives (default: one in-memory store per process). */
  store?: TokenStore;
  /** The fetch used for every request (default globalThis.fetch); always with credentials 'omit', redirect 'manual'. */
  fetch?: typeof fetch;
  now?: () => number;
  /** How the client waits for the token endpoint's limit (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Whole-call limit (default 20 s), waits for the token endpoint included. */
  timeoutMs?: number;
}

export type TokenFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const caches = new CachePerStore((store: TokenStore) => new TokenCache(store));
const defaultStore = createMemoryTokenStore();

/**
 * Forgets every token this process holds for the store (the vault lock calls it, then clears the store itself). The
 * store's cache stays closed until reopenTokens: a call in flight sends nothing more (no token request, no API
 * request) and writes nothing back, and a call started meanwhile is refused instead of finding a fresh cache.
 */
export function forgetTokens(store: TokenStore = defaultStore): void {
  // A store without a cache yet gets a closed one, so the next call is refused until reopenTokens.
  caches.of(store).close();
}

/** The vault unlocked again: the next call on this store starts a new cache (a store not closed keeps its own). */
export function reopenTokens(store: TokenStore = defaultStore): void {
  if (caches.held(store)?.isClosed) caches.forget(store);
}

/** Forgets this process's copy of one account's token (the caller deletes it from the store and revokes it). */
export function forgetToken(store: TokenStore, key: string): void {
  caches.held(store)?.forget(key);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Bodies fetch reads once: sent as given, but a call carrying one is never repeated. */
const unreplayable = (body: BodyInit | null | undefined) =>
  (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) ||
  (typeof FormData !== 'undefined' && body instanceof FormData);

/** The request checks of the Digest client, reworded for this client (they speak of Digest and of a username). */
async function prepared(input: string | URL | Request, init: RequestInit): Promise<ReplayableRequest> {
  try {
    return await replayableRequest(input, unreplayable(init.body) ? { ...init, body: undefined } : init);
  } catch (error) {
    // A header or address the platform cannot take: its message quotes the value, so it is not kept.
    if (error instanceof TypeError) throw new OAuthError('invalid-request');
    throw asOAuthError(error);
  }
}

function asOAuthError(error: unknown): unknown {
  if (!(error instanceof DigestError)) return error;
  const kind = error.kind as OAuthErrorKind;
  return new OAuthError(kind);
}

/**
 * True when a 401 refuses the token rather than the caller: a Bearer challenge naming invalid_token, or an answer
 * without an MMS errorCode (a coded 401, such as USER_UNAUTHORIZED, is an authorization answer for the caller).
 */
async function refusesToken(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  if (/^\s*Bearer\b.*\berror\s*=\s*"?invalid_token/is.test(response.headers.get('www-authenticate') ?? '')) {
    return true;
  }
  if (response.headers.get('x-error-code')) return false;
  const body = parseJson(
    await response
      .clone()
      .text()
      .catch(() => ''),
  );
  return typeof body?.errorCode !== 'string';
}

/** Which side refused a fresh token: the Atlas Admin API's paths, else Cloud Manager (or Ops Manager). */
function bearerRefused(request: ReplayableRequest): CloudManagerError {
  const atlas = new URL(request.url).pathname.startsWith('/api/atlas/');
  return new CloudManagerError('bearer-refused', { variant: atlas ? 'atlas' : undefined, status: 401 });
}

function raced<T>(promise: Promise<T>, signal: AbortSignal, failure: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(failure());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(failure());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createTokenFetch(credentials: ClientCredentials, options: TokenFetchOptions = {}): TokenFetch {
  const baseFetch = options.fetch ?? globalFetch;
  const store = options.store ?? defaultStore;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;

  return async (input, init = {}) => {
    const request = await prepared(input, init);
    const once = unreplayable(init.body);
    const tokenUrl = options.tokenUrl ?? `${request.origin}/api/oauth/token`;
    const cache = caches.of(store);
    const exchange = startExchange(request, baseFetch, timeoutMs, OAuthError);
    const { signal } = exchange;
    const acquisition: Acquisition = {
      key: tokenKey(tokenUrl, credentials.clientId, credentials.clientSecret),
      client: `${tokenUrl}|${credentials.clientId}`,
      send: (tokenSignal) => requestToken(tokenUrl, credentials, baseFetch, tokenSignal, now),
      now,
      sleep,
      timeoutMs,
    };
    const token = (stale?: string) => raced(cache.token(acquisition, stale), signal, exchange.stopped);

    const send = async (accessToken: string): Promise<Response> => {
      // Checked after every await that led here: a lock while the token was awaited sends nothing.
      if (cache.isClosed) throw closedError();
      let sendOptions: RequestInit;
      try {
        sendOptions = sendInit(request, `Bearer ${accessToken}`, signal);
      } catch (error) {
        throw asOAuthError(error);
      }
      if (once) sendOptions.body = init.body;
      return exchange.send(sendOptions);
    };

    const first = await token();
    const response = await send(first.record.accessToken);
    if (!(await refusesToken(response))) return response;
    if (first.fresh) {
      // A token made for this call, refused at once: renewing would only make another the server refuses.
      await discard(response);
      throw bearerRefused(request);
    }
    if (once) {
      // The held token is refused, but this body cannot be sent again: the next call renews it.
      await cache.drop(acquisition.key, first.record.accessToken);
      return response;
    }
    await discard(response);
    const second = await token(first.record.accessToken);
    const retried = await send(second.record.accessToken);
    if (!(await refusesToken(retried))) return retried;
    await discard(retried);
    throw bearerRefused(request);
  };
}
