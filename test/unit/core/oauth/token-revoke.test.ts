// The revocation request (RFC 7009, MongoDB's /api/oauth/revoke): exactly one POST to the issuing server's own
// /api/oauth/revoke with the account's Basic credentials, a form body naming the token as an access token, no cookies
// and no redirect followed (real fetch, loopback servers: the other address never sees a request); 200 is done, a
// refused secret is bad-credentials, a failure to send an OAuthError; no error shows the token or the secret.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudManagerError } from '../../../../src/core/cloudmanager';
import { OAuthError, REVOKE_PATH, revokeToken, revokeUrlOf } from '../../../../src/core/oauth';
import { BASIC, CLIENT_ID, failure, ORIGIN, SECRET, shown } from './fake-oauth';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZGJfc2FfaWQifQ.c2lnbmF0dXJl-_';
const CREDENTIALS = { clientId: CLIENT_ID, clientSecret: SECRET };

interface Sent {
  url: string;
  init: RequestInit;
  headers: Headers;
  body: string;
}

function recording(answer: () => Response | Promise<Response> = () => new Response(null, { status: 200 })) {
  const sent: Sent[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({ url: String(input), init, headers: new Headers(init.headers), body: String(init.body) });
    return answer();
  }) as typeof globalThis.fetch;
  return { sent, fetch };
}

describe('the revocation request', () => {
  it('POSTs token=<token>&token_type_hint=access_token with Basic credentials, no cookies, no redirect', async () => {
    const { sent, fetch } = recording();
    await revokeToken(`${ORIGIN}/api/oauth/token`, CREDENTIALS, TOKEN, { fetch });
    expect(sent).toHaveLength(1);
    const [{ url, init, headers, body }] = sent as [Sent];
    expect(url).toBe('https://cloud.mongodb.com/api/oauth/revoke');
    expect(init.method).toBe('POST');
    expect(headers.get('authorization')).toBe(BASIC);
    expect(headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(body).toBe(`token=${TOKEN}&token_type_hint=access_token`);
    expect(new URLSearchParams(body).get('token')).toBe(TOKEN);
    expect([init.credentials, init.redirect, init.cache]).toEqual(['omit', 'manual', 'no-store']);
  });

  it("goes only to the issuing server's own /api/oauth/revoke, whatever path or query it is given", async () => {
    expect(REVOKE_PATH).toBe('/api/oauth/revoke');
    expect(revokeUrlOf('https://cloud.mongodb.com/api/oauth/token')).toBe('https://cloud.mongodb.com/api/oauth/revoke');
    expect(revokeUrlOf('http://opsmanager.example:8080/api/oauth/token?x=1#y')).toBe(
      'http://opsmanager.example:8080/api/oauth/revoke',
    );
    const { sent, fetch } = recording();
    await revokeToken('https://cloud.mongodb.com/elsewhere/collect?to=https://evil.example/', CREDENTIALS, TOKEN, {
      fetch,
    });
    expect(sent.map((s) => s.url)).toEqual(['https://cloud.mongodb.com/api/oauth/revoke']);
  });

  it('encodes a token with form-reserved characters so the server reads it back unchanged', async () => {
    const { sent, fetch } = recording();
    await revokeToken(ORIGIN, CREDENTIALS, 'a+b/c==', { fetch });
    expect(new URLSearchParams(sent[0]!.body).get('token')).toBe('a+b/c==');
    expect(sent[0]!.body).toBe('token=a%2Bb%2Fc%3D%3D&token_type_hint=access_token');
  });

  it('a 200 is done; a 401 invalid_client is bad-credentials (service-account); a 500 server-error', async () => {
    await expect(revokeToken(ORIGIN, CREDENTIALS, TOKEN, { fetch: recording().fetch })).resolves.toBeUndefined();
    const refused = recording(() => Response.json({ error: 'invalid_client' }, { status: 401 }));
    const error = await failure(revokeToken(ORIGIN, CREDENTIALS, TOKEN, { fetch: refused.fetch }));
    expect(error).toBeInstanceOf(CloudManagerError);
    expect(error).toMatchObject({ kind: 'bad-credentials', variant: 'service-account', status: 401 });
    const broken = recording(() => new Response('oops', { status: 500 }));
    expect(await failure(revokeToken(ORIGIN, CREDENTIALS, TOKEN, { fetch: broken.fetch }))).toMatchObject({
      kind: 'server-error',
    });
  });

  it('a network failure is OAuthError network; the signal ending the wait, timeout; neither shows a secret', async () => {
    const down = (async () => {
      throw new TypeError(`fetch failed for ${TOKEN}`);
    }) as typeof globalThis.fetch;
    const lost = await failure(revokeToken(ORIGIN, CREDENTIALS, TOKEN, { fetch: down }));
    expect(lost).toBeInstanceOf(OAuthError);
    expect((lost as OAuthError).kind).toBe('network');
    expect(lost.message).not.toContain(TOKEN);
    const hanging = ((_: unknown, init: RequestInit) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )) as typeof globalThis.fetch;
    const late = await failure(
      revokeToken(ORIGIN, CREDENTIALS, TOKEN, { fetch: hanging, signal: AbortSignal.timeout(20) }),
    );
    expect((late as OAuthError).kind).toBe('timeout');
    for (const error of [lost, late]) {
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain(BASIC.slice(6));
    }
  });
});

interface Loopback {
  origin: string;
  seen: { url?: string; authorization?: string; body: string }[];
  close(): Promise<void>;
}

async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<Loopback> {
  const seen: Loopback['seen'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ url: req.url, authorization: req.headers.authorization, body: Buffer.concat(chunks).toString() });
      answer(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

describe('the revocation request with real fetch', () => {
  let elsewhere: Loopback;
  let redirecting: Loopback;
  let revoking: Loopback;
  beforeAll(async () => {
    elsewhere = await serve((_req, res) => res.end());
    redirecting = await serve((_req, res) => {
      res.writeHead(307, { Location: `${elsewhere.origin}/api/oauth/revoke` });
      res.end();
    });
    revoking = await serve((_req, res) => {
      res.writeHead(200, { 'Cache-Control': 'no-store' });
      res.end();
    });
  });
  afterAll(async () => {
    await Promise.all([elsewhere.close(), redirecting.close(), revoking.close()]);
  });

  it('is received as sent: one POST, the Basic header, the form body', async () => {
    await revokeToken(revoking.origin, CREDENTIALS, TOKEN);
    expect(revoking.seen).toEqual([
      { url: '/api/oauth/revoke', authorization: BASIC, body: `token=${TOKEN}&token_type_hint=access_token` },
    ]);
  });

  it('a redirect is not followed: OAuthError redirected naming the host, and the other server sees nothing', async () => {
    const error = await failure(revokeToken(redirecting.origin, CREDENTIALS, TOKEN));
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ kind: 'redirected', host: new URL(elsewhere.origin).host });
    expect(elsewhere.seen).toEqual([]);
    expect(redirecting.seen).toHaveLength(1);
    expect(shown(error)).not.toContain(TOKEN);
    expect(shown(error)).not.toContain(SECRET);
  });
});
