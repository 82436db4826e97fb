// One revocation request (RFC 7009): POST token=<access token>&token_type_hint=access_token to /api/oauth/revoke on
// the server that issued the token, with the client id and secret as HTTP Basic credentials, as the token request
// does: never following a redirect (the secret and the token would go along), never with the user's cookies.
// A token no longer needed is revoked so it stops counting toward the account's 100 live tokens and cannot be used.
import { type ClientCredentials, discard, postClientForm } from './client-post';
import { tokenRefusal } from './token-answer';

export const REVOKE_PATH = '/api/oauth/revoke';

export interface RevokeOptions {
  /** Default globalThis.fetch; always called with credentials 'omit', redirect 'manual'. */
  fetch?: typeof fetch;
  /** Ends the wait for the answer (the caller's cap: a revoke is never worth a long wait). */
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * The revocation endpoint of the server a token endpoint (or any address) belongs to: always that origin's own
 * /api/oauth/revoke, so a token is only ever shown to the server that issued it.
 */
export function revokeUrlOf(server: string): string {
  return `${new URL(server).origin}${REVOKE_PATH}`;
}

/**
 * Revokes `accessToken` at `server`'s revocation endpoint. Resolves on a 200 (also the answer for a token already
 * revoked or expired, RFC 7009 §2.2); a refusal is the CloudManagerError it is (a wrong secret: bad-credentials),
 * a failure to send an OAuthError. No error names the token, the secret or the Basic header.
 */
export async function revokeToken(
  server: string,
  credentials: ClientCredentials,
  accessToken: string,
  options: RevokeOptions = {},
): Promise<void> {
  const target = new URL(revokeUrlOf(server));
  const fetcher = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const body = new URLSearchParams({ token: accessToken, token_type_hint: 'access_token' }).toString();
  const response = await postClientForm(target, credentials, body, fetcher, options.signal);
  if (response.status === 200) {
    await discard(response);
    return;
  }
  const text = await response.text().catch(() => '');
  throw tokenRefusal(response.status, text, response.headers.get('retry-after'), (options.now ?? Date.now)());
}
