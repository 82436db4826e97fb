// An independent Digest implementation (node:crypto, own parser) used as the oracle: it shares no code with
// src/core/digest, so a bug in one cannot hide in both.
import { createHash } from 'node:crypto';

export type RefAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
export const ALGORITHMS: readonly RefAlgorithm[] = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'];

export function H(algorithm: string, data: string | Uint8Array): string {
  const name = algorithm.toUpperCase().startsWith('SHA-256') ? 'sha256' : 'md5';
  return createHash(name)
    .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    .digest('hex');
}

export interface RefInput {
  algorithm: RefAlgorithm;
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  /** undefined: RFC 2069 form. */
  qop?: 'auth' | 'auth-int';
  nc?: string;
  cnonce?: string;
  /** -sess: the cnonce that fixed H(A1) (defaults to cnonce). */
  sessCnonce?: string;
  body?: Uint8Array;
}

export function refHA1(i: RefInput): string {
  const base = H(i.algorithm, `${i.username}:${i.realm}:${i.password}`);
  if (!i.algorithm.endsWith('-sess')) return base;
  return H(i.algorithm, `${base}:${i.nonce}:${i.sessCnonce ?? i.cnonce}`);
}

function refHA2(i: RefInput, method: string): string {
  if (i.qop === 'auth-int') {
    return H(i.algorithm, `${method}:${i.uri}:${H(i.algorithm, i.body ?? new Uint8Array())}`);
  }
  return H(i.algorithm, `${method}:${i.uri}`);
}

function refKD(i: RefInput, ha2: string): string {
  const ha1 = refHA1(i);
  if (!i.qop) return H(i.algorithm, `${ha1}:${i.nonce}:${ha2}`);
  return H(i.algorithm, `${ha1}:${i.nonce}:${i.nc}:${i.cnonce}:${i.qop}:${ha2}`);
}

export const refResponse = (i: RefInput) => refKD(i, refHA2(i, i.method));
/** rspauth: A2 with an empty method (RFC 7616 §3.5); with auth-int, `body` is the response's. */
export const refRspauth = (i: RefInput) => refKD(i, refHA2(i, ''));

/** Splits `Digest a="b", c=d` into a map (names lowercased, quoted values unescaped). */
export function parseDigestHeader(header: string): Record<string, string> {
  const match = /^\s*Digest\s+([\s\S]*)$/i.exec(header);
  if (!match) throw new Error(`not a Digest header: ${header}`);
  const params: Record<string, string> = {};
  const re = /\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\[\s\S])*)"|([^\s,]*))\s*(?:,|$)/gy;
  const rest = match[1]!;
  let at = 0;
  while (at < rest.length) {
    re.lastIndex = at;
    const m = re.exec(rest);
    if (!m) throw new Error(`unparsable Digest header at ${at}: ${rest.slice(at)}`);
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\([\s\S])/g, '$1') : m[3]!;
    at = re.lastIndex;
  }
  return params;
}

/** The raw text of one parameter as sent (to check quoting). */
export function rawParam(header: string, name: string): string | undefined {
  const re = new RegExp(`(?:^Digest\\s+|,\\s*)${name.replace('*', '\\*')}=("(?:[^"\\\\]|\\\\.)*"|[^\\s,]*)`, 'i');
  return re.exec(header)?.[1];
}

/** RFC 7230 quoted-string, written independently of the client. */
export function q(value: string): string {
  let out = '"';
  for (const c of value) out += c === '"' || c === '\\' ? `\\${c}` : c;
  return `${out}"`;
}
