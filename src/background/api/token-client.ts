// The service accounts' token client as the worker's start holds it: the client itself (core/oauth's token fetch,
// its cache and the revoke) loads with the extras the first time a service account calls or a lock revokes its
// tokens (oauth-loader.ts), so a cold start for a key pair's popup never compiles it (#33 item 4). What the lock
// decides about the session's token cache holds whenever the client loads: a lock closes it, in the loaded client
// at once and in one that loads later as soon as it does, until the next unlock's first client reopens it.
import type { ClientCredentials, RevokeOptions, TokenFetchOptions } from '../../core/oauth';
import { loadedOAuth, loadOAuth, type OAuth } from './oauth-loader';
import { sessionTokenStore } from './token-store';

let closed = false;

/** The lock: the session's tokens forgotten, the cache closed (core/oauth forgetTokens), loaded or not yet. */
export function closeSessionTokens(): void {
  closed = true;
  loadedOAuth()?.forgetTokens(sessionTokenStore);
}

/** The next unlock's first client: the session's cache opens again (core/oauth reopenTokens). */
export function reopenSessionTokens(): void {
  closed = false;
  loadedOAuth()?.reopenTokens(sessionTokenStore);
}

async function client(): Promise<typeof OAuth> {
  const oauth = await loadOAuth();
  // Loaded after a lock: closed as the lock left it (forgetting an already closed cache changes nothing).
  if (closed) oauth.forgetTokens(sessionTokenStore);
  return oauth;
}

/** core/oauth createTokenFetch, its client loaded on the first call. */
export function tokenFetch(credentials: ClientCredentials, options: TokenFetchOptions): typeof fetch {
  return async (input, init) => (await client()).createTokenFetch(credentials, options)(input, init);
}

/** core/oauth revokeToken, its client loaded first. */
export async function revokeToken(
  tokenUrl: string,
  credentials: ClientCredentials,
  accessToken: string,
  options?: RevokeOptions,
): Promise<void> {
  return (await client()).revokeToken(tokenUrl, credentials, accessToken, options);
}

/** core/oauth forgetToken, where the client is loaded (one not loaded holds no token). */
export function forgetToken(key: string): void {
  loadedOAuth()?.forgetToken(sessionTokenStore, key);
}
