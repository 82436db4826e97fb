// Properties mutation testing found unprotected (issue #18): a failed leader releases the calls waiting for its
// challenge, a waiting call can be cancelled at once, no nc is reused across a worker restart, and the caller's own
// headers reach the server on every leg.
import { describe, expect, it } from 'vitest';
import {
  createDigestFetch,
  createMemoryNonceStore,
  DigestError,
  type NonceRecord,
  type NonceStore,
} from '../../../../src/core/digest';
import { fakeDigestServer, MUFASA, URL_A } from './fake-digest-server';

async function failure(p: Promise<unknown>): Promise<DigestError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestError);
  return error as DigestError;
}

const sleep = (ms: number) => new Promise<'slept'>((resolve) => setTimeout(() => resolve('slept'), ms));

/** A store over a Map that outlives it, as storage.session outlives a worker; values cloned through JSON. */
function backedStore(backing: Map<string, string>, writeDelayMs = 0): NonceStore {
  return {
    async get(key) {
      const json = backing.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as NonceRecord);
    },
    async set(key, record) {
      if (writeDelayMs) await sleep(writeDelayMs);
      backing.set(key, JSON.stringify(record));
    },
    async delete(key) {
      backing.delete(key);
    },
  };
}

describe('a shared challenge whose leader fails', () => {
  it('a later cold call for the same key pair is not held: it completes well under the timeout', async () => {
    const server = fakeDigestServer();
    let failNext = true;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (failNext) {
        failNext = false;
        throw new TypeError('fetch failed');
      }
      return server.fetch(input, init);
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore(), timeoutMs: 3000 });
    expect((await failure(client(URL_A))).kind).toBe('network');

    const started = Date.now();
    const response = await client(URL_A);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok']);
  });

  it('a call waiting on a leader that fails goes on cold at once, and the next call too', async () => {
    const server = fakeDigestServer();
    let calls = 0;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      calls += 1;
      if (calls === 1) {
        await sleep(50);
        throw new TypeError('fetch failed');
      }
      return server.fetch(input, init);
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore(), timeoutMs: 3000 });
    const started = Date.now();
    const [leader, waiter] = await Promise.allSettled([client(URL_A), client(URL_A)]);
    expect(leader.status).toBe('rejected');
    expect(((leader as PromiseRejectedResult).reason as DigestError).kind).toBe('network');
    expect(waiter.status).toBe('fulfilled');
    expect((waiter as PromiseFulfilledResult<Response>).value.status).toBe(200);
    expect((await client(URL_A)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('cancelling a call that waits for another call’s challenge', () => {
  it('rejects it at once as DigestError aborted, while the leader’s round trip is still under way', async () => {
    const server = fakeDigestServer();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let first = true;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (first) {
        first = false;
        await gate; // the leader's probe is held until the end of the test
      }
      return server.fetch(input, init);
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore(), timeoutMs: 5000 });
    let leaderSettled = false;
    const leader = client(URL_A).finally(() => {
      leaderSettled = true;
    });
    await sleep(20);
    const controller = new AbortController();
    const waiter = client(URL_A, { signal: controller.signal }).then(
      () => 'resolved' as const,
      (e: unknown) => e,
    );
    await sleep(20); // the waiter is now waiting for the leader's nonce
    controller.abort();
    const outcome = await Promise.race([waiter, sleep(500)]);
    expect(outcome).toBeInstanceOf(DigestError);
    expect((outcome as DigestError).kind).toBe('aborted');
    expect(leaderSettled).toBe(false);
    // The cancelled call sent nothing: only the leader's held probe was seen (it has not reached the server yet).
    expect(server.seen).toHaveLength(0);
    open();
    expect((await leader).status).toBe(200);
  });
});

describe('nc across a worker restart', () => {
  const ncs = (seen: { params?: Record<string, string> }[]) =>
    seen.filter((s) => s.params).map((s) => Number.parseInt(s.params!.nc!, 16));

  it.each([
    ['a fast store', 0],
    ['a slow store', 2],
  ])('with %s, the nc values sent on one nonce strictly increase across restarts', async (_, delay) => {
    const backing = new Map<string, string>();
    const server = fakeDigestServer({ fixedNonce: true });
    const lives = 3;
    for (let life = 0; life < lives; life++) {
      // A new store object over the same Map: a new NonceCache, as after a worker restart.
      const client = createDigestFetch(MUFASA, { fetch: server.fetch, store: backedStore(backing, delay) });
      await client(URL_A);
      await Promise.all([client(URL_A), client(URL_A)]);
      await client(URL_A);
    }
    const seen = server.take();
    expect(seen.filter((s) => s.authorization).map((s) => s.verdict)).toEqual(Array(lives * 4).fill('ok'));
    expect(new Set(seen.filter((s) => s.params).map((s) => s.params!.nonce)).size).toBe(1);
    const sent = ncs(seen);
    expect(sent).toHaveLength(lives * 4);
    // Concurrent calls may reach the server in either order; sorted, every nc is used once, 1..12.
    expect([...sent].sort((a, b) => a - b)).toEqual(Array.from({ length: lives * 4 }, (_, i) => i + 1));
    // Sequential calls of later lives are strictly above every nc of earlier lives.
    for (let life = 1; life < lives; life++) {
      const before = sent.slice(0, life * 4);
      const after = sent.slice(life * 4, (life + 1) * 4);
      expect(Math.min(...after)).toBeGreaterThan(Math.max(...before));
    }
  });

  it('two key pairs sharing nonces on one origin, restarted: no (nonce, nc) is sent twice', async () => {
    const scar = { username: 'Scar', password: 'Long live the king' };
    const backing = new Map<string, string>();
    const server = fakeDigestServer({
      users: { [MUFASA.username]: MUFASA.password, [scar.username]: scar.password },
      ncMustIncrease: true,
    });
    for (let life = 0; life < 3; life++) {
      const store = backedStore(backing, 1);
      const a = createDigestFetch(MUFASA, { fetch: server.fetch, store, shareNonceAcrossKeys: true });
      const b = createDigestFetch(scar, { fetch: server.fetch, store, shareNonceAcrossKeys: true });
      await Promise.all([a(URL_A), b(URL_A)]);
      await b(URL_A);
      await a(URL_A);
    }
    const signed = server.take().filter((s) => s.params);
    expect(signed.map((s) => s.verdict)).toEqual(Array(signed.length).fill('ok'));
    const pairs = signed.map((s) => `${s.params!.nonce}#${s.params!.nc}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    // Per nonce, in the order the server saw them, nc values strictly increase.
    const last = new Map<string, number>();
    for (const s of signed) {
      const nc = Number.parseInt(s.params!.nc!, 16);
      expect(nc).toBeGreaterThan(last.get(s.params!.nonce!) ?? 0);
      last.set(s.params!.nonce!, nc);
    }
  });
});

describe('a restarted worker with a store that lags or fails', () => {
  const mufasa = MUFASA;
  const scar = { username: 'Scar', password: 'Long live the king' };
  const users = { [MUFASA.username]: MUFASA.password, [scar.username]: scar.password };

  it('a nextnonce adopted into the shared slot is what a concurrent borrower signs with, never the slot’s stale stored nonce', async () => {
    // Life A: Mufasa's challenge fills his own slot and the origin's shared slot with nonce N1.
    const backing = new Map<string, string>();
    const server = fakeDigestServer({ users, nextnonce: true, ncMustIncrease: true });
    await createDigestFetch(mufasa, { fetch: server.fetch, store: backedStore(backing), shareNonceAcrossKeys: true })(
      URL_A,
    );
    server.take();
    // Life B, over a store whose writes take a while: Mufasa signs N1 (nc 2, written under his slot only), and the
    // answer's nextnonce N2 goes to his slot and the shared slot. While those writes are under way, Scar's cold call
    // borrows from the shared slot: it must take N2 from memory, not N1 (whose nc 2 was just used) from the store.
    const store = backedStore(backing, 30);
    const b = createDigestFetch(scar, { fetch: server.fetch, store, shareNonceAcrossKeys: true });
    let scarCall: Promise<Response> | undefined;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await server.fetch(input, init);
      if (!scarCall) scarCall = new Promise((resolve) => setTimeout(resolve, 0)).then(() => b(URL_A));
      return response;
    };
    const aHooked = createDigestFetch(mufasa, { fetch, store, shareNonceAcrossKeys: true });
    expect((await aHooked(URL_A)).status).toBe(200);
    expect((await scarCall!).status).toBe(200);
    const signed = server.take().filter((s) => s.params);
    expect(signed.map((s) => s.verdict)).toEqual(['ok', 'ok']);
    const pairs = signed.map((s) => `${s.params!.nonce}#${s.params!.nc}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(signed[1]!.params!.username).toBe('Scar');
    expect(signed[1]!.params!.nonce).not.toBe(signed[0]!.params!.nonce);
  });

  it('a nonce distrusted after a bad rspauth is not borrowed again when the store could not delete it', async () => {
    // Life A: Mufasa's challenge puts nonce N in his own slot and the shared slot.
    const backing = new Map<string, string>();
    const server = fakeDigestServer({ users });
    await createDigestFetch(mufasa, { fetch: server.fetch, store: backedStore(backing), shareNonceAcrossKeys: true })(
      URL_A,
    );
    const nonce = server.take()[1]!.params!.nonce!;
    // Life B, over a store whose deletes fail (storage gone): Mufasa signs N, and the answer's rspauth is wrong.
    const failingDeletes: NonceStore = {
      ...backedStore(backing),
      delete: async () => Promise.reject(new Error('gone')),
    };
    const badProof = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await server.fetch(input, init);
      if (response.status !== 200) return response;
      const headers = new Headers(response.headers);
      headers.set('Authentication-Info', 'rspauth="00000000000000000000000000000000"');
      return new Response(await response.arrayBuffer(), { status: 200, headers });
    };
    const a = createDigestFetch(mufasa, { fetch: badProof, store: failingDeletes, shareNonceAcrossKeys: true });
    const b = createDigestFetch(scar, { fetch: server.fetch, store: failingDeletes, shareNonceAcrossKeys: true });
    expect((await failure(a(URL_A))).kind).toBe('rspauth-mismatch');
    server.take();
    // Scar, cold: the shared slot's nonce was dropped in memory; the copy the store kept is not read back.
    expect((await b(URL_A)).status).toBe(200);
    const seen = server.take();
    expect(seen.map((s) => s.verdict)).toEqual(['challenge', 'ok']);
    expect(seen[1]!.params!.nonce).not.toBe(nonce);
  });

  it('a key found absent is read from the store once per worker life, not again on the next call', async () => {
    const backing = new Map<string, string>();
    const reads: string[] = [];
    const inner = backedStore(backing);
    const store: NonceStore = {
      ...inner,
      get: (key) => {
        reads.push(key);
        return inner.get(key);
      },
    };
    const server = fakeDigestServer({ users });
    let down = true;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (down) throw new TypeError('fetch failed');
      return server.fetch(input, init);
    };
    const a = createDigestFetch(mufasa, { fetch, store });
    expect((await failure(a(URL_A))).kind).toBe('network');
    expect(reads).toHaveLength(1);
    // The slot is known to be empty: the next call goes cold without reading the store again.
    down = false;
    expect((await a(URL_A)).status).toBe(200);
    expect(reads).toHaveLength(1);
  });
});

describe("the caller's headers", () => {
  it('reach the server on the challenge leg and on the signed leg (URL input with init headers)', async () => {
    const server = fakeDigestServer();
    const accepts: (string | null)[] = [];
    const custom: (string | null)[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      accepts.push(headers.get('accept'));
      custom.push(headers.get('x-trace'));
      return server.fetch(input, init);
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() });
    const response = await client(URL_A, { headers: { Accept: 'application/json', 'X-Trace': 't-1' } });
    expect(response.status).toBe(200);
    expect(server.take().map((s) => [s.verdict, s.authorization === null])).toEqual([
      ['challenge', true],
      ['ok', false],
    ]);
    expect(accepts).toEqual(['application/json', 'application/json']);
    expect(custom).toEqual(['t-1', 't-1']);
  });

  it("reach the server from a Request's own headers, on both legs", async () => {
    const server = fakeDigestServer();
    const accepts: (string | null)[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      accepts.push(new Headers(init?.headers).get('accept'));
      return server.fetch(input, init);
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() });
    const response = await client(new Request(URL_A, { headers: { Accept: 'application/vnd.atlas+json' } }));
    expect(response.status).toBe(200);
    expect(accepts).toEqual(['application/vnd.atlas+json', 'application/vnd.atlas+json']);
  });
});
