// No request follows a redirect (real fetch, loopback servers): a 3xx from the API or from the token endpoint ends
// the call as OAuthError 'redirected' naming only the target's host, and the target never sees a request (so
// neither the Basic credentials nor the token reach it). Also cancellation and timeouts while a token is shared.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../../../src/core/cloudmanager';
import { createMemoryTokenStore, createTokenFetch, OAuthError } from '../../../../src/core/oauth';
import { CM_ORGS, failure, fakeOAuth, SECRET, shown } from './fake-oauth';

interface Loopback {
  origin: string;
  seen: IncomingMessage[];
  close(): Promise<void>;
}

async function serve(
  answer: (req: IncomingMessage, res: import('node:http').ServerResponse) => void,
): Promise<Loopback> {
  const seen: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req);
    req.resume();
    req.on('end', () => answer(req, res));
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

describe('redirects, with real fetch', () => {
  let elsewhere: Loopback;
  let api: Loopback;
  let redirectingTokens: Loopback;
  beforeAll(async () => {
    elsewhere = await serve((_req, res) => res.end('{"access_token":"stolen","token_type":"Bearer"}'));
    api = await serve((req, res) => {
      if (req.url === '/api/oauth/token') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ access_token: 'tok-loop', token_type: 'Bearer', expires_in: 3600 }));
      }
      res.writeHead(302, { Location: `${elsewhere.origin}/collect?token=tok-loop` });
      res.end();
    });
    redirectingTokens = await serve((_req, res) => {
      res.writeHead(307, { Location: `${elsewhere.origin}/api/oauth/token` });
      res.end();
    });
  });
  afterAll(async () => {
    await Promise.all([elsewhere.close(), api.close(), redirectingTokens.close()]);
  });

  it('an API call answered with a redirect is not followed', async () => {
    const call = createTokenFetch({ clientId: 'id', clientSecret: SECRET }, { store: createMemoryTokenStore() });
    const error = await failure(call(`${api.origin}/api/public/v1.0/orgs`));
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ kind: 'redirected', host: new URL(elsewhere.origin).host });
    expect(shown(error)).not.toContain('tok-loop');
    expect(elsewhere.seen).toHaveLength(0);
    expect(describeError(error).kind).toBe('redirected');
  });

  it('a token request answered with a redirect is not followed: the secret goes nowhere else', async () => {
    const apiSeen = api.seen.length;
    const call = createTokenFetch(
      { clientId: 'id', clientSecret: SECRET },
      { store: createMemoryTokenStore(), tokenUrl: `${redirectingTokens.origin}/api/oauth/token` },
    );
    const error = await failure(call(`${api.origin}/api/public/v1.0/orgs`));
    expect(error).toMatchObject({ kind: 'redirected', host: new URL(elsewhere.origin).host });
    expect(elsewhere.seen).toHaveLength(0);
    // Nor was the API called: there was no token.
    expect(api.seen).toHaveLength(apiSeen);
    expect(shown(error)).not.toContain(SECRET);
  });
});

describe('cancellation and time', () => {
  it('a caller that cancels while the shared token is fetched fails alone; the others get the token', async () => {
    const f = fakeOAuth();
    let release!: () => void;
    f.state.gate = new Promise<void>((r) => {
      release = r;
    });
    const call = f.client();
    const controller = new AbortController();
    const cancelled = call(CM_ORGS, { signal: controller.signal });
    const waiting = call(CM_ORGS);
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    const error = await failure(cancelled);
    expect(error).toMatchObject({ kind: 'aborted' });
    release();
    expect((await waiting).status).toBe(200);
    expect(f.state.tokenRequests).toHaveLength(1);
    expect(f.state.apiRequests.map((s) => s.authorization)).toEqual(['Bearer tok-1']);
  });

  it('an already cancelled call sends nothing', async () => {
    const f = fakeOAuth();
    const error = await failure(f.client()(CM_ORGS, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(f.state.tokenRequests).toHaveLength(0);
  });

  it('a token endpoint that never answers: a timeout within the call limit', async () => {
    const f = fakeOAuth();
    f.state.gate = new Promise<void>(() => undefined);
    const error = await failure(f.client({ timeoutMs: 50 })(CM_ORGS));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(describeError(error).kind).toBe('timeout');
  });

  it('a header the platform cannot send (a line break in the client id) fails as invalid-request, unsent', async () => {
    const f = fakeOAuth();
    const call = createTokenFetch(
      { clientId: 'id\r\nX-Evil: 1', clientSecret: SECRET },
      { fetch: f.fetch, store: createMemoryTokenStore(), now: f.now, sleep: f.sleep },
    );
    // Basic base64-encodes the id, so the header itself is fine: the endpoint refuses the client instead.
    expect(await failure(call(CM_ORGS))).toMatchObject({ kind: 'bad-credentials' });
    const bad = await failure(f.client()(CM_ORGS, { headers: { 'X-Note': 'a\nb' } }));
    expect(bad).toBeInstanceOf(OAuthError);
    expect(bad).toMatchObject({ kind: 'invalid-request' });
    expect(bad.message).not.toContain('a\nb');
    expect(f.state.apiRequests).toHaveLength(0);
  });
});
