// Calls to the sandbox's Atlas Admin API v2 for its tests: the Digest round trip of digest-client.ts (its
// challenge parser and answer, never src/core/digest), with the Accept and Content-Type each test chooses.
import { readFileSync } from 'node:fs';
import type { Sandbox } from '../../../sandbox/server';
import { authorization, httpsFetchWith, parseChallenge } from './digest-client';

export const A = '/api/atlas/v2';
export const V1 = 'application/vnd.atlas.2023-01-01+json';

export interface AtlasCallOptions {
  body?: string;
  /** Default V1; null sends no Accept header at all. */
  accept?: string | null;
  /** Default: V1 when there is a body; null sends none. */
  contentType?: string | null;
  listener?: 'http' | 'https';
  /** Sign with this private key instead of the key's own (a wrong password). */
  password?: string;
}

export interface AtlasResult {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
  json: any;
  /** The status of the unsigned first request (always the 401 challenge when Digest comes first). */
  challengeStatus: number;
}

/** An unsigned request and then the signed one, as curl --digest does, with Atlas's headers. */
export async function atlasCall(
  sb: Sandbox,
  keyName: string,
  method: string,
  path: string,
  options: AtlasCallOptions = {},
): Promise<AtlasResult> {
  const key = sb.fixture.keys.find((k) => k.name === keyName);
  if (!key) throw new Error(`no key named ${keyName}`);
  const headers: Record<string, string> = {};
  const accept = options.accept === undefined ? V1 : options.accept;
  if (accept !== null) headers.Accept = accept;
  const contentType = options.contentType === undefined ? (options.body ? V1 : null) : options.contentType;
  if (contentType !== null) headers['Content-Type'] = contentType;
  const https = options.listener === 'https';
  const base = https ? sb.httpsUrl : sb.httpUrl!;
  const fetch = https
    ? httpsFetchWith(readFileSync(sb.certPath, 'utf8'))
    : (url: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
        globalThis.fetch(url, init);
  const first = await fetch(base + path, { method, headers, body: options.body });
  await first.text();
  const challenge = parseChallenge(first.headers.get('www-authenticate'));
  const signed = authorization({
    username: key.publicKey,
    password: options.password ?? key.privateKey,
    method,
    uri: path,
    challenge,
  });
  const response = await fetch(base + path, {
    method,
    headers: { ...headers, Authorization: signed },
    body: options.body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? JSON.parse(text) : undefined,
    challengeStatus: first.status,
  };
}

/** The Atlas error shape, with the code in X-Error-Code too (none for the plain 401). */
export function errorOf(r: AtlasResult) {
  return {
    status: r.status,
    keys: Object.keys(r.json ?? {}).sort(),
    errorCode: r.json?.errorCode,
    header: r.headers.get('x-error-code') ?? undefined,
    contentType: r.headers.get('content-type'),
  };
}
