// One form POST to an OAuth endpoint of the account's own server (the token and the revocation endpoints) with the
// client id and secret as HTTP Basic credentials: never following a redirect (the secret would go along), never with
// the user's cookies, and no error that quotes the secret, the header or a token.
import { redirectOf } from '../digest/redirect';
import { OAuthError } from './errors';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** UTF-8, then base64: what `curl -u id:secret` sends (btoa alone refuses characters past U+00FF). */
export function basicCredentials({ clientId, clientSecret }: ClientCredentials): string {
  const bytes = new TextEncoder().encode(`${clientId}:${clientSecret}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * Sends the form and returns the answer, any status: a request that cannot be built, a failure to send, a timeout
 * (the signal) and a redirect are thrown as OAuthErrors.
 */
export async function postClientForm(
  target: URL,
  credentials: ClientCredentials,
  body: string,
  fetcher: typeof fetch,
  signal?: AbortSignal,
): Promise<Response> {
  let init: RequestInit;
  try {
    init = {
      method: 'POST',
      headers: {
        Authorization: basicCredentials(credentials),
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body,
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
    };
    // A header the platform will not send (a line break pasted into the id) fails here, not as a network error.
    new Request(target.href, init);
  } catch {
    throw new OAuthError('invalid-request');
  }
  let response: Response;
  try {
    response = await fetcher(target.href, signal ? { ...init, signal } : init);
  } catch (error) {
    if (signal?.aborted) {
      throw new OAuthError('timeout', { cause: error });
    }
    throw new OAuthError('network', {
      cause: error,
    });
  }
  const redirect = redirectOf(response, { url: target.href, origin: target.origin });
  if (redirect) {
    await discard(response);
    throw new OAuthError('redirected', {
      host: redirect.host,
    });
  }
  return response;
}
