// Authentication-Info: nextnonce is adopted (the next request uses it with nc=1); rspauth is verified and a
// mismatch (value, nc or cnonce) fails loudly with DigestError 'rspauth-mismatch' and forgets the nonce.
import { describe, expect, it } from 'vitest';
import { createDigestFetch, createMemoryNonceStore, DigestError } from '../../../../src/core/digest';
import { digestSetup, fakeDigestServer, MUFASA, URL_A } from './fake-digest-server';
import { ALGORITHMS } from './reference';

async function failure(promise: Promise<unknown>): Promise<DigestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestError);
  return error as DigestError;
}

/** Rewrites the Authentication-Info of every 200 the server sends. */
function rewritingInfo(server: ReturnType<typeof fakeDigestServer>, rewrite: (info: string) => string) {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await server.fetch(input, init);
    const info = response.headers.get('authentication-info');
    if (!info) return response;
    const headers = new Headers(response.headers);
    headers.set('authentication-info', rewrite(info));
    return new Response(response.body, { status: response.status, headers });
  };
}

describe('nextnonce', () => {
  it('is adopted: each following request uses the newest nonce with nc=00000001, one request each', async () => {
    const { server, client } = digestSetup({ nextnonce: true });
    await client(URL_A);
    let previous = server.take()[1]!.params!.nonce;
    for (let i = 0; i < 3; i++) {
      expect((await client(URL_A)).status).toBe(200);
      const [only, ...rest] = server.take();
      expect(rest).toEqual([]);
      expect(only!.verdict).toBe('ok');
      expect(only!.params!.nc).toBe('00000001');
      expect(only!.params!.nonce).not.toBe(previous);
      previous = only!.params!.nonce!;
    }
  });

  it('a nextnonce equal to the current nonce keeps counting (no nc replay)', async () => {
    const server = fakeDigestServer();
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await server.fetch(input, init);
      if (response.status !== 200) return response;
      const nonce = /nonce="([^"]*)"/.exec(new Headers(init?.headers).get('authorization')!)![1]!;
      return new Response('ok', { headers: { 'Authentication-Info': `nextnonce="${nonce}"` } });
    };
    const same = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() });
    for (let i = 0; i < 3; i++) expect((await same(URL_A)).status).toBe(200);
    expect(server.take().map((s) => [s.verdict, s.params?.nc])).toEqual([
      ['challenge', undefined],
      ['ok', '00000001'],
      ['ok', '00000002'],
      ['ok', '00000003'],
    ]);
  });
});

describe('rspauth', () => {
  it.each(ALGORITHMS)('%s: a valid rspauth is accepted, cold and warm', async (algorithm) => {
    const { server, client } = digestSetup({ algorithms: [algorithm], rspauth: 'valid', opaque: 'o' });
    for (let i = 0; i < 3; i++) {
      const response = await client(URL_A, { method: 'PATCH', body: '{}' });
      expect(response.status).toBe(200);
      expect(response.headers.get('authentication-info')).toMatch(/rspauth="[0-9a-f]+"/);
    }
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok', 'ok', 'ok']);
  });

  it.each(ALGORITHMS)(
    '%s auth-int: rspauth covers the response body, which the caller still reads',
    async (algorithm) => {
      const { server, client } = digestSetup({ algorithms: [algorithm], qop: 'auth-int', rspauth: 'valid' });
      for (let i = 0; i < 2; i++) {
        const response = await client(URL_A, { method: 'POST', body: '{"linkToken":"t"}' });
        expect(response.status).toBe(200);
        expect(await response.text()).toBe('signed POST /api/public/v1.0/orgs?pretty=true (17 bytes)');
      }
      expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok', 'ok']);
    },
  );

  it('auth-int: a response body changed on the way (same headers, same rspauth) is a mismatch', async () => {
    const server = fakeDigestServer({ qop: 'auth-int', rspauth: 'valid' });
    const tampering = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await server.fetch(input, init);
      if (response.status !== 200) return response;
      return new Response('{"status":"SYNCED"}', { status: 200, headers: response.headers });
    };
    const client = createDigestFetch(MUFASA, { fetch: tampering, store: createMemoryNonceStore() });
    expect((await failure(client(URL_A, { method: 'POST', body: 'x' }))).kind).toBe('rspauth-mismatch');
  });

  it('a mismatch throws DigestError rspauth-mismatch and the nonce is forgotten (next call is cold)', async () => {
    const options = { rspauth: 'bad' as 'bad' | 'valid' };
    const { server, client, store } = digestSetup(options);
    const error = await failure(client(URL_A));
    expect(error.kind).toBe('rspauth-mismatch');
    expect(error.message).toMatch(/rspauth/);
    expect(store.size()).toBe(0);
    options.rspauth = 'valid';
    server.take();
    await client(URL_A);
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok']);
  });

  it('a mismatch on a warm call throws as well', async () => {
    const options = { rspauth: 'valid' as 'bad' | 'valid' };
    const { client } = digestSetup(options);
    await client(URL_A);
    options.rspauth = 'bad';
    expect((await failure(client(URL_A))).kind).toBe('rspauth-mismatch');
  });

  it.each([
    ['an nc other than the one sent', (info: string) => info.replace(/nc=0000000(\d)/, 'nc=0000000f')],
    ['a cnonce other than the one sent', (info: string) => info.replace(/cnonce="[^"]*"/, 'cnonce="0123456789abcdef"')],
    ['an rspauth of another length', (info: string) => info.replace(/rspauth="([^"]*)"/, 'rspauth="$1a"')],
  ])('an Authentication-Info echoing %s is a mismatch', async (_, rewrite) => {
    const server = fakeDigestServer({ rspauth: 'valid' });
    const client = createDigestFetch(MUFASA, {
      fetch: rewritingInfo(server, rewrite),
      store: createMemoryNonceStore(),
    });
    expect((await failure(client(URL_A))).kind).toBe('rspauth-mismatch');
  });

  it("another exchange's genuine Authentication-Info (same nonce and nc, other cnonce) is not accepted", async () => {
    // Two workers with separate stores get the same nonce from a time-window server: both sign nc=00000001.
    const server = fakeDigestServer({ rspauth: 'valid' });
    let captured: string | undefined;
    const recording = rewritingInfo(server, (info) => {
      captured = info;
      return info;
    });
    await createDigestFetch(MUFASA, { fetch: recording, store: createMemoryNonceStore() })(URL_A);
    expect(captured).toMatch(/nc=00000001/);
    const nonce = server.take()[1]!.params!.nonce!;
    // The second worker sees the same challenge, and gets the first exchange's proof back.
    const replaying = async (_input: RequestInfo | URL, init?: RequestInit) =>
      new Headers(init?.headers).has('authorization')
        ? new Response('ok', { headers: { 'Authentication-Info': captured! } })
        : new Response(null, {
            status: 401,
            headers: { 'WWW-Authenticate': `Digest realm="http-auth@example.org", nonce="${nonce}", qop="auth"` },
          });
    const victim = createDigestFetch(MUFASA, { fetch: replaying, store: createMemoryNonceStore() });
    expect((await failure(victim(URL_A))).kind).toBe('rspauth-mismatch');
  });

  it('an rspauth in upper-case hex is still accepted', async () => {
    const server = fakeDigestServer({ rspauth: 'valid' });
    const upper = (info: string) => info.replace(/rspauth="([^"]*)"/, (_, v: string) => `rspauth="${v.toUpperCase()}"`);
    const client = createDigestFetch(MUFASA, { fetch: rewritingInfo(server, upper), store: createMemoryNonceStore() });
    expect((await client(URL_A)).status).toBe(200);
  });

  it('a malformed Authentication-Info is a typed error, not a crash', async () => {
    const server = fakeDigestServer({ rspauth: 'valid' });
    const client = createDigestFetch(MUFASA, {
      fetch: rewritingInfo(server, () => 'rspauth="unterminated'),
      store: createMemoryNonceStore(),
    });
    expect((await failure(client(URL_A))).kind).toBe('malformed-challenge');
  });
});
