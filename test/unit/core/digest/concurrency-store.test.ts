// Concurrent calls never share an nc; the nonce cache goes through the injectable store (warm after a worker
// restart), is keyed by credential, and never holds the password or H(A1).
import { describe, expect, it } from 'vitest';
import {
  createDigestFetch,
  createMemoryNonceStore,
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

const MUFASA_USERS = { [MUFASA.username]: MUFASA.password };
