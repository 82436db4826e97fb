// Replayable bodies (auth-int hashes the exact bytes of each body type), stream bodies refused, timeout and
// caller abort via AbortSignal, network failures, credentials: 'omit', and no password in any error message.
import { describe, expect, it } from 'vitest';
import { createDigestFetch, createMemoryNonceStore, DigestError } from '../../../../src/core/digest';
import { digestSetup, fakeDigestServer, MUFASA, URL_A } from './fake-digest-server';

const enc = (s: string) => new TextEncoder().encode(s);

async function failure(promise: Promise<unknown>): Promise<DigestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestError);
  return error as DigestError;
}

describe('bodies', () => {
  const backing = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x41, 0x42, 0x43, 0x00, 0x0a, 0xee]);
  const cases: [string, () => BodyInit, Uint8Array, string | null][] = [
    ['string (UTF-8)', () => '{"t":"é ✓ \\"x\\""}', enc('{"t":"é ✓ \\"x\\""}'), null],
    ['ArrayBuffer', () => backing.slice().buffer, backing, null],
    ['Uint8Array', () => backing.slice(), backing, null],
    ['Uint8Array view at an offset', () => backing.subarray(2, 7), backing.subarray(2, 7), null],
    ['Int16Array view', () => new Int16Array(backing.buffer, 2, 3), backing.subarray(2, 8), null],
    ['DataView', () => new DataView(backing.buffer, 1, 4), backing.subarray(1, 5), null],
    [
      'URLSearchParams',
      () => new URLSearchParams({ a: '1', b: 'é x&y' }),
      enc('a=1&b=%C3%A9+x%26y'),
      'application/x-www-form-urlencoded;charset=UTF-8',
    ],
    ['Blob', () => new Blob(['{"a":', enc('1}')], { type: 'application/json' }), enc('{"a":1}'), 'application/json'],
    ['empty string', () => '', new Uint8Array(), null],
  ];

  it.each(cases)('auth-int over a %s hashes the exact bytes sent, cold and warm', async (_, make, bytes, type) => {
    const { server, client } = digestSetup({ qop: 'auth-int', algorithms: ['SHA-256'] });
    for (let i = 0; i < 2; i++) expect((await client(URL_A, { method: 'POST', body: make() })).status).toBe(200);
    const seen = server.take();
    expect(seen.map((s) => s.verdict)).toEqual(['challenge', 'ok', 'ok']);
    for (const s of seen) expect(Buffer.from(s.body).equals(Buffer.from(bytes))).toBe(true);
    expect(seen[1]!.params!.qop).toBe('auth-int');
    if (type) expect(seen[1]!.contentType).toBe(type);
  });

  it('the body is replayed on the stale retry, and a Request input’s body is read and replayed', async () => {
    const { server, client } = digestSetup({ qop: 'auth-int' });
    await client(URL_A);
    server.expire();
    server.take();
    const request = new Request(URL_A, { method: 'PUT', body: 'from a Request', headers: { 'X-Test': '1' } });
    expect((await client(request)).status).toBe(200);
    const seen = server.take();
    expect(seen.map((s) => s.verdict)).toEqual(['stale', 'ok']);
    for (const s of seen) {
      expect(s.method).toBe('PUT');
      expect(new TextDecoder().decode(s.body)).toBe('from a Request');
    }
  });

  it.each([
    ['a ReadableStream', () => new ReadableStream({ start: (c) => c.close() })],
    ['FormData', () => new FormData()],
  ])('%s body is refused with unreplayable-body before any request', async (_, make) => {
    const { server, client } = digestSetup();
    const error = await failure(client(URL_A, { method: 'POST', body: make(), duplex: 'half' } as RequestInit));
    expect(error.kind).toBe('unreplayable-body');
    expect(server.seen).toHaveLength(0);
  });
});

describe('what is sent', () => {
  it('the signed uri is the request-target fetched: no fragment, no bare "?", path and query as the URL has them', async () => {
    const { server, client } = digestSetup();
    await client('https://cm.example.test/api/x?#frag');
    await client('https://cm.example.test/api/a%20b/../y?q=%22x%22&e=é#f');
    const seen = server.take();
    expect(seen.map((s) => s.url)).toEqual([
      'https://cm.example.test/api/x',
      'https://cm.example.test/api/x',
      'https://cm.example.test/api/y?q=%22x%22&e=%C3%A9',
    ]);
    expect(seen.map((s) => [s.verdict, s.params?.uri])).toEqual([
      ['challenge', undefined],
      ['ok', '/api/x'],
      ['ok', '/api/y?q=%22x%22&e=%C3%A9'],
    ]);
  });

  it("a Request's own settings and the caller's options reach fetch on every send, but credentials: 'omit' and redirect: 'manual'", async () => {
    const server = fakeDigestServer();
    const inits: RequestInit[] = [];
    const client = createDigestFetch(MUFASA, {
      store: createMemoryNonceStore(),
      fetch: async (input, init) => {
        inits.push(init!);
        return server.fetch(input, init);
      },
    });
    await client(new Request(URL_A, { redirect: 'follow', cache: 'no-store', referrerPolicy: 'no-referrer' }));
    await client(URL_A, { redirect: 'error', cache: 'reload', credentials: 'include', keepalive: true });
    // Cold: the unsigned request and the signed one; warm: one. A redirect is never the caller's to follow.
    expect(inits.map((i) => [i.redirect, i.cache, i.credentials])).toEqual([
      ['manual', 'no-store', 'omit'],
      ['manual', 'no-store', 'omit'],
      ['manual', 'reload', 'omit'],
    ]);
    expect(inits.map((i) => i.referrerPolicy)).toEqual(['no-referrer', 'no-referrer', undefined]);
    expect(inits[2]!.keepalive).toBe(true);
  });

  it('a Request whose body was already read is refused with unreplayable-body, before any request', async () => {
    const { server, client } = digestSetup();
    const request = new Request(URL_A, { method: 'POST', body: 'once' });
    await request.text();
    const error = await failure(client(request));
    expect(error.kind).toBe('unreplayable-body');
    expect(server.seen).toHaveLength(0);
  });
});

describe('signals and failures', () => {
  it('a slow server → DigestError timeout after timeoutMs, even with a caller signal that never fires', async () => {
    const { client } = digestSetup({ delayMs: 5_000 }, { timeoutMs: 60 });
    const started = Date.now();
    const error = await failure(client(URL_A, { signal: new AbortController().signal }));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('the timeout covers the whole call, not each request', async () => {
    const { server, client } = digestSetup({ delayMs: 150 }, { timeoutMs: 250 });
    expect((await failure(client(URL_A))).kind).toBe('timeout');
    expect(server.seen).toHaveLength(2);
  });

  it('the caller’s abort → DigestError aborted (during the first or the signed request, or before)', async () => {
    for (const after of [50, 220]) {
      const { server, client } = digestSetup({ delayMs: 150 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), after);
      expect((await failure(client(URL_A, { signal: controller.signal }))).kind).toBe('aborted');
      expect(server.seen).toHaveLength(after < 150 ? 1 : 2);
    }
    const { server, client } = digestSetup();
    expect((await failure(client(URL_A, { signal: AbortSignal.abort() }))).kind).toBe('aborted');
    const request = new Request(URL_A, { signal: AbortSignal.abort() });
    expect((await failure(client(request))).kind).toBe('aborted');
    expect(server.seen).toHaveLength(0); // already cancelled: nothing is sent
  });

  it('a network failure → DigestError network with the cause kept, on the first or the signed request', async () => {
    const server = fakeDigestServer();
    for (const failOn of [1, 2]) {
      let n = 0;
      const client = createDigestFetch(MUFASA, {
        store: createMemoryNonceStore(),
        fetch: async (input, init) => {
          if (++n === failOn) throw new TypeError('fetch failed');
          return server.fetch(input, init);
        },
      });
      const error = await failure(client(URL_A));
      expect(error.kind).toBe('network');
      expect((error.cause as Error).message).toBe('fetch failed');
    }
  });

  it("every request is sent with credentials: 'omit', whatever the caller asks", async () => {
    const { server, client } = digestSetup();
    await client(URL_A, { credentials: 'include' });
    await client(new Request(URL_A, { credentials: 'include' }));
    server.expire();
    await client(URL_A, { credentials: 'same-origin', method: 'POST', body: 'x' });
    const seen = server.take();
    expect(seen.length).toBe(5);
    expect(seen.map((s) => s.credentials)).toEqual(Array(5).fill('omit'));
  });

  it('no DigestError message of any kind contains the password (or H(A1))', async () => {
    const password = 'P@ss "word\\ 0b8f2c4e-1d3a';
    const credentials = { username: 'Mufasa', password };
    const messages: string[] = [];
    const collect = async (promise: Promise<unknown>) => messages.push((await failure(promise)).message);
    const withHeader = (header: string) =>
      createDigestFetch(credentials, {
        store: createMemoryNonceStore(),
        fetch: async () => new Response(null, { status: 401, headers: { 'WWW-Authenticate': header } }),
      });
    await collect(withHeader(`Digest realm="${password}`)(URL_A));
    await collect(withHeader(`Digest realm="r", nonce="n", algorithm=${password.slice(0, 4)}`)(URL_A));
    await collect(withHeader('Digest realm="r", nonce="n", qop="x"')(URL_A));
    const users = { users: { Mufasa: password } };
    await collect(digestSetup({ ...users, rspauth: 'bad' }, {}, credentials).client(URL_A));
    await collect(digestSetup(users, {}, credentials).client(URL_A, { method: 'POST', body: new FormData() }));
    await collect(digestSetup({ ...users, delayMs: 500 }, { timeoutMs: 20 }, credentials).client(URL_A));
    await collect(digestSetup(users, {}, credentials).client(URL_A, { signal: AbortSignal.abort() }));
    const down = createDigestFetch(credentials, {
      store: createMemoryNonceStore(),
      fetch: async () => Promise.reject(new TypeError(`connect ECONNREFUSED ${password}`)),
    });
    await collect(down(`https://Mufasa:${encodeURIComponent(password)}@cm.example.test/`));
    expect(messages).toHaveLength(8);
    for (const message of messages) {
      expect(message).not.toContain(password);
      expect(message).not.toContain(encodeURIComponent(password));
      expect(message).not.toContain('0b8f2c4e');
    }
  });
});
