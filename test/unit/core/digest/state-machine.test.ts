// createDigestFetch's bounded 401 state machine against the in-test Digest server: request counts for cold,
// warm, stale, refused reuse, wrong password, endless stale, non-Digest 401s, and every algorithm × qop.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDigestFetch, createMemoryNonceStore, isDigestRejection } from '../../../../src/core/digest';
import { digestSetup, MUFASA, URL_A } from './fake-digest-server';
import { ALGORITHMS } from './reference';

describe('round trips', () => {
  it('cold = 2 requests (unsigned, then nc=00000001), warm = 1 request with the next nc on the same nonce', async () => {
    const { server, client } = digestSetup();
    const cold = await client(URL_A);
    expect(cold.status).toBe(200);
    const [unsigned, signed] = server.take();
    expect(unsigned).toMatchObject({ authorization: null, verdict: 'challenge' });
    expect(signed).toMatchObject({ verdict: 'ok', path: '/api/public/v1.0/orgs?pretty=true' });
    expect(signed!.params).toMatchObject({ nc: '00000001', uri: '/api/public/v1.0/orgs?pretty=true', qop: 'auth' });

    for (const nc of ['00000002', '00000003']) {
      const warm = await client('https://cm.example.test/api/public/v1.0/groups/abc', { method: 'DELETE' });
      expect(warm.status).toBe(200);
      const [only, ...rest] = server.take();
      expect(rest).toEqual([]);
      expect(only).toMatchObject({ method: 'DELETE', verdict: 'ok' });
      expect(only!.params).toMatchObject({ nc, nonce: signed!.params!.nonce, uri: '/api/public/v1.0/groups/abc' });
    }
  });

  it('another origin is cold again (the cache is keyed by origin)', async () => {
    const { server, client } = digestSetup();
    await client(URL_A);
    server.take();
    await client('https://other.example.test/x');
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok']);
  });

  it('preemptive: false always takes the challenge round trip', async () => {
    const { server, client } = digestSetup({}, { preemptive: false });
    for (let i = 0; i < 3; i++) {
      expect((await client(URL_A)).status).toBe(200);
      expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok']);
    }
  });

  const matrix = ALGORITHMS.flatMap((algorithm) =>
    (['auth', 'auth-int', null] as const).map((qop) => ({ algorithm, qop })),
  );
  it.each(matrix)(
    '$algorithm qop=$qop: cold 2, warm 1, the server verifies every answer',
    async ({ algorithm, qop }) => {
      const { server, client } = digestSetup({ algorithms: [algorithm], qop, opaque: 'op"aque\\' });
      const init = { method: 'POST', body: '{"linkToken":"tok"}' };
      if (algorithm.endsWith('-sess') && qop === null) {
        // -sess needs a cnonce, which the RFC 2069 form cannot carry: refused as unsupported, not sent as a
        // guaranteed failure that would read as a refused key.
        await expect(client(URL_A, init)).rejects.toMatchObject({ kind: 'unsupported-challenge' });
        expect(server.take().map((s) => s.verdict)).toEqual(['challenge']);
        return;
      }
      expect((await client(URL_A, init)).status).toBe(200);
      expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok']);
      expect((await client(URL_A, init)).status).toBe(200);
      expect((await client(URL_A, init)).status).toBe(200);
      const warm = server.take();
      expect(warm.map((s) => s.verdict)).toEqual(['ok', 'ok']);
      expect(warm.map((s) => s.params!.algorithm)).toEqual([algorithm, algorithm]);
      expect(warm.map((s) => s.params!.nc)).toEqual(qop ? ['00000002', '00000003'] : [undefined, undefined]);
    },
  );

  it('userhash=true and charset=UTF-8 with SHA-256: cold 2, warm 1', async () => {
    const users = { 'J\u00e4s\u00f8n Doe': 'Secret, or not?' };
    const options = { users, algorithms: ['SHA-256' as const], userhash: true, charset: true };
    const { server, client } = digestSetup(
      options,
      {},
      { username: 'J\u00e4s\u00f8n Doe', password: 'Secret, or not?' },
    );
    await client(URL_A);
    await client(URL_A);
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok', 'ok']);
  });
});

describe('401 handling', () => {
  it('stale=true on a reused nonce → exactly one retry with the new nonce (nc=1), never a rejection', async () => {
    const { server, client } = digestSetup();
    await client(URL_A);
    const first = server.take()[1]!.params!.nonce;
    server.expire();
    const response = await client(URL_A);
    expect(response.status).toBe(200);
    expect(isDigestRejection(response)).toBe(false);
    const [refused, retried] = server.take();
    expect(refused).toMatchObject({ verdict: 'stale' });
    expect(refused!.params).toMatchObject({ nonce: first, nc: '00000002' });
    expect(retried).toMatchObject({ verdict: 'ok' });
    expect(retried!.params!.nonce).not.toBe(first);
    expect(retried!.params!.nc).toBe('00000001');
    await client(URL_A);
    expect(server.take().map((s) => [s.verdict, s.params?.nc])).toEqual([['ok', '00000002']]);
  });

  it('a reused nonce refused without stale → the entry is dropped, one fresh challenge, 2 requests', async () => {
    const { server, client } = digestSetup();
    await client(URL_A);
    server.take();
    server.forget(); // a server restart: the cached nonce is unknown
    const response = await client(URL_A);
    expect(response.status).toBe(200);
    expect(isDigestRejection(response)).toBe(false);
    expect(server.take().map((s) => [s.verdict, s.params?.nc])).toEqual([
      ['unknown-nonce', '00000002'],
      ['ok', '00000001'],
    ]);
  });

  it('a server that refuses every reuse: each call falls back transparently in 2 requests', async () => {
    const { server, client } = digestSetup({ refuseReuse: true });
    for (let i = 0; i < 3; i++) {
      const response = await client(URL_A);
      expect(response.status).toBe(200);
      expect(isDigestRejection(response)).toBe(false);
      expect(server.take()).toHaveLength(2);
    }
  });

  it('wrong password → 2 requests, the final 401 returned with isDigestRejection, the entry dropped', async () => {
    const { server, client, store } = digestSetup({}, {}, { username: 'Mufasa', password: 'Circle of Lies' });
    for (let i = 0; i < 2; i++) {
      const response = await client(URL_A);
      expect(response.status).toBe(401);
      expect(isDigestRejection(response)).toBe(true);
      expect(await response.text()).toBe('refused');
      expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'bad-response']);
    }
    expect(store.size()).toBe(0);
  });

  it('a server answering 401 stale=true forever: at most 3 requests, the 401 is not a rejection', async () => {
    const options = { staleAlways: false };
    const { server, client } = digestSetup(options);
    await client(URL_A);
    server.take();
    options.staleAlways = true;
    for (let i = 0; i < 2; i++) {
      const response = await client(URL_A);
      expect(response.status).toBe(401);
      expect(isDigestRejection(response)).toBe(false);
      const seen = server.take();
      expect(seen.length).toBeLessThanOrEqual(3);
      expect(seen.every((s) => s.verdict === 'stale' || s.verdict === 'challenge')).toBe(true);
    }
  });

  it.each([
    ['no WWW-Authenticate', {}],
    ['only Basic and Bearer challenges', { 'WWW-Authenticate': 'Basic realm="x", Bearer error="invalid_token"' }],
  ])('a 401 with %s is returned unchanged after 1 request', async (_, headers) => {
    const original = new Response('{"detail":"You are not authorized"}', { status: 401, headers });
    const calls: RequestInit[] = [];
    const client = createDigestFetch(MUFASA, {
      store: createMemoryNonceStore(),
      fetch: async (_input, init) => {
        calls.push(init!);
        return original;
      },
    });
    const response = await client(URL_A);
    expect(response).toBe(original);
    expect(calls).toHaveLength(1);
    expect(isDigestRejection(response)).toBe(false);
    expect(await response.json()).toEqual({ detail: 'You are not authorized' });
  });

  it('non-401 answers to the unsigned request are returned as they are, in 1 request', async () => {
    for (const status of [200, 403, 404, 500]) {
      let calls = 0;
      const client = createDigestFetch(MUFASA, {
        store: createMemoryNonceStore(),
        fetch: async () => {
          calls++;
          return new Response(null, { status });
        },
      });
      expect((await client(URL_A)).status).toBe(status);
      expect(calls).toBe(1);
    }
  });

  it('a malformed or unsupported challenge is a typed error, and no Authorization is ever sent for it', async () => {
    for (const [header, kind] of [
      ['Digest realm="r", nonce="unterminated', 'malformed-challenge'],
      ['Digest realm="r", nonce="n", algorithm=SHA-512-256', 'unsupported-challenge'],
    ] as const) {
      const sent: (string | null)[] = [];
      const client = createDigestFetch(MUFASA, {
        store: createMemoryNonceStore(),
        fetch: async (_input, init) => {
          sent.push(new Headers(init?.headers).get('authorization'));
          return new Response(null, { status: 401, headers: { 'WWW-Authenticate': header } });
        },
      });
      await expect(client(URL_A)).rejects.toMatchObject({ name: 'DigestError', kind });
      expect(sent).toEqual([null]);
    }
  });

  it('stale=true on the unsigned probe does not use up the one stale retry of the signed request', async () => {
    let n = 0;
    const seen: string[] = [];
    const client = createDigestFetch(MUFASA, {
      store: createMemoryNonceStore(),
      fetch: async (_i, init) => {
        const signed = new Headers(init?.headers).has('authorization');
        seen.push(signed ? 'signed' : 'probe');
        if (signed && n === 2) return new Response('ok');
        const stale = n > 0 || !signed; // the probe's challenge says stale=true too
        return new Response(null, {
          status: 401,
          headers: { 'WWW-Authenticate': `Digest realm="r", nonce="n${++n}", qop="auth", stale=${stale}` },
        });
      },
    });
    const response = await client(URL_A);
    expect(response.status).toBe(200);
    expect(seen).toEqual(['probe', 'signed', 'signed']);
  });

  it('any sequence of answers: at most 3 requests; a rejection exactly when a fresh signature gets a non-stale 401', async () => {
    type Answer = 'ok' | 'stale' | 'refuse' | 'plain401';
    const answers = fc.array(fc.constantFrom<Answer>('ok', 'stale', 'refuse', 'plain401'), {
      minLength: 3,
      maxLength: 3,
    });
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.boolean(), answers, async (warm, probeStale, script) => {
        let counter = 0;
        const issued = new Set<string>();
        const challenge = (stale: boolean) => {
          const nonce = `n${counter++}`;
          issued.add(nonce);
          return { 'WWW-Authenticate': `Digest realm="r", nonce="${nonce}", qop="auth", stale=${stale}` };
        };
        const store = createMemoryNonceStore();
        if (warm) {
          const warmer = createDigestFetch(MUFASA, {
            store,
            fetch: async (_i, init) =>
              new Headers(init?.headers).has('authorization')
                ? new Response('ok')
                : new Response(null, { status: 401, headers: challenge(false) }),
          });
          await warmer(URL_A);
        }
        issued.clear();
        const log: { nonce?: string; answer: Answer }[] = [];
        const client = createDigestFetch(MUFASA, {
          store,
          fetch: async (_i, init) => {
            const authorization = new Headers(init?.headers).get('authorization');
            const nonce = authorization ? /nonce="([^"]*)"/.exec(authorization)![1] : undefined;
            const probe: Answer = probeStale ? 'stale' : 'refuse';
            const answer = nonce ? script[log.filter((l) => l.nonce).length]! : probe;
            log.push({ nonce, answer });
            if (answer === 'ok') return new Response('ok');
            if (answer === 'plain401') return new Response(null, { status: 401 });
            return new Response(null, { status: 401, headers: challenge(answer === 'stale') });
          },
        });
        const response = await client(URL_A);
        expect(log.length).toBeLessThanOrEqual(3);
        const last = log.at(-1)!;
        const freshRefusal = last.answer === 'refuse' && last.nonce !== undefined && issued.has(last.nonce);
        expect(isDigestRejection(response)).toBe(freshRefusal);
        if (last.answer === 'ok') expect(response.status).toBe(200);
      }),
      { numRuns: 300 },
    );
  });
});
