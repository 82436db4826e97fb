// Digest properties the mutation run of 2026-12-05 found unprotected (issue #18): a refused leg's body is cancelled
// (its connection freed, not left to the garbage collector); an answer to an unsigned request is returned as it is,
// whatever headers it carries; a nonce cache key ends in a 24-digit fingerprint, never the password; and a nonce's
// count is written through only under the keys that hold that nonce, never over another key pair's record; and a
// parameter with an empty value later in a challenge's list is that challenge's (not the start of another).
import { describe, expect, it } from 'vitest';
import {
  cacheKey,
  createDigestFetch,
  createMemoryNonceStore,
  type DigestParams,
  type NonceRecord,
  type NonceStore,
  parseChallenges,
} from '../../../../src/core/digest';
import { NonceCache } from '../../../../src/core/digest/nonce-cache';
import { MUFASA, URL_A } from './fake-digest-server';

const CHALLENGE = 'Digest realm="http-auth@example.org", nonce="n1", algorithm=MD5, qop="auth"';

describe('the responses a call reads and drops', () => {
  it('cancels the body of a 401 it answers with a signed request (the connection is freed, not left to the collector)', async () => {
    let cancelled = false;
    const calls: (string | null)[] = [];
    const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => {
      const authorization = new Headers(init?.headers).get('authorization');
      calls.push(authorization);
      if (!authorization) {
        const body = new ReadableStream<Uint8Array>({
          pull: (controller) => controller.enqueue(new TextEncoder().encode('<html>401</html>')),
          cancel: () => {
            cancelled = true;
          },
        });
        return new Response(body, { status: 401, headers: { 'WWW-Authenticate': CHALLENGE } });
      }
      return new Response('{}', { status: 200 });
    };
    const response = await createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() })(URL_A);
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(cancelled).toBe(true);
  });

  it('returns an answer to an unsigned request as it is, even with an Authentication-Info header', async () => {
    // No challenge: the resource needs no login. An Authentication-Info there speaks of no signature of ours.
    const fetch = async () =>
      new Response('open', { status: 200, headers: { 'Authentication-Info': 'rspauth="00", qop=auth, nc=00000001' } });
    const response = await createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() })(URL_A);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('open');
  });
});

describe('nonce cache keys and write-through', () => {
  it("a key pair's cache key is origin|username|24 hex digits of a one-way fingerprint, never the password", () => {
    const key = cacheKey('https://cm.example.test', 'Mufasa', 'Circle Of Life');
    expect(key).toMatch(/^https:\/\/cm\.example\.test\|Mufasa\|[0-9a-f]{24}$/);
    expect(key).not.toContain('Circle');
    expect(cacheKey('https://cm.example.test', 'Mufasa', 'another secret')).not.toBe(key);
  });

  it("writes a nonce's count under the keys that hold it, never over another key pair's record", async () => {
    const origin = 'https://cm.example.test';
    const keyA = cacheKey(origin, 'Mufasa', 'a');
    const keyB = cacheKey(origin, 'Scar', 'b');
    const params: DigestParams = {
      algorithm: 'MD5',
      realm: 'r',
      nonce: 'nonce-a',
      qop: 'auth',
      userhash: false,
      utf8: false,
    };
    const map = new Map<string, NonceRecord>();
    const sets: string[] = [];
    const store: NonceStore = {
      get: async (key) => map.get(key),
      set: async (key, value) => {
        sets.push(key);
        map.set(key, value);
      },
      delete: async (key) => {
        map.delete(key);
      },
    };
    const cache = new NonceCache(store);
    await cache.adoptAndReserve([keyA], origin, params, 1000, 'c1').written;
    await cache.adoptAndReserve([keyB], origin, { ...params, nonce: 'nonce-b' }, 1000, 'c2').written;
    sets.length = 0;
    await cache.reserve(keyA, 2000, 'c3')!.written;
    expect(sets).toEqual([keyA]);
    expect(map.get(keyA)).toMatchObject({ nonce: 'nonce-a', nc: 2 });
    expect(map.get(keyB)).toMatchObject({ nonce: 'nonce-b', nc: 1 });
  });
});

describe('challenge lists', () => {
  it("keeps a later parameter with an empty value as the challenge's own, with the challenges after it", () => {
    expect(parseChallenges('Digest realm="r", nonce="n", x=, qop="auth"')).toEqual([
      { scheme: 'Digest', params: { realm: 'r', nonce: 'n', x: '', qop: 'auth' } },
    ]);
    expect(parseChallenges('Basic realm="a", Digest realm="r", nonce="n", x=,Bearer y')).toEqual([
      { scheme: 'Basic', params: { realm: 'a' } },
      { scheme: 'Digest', params: { realm: 'r', nonce: 'n', x: '' } },
      { scheme: 'Bearer', params: {}, token68: 'y' },
    ]);
  });
});
