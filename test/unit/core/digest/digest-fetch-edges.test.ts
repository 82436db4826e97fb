// Edges of a Digest call that a caller sees (issue #18): what a cancelled or timed-out call says and keeps as its
// cause (also while waiting for another call's challenge), which answers count as redirects (300–399, or an answer
// whose URL cannot be read) and how the error names the target, one stale retry per call even when warm, and an
// Authentication-Info check that accepts every honest echo without reading a streamed body it does not need.
import { describe, expect, it } from 'vitest';
import { createDigestFetch, createMemoryNonceStore, DigestError, isDigestRejection } from '../../../../src/core/digest';
import { digestSetup, fakeDigestServer, MUFASA, URL_A } from './fake-digest-server';

async function failure(promise: Promise<unknown>): Promise<DigestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestError);
  return error as DigestError;
}

const sleep = (ms: number) => new Promise<'slept'>((resolve) => setTimeout(() => resolve('slept'), ms));

describe('a cancelled or timed-out call', () => {
  it('cancelled during a request: aborted, the fetch’s rejection kept as the cause', async () => {
    const { client } = digestSetup({ delayMs: 200 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left')), 30);
    const error = await failure(client(URL_A, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect((error.cause as Error).message).toBe('user left');
  });

  it('cancelled before it starts: the same kind, the signal’s reason kept as the cause', async () => {
    const { client, server } = digestSetup();
    const reason = new Error('page closed');
    const error = await failure(client(URL_A, { signal: AbortSignal.abort(reason) }));
    expect([error.kind, error.cause]).toEqual(['aborted', reason]);
    expect(server.seen).toHaveLength(0);
  });

  it('timed out during a request: timeout, the fetch’s rejection kept as the cause', async () => {
    const { client } = digestSetup({ delayMs: 5_000 }, { timeoutMs: 60 });
    const error = await failure(client(URL_A));
    expect(error.kind).toBe('timeout');
    expect((error.cause as Error).name).toBe('TimeoutError');
  });

  /** A leader whose probe is held until `open()`; the returned client shares its store. */
  function heldLeader(waiterTimeoutMs: number) {
    const server = fakeDigestServer();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let first = true;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (first) {
        first = false;
        await gate;
      }
      return server.fetch(input, init);
    };
    const store = createMemoryNonceStore();
    const leader = createDigestFetch(MUFASA, { fetch, store, timeoutMs: 5_000 })(URL_A);
    const waiter = createDigestFetch(MUFASA, { fetch, store, timeoutMs: waiterTimeoutMs });
    return { leader, waiter, open };
  }

  it('cancelled while waiting for another call’s challenge: "The request was cancelled."', async () => {
    const { leader, waiter, open } = heldLeader(5_000);
    await sleep(10);
    const controller = new AbortController();
    const waiting = failure(waiter(URL_A, { signal: controller.signal }));
    await sleep(10);
    controller.abort();
    const error = await waiting;
    expect(error.kind).toBe('aborted');
    open();
    expect((await leader).status).toBe(200);
  });

  it('timed out while waiting for another call’s challenge: says after how long', async () => {
    const { leader, waiter, open } = heldLeader(50);
    await sleep(10);
    const error = await failure(waiter(URL_A));
    expect(error.kind).toBe('timeout');
    open();
    expect((await leader).status).toBe(200);
  });
});

describe('what counts as a redirect', () => {
  const answering = (make: () => Response) =>
    createDigestFetch(MUFASA, { fetch: async () => make(), store: createMemoryNonceStore() });

  it('a 3xx without a readable Location: redirected, no host', async () => {
    const error = await failure(answering(() => new Response(null, { status: 302 }))(URL_A));
    expect(error.kind).toBe('redirected');
    expect(error.host).toBeUndefined();
  });

  it('a 3xx with a Location: names its host (and port) only', async () => {
    const location = 'https://elsewhere.example:8443/collect?linkToken=secret';
    const error = await failure(answering(() => new Response(null, { status: 307, headers: { location } }))(URL_A));
    expect(error.host).toBe('elsewhere.example:8443');
    expect([error.kind, error.message]).toEqual(['redirected', 'redirected']); // the host is a field, not in the words
  });

  it.each([300, 399])('%i is a redirect', async (status) => {
    const headers = { location: 'https://elsewhere.example/' };
    const error = await failure(answering(() => new Response(null, { status, headers }))(URL_A));
    expect([error.kind, error.host]).toEqual(['redirected', 'elsewhere.example']);
  });

  it.each([299, 400])('%i is the server’s own answer, returned as it is even with a Location', async (status) => {
    const headers = { location: 'https://elsewhere.example/' };
    const response = await answering(() => new Response('own', { status, headers }))(URL_A);
    expect(response.status).toBe(status);
    expect(await response.text()).toBe('own');
  });

  it('an answer whose URL cannot be read is treated as from elsewhere, never trusted', async () => {
    const unreadable = () => {
      const response = new Response('whose?', { status: 200 });
      Object.defineProperty(response, 'url', { value: 'not a url' });
      return response;
    };
    const error = await failure(answering(unreadable)(URL_A));
    expect([error.kind, error.host]).toEqual(['redirected', undefined]);
  });
});

describe('stale=true', () => {
  it('a warm call gets one stale retry: stale on its cached nonce and on the fresh one ends it in 2 requests', async () => {
    const options = { staleAlways: false };
    const { server, client } = digestSetup(options);
    await client(URL_A);
    server.take();
    options.staleAlways = true;
    const response = await client(URL_A);
    expect(response.status).toBe(401);
    expect(isDigestRejection(response)).toBe(false);
    expect(server.take().map((s) => [s.verdict, s.params?.nc])).toEqual([
      ['stale', '00000002'],
      ['stale', '00000001'],
    ]);
  });
});

describe('the Authentication-Info check', () => {
  it('accepts the echo of nc past 9 in lower-case hex (nc=0000000a)', async () => {
    const { server, client } = digestSetup({ fixedNonce: true, rspauth: 'valid' });
    for (let i = 0; i < 11; i++) expect((await client(URL_A)).status).toBe(200);
    const ncs = server.take().map((s) => s.params?.nc);
    expect(ncs.slice(-2)).toEqual(['0000000a', '0000000b']);
  });

  it('accepts a valid rspauth whose answer does not echo the cnonce', async () => {
    const server = fakeDigestServer({ rspauth: 'valid' });
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await server.fetch(input, init);
      const info = response.headers.get('authentication-info');
      if (!info) return response;
      const headers = new Headers(response.headers);
      headers.set('authentication-info', info.replace(/, cnonce="[^"]*"/, ''));
      return new Response(response.body, { status: response.status, headers });
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() });
    const response = await client(URL_A);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('signed GET /api/public/v1.0/orgs?pretty=true (0 bytes)');
  });

  it('with qop=auth, returns a streamed answer at once, before its body ends', async () => {
    const server = fakeDigestServer({ rspauth: 'valid' });
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await server.fetch(input, init);
      if (response.status !== 200) return response;
      const endless = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('first chunk'));
        },
      });
      return new Response(endless, { status: 200, headers: response.headers });
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore(), timeoutMs: 5_000 });
    const outcome = await Promise.race([client(URL_A), sleep(1_000)]);
    expect(outcome).toBeInstanceOf(Response);
    const reader = (outcome as Response).body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first chunk');
    await reader.cancel();
  });
});
