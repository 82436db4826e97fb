// Reads the token endpoint's answers: the access token of a 200 (RFC 6749 §5.1), and the refusals the user can act
// on (§5.2, and MongoDB's limits) as CloudManagerErrors. Nothing the answer says is repeated in an error: an
// error_description may quote the request, so only the facts (which refusal, how long to wait) are kept.
import { CloudManagerError } from '../cloudmanager/cloud-manager-error';
import { parseRetryAfter } from '../cloudmanager/retry-after';
import { BEARER_TOKEN, MAX_TOKEN_LENGTH } from './token-store';

export interface TokenAnswer {
  accessToken: string;
  expiresInS: number;
}

/** MongoDB's documented lifetime, assumed when an answer leaves expires_in out (RFC 6749 makes it optional). */
export const DEFAULT_LIFETIME_S = 3600;
/** A lifetime longer than a day is not believed: the token is asked for again after a day. */
const MAX_LIFETIME_S = 24 * 3600;

function lifetimeOf(value: unknown): number | undefined {
  if (value === undefined) return DEFAULT_LIFETIME_S;
  const seconds = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return Math.min(seconds, MAX_LIFETIME_S);
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The token of a 200 answer, or undefined when the answer is not a Bearer token answer: a token with characters a
 * header cannot carry, another token type, or a lifetime that is not a positive number.
 */
export function parseTokenAnswer(text: string): TokenAnswer | undefined {
  const body = parseJson(text);
  if (!body) return undefined;
  const { access_token: token, token_type: type, expires_in: expiresIn } = body;
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !BEARER_TOKEN.test(token)) return undefined;
  // The token type is case-insensitive (RFC 6749 §5.1).
  if (typeof type !== 'string' || type.toLowerCase() !== 'bearer') return undefined;
  const expiresInS = lifetimeOf(expiresIn);
  return expiresInS === undefined ? undefined : { accessToken: token, expiresInS };
}

/** True when the refusal says the secret is expired (the wording is the server's; MongoDB's is not published). */
const saysExpired = (body: Record<string, unknown> | undefined) =>
  [body?.error_description, body?.detail].some((text) => typeof text === 'string' && /expired/i.test(text));

/**
 * The error for a token endpoint answer that is neither 200 nor 429: a refused client (401 invalid_client: wrong
 * id or secret, or an expired secret), too many live tokens (403 access_denied), or an answer not understood.
 */
export function tokenRefusal(status: number, text: string, retryAfter: string | null, now: number): CloudManagerError {
  const body = parseJson(text);
  const error = typeof body?.error === 'string' ? body.error : undefined;
  if (status === 401 || error === 'invalid_client') {
    return new CloudManagerError('bad-credentials', {
      variant: saysExpired(body) ? 'service-account-expired' : 'service-account',
      status,
    });
  }
  if (status === 403 && error === 'access_denied') {
    return new CloudManagerError('rate-limited', {
      variant: 'service-account-tokens',
      status,
      retryAfterSeconds: parseRetryAfter(retryAfter, now),
    });
  }
  if (status >= 500) return new CloudManagerError('server-error', { status });
  return new CloudManagerError('unexpected-response', { status });
}

/**
 * The token endpoint's limit, when the wait it asks for (its 429, or the client's own 10-a-minute window, then
 * without a status) is longer than the call may take.
 */
export function tokenRateLimited(seconds: number | undefined, status?: number): CloudManagerError {
  return new CloudManagerError('rate-limited', { variant: 'service-account', status, retryAfterSeconds: seconds });
}
