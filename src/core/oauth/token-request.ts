// One request to the token endpoint: POST grant_type=client_credentials with the client id and secret as HTTP Basic
// credentials (client-post.ts: no redirect followed, no cookies).
import { type ClientCredentials, discard, postClientForm } from './client-post';
import { OAuthError } from './errors';
import { parseTokenAnswer, type TokenAnswer, tokenRefusal } from './token-answer';

export { basicCredentials, type ClientCredentials } from './client-post';

export type TokenOutcome = { ok: true; answer: TokenAnswer } | { ok: false; retryAfter: string | null };

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
  const response = await postClientForm(target, credentials, 'grant_type=client_credentials', fetcher, signal);
  if (response.status === 200) {
    const answer = parseTokenAnswer(await text(response));
    if (!answer) {
      throw new OAuthError('malformed-token-answer');
    }
    return { ok: true, answer };
  }
  if (response.status === 429) {
    await discard(response);
    return { ok: false, retryAfter: response.headers.get('retry-after') };
  }
  throw tokenRefusal(response.status, await text(response), response.headers.get('retry-after'), now());
}
