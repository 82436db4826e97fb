// Concurrent calls never share an nc; the nonce cache goes through the injectable store (warm after a worker
// restart), is keyed by credential, and never holds the password or H(A1).
import { describe, expect, it } from 'vitest';
import {
  createDigestFetch,
  createMemoryNonceStore,
  forgetNonces,
  isDigestRejection,
  type NonceRecord,
  type NonceStore,
} from '../../../../src/core/digest';
import { digestSetup, fakeDigestServer, MUFASA, URL_A } from './fake-digest-server';
import { ALGORITHMS, H } from './reference';

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

const pairs = (seen: { params?: Record<string, string> }[]) => seen.map((s) => `${s.params!.nonce}#${s.params!.nc}`);

describe('concurrency', () => {
  it('20 concurrent warm calls carry 20 distinct nc values, all accepted, one request each', async () => {
    const { server, client } = digestSetup();
    await client(URL_A);
    server.take();
    const responses = await Promise.all(Array.from({ length: 20 }, () => client(URL_A)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const seen = server.take();
    expect(seen).toHaveLength(20);
    expect(seen.every((s) => s.verdict === 'ok')).toBe(true);
    expect(new Set(seen.map((s) => s.params!.nc)).size).toBe(20);
    expect(seen.map((s) => s.params!.nc).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => (i + 2).toString(16).padStart(8, '0')),
    );
  });

  it.each([
    ['a fresh nonce per challenge', false],
    ['one nonce for every challenge (a time-window nonce)', true],
  ])('20 concurrent cold calls with %s: distinct (nonce, nc), no replay, all accepted', async (_, fixedNonce) => {
    const { server, client } = digestSetup({ fixedNonce });
    const responses = await Promise.all(Array.from({ length: 20 }, () => client(URL_A)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const signed = server.take().filter((s) => s.authorization);
    expect(signed.map((s) => s.verdict)).toEqual(Array(20).fill('ok'));
    expect(new Set(pairs(signed)).size).toBe(20);
  });

  it('concurrent cold calls answered at different times, one shared nonce, a slow store: no nc is reused', async () => {
    const server = fakeDigestServer({ fixedNonce: true, delayMs: () => Math.floor(Math.random() * 8) });
    const client = createDigestFetch(MUFASA, { fetch: server.fetch, store: backedStore(new Map()) });
    const responses = await Promise.all(Array.from({ length: 20 }, () => client(URL_A)));
    const signed = server.take().filter((s) => s.authorization);
    expect(signed.filter((s) => s.verdict !== 'ok').map((s) => s.verdict)).toEqual([]);
    expect(new Set(pairs(signed)).size).toBe(signed.length);
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
  });

  it('concurrent warm calls through a slow store after a restart still never share an nc', async () => {
    const backing = new Map<string, string>();
    const server = fakeDigestServer();
    await createDigestFetch(MUFASA, { fetch: server.fetch, store: backedStore(backing) })(URL_A);
    server.take();
    const restarted = createDigestFetch(MUFASA, { fetch: server.fetch, store: backedStore(backing) });
    await Promise.all(Array.from({ length: 10 }, () => restarted(URL_A)));
    const seen = server.take();
    expect(seen.map((s) => s.verdict)).toEqual(Array(10).fill('ok'));
    expect(new Set(pairs(seen)).size).toBe(10);
  });

  it('a call whose first write is slow is not broken when a concurrent call is refused and drops the entry', async () => {
    // Call A's write of its new nonce is held; meanwhile call B (same key pair) is refused and forgets the entry.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let writes = 0;
    const store: NonceStore = {
      get: async () => undefined,
      set: async () => {
        if (++writes === 1) await held;
      },
      delete: async () => undefined,
    };
    let issued = 0;
    const challenge = () => ({
      status: 401,
      headers: { 'WWW-Authenticate': `Digest realm="r", nonce="n${++issued}", qop="auth"` },
    });
    const nonces: string[] = [];
    const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => {
      const authorization = new Headers(init?.headers).get('authorization');
      if (!authorization) return new Response(null, challenge());
      const nonce = /nonce="([^"]*)"/.exec(authorization)![1]!;
      nonces.push(nonce);
      if (nonce === 'n1') return new Response('ok');
      setTimeout(release, 5); // the refusal lands before A's write completes
      return new Response(null, challenge());
    };
    // Not preemptive: each call takes its own challenge (preemptive calls would share A's, see below).
    const client = createDigestFetch(MUFASA, { fetch, store, preemptive: false });
    const [a, b] = await Promise.all([client(URL_A), client(URL_A)]);
    expect(a.status).toBe(200);
    expect(isDigestRejection(b)).toBe(true);
    expect(nonces.sort()).toEqual(['n1', 'n2']);
  });
});

describe('the store', () => {
  it.each(ALGORITHMS)(
    '%s: a restarted worker (a new store object over the same Map) is warm: 1 request, the next nc',
    async (algorithm) => {
      const backing = new Map<string, string>();
      const server = fakeDigestServer({ algorithms: [algorithm] });
      const first = createDigestFetch(MUFASA, { fetch: server.fetch, store: backedStore(backing) });
      await first(URL_A);
      await first(URL_A);
      expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok', 'ok']);
      expect(backing.size).toBe(1);

      const after = createDigestFetch(MUFASA, { fetch: server.fetch, store: backedStore(backing) });
      expect((await after(URL_A)).status).toBe(200);
      const seen = server.take();
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ verdict: 'ok' });
      expect(seen[0]!.params!.nc).toBe('00000003');
    },
  );

  it('switching credentials on one shared store never sends the other key pair’s nonce', async () => {
    const server = fakeDigestServer({ users: { ...MUFASA_USERS, Scar: 'Long live the king' } });
    const store = createMemoryNonceStore();
    const right = createDigestFetch(MUFASA, { fetch: server.fetch, store });
    const wrong = createDigestFetch({ ...MUFASA, password: 'Circle of Lies' }, { fetch: server.fetch, store });
    const other = createDigestFetch(
      { username: 'Scar', password: 'Long live the king' },
      { fetch: server.fetch, store },
    );

    await right(URL_A);
    const rightNonce = server.take()[1]!.params!.nonce;

    const refused = await wrong(URL_A);
    expect(isDigestRejection(refused)).toBe(true);
    const wrongSeen = server.take();
    expect(wrongSeen.map((s) => s.authorization === null)).toEqual([true, false]);
    expect(wrongSeen[1]!.params!.nonce).not.toBe(rightNonce);

    await other(URL_A);
    const otherSeen = server.take();
    expect(otherSeen.map((s) => s.verdict)).toEqual(['challenge', 'ok']);
    expect(otherSeen[1]!.params!.nonce).not.toBe(rightNonce);

    // The first key pair is still warm, and its nc was not advanced by the others.
    await right(URL_A);
    expect(server.take().map((s) => [s.verdict, s.params!.nonce, s.params!.nc])).toEqual([
      ['ok', rightNonce, '00000002'],
    ]);
    expect(store.size()).toBe(2);
  });

  it('a failing store (quota, storage gone) never fails the call nor throws anything but a DigestError', async () => {
    const broken: NonceStore = {
      get: async () => Promise.reject(new Error('storage get failed')),
      set: async () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')),
      delete: async () => Promise.reject(new Error('storage delete failed')),
    };
    const server = fakeDigestServer();
    const client = createDigestFetch(MUFASA, { fetch: server.fetch, store: broken });
    expect((await client(URL_A)).status).toBe(200);
    expect((await client(URL_A)).status).toBe(200); // still warm in process
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok', 'ok']);
    const wrong = createDigestFetch({ ...MUFASA, password: 'x' }, { fetch: server.fetch, store: broken });
    expect(isDigestRejection(await wrong(URL_A))).toBe(true);
  });

  it.each(ALGORITHMS)('%s: records and keys hold neither the password nor H(A1)', async (algorithm) => {
    const backing = new Map<string, string>();
    const server = fakeDigestServer({ algorithms: [algorithm], nextnonce: true });
    const client = createDigestFetch(MUFASA, { fetch: server.fetch, store: backedStore(backing) });
    await client(URL_A, { method: 'POST', body: 'x' });
    await client(URL_A);
    const dump = JSON.stringify([...backing.entries()]);
    const record = JSON.parse([...backing.values()][0]!) as NonceRecord;
    expect(record.nc).toBeGreaterThanOrEqual(0);
    const forbidden = [MUFASA.password, encodeURIComponent(MUFASA.password), JSON.stringify(MUFASA.password)];
    const ha1 = H(algorithm, `${MUFASA.username}:http-auth@example.org:${MUFASA.password}`);
    forbidden.push(ha1, H('MD5', `${MUFASA.username}:http-auth@example.org:${MUFASA.password}`));
    forbidden.push(H('SHA-256', `${MUFASA.username}:http-auth@example.org:${MUFASA.password}`));
    if (record.sessCnonce) forbidden.push(H(algorithm, `${ha1}:${record.nonce}:${record.sessCnonce}`));
    for (const secret of forbidden) expect(dump.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(dump).not.toMatch(/password|ha1/i);
  });
});

describe('damaged records and the vault lock', () => {
  it.each([
    ['an algorithm this client does not sign with', (r: NonceRecord) => ({ ...r, algorithm: 'SHA-512-256' })],
    ['an nc that is not a number', (r: NonceRecord) => ({ ...r, nc: '7' })],
    ['an nc already at ffffffff', (r: NonceRecord) => ({ ...r, nc: 0xffffffff })],
    ['no nonce', (r: NonceRecord) => ({ ...r, nonce: '' })],
    ['not a record at all', () => 'garbage'],
  ])(
    'a stored record with %s is not signed with: the call is cold, and a good record replaces it',
    async (_, damage) => {
      const backing = new Map<string, string>();
      const server = fakeDigestServer({ algorithms: ['SHA-256'] });
      await createDigestFetch(MUFASA, { fetch: server.fetch, store: backedStore(backing) })(URL_A);
      const [key, json] = [...backing.entries()][0]!;
      backing.set(key, JSON.stringify(damage(JSON.parse(json) as NonceRecord)));
      server.take();

      const restarted = createDigestFetch(MUFASA, { fetch: server.fetch, store: backedStore(backing) });
      expect((await restarted(URL_A)).status).toBe(200);
      const seen = server.take();
      expect(seen.map((s) => [s.verdict, s.params?.algorithm, s.params?.nc])).toEqual([
        ['challenge', undefined, undefined],
        ['ok', 'SHA-256', '00000001'],
      ]);
      expect(JSON.parse(backing.get(key)!)).toMatchObject({ algorithm: 'SHA-256', nc: 1 });
    },
  );

  it('forgetNonces (the vault lock): a call in flight writes nothing back, and the next call is cold', async () => {
    const backing = new Map<string, string>();
    const server = fakeDigestServer({ nextnonce: true, delayMs: 40 });
    const store = backedStore(backing);
    const client = createDigestFetch(MUFASA, { fetch: server.fetch, store });
    await client(URL_A);
    expect(backing.size).toBe(1);
    server.take();

    const inFlight = client(URL_A); // its answer carries a nextnonce, adopted after the lock
    await new Promise((resolve) => setTimeout(resolve, 15));
    forgetNonces(store);
    backing.clear(); // what the extension's lock does to storage.session
    expect((await inFlight).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(backing.size).toBe(0);

    await client(URL_A);
    expect(server.take().map((s) => s.verdict)).toEqual(['ok', 'challenge', 'ok']);
  });

  it('concurrent cold calls share one challenge: 20 calls, 21 requests, 20 distinct nc on one nonce', async () => {
    const { server, client } = digestSetup();
    const responses = await Promise.all(Array.from({ length: 20 }, () => client(URL_A)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const seen = server.take();
    expect(seen).toHaveLength(21);
    expect(seen.filter((s) => !s.authorization)).toHaveLength(1);
    const signed = seen.filter((s) => s.authorization);
    expect(new Set(signed.map((s) => s.params!.nonce)).size).toBe(1);
    expect(new Set(pairs(signed)).size).toBe(20);
  });

  it('each key pair takes its own challenge; a waiting call can still be cancelled', async () => {
    const scar = { username: 'Scar', password: 'Long live the king' };
    const server = fakeDigestServer({
      delayMs: () => 20,
      users: { ...MUFASA_USERS, Scar: scar.password },
    });
    const store = createMemoryNonceStore();
    const mufasa = createDigestFetch(MUFASA, { fetch: server.fetch, store });
    const other = createDigestFetch(scar, { fetch: server.fetch, store });
    const controller = new AbortController();
    const calls = [mufasa(URL_A), mufasa(URL_A), other(URL_A), mufasa(URL_A, { signal: controller.signal })];
    controller.abort();
    const settled = await Promise.allSettled(calls);
    const statusOf = (r: PromiseSettledResult<Response> | undefined) =>
      r?.status === 'fulfilled' ? r.value.status : r;
    expect(settled.slice(0, 3).map(statusOf)).toEqual([200, 200, 200]);
    expect(settled[3]).toMatchObject({ status: 'rejected', reason: { kind: 'aborted' } });
    const probes = server.take().filter((s) => !s.authorization);
    expect(probes).toHaveLength(2); // one per key pair
  });
});

const MUFASA_USERS = { [MUFASA.username]: MUFASA.password };
