// shareNonceAcrossKeys: a cold key pair signs at once with a nonce another key pair's challenge brought; concurrent
// cold calls of different key pairs share one challenge; nc only grows on a nonce, whoever uses it; an origin that
// refuses a borrowed nonce is answered without an error and never asked again.
import { describe, expect, it } from 'vitest';
import {
  cacheKey,
  createDigestFetch,
  createMemoryNonceStore,
  type DigestCredentials,
  type DigestFetchOptions,
  isDigestRejection,
  type NonceRecord,
  type NonceStore,
  sharedNonceKey,
} from '../../../../src/core/digest';
import { fakeDigestServer, type Seen, type ServerOptions, URL_A } from './fake-digest-server';

const ORIGIN = new URL(URL_A).origin;
const URL_B = 'https://other.example.test/api/public/v1.0/orgs';

const keyPair = (i: number): DigestCredentials => ({ username: `key${i}`, password: `private key ${i}` });

/** n key pairs (key0, key1, ...) known to one server, each with its own client over one store, sharing on. */
function crossKeySetup(n: number, serverOptions: ServerOptions = {}, clientOptions: DigestFetchOptions = {}) {
  const pairs = Array.from({ length: n }, (_, i) => keyPair(i));
  const server = fakeDigestServer({
    users: Object.fromEntries(pairs.map((p) => [p.username, p.password])),
    ...serverOptions,
  });
  const store = createMemoryNonceStore();
  const options = { fetch: server.fetch, store, shareNonceAcrossKeys: true, ...clientOptions };
  const clients = pairs.map((p) => createDigestFetch(p, options));
  return { server, store, pairs, clients, options };
}

/** A store over a Map that outlives it, as storage.session outlives a worker; values cloned through JSON. */
function backedStore(backing: Map<string, string>): NonceStore {
  return {
    async get(key) {
      const json = backing.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as NonceRecord);
    },
    async set(key, record) {
      await new Promise((resolve) => setTimeout(resolve, 1)); // a real store is slower than memory
      backing.set(key, JSON.stringify(record));
    },
    async delete(key) {
      backing.delete(key);
    },
  };
}

const summary = (seen: Seen[]) => seen.map((s) => [s.params?.username ?? null, s.verdict, s.params?.nc ?? null]);
const statusOf = (r: PromiseSettledResult<Response>) => (r.status === 'fulfilled' ? r.value.status : r.reason);

describe('a server that accepts a nonce from any user', () => {
  it('a cold key pair signs at once with another key pair’s nonce and the next nc: 1 request', async () => {
    const { server, clients } = crossKeySetup(2);
    const [a, b] = clients;
    await a!(URL_A);
    const nonce = server.take()[1]!.params!.nonce;
    expect((await b!(URL_A)).status).toBe(200);
    await a!(URL_A);
    await b!(URL_A);
    const seen = server.take();
    expect(summary(seen)).toEqual([
      ['key1', 'ok', '00000002'],
      ['key0', 'ok', '00000003'],
      ['key1', 'ok', '00000004'],
    ]);
    expect(seen.every((s) => s.params!.nonce === nonce)).toBe(true);
  });

  it('off by default: each key pair takes its own challenge, and a sharing client never lends to one that is not', async () => {
    const users = { key0: keyPair(0).password, key1: keyPair(1).password, key2: keyPair(2).password };
    const server = fakeDigestServer({ users });
    const store = createMemoryNonceStore();
    await createDigestFetch(keyPair(0), { fetch: server.fetch, store, shareNonceAcrossKeys: true })(URL_A);
    const nonce = server.take()[1]!.params!.nonce;
    for (const client of [
      createDigestFetch(keyPair(1), { fetch: server.fetch, store }),
      createDigestFetch(keyPair(2), { fetch: server.fetch, store, shareNonceAcrossKeys: false }),
    ]) {
      await client(URL_A);
      const seen = server.take();
      expect(seen.map((s) => s.verdict)).toEqual(['challenge', 'ok']);
      expect(seen[1]!.params!.nonce).not.toBe(nonce);
    }
    // key0's own record and the shared slot it lent to; the others' own records.
    expect(store.size()).toBe(4);
  });

  it('20 key pairs, cold and concurrent: one challenge in all, 21 requests, nc strictly increasing across users', async () => {
    const { server, clients } = crossKeySetup(20, { ncMustIncrease: true });
    const responses = await Promise.all(clients.map((client) => client(URL_A)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const seen = server.take();
    expect(seen).toHaveLength(21);
    expect(seen.filter((s) => !s.authorization)).toHaveLength(1);
    const signed = seen.filter((s) => s.authorization);
    expect(signed.map((s) => s.verdict)).toEqual(Array(20).fill('ok'));
    expect(new Set(signed.map((s) => s.params!.username)).size).toBe(20);
    expect(new Set(signed.map((s) => s.params!.nonce)).size).toBe(1);
    // In the order the server saw them: 1, 2, ..., 20 — the server's one counter for the nonce never goes back.
    expect(signed.map((s) => Number.parseInt(s.params!.nc!, 16))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('warm key pairs and borrowers together, 30 concurrent calls on a slow store: no (nonce, nc) twice', async () => {
    const pairs = Array.from({ length: 6 }, (_, i) => keyPair(i));
    const server = fakeDigestServer({
      users: Object.fromEntries(pairs.map((p) => [p.username, p.password])),
      fixedNonce: true,
      delayMs: () => Math.floor(Math.random() * 8),
    });
    const store = backedStore(new Map());
    const clients = pairs.map((p) => createDigestFetch(p, { fetch: server.fetch, store, shareNonceAcrossKeys: true }));
    await clients[0]!(URL_A);
    await clients[1]!(URL_A);
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => clients[i % 6]!(URL_A)));
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
    const signed = server.take().filter((s) => s.authorization);
    expect(signed.filter((s) => s.verdict !== 'ok')).toEqual([]);
    expect(new Set(signed.map((s) => `${s.params!.nonce}#${s.params!.nc}`)).size).toBe(signed.length);
  });

  it('after a restart, nc goes on above every nc used on the shared nonce, by its owner or by a borrower', async () => {
    const backing = new Map<string, string>();
    const server = fakeDigestServer({ users: { key0: keyPair(0).password, key1: keyPair(1).password } });
    const clientsOver = (store: NonceStore) =>
      [0, 1].map((i) => createDigestFetch(keyPair(i), { fetch: server.fetch, store, shareNonceAcrossKeys: true }));
    const [a, b] = clientsOver(backedStore(backing));
    for (const client of [a, b, a, b]) await client!(URL_A);
    server.take();

    const [a2, b2] = clientsOver(backedStore(backing)); // a restarted worker
    await b2!(URL_A); // through the shared record
    await a2!(URL_A); // through key0's own record of the same nonce
    expect(summary(server.take())).toEqual([
      ['key1', 'ok', '00000005'],
      ['key0', 'ok', '00000006'],
    ]);
  });

  it('the shared slot is per origin: a key pair cold on another origin takes a challenge there', async () => {
    const { server, clients } = crossKeySetup(2);
    await clients[0]!(URL_A);
    server.take();
    await clients[1]!(URL_B);
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok']);
  });

  it('a wrong key pair’s refused loan teaches nothing: a rejection as before, and the origin still lends', async () => {
    const { server, clients, options } = crossKeySetup(2);
    await clients[0]!(URL_A);
    server.take();
    const wrong = createDigestFetch({ username: 'key1', password: 'not the private key' }, options);
    const refused = await wrong(URL_A);
    expect(isDigestRejection(refused)).toBe(true);
    expect(server.take().map((s) => s.verdict)).toEqual(['bad-response', 'bad-response']);
    await clients[1]!(URL_A);
    // nc 2 went to the refused request: never sent again on this nonce.
    expect(summary(server.take())).toEqual([['key1', 'ok', '00000003']]);
  });
});

describe('a server that binds each nonce to its first user', () => {
  it.each([
    ['stale', 'with stale=true'],
    ['refuse', 'without stale'],
  ] as const)(
    'a refused loan (%s, %s) is answered with a fresh challenge and no error; the origin lends no more',
    async (mode, _how) => {
      const { server, clients } = crossKeySetup(4, { nonceBoundToUser: mode });
      const [a, b, c] = clients;
      await a!(URL_A);
      const nonce = server.take()[1]!.params!.nonce;

      const answer = await b!(URL_A);
      expect(answer.status).toBe(200);
      expect(isDigestRejection(answer)).toBe(false);
      const seen = server.take();
      expect(summary(seen)).toEqual([
        ['key1', 'other-user', '00000002'],
        ['key1', 'ok', '00000001'],
      ]);
      expect(seen[1]!.params!.nonce).not.toBe(nonce);

      // One refusal and it stops: the next cold key pair takes its own challenge; the warm ones stay warm (key0 goes
      // on at nc 3: the refused loan spent 2).
      await c!(URL_A);
      expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok']);
      await a!(URL_A);
      await b!(URL_A);
      expect(summary(server.take())).toEqual([
        ['key0', 'ok', '00000003'],
        ['key1', 'ok', '00000002'],
      ]);
    },
  );

  it('10 key pairs cold and concurrent: all 200, 2 requests per call; 5 more later each take their own challenge', async () => {
    const { server, clients } = crossKeySetup(15, { nonceBoundToUser: 'stale' });
    const first = await Promise.allSettled(clients.slice(0, 10).map((client) => client(URL_A)));
    expect(first.map(statusOf)).toEqual(Array(10).fill(200));
    expect(first.some((r) => r.status === 'fulfilled' && isDigestRejection(r.value))).toBe(false);
    const seen = server.take();
    expect(seen).toHaveLength(20);
    expect(seen.filter((s) => !s.authorization)).toHaveLength(1);
    expect(seen.filter((s) => s.verdict === 'other-user')).toHaveLength(9);

    const later = await Promise.all(clients.slice(10).map((client) => client(URL_A)));
    expect(later.map((r) => r.status)).toEqual(Array(5).fill(200));
    const after = server.take();
    expect(after.map((s) => s.verdict).sort()).toEqual([...Array(5).fill('challenge'), ...Array(5).fill('ok')]);
  });

  it('what one origin refused does not stop another origin from lending', async () => {
    const users = { key0: keyPair(0).password, key1: keyPair(1).password, key2: keyPair(2).password };
    const binding = fakeDigestServer({ users, nonceBoundToUser: 'stale' });
    const accepting = fakeDigestServer({ users });
    const fetch: typeof globalThis.fetch = (input, init) =>
      (new URL(String(input)).origin === ORIGIN ? binding : accepting).fetch(input, init);
    const store = createMemoryNonceStore();
    const [a, b, c] = [0, 1, 2].map((i) => createDigestFetch(keyPair(i), { fetch, store, shareNonceAcrossKeys: true }));
    await a!(URL_A);
    await b!(URL_A); // refused loan: ORIGIN lends no more
    await a!(URL_B);
    await c!(URL_B);
    expect(summary(accepting.take())).toEqual([
      [null, 'challenge', null],
      ['key0', 'ok', '00000001'],
      ['key2', 'ok', '00000002'],
    ]);
    await c!(URL_A);
    expect(
      binding
        .take()
        .slice(-2)
        .map((s) => s.verdict),
    ).toEqual(['challenge', 'ok']);
  });

  it('a refused loan spends no stale retry, and the call still stops at three requests', async () => {
    const serverOptions: ServerOptions = { users: { key0: keyPair(0).password, key1: keyPair(1).password } };
    const server = fakeDigestServer(serverOptions);
    const store = createMemoryNonceStore();
    const clients = [0, 1].map((i) =>
      createDigestFetch(keyPair(i), { fetch: server.fetch, store, shareNonceAcrossKeys: true }),
    );
    await clients[0]!(URL_A);
    server.take();
    serverOptions.staleAlways = true; // from now on every signed request is answered stale=true
    const answer = await clients[1]!(URL_A);
    expect(answer.status).toBe(401);
    expect(isDigestRejection(answer)).toBe(false);
    expect(summary(server.take())).toEqual([
      ['key1', 'stale', '00000002'],
      ['key1', 'stale', '00000001'],
      ['key1', 'stale', '00000001'],
    ]);
  });
});

describe('requests that overtake each other (a server that wants nc to grow on every nonce)', () => {
  it('a loan refused as a replay because a higher nc overtook it: no error, and the origin still lends', async () => {
    const delays: number[] = [];
    const { server, clients } = crossKeySetup(4, { ncMustIncrease: true, delayMs: () => delays.shift() ?? 0 });
    const [a, b, c, d] = clients;
    await a!(URL_A);
    server.take();
    delays.push(30, 0); // key1's nc 2 reaches the server after key2's nc 3
    const answers = await Promise.all([b!(URL_A), c!(URL_A)]);
    expect(answers.map((r) => [r.status, isDigestRejection(r)])).toEqual([
      [200, false],
      [200, false],
    ]);
    expect(summary(server.take())).toEqual([
      ['key1', 'replay', '00000002'],
      ['key2', 'ok', '00000003'],
      ['key1', 'ok', '00000001'],
    ]);
    await d!(URL_A);
    expect(summary(server.take())).toEqual([['key3', 'ok', '00000004']]);
  });

  it('the leader’s nc 1 overtaken by a borrower’s nc 2 is no rejection: one more try, all 200', async () => {
    const delays = [0, 30, 0]; // the probe; the leader's signed request; the borrower's
    const { server, clients } = crossKeySetup(2, { ncMustIncrease: true, delayMs: () => delays.shift() ?? 0 });
    const answers = await Promise.all(clients.map((client) => client(URL_A)));
    expect(answers.map((r) => [r.status, isDigestRejection(r)])).toEqual([
      [200, false],
      [200, false],
    ]);
    expect(summary(server.take())).toEqual([
      [null, 'challenge', null],
      ['key0', 'replay', '00000001'],
      ['key1', 'ok', '00000002'],
      ['key0', 'ok', '00000001'],
    ]);
  });

  it('a wrong key pair that leads, overtaken, is still a rejection, after three requests at most', async () => {
    const { server, clients, options } = crossKeySetup(2, { ncMustIncrease: true });
    const wrong = createDigestFetch({ username: 'key0', password: 'not the private key' }, options);
    const [refused, right] = await Promise.all([wrong(URL_A), clients[1]!(URL_A)]);
    expect(isDigestRejection(refused)).toBe(true);
    expect(right.status).toBe(200);
    expect(summary(server.take())).toEqual([
      [null, 'challenge', null],
      ['key0', 'bad-response', '00000001'],
      ['key1', 'ok', '00000002'],
      ['key0', 'bad-response', '00000001'],
    ]);
  });
});

describe('waiting for another key pair’s challenge', () => {
  it('a waiting call can be cancelled; the leader and the others still succeed on one challenge', async () => {
    const { server, clients } = crossKeySetup(4, { delayMs: 20 });
    const controller = new AbortController();
    const calls = [clients[0]!(URL_A), clients[1]!(URL_A), clients[2]!(URL_A, { signal: controller.signal })];
    calls.push(clients[3]!(URL_A));
    controller.abort();
    const settled = await Promise.allSettled(calls);
    expect(settled.map(statusOf)).toEqual([200, 200, expect.objectContaining({ kind: 'aborted' }), 200]);
    const seen = server.take();
    expect(seen.filter((s) => !s.authorization)).toHaveLength(1);
    expect(seen.filter((s) => s.authorization).map((s) => s.params!.username)).not.toContain('key2');
  });

  it('a waiting call times out as a DigestError "timeout"', async () => {
    const { clients, pairs, options } = crossKeySetup(2, { delayMs: 150 });
    const impatient = createDigestFetch(pairs[1]!, { ...options, timeoutMs: 40 });
    const settled = await Promise.allSettled([clients[0]!(URL_A), impatient(URL_A)]);
    expect(settled.map(statusOf)).toEqual([200, expect.objectContaining({ kind: 'timeout' })]);
  });

  it('a leader whose challenge fails lets the waiting key pairs go on', async () => {
    const { server, pairs, store } = crossKeySetup(3, { delayMs: 10 });
    let first = true;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (first) {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new TypeError('fetch failed');
      }
      return server.fetch(input, init);
    };
    const clients = pairs.map((p) => createDigestFetch(p, { fetch, store, shareNonceAcrossKeys: true }));
    const settled = await Promise.allSettled(clients.map((client) => client(URL_A)));
    expect(settled.map(statusOf)).toEqual([expect.objectContaining({ kind: 'network' }), 200, 200]);
  });
});

describe('the store', () => {
  it('the shared record never collides with a key pair’s own, and no record holds a password', async () => {
    const backing = new Map<string, string>();
    const store = backedStore(backing);
    // A username chosen to look like the shared slot's suffix.
    const lookalike = { username: 'shared by every key pair', password: 'p|w' };
    const others = [keyPair(0), keyPair(1)];
    const users = Object.fromEntries([lookalike, ...others].map((p) => [p.username, p.password]));
    const server = fakeDigestServer({ users });
    for (const pair of [lookalike, ...others]) {
      await createDigestFetch(pair, { fetch: server.fetch, store, shareNonceAcrossKeys: true })(URL_A);
    }
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok', 'ok', 'ok']);
    expect([...backing.keys()].sort()).toEqual(
      [sharedNonceKey(ORIGIN), cacheKey(ORIGIN, lookalike.username, lookalike.password)].sort(),
    );
    const dump = JSON.stringify([...backing.entries()]);
    for (const pair of [lookalike, ...others]) expect(dump).not.toContain(pair.password);
    expect(dump).not.toMatch(/password|ha1/i);
  });
});
