// A minimal Digest client for the sandbox's tests, written with node:crypto and never sharing code with
// src/core/digest: parse the challenge, answer it with MD5 and qop=auth, with knobs to break each part.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpsRequest } from 'node:https';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export interface Challenge {
  realm: string;
  nonce: string;
  stale: boolean;
  raw: string;
}

export function parseChallenge(header: string | null): Challenge {
  if (!header) throw new Error('no WWW-Authenticate header');
  const get = (name: string) => new RegExp(`${name}="?([^",]*)"?`).exec(header)?.[1];
  return { realm: get('realm') ?? '', nonce: get('nonce') ?? '', stale: get('stale') === 'true', raw: header };
}

export function authorization(o: {
  username: string;
  password: string;
  method: string;
  uri: string;
  challenge: Challenge;
  nc?: number;
  cnonce?: string;
  realm?: string;
}): string {
  const nc = (o.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = o.cnonce ?? randomBytes(8).toString('hex');
  const realm = o.realm ?? o.challenge.realm;
  const ha1 = md5(`${o.username}:${realm}:${o.password}`);
  const ha2 = md5(`${o.method}:${o.uri}`);
  const response = md5(`${ha1}:${o.challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${o.username}", realm="${realm}", nonce="${o.challenge.nonce}", uri="${o.uri}", algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<Response>;

/** A fetch for the sandbox's HTTPS listener: trusts only its self-signed certificate (`ca`, PEM). */
export function httpsFetchWith(ca: string): Fetch {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method: init.method, headers: init.headers, ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          const status = res.statusCode ?? 0;
          const empty = status === 204 || status === 304;
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(init.body);
    });
}

/** Sends a request the way curl --digest does: unauthenticated, then signed for the challenge. */
export async function digestRequest(
  base: string,
  o: { username: string; password: string; method?: string; path: string; body?: string; fetch?: Fetch },
): Promise<{ response: Response; challenge: Challenge }> {
  const method = o.method ?? 'GET';
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
  const fetch: Fetch = o.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const first = await fetch(base + o.path, { method, headers, body: o.body });
  await first.text();
  if (first.status !== 401) throw new Error(`expected a challenge, got ${first.status}`);
  const challenge = parseChallenge(first.headers.get('www-authenticate'));
  const signed = authorization({ ...o, method, uri: o.path, challenge });
  const response = await fetch(base + o.path, { method, headers: { ...headers, Authorization: signed }, body: o.body });
  return { response, challenge };
}
