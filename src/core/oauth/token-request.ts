// One request to the token endpoint: POST grant_type=client_credentials with the client id and secret as HTTP Basic
// credentials, never following a redirect (the secret would go along), never with the user's cookies.
import { redirectOf } from '../digest/redirect';
import { OAuthError } from './errors';
import { parseTokenAnswer, type TokenAnswer, tokenRefusal } from './token-answer';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export type TokenOutcome = { ok: true; answer: TokenAnswer } | { ok: false; retryAfter: string | null };

/** UTF-8, then base64: what `curl -u id:secret` sends (btoa alone refuses characters past U+00FF). */
export function basicCredentials({ clientId, clientSecret }: ClientCredentials): string {
  const bytes = new TextEncoder().encode(`${clientId}:${clientSecret}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

async function text(response: Response): Promise<string> {
  return response.text().catch(() => '');
}

/**
 * Sends one token request. A 200 with a Bearer token is the token; a 429 is returned for the caller to wait; any
 * other answer is thrown as the refusal it is; a failure to send is an OAuthError.
 */
export async function requestToken(
  tokenUrl: string,
  credentials: ClientCredentials,
  fetcher: typeof fetch,
  signal: AbortSignal,
  now: () => number,
): Promise<TokenOutcome> {
  const target = new URL(tokenUrl);
  let init: RequestInit;
  try {
    init = {
      method: 'POST',
      headers: {
        Authorization: basicCredentials(credentials),
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
    };
    // A header the platform will not send (a line break pasted into the id) fails here, not as a network error.
    new Request(target.href, init);
  } catch {
    throw new OAuthError(
      'invalid-request',
      'The token request could not be built, so it was not sent: the client id holds a character HTTP does not allow.',
    );
  }
  let response: Response;
  try {
    response = await fetcher(target.href, { ...init, signal });
  } catch (error) {
    if (signal.aborted) throw new OAuthError('timeout', 'The token endpoint did not answer in time.', { cause: error });
    throw new OAuthError('network', `The token endpoint could not be reached (${target.origin}).`, { cause: error });
  }
  const redirect = redirectOf(response, { url: target.href, origin: target.origin });
  if (redirect) {
    await discard(response);
    const where = redirect.host === undefined ? 'another address' : redirect.host;
    throw new OAuthError('redirected', `The token endpoint pointed the request to ${where}; it was not followed.`, {
      host: redirect.host,
    });
  }
  if (response.status === 200) {
    const answer = parseTokenAnswer(await text(response));
    if (!answer) {
      throw new OAuthError('malformed-token-answer', 'The token endpoint answered 200 without a usable Bearer token.');
    }
    return { ok: true, answer };
  }
  if (response.status === 429) {
    await discard(response);
    return { ok: false, retryAfter: response.headers.get('retry-after') };
  }
  throw tokenRefusal(response.status, await text(response), response.headers.get('retry-after'), now());
}
