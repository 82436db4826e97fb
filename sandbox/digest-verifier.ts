// The server side of HTTP Digest, as Cloud Manager answers it: realm "MMS Public API", MD5, qop="auth", nonces
// that expire (stale=true when the credentials were right), nc replay refused. Written with node:crypto and its
// own parser: it never shares code with the extension's Digest client, so a bug in one cannot hide in both.
// By default a nonce, once issued, is accepted from any key (as Apache does); with `nonceBoundToUser` the first
// key to sign with a nonce owns it, and another key signing with it gets stale=true (reason 'foreign-nonce').
import { createHash, randomBytes } from 'node:crypto';
import type { FixtureKey } from './fixture';

export const REALM = 'MMS Public API';

export interface DigestVerifierOptions {
  nonceLifetimeMs: number;
  acceptNonceReuse: boolean;
  /** The first user to sign with a nonce owns it; others get 401 stale=true. Default false. */
  nonceBoundToUser?: boolean;
}

export type Verdict =
  | { ok: true; key: FixtureKey }
  | {
      ok: false;
      stale: boolean;
      reason: 'missing' | 'malformed' | 'bad-response' | 'unknown-user' | 'replay' | 'expired' | 'foreign-nonce';
    };

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** Splits `Digest a="b", c=d` into a map; quoted values lose their quotes and backslash escapes. */
export function parseAuthorization(header: string): Record<string, string> | undefined {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const re = /\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy;
  const rest = match[1]!;
  let m: RegExpExecArray | null;
  let consumed = 0;
  for (;;) {
    m = re.exec(rest);
    if (!m) break;
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    consumed = re.lastIndex;
    if (consumed >= rest.length) break;
  }
  return consumed >= rest.trim().length ? params : undefined;
}

export class DigestVerifier {
  private readonly nonces = new Map<string, { issuedAt: number; lastNc: number; used: boolean; owner?: string }>();

  constructor(
    /** Public so a mode switch (nonceBoundToUser) applies to the next request. */
    readonly options: DigestVerifierOptions,
    private readonly keys: () => FixtureKey[],
    /** The clock nonces age on: real time, or the migration clock when a benchmark simulates minutes. */
    private readonly now: () => number = Date.now,
  ) {}

  challenge(stale: boolean): string {
    const nonce = randomBytes(24).toString('base64');
    this.nonces.set(nonce, { issuedAt: this.now(), lastNc: 0, used: false });
    // Exactly the shape Cloud Manager sends: algorithm and stale unquoted, domain empty.
    return `Digest realm="${REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /**
   * Checks a request's Authorization header. `knows` narrows which keys this listener knows (the others are
   * answered as an unknown user, like a wrong key): the HTTPS side does not know Ops Manager global keys.
   */
  verify(
    method: string,
    requestUri: string,
    header: string | undefined,
    knows: (key: FixtureKey) => boolean = () => true,
  ): Verdict {
    if (!header) return { ok: false, stale: false, reason: 'missing' };
    const p = parseAuthorization(header);
    if (!p?.username || !p.nonce || !p.response || !p.uri || p.realm !== REALM) {
      return { ok: false, stale: false, reason: 'malformed' };
    }
    if (
      (p.algorithm ?? 'MD5').toUpperCase() !== 'MD5' ||
      p.qop !== 'auth' ||
      !p.cnonce ||
      !/^[0-9a-f]{8}$/i.test(p.nc ?? '')
    ) {
      return { ok: false, stale: false, reason: 'malformed' };
    }
    if (p.uri !== requestUri) return { ok: false, stale: false, reason: 'malformed' };
    const key = this.keys().find((k) => k.publicKey === p.username && knows(k));
    if (!key) return { ok: false, stale: false, reason: 'unknown-user' };
    const ha1 = md5(`${key.publicKey}:${REALM}:${key.privateKey}`);
    const ha2 = md5(`${method}:${p.uri}`);
    const expected = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
    if (expected !== p.response.toLowerCase()) return { ok: false, stale: false, reason: 'bad-response' };
    // The credentials are right from here on: a nonce problem is "stale", never "wrong key".
    const state = this.nonces.get(p.nonce);
    if (!state || this.now() - state.issuedAt > this.options.nonceLifetimeMs) {
      this.nonces.delete(p.nonce);
      return { ok: false, stale: true, reason: 'expired' };
    }
    if (this.options.nonceBoundToUser && state.owner !== undefined && state.owner !== key.publicKey) {
      return { ok: false, stale: true, reason: 'foreign-nonce' };
    }
    const nc = Number.parseInt(p.nc!, 16);
    if (nc <= state.lastNc) return { ok: false, stale: false, reason: 'replay' };
    if (state.used && !this.options.acceptNonceReuse) {
      this.nonces.delete(p.nonce);
      return { ok: false, stale: true, reason: 'expired' };
    }
    state.lastNc = nc;
    state.used = true;
    state.owner ??= key.publicKey;
    return { ok: true, key };
  }

  /** Drops expired nonces so a long-running demo does not grow without bound. */
  sweep(): void {
    const now = this.now();
    for (const [nonce, state] of this.nonces) {
      if (now - state.issuedAt > this.options.nonceLifetimeMs) this.nonces.delete(nonce);
    }
  }
}
