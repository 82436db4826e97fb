// Where access tokens are kept between calls and worker lives (the extension's store is storage.session, wiped at
// lock): one record per service account and token endpoint, holding the token and when it expires — never the
// client secret. The store is the Digest client's kind (core/digest/stored-records.ts), as its nonce store is.
import { createMemoryStore, credentialKey, type RecordStore } from '../digest/stored-records';

export interface TokenRecord {
  accessToken: string;
  /** When the token was asked for (ms): its lifetime is counted from the request, not the answer. */
  obtainedAt: number;
  /** obtainedAt + expires_in (ms). */
  expiresAt: number;
}

export type TokenStore = RecordStore<TokenRecord>;

export const createMemoryTokenStore = (): TokenStore & { size(): number } => createMemoryStore<TokenRecord>();

/**
 * token endpoint + client id + a one-way fingerprint of the secret: a changed secret never uses a token the old one
 * obtained (a wrong secret must be found wrong, not hidden behind a cached token).
 */
export function tokenKey(tokenUrl: string, clientId: string, clientSecret: string): string {
  return credentialKey('token cache', tokenUrl, clientId, clientSecret);
}

/**
 * The token endpoint a store key names, when the key was made for these credentials (else undefined): how the worker
 * finds which stored tokens an account's secret can revoke, since a record never holds the secret.
 */
export function tokenUrlOfKey(key: string, clientId: string, clientSecret: string): string | undefined {
  const parts = key.split('|');
  if (parts.length < 3) return undefined;
  const tokenUrl = parts.slice(0, -2).join('|');
  return tokenKey(tokenUrl, clientId, clientSecret) === key ? tokenUrl : undefined;
}

/** What an access token may hold: the characters of RFC 6750's b64token (a JWT fits), bounded in length. */
export const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
export const MAX_TOKEN_LENGTH = 16_384;

/** A stored record another version wrote, or damaged, is treated as absent: the call asks for a new token. */
export function isTokenRecord(value: unknown): value is TokenRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Record<keyof TokenRecord, unknown>>;
  return (
    typeof r.accessToken === 'string' &&
    r.accessToken.length <= MAX_TOKEN_LENGTH &&
    BEARER_TOKEN.test(r.accessToken) &&
    Number.isFinite(r.obtainedAt) &&
    Number.isFinite(r.expiresAt) &&
    (r.expiresAt as number) > (r.obtainedAt as number)
  );
}
