// The Atlas link token as the user pasted it: an opaque one-word secret, checked before it is sent and only ever
// remembered as a one-way fingerprint (to warn when one token is about to link a second org).
import { CloudManagerError } from './cloud-manager-error';

export const MAX_LINK_TOKEN_LENGTH = 4096;

// Whitespace, control and format characters (zero-width space, BOM, ...) cannot be part of a one-word token.
const NOT_IN_A_TOKEN = /[\s\p{Cc}\p{Cf}]/u;

export function normalizeLinkToken(raw: string): string {
  const token = typeof raw === 'string' ? raw.trim() : '';
  if (token.length === 0) throw new CloudManagerError('invalid-token', { variant: 'empty' });
  if (token.length > MAX_LINK_TOKEN_LENGTH) throw new CloudManagerError('invalid-token', { variant: 'too-long' });
  if (NOT_IN_A_TOKEN.test(token)) throw new CloudManagerError('invalid-token', { variant: 'whitespace' });
  return token;
}

// A fixed prefix keeps the fingerprint from matching a plain SHA-256 of the token computed anywhere else.
const FINGERPRINT_PREFIX = 'cm-atlas-link/token-fingerprint/v1\u0000';

/** First 16 hex characters of SHA-256(prefix + token): enough to tell tokens apart, useless to recover one. */
export async function tokenFingerprint(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(FINGERPRINT_PREFIX + token));
  return Array.from(new Uint8Array(digest).subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}
