// Computing a Digest response (RFC 7616 §3.4) and writing the Authorization header, with every quoted value
// escaped. Also verifies a server's rspauth (§3.5).
import { quote } from './challenge';
import { type DigestAlgorithm, hasherFor } from './hash';

export interface DigestParams {
  algorithm: DigestAlgorithm;
  realm: string;
  nonce: string;
  /** undefined = RFC 2069 compatibility (no qop offered). */
  qop?: 'auth' | 'auth-int';
  opaque?: string;
  userhash: boolean;
  utf8: boolean;
}

export interface SigningInput {
  username: string;
  password: string;
  method: string;
  uri: string;
  nc: number;
  cnonce: string;
  /** For -sess algorithms: the cnonce of the first request on this nonce, which fixes H(A1). */
  sessCnonce?: string;
  body?: Uint8Array;
}

export const formatNc = (nc: number) => nc.toString(16).padStart(8, '0');

function ha1(p: DigestParams, s: SigningInput): string {
  const H = hasherFor(p.algorithm);
  const base = H(`${s.username}:${p.realm}:${s.password}`);
  return p.algorithm.endsWith('-sess') ? H(`${base}:${p.nonce}:${s.sessCnonce ?? s.cnonce}`) : base;
}

function ha2(p: DigestParams, method: string, uri: string, body: Uint8Array | undefined): string {
  const H = hasherFor(p.algorithm);
  return p.qop === 'auth-int' ? H(`${method}:${uri}:${H(body ?? new Uint8Array())}`) : H(`${method}:${uri}`);
}

function kd(p: DigestParams, secret: string, ha2Value: string, s: SigningInput): string {
  const H = hasherFor(p.algorithm);
  if (!p.qop) return H(`${secret}:${p.nonce}:${ha2Value}`);
  return H(`${secret}:${p.nonce}:${formatNc(s.nc)}:${s.cnonce}:${p.qop}:${ha2Value}`);
}

export function digestResponse(p: DigestParams, s: SigningInput): string {
  return kd(p, ha1(p, s), ha2(p, s.method, s.uri, s.body), s);
}

/**
 * rspauth uses A2 with an empty method (RFC 7616 §3.5). With auth-int it protects the response: pass the
 * response body as `s.body`.
 */
export function expectedRspauth(p: DigestParams, s: SigningInput): string {
  return kd(p, ha1(p, s), ha2(p, '', s.uri, s.body), s);
}

function encodeExtValue(value: string): string {
  return `UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function authorizationHeader(p: DigestParams, s: SigningInput): string {
  const H = hasherFor(p.algorithm);
  const parts: string[] = [];
  if (p.userhash) parts.push(`username=${quote(H(`${s.username}:${p.realm}`))}`);
  else if (p.utf8 && /[^\x20-\x7e]/.test(s.username)) parts.push(`username*=${encodeExtValue(s.username)}`);
  else parts.push(`username=${quote(s.username)}`);
  parts.push(`realm=${quote(p.realm)}`, `nonce=${quote(p.nonce)}`, `uri=${quote(s.uri)}`);
  parts.push(`algorithm=${p.algorithm}`, `response=${quote(digestResponse(p, s))}`);
  if (p.opaque !== undefined) parts.push(`opaque=${quote(p.opaque)}`);
  if (p.qop) parts.push(`qop=${p.qop}`, `nc=${formatNc(s.nc)}`, `cnonce=${quote(s.cnonce)}`);
  if (p.userhash) parts.push('userhash=true');
  return `Digest ${parts.join(', ')}`;
}
