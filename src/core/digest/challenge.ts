// Parsing WWW-Authenticate / Authentication-Info per RFC 7235 and RFC 7616: several challenges per header and
// across headers, any scheme mixed in, case-insensitive parameter names, quoted-strings with backslash escapes,
// token68 credentials (Negotiate, Bearer). Malformed input is a DigestError, never a crash.
import { DigestError } from './errors';

export interface Challenge {
  /** The scheme as sent (compare case-insensitively). */
  scheme: string;
  /** Parameters with lowercased names; values unquoted and unescaped. */
  params: Record<string, string>;
  token68?: string;
  /** Parameter names given more than once with different values (RFC 7235 §2.1: each MUST occur once). */
  repeated?: string[];
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*/;

class Cursor {
  constructor(
    readonly text: string,
    public at = 0,
  ) {}
  get done() {
    return this.at >= this.text.length;
  }
  peek() {
    return this.text[this.at];
  }
  skipSpace() {
    while (!this.done && (this.peek() === ' ' || this.peek() === '\t')) this.at++;
  }
  skipSpaceAndCommas() {
    while (!this.done && /[ \t,]/.test(this.peek()!)) this.at++;
  }
  token(): string {
    const start = this.at;
    while (!this.done && TCHAR.test(this.peek()!)) this.at++;
    return this.text.slice(start, this.at);
  }
  quoted(): string {
    // Precondition: at the opening quote.
    this.at++;
    let value = '';
    while (!this.done) {
      const c = this.text[this.at++]!;
      if (c === '"') return value;
      if (c === '\\') {
        if (this.done) break;
        value += this.text[this.at++];
      } else value += c;
    }
    throw new DigestError('malformed-challenge');
  }
  fail(): never {
    // Never echoes the header itself.
    throw new DigestError('malformed-challenge');
  }
}

/**
 * After a comma: is what follows `name=` (a parameter of the current challenge) or a new scheme? Right after the
 * scheme: is it a parameter list or a token68? `abc=` followed by nothing or a comma is a token68 with padding
 * (base64 Negotiate tokens end so), since an auth-param needs a non-empty value (RFC 7235 §2.1).
 */
function startsParam(cursor: Cursor, afterScheme = false): boolean {
  const probe = new Cursor(cursor.text, cursor.at);
  if (!probe.token()) return false;
  probe.skipSpace();
  if (probe.peek() !== '=' || probe.text[probe.at + 1] === '=') return false;
  if (!afterScheme) return true;
  probe.at++;
  probe.skipSpace();
  return !probe.done && probe.peek() !== ',';
}

/** Reads `name=value` pairs into params; a name seen again with another value goes into `repeated`. */
function parseParams(cursor: Cursor, params: Record<string, string>, repeated: Set<string>): void {
  for (;;) {
    cursor.skipSpace();
    const name = cursor.token();
    if (!name) cursor.fail();
    cursor.skipSpace();
    if (cursor.peek() !== '=') cursor.fail();
    cursor.at++;
    cursor.skipSpace();
    const value = cursor.peek() === '"' ? cursor.quoted() : cursor.token();
    const key = name.toLowerCase();
    if (Object.hasOwn(params, key) && params[key] !== value) repeated.add(key);
    params[key] = value;
    cursor.skipSpace();
    if (cursor.done) return;
    if (cursor.peek() !== ',') cursor.fail();
    // Empty list elements are allowed (RFC 7230 §7).
    while (!cursor.done && /[ \t,]/.test(cursor.peek()!)) {
      if (cursor.peek() === ',') cursor.at++;
      else cursor.skipSpace();
    }
    if (cursor.done || !startsParam(cursor)) return;
  }
}

export function parseChallenges(headerValues: string | string[]): Challenge[] {
  const challenges: Challenge[] = [];
  for (const text of typeof headerValues === 'string' ? [headerValues] : headerValues) {
    const cursor = new Cursor(text);
    cursor.skipSpaceAndCommas();
    while (!cursor.done) {
      const scheme = cursor.token();
      if (!scheme) cursor.fail();
      const challenge: Challenge = { scheme, params: {} };
      challenges.push(challenge);
      if (!cursor.done && cursor.peek() !== ' ' && cursor.peek() !== '\t' && cursor.peek() !== ',') {
        cursor.fail();
      }
      cursor.skipSpace();
      if (cursor.done) break;
      if (cursor.peek() === ',') {
        cursor.skipSpaceAndCommas();
        continue;
      }
      if (startsParam(cursor, true)) {
        const repeated = new Set<string>();
        parseParams(cursor, challenge.params, repeated);
        if (repeated.size) challenge.repeated = [...repeated];
      } else {
        const match = TOKEN68.exec(cursor.text.slice(cursor.at));
        if (!match) return cursor.fail();
        challenge.token68 = match[0];
        cursor.at += match[0].length;
        cursor.skipSpace();
        if (!cursor.done && cursor.peek() !== ',') cursor.fail();
      }
      cursor.skipSpaceAndCommas();
    }
  }
  return challenges;
}

/** Authentication-Info and similar headers: a bare parameter list, no scheme. */
export function parseParamList(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  const repeated = new Set<string>();
  const cursor = new Cursor(text);
  cursor.skipSpaceAndCommas();
  if (!cursor.done) parseParams(cursor, params, repeated);
  if (!cursor.done) cursor.fail();
  if (repeated.size) {
    throw new DigestError('malformed-challenge');
  }
  return params;
}

export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** Serialises challenges back into one header value (used to check parse → serialise → parse). */
export function serializeChallenges(challenges: Challenge[]): string {
  return challenges
    .map((c) => {
      if (c.token68) return `${c.scheme} ${c.token68}`;
      const params = Object.entries(c.params).map(([k, v]) => `${k}=${quote(v)}`);
      return params.length ? `${c.scheme} ${params.join(', ')}` : c.scheme;
    })
    .join(', ');
}
