// The request a Digest call replays (issue #18): the body is read once, when the call is made, and every leg sends
// those bytes (a caller's ArrayBuffer changed meanwhile changes nothing); a null body is no body; init's body wins
// over a Request's own; a body's implied Content-Type never overrides the caller's nor invents one; a request that
// cannot be built says so in plain words.
import { describe, expect, it } from 'vitest';
import { createDigestFetch, createMemoryNonceStore, DigestError } from '../../../../src/core/digest';
import { fakeDigestServer, MUFASA, URL_A } from './fake-digest-server';

async function failure(promise: Promise<unknown>): Promise<DigestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestError);
  return error as DigestError;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function setup(qop: 'auth' | 'auth-int' = 'auth', afterEachSend?: () => void) {
  const server = fakeDigestServer({ qop });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await server.fetch(input, init);
    afterEachSend?.();
    return response;
  };
  return { server, client: createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() }) };
}

describe('an ArrayBuffer body', () => {
  it.each(['auth', 'auth-int'] as const)(
    'qop=%s: changed by the caller after the call began, every leg still sends the bytes given',
    async (qop) => {
      const buffer = new TextEncoder().encode('{"linkToken":"original"}').buffer as ArrayBuffer;
      const { server, client } = setup(qop, () => new Uint8Array(buffer).fill(0x21));
      const response = await client(URL_A, { method: 'POST', body: buffer });
      expect(response.status).toBe(200);
      const seen = server.take();
      expect(seen.map((s) => s.verdict)).toEqual(['challenge', 'ok']);
      expect(seen.map((s) => text(s.body))).toEqual(['{"linkToken":"original"}', '{"linkToken":"original"}']);
    },
  );
});

describe('the body of a call', () => {
  it('null is no body, as with fetch', async () => {
    const { server, client } = setup('auth-int');
    const response = await client(URL_A, { method: 'POST', body: null });
    expect(response.status).toBe(200);
    expect(server.take().map((s) => [s.verdict, s.body.byteLength])).toEqual([
      ['challenge', 0],
      ['ok', 0],
    ]);
  });

  it("init's body wins over the Request's own, as with fetch", async () => {
    const { server, client } = setup('auth-int');
    const request = new Request(URL_A, { method: 'POST', body: 'from the Request' });
    const response = await client(request, { body: 'from init' });
    expect(response.status).toBe(200);
    expect(server.take().map((s) => text(s.body))).toEqual(['from init', 'from init']);
  });
});

describe('Content-Type', () => {
  it("a URLSearchParams body keeps the caller's own Content-Type", async () => {
    const { server, client } = setup();
    const body = new URLSearchParams({ a: '1' });
    await client(URL_A, { method: 'POST', body, headers: { 'Content-Type': 'application/x-custom' } });
    expect(server.take().map((s) => s.contentType)).toEqual(['application/x-custom', 'application/x-custom']);
  });

  it('a URLSearchParams body without one gets the form type', async () => {
    const { server, client } = setup();
    await client(URL_A, { method: 'POST', body: new URLSearchParams({ a: '1' }) });
    const form = 'application/x-www-form-urlencoded;charset=UTF-8';
    expect(server.take().map((s) => s.contentType)).toEqual([form, form]);
  });

  it('a body with no type of its own gets none from the client', async () => {
    const { server, client } = setup();
    await client(URL_A, { method: 'POST', body: new Uint8Array([1, 2, 3]) });
    expect(server.take().map((s) => s.contentType)).toEqual([null, null]);
  });
});

describe('a request that cannot be built', () => {
  it('is refused before anything is sent, as invalid-request, quoting no header', async () => {
    const server = fakeDigestServer();
    const client = createDigestFetch(
      { username: 'Mufasa\nInjected: yes', password: MUFASA.password },
      { fetch: server.fetch, store: createMemoryNonceStore() },
    );
    const error = await failure(client(URL_A));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toBe('invalid-request'); // the platform's words quote the header: never kept
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge']);
  });
});
