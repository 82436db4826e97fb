// Service accounts (OAuth 2.0 client credentials), as MongoDB's token endpoint answers them: POST /api/oauth/token
// with the client id and secret as HTTP Basic credentials and grant_type=client_credentials gives a Bearer token
// that lasts `lifetimeS` (3600 by default). At most `requestsPerMinute` token requests a minute per caller IP and
// client (429 RATE_LIMITED with Retry-After), at most `maxLiveTokens` live tokens per account (403 access_denied).
// A Bearer token stands for its account on every API path, with the account's org roles and access list, as a key.
// POST /api/oauth/revoke (RFC 7009, same Basic credentials, form body token=...) ends a token at once: it is refused
// from then on and no longer counts toward the live-token cap.
// Written apart from the extension's client (src/core/oauth), so a bug in one cannot hide in both.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FixtureKey, FixtureServiceAccount } from './fixture';
import { type ApiAnswer, mmsError } from './mms-errors';

export const TOKEN_PATH = '/api/oauth/token';
export const REVOKE_PATH = '/api/oauth/revoke';

export interface ServiceAccountOptions {
  /** A token's lifetime, in seconds (default 3600, as MongoDB's). */
  lifetimeS: number;
  /** Live tokens an account may hold (default 100). */
  maxLiveTokens: number;
  /** Token requests a minute per caller IP and client id (default 10). */
  requestsPerMinute: number;
}

/** What the sandbox tells about an issued token: never the token itself. */
export interface ServiceAccountTokenRecord {
  clientId: string;
  /** The fixture's handle of the account ("serviceaccount", ...). */
  name: string;
  fingerprint: string;
  issuedAt: number;
  expiresAt: number;
  /** True once the token was revoked (POST /api/oauth/revoke): refused, and no longer counted as live. */
  revoked: boolean;
}

/** The account as the API routes see a caller: a key with its roles and access list (no private key). */
export const asCaller = (account: FixtureServiceAccount): FixtureKey => ({
  name: account.name,
  publicKey: account.clientId,
  privateKey: '',
  roles: account.roles,
  accessList: account.accessList,
});

const fingerprintOf = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);
const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The id and secret of a `Basic` header (RFC 7617), or undefined when it is not one. */
export function parseBasic(header: string | undefined): { clientId: string; secret: string } | undefined {
  const match = /^\s*Basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}) => ({
  status,
  body: { error, error_description: description },
  headers: { 'Cache-Control': 'no-store', ...headers },
  errorCode: error,
});

export class ServiceAccountTokens {
  private readonly tokens = new Map<string, { account: FixtureServiceAccount; record: ServiceAccountTokenRecord }>();
  private readonly requests = new Map<string, number[]>();

  constructor(
    private readonly accounts: () => FixtureServiceAccount[],
    public options: ServiceAccountOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The token endpoint's answer to one request; `clientId` is set once the Basic header names a known client. */
  answer(request: {
    method: string;
    authorization?: string;
    contentType?: string;
    body: string;
    ip: string;
  }): ApiAnswer & { clientId?: string } {
    if (request.method !== 'POST') return mmsError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
    const basic = parseBasic(request.authorization);
    const challenge = { 'WWW-Authenticate': 'Basic realm="oauth"' };
    if (!basic) return oauthError(401, 'invalid_client', 'Client authentication failed.', challenge);
    // Counted per caller IP and client id, whether the secret is right or not.
    const retryAfter = this.count(`${request.ip}|${basic.clientId}`);
    if (retryAfter !== undefined) {
      return mmsError(429, 'RATE_LIMITED', 'Too many token requests for this client. Retry later.', [], {
        'Retry-After': String(retryAfter),
      });
    }
    const account = this.accounts().find((a) => a.clientId === basic.clientId);
    if (!account || !sameSecret(basic.secret, account.clientSecret)) {
      return oauthError(401, 'invalid_client', 'Client authentication failed.', challenge);
    }
    const form = (request.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (form !== 'application/x-www-form-urlencoded') {
      return {
        ...oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.'),
        clientId: account.clientId,
      };
    }
    const grant = new URLSearchParams(request.body).get('grant_type');
    if (grant !== 'client_credentials') {
      return {
        ...oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported.'),
        clientId: account.clientId,
      };
    }
    if (account.secretExpiresAt !== undefined && account.secretExpiresAt <= this.now()) {
      return {
        ...oauthError(401, 'invalid_client', 'The client secret has expired.', challenge),
        clientId: account.clientId,
      };
    }
    if (this.live(account.clientId) >= this.options.maxLiveTokens) {
      return {
        ...oauthError(403, 'access_denied', 'The service account has reached its limit of active access tokens.'),
        clientId: account.clientId,
      };
    }
    const token = this.issue(account);
    return {
      status: 200,
      body: { access_token: token, token_type: 'Bearer', expires_in: this.options.lifetimeS },
      headers: { 'Cache-Control': 'no-store' },
      clientId: account.clientId,
    };
  }

  /**
   * The revocation endpoint's answer (RFC 7009): the client authenticates as at the token endpoint (Basic; a wrong,
   * unknown or expired secret is 401 invalid_client), names the token in a form body, and gets 200 with no body, for a
   * token it holds and equally for one unknown, expired or already revoked (§2.2), so the answer tells nothing about
   * tokens. A token of another client is left alone, with the same 200 (assumed: MongoDB does not say).
   */
  revoke(request: {
    method: string;
    authorization?: string;
    contentType?: string;
    body: string;
  }): ApiAnswer & { clientId?: string } {
    if (request.method !== 'POST') return mmsError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
    const basic = parseBasic(request.authorization);
    const challenge = { 'WWW-Authenticate': 'Basic realm="oauth"' };
    const account = basic && this.accounts().find((a) => a.clientId === basic.clientId);
    if (!basic || !account || !sameSecret(basic.secret, account.clientSecret)) {
      return oauthError(401, 'invalid_client', 'Client authentication failed.', challenge);
    }
    if (account.secretExpiresAt !== undefined && account.secretExpiresAt <= this.now()) {
      return {
        ...oauthError(401, 'invalid_client', 'The client secret has expired.', challenge),
        clientId: account.clientId,
      };
    }
    const form = (request.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const token = new URLSearchParams(request.body).get('token');
    if (form !== 'application/x-www-form-urlencoded' || !token) {
      return {
        ...oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded and name a token.'),
        clientId: account.clientId,
      };
    }
    const held = this.tokens.get(token);
    if (held && held.record.clientId === account.clientId) held.record.revoked = true;
    return { status: 200, body: undefined, headers: { 'Cache-Control': 'no-store' }, clientId: account.clientId };
  }

  /** The account a live Bearer token stands for; undefined for an unknown, expired or revoked token. */
  resolve(token: string): FixtureServiceAccount | undefined {
    const held = this.tokens.get(token);
    if (!held || held.record.revoked) return undefined;
    if (held.record.expiresAt <= this.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    // The account may have been removed from the fixture since.
    return this.accounts().find((a) => a.clientId === held.account.clientId);
  }

  /** Issued tokens, oldest first (expired ones included until they are looked up or swept). */
  records(): ServiceAccountTokenRecord[] {
    return [...this.tokens.values()].map((t) => ({ ...t.record }));
  }

  /** Makes every live token (of one client, or all) expire now: for tests of renewal. */
  expireAll(clientId?: string): number {
    let expired = 0;
    for (const { record } of this.tokens.values()) {
      if ((clientId === undefined || record.clientId === clientId) && record.expiresAt > this.now()) {
        record.expiresAt = this.now();
        expired += 1;
      }
    }
    return expired;
  }

  sweep(): void {
    for (const [token, { record }] of this.tokens) if (record.expiresAt <= this.now()) this.tokens.delete(token);
  }

  /** Tokens of the account neither expired nor revoked: what the cap counts. */
  live(clientId: string): number {
    let n = 0;
    for (const { record } of this.tokens.values())
      if (record.clientId === clientId && !record.revoked && record.expiresAt > this.now()) n++;
    return n;
  }

  /** Counts a request in its minute; the seconds to wait when the minute is full. */
  private count(scope: string): number | undefined {
    const now = this.now();
    const sent = (this.requests.get(scope) ?? []).filter((t) => t > now - 60_000);
    this.requests.set(scope, sent);
    if (sent.length >= this.options.requestsPerMinute) {
      return Math.max(1, Math.ceil((sent[sent.length - this.options.requestsPerMinute]! + 60_000 - now) / 1000));
    }
    sent.push(now);
    return undefined;
  }

  private issue(account: FixtureServiceAccount): string {
    const issuedAt = this.now();
    const expiresAt = issuedAt + this.options.lifetimeS * 1000;
    // Shaped like MongoDB's (a JWT): header.payload.signature, base64url.
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        sub: account.clientId,
        iat: Math.floor(issuedAt / 1000),
        exp: Math.floor(expiresAt / 1000),
        jti: randomBytes(8).toString('hex'),
      }),
    );
    const token = `${header}.${payload}.${b64url(randomBytes(32))}`;
    const record = {
      clientId: account.clientId,
      name: account.name,
      fingerprint: fingerprintOf(token),
      issuedAt,
      expiresAt,
      revoked: false,
    };
    this.tokens.set(token, { account, record });
    return token;
  }
}
