// Whose turn it is to take a challenge (issue #18): concurrent cold calls share one challenge again after a leader
// failed or was refused (a finished leader never holds the turn, nor takes it from the next leader), and a key pair's
// own cached nonce refused by the server is not a refused loan: the origin goes on lending the fresh nonce.
import { describe, expect, it } from 'vitest';
import {
  createDigestFetch,
  createMemoryNonceStore,
  isDigestRejection,
  type NonceStore,
} from '../../../../src/core/digest';
import { fakeDigestServer, MUFASA, URL_A } from './fake-digest-server';

const sleep = (ms: number) => new Promise<'slept'>((resolve) => setTimeout(() => resolve('slept'), ms));

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('after a leader that failed', () => {
  it('two concurrent cold calls share one challenge again', async () => {
    const server = fakeDigestServer();
    let down = true;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (down) throw new TypeError('fetch failed');
      return server.fetch(input, init);
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() });
    await expect(client(URL_A)).rejects.toMatchObject({ kind: 'network' });
    down = false;
    const responses = await Promise.all([client(URL_A), client(URL_A)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const seen = server.take();
    expect(seen.filter((s) => !s.authorization)).toHaveLength(1);
    expect(seen.map((s) => s.verdict).sort()).toEqual(['challenge', 'ok', 'ok']);
  });
});

describe('a leader refused, finishing while the next leader takes its challenge', () => {
  it('does not take the turn from it: a call arriving then waits for that challenge', async () => {
    const server = fakeDigestServer();
    const wrong = { username: MUFASA.username, password: 'Circle of Lies' };
    const deleting = gate();
    const deleteStarted = gate();
    const inner = createMemoryNonceStore();
    const store: NonceStore = {
      ...inner,
      delete: async (key) => {
        deleteStarted.open();
        await deleting.opened;
        return inner.delete(key);
      },
    };
    const probing = gate();
    const secondProbe = gate();
    let probes = 0;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!new Headers(init?.headers).has('authorization') && ++probes === 2) {
        secondProbe.open();
        await probing.opened;
      }
      return server.fetch(input, init);
    };
    const client = createDigestFetch(wrong, { fetch, store });
    // The first leader's signature is refused; it forgets the nonce, slowly.
    const first = client(URL_A);
    await deleteStarted.opened;
    // Meanwhile a second call finds no nonce and leads a challenge of its own, held on the way.
    const second = client(URL_A);
    await secondProbe.opened;
    deleting.open();
    expect((await first).status).toBe(401);
    // A third call now waits for the second call's challenge rather than taking one more.
    const third = client(URL_A);
    await sleep(20);
    probing.open();
    expect((await Promise.all([second, third])).map((r) => r.status)).toEqual([401, 401]);
    expect(server.take().filter((s) => !s.authorization)).toHaveLength(2);
  });
});

describe("a key pair's own cached nonce refused (a server restart)", () => {
  it('is no refused loan: the fresh nonce is lent, and another key pair signs with it at once', async () => {
    const scar = { username: 'Scar', password: 'Long live the king' };
    const server = fakeDigestServer({ users: { [MUFASA.username]: MUFASA.password, [scar.username]: scar.password } });
    const options = { fetch: server.fetch, store: createMemoryNonceStore(), shareNonceAcrossKeys: true };
    const mufasa = createDigestFetch(MUFASA, options);
    const other = createDigestFetch(scar, options);
    expect((await mufasa(URL_A)).status).toBe(200);
    server.take();
    server.forget();
    expect((await mufasa(URL_A)).status).toBe(200);
    const fresh = server.take();
    expect(fresh.map((s) => [s.verdict, s.params?.nc])).toEqual([
      ['unknown-nonce', '00000002'],
      ['ok', '00000001'],
    ]);
    expect((await other(URL_A)).status).toBe(200);
    const lent = server.take();
    expect(lent.map((s) => [s.params?.username, s.verdict, s.params?.nc])).toEqual([['Scar', 'ok', '00000002']]);
    expect(lent[0]!.params!.nonce).toBe(fresh[1]!.params!.nonce);
  });
});

describe('a fresh signature refused at the last of the three requests', () => {
  it('is reported as a rejection even when a higher nc overtook it: no fourth request is left to tell', async () => {
    const server = fakeDigestServer({ ncMustIncrease: true });
    const held = gate();
    const reached = gate();
    let step = 0;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      step += 1;
      if (step === 4) server.expire(); // the fresh challenge's signature gets stale=true
      if (step === 5) {
        reached.open();
        await held.opened; // the third request is overtaken on its way
      }
      return server.fetch(input, init);
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() });
    expect((await client(URL_A)).status).toBe(200);
    server.forget(); // the cached nonce is unknown: the next call needs all three requests
    const call = client(URL_A);
    await reached.opened;
    const overtaking = await client(URL_A);
    held.open();
    const response = await call;
    expect(overtaking.status).toBe(200);
    expect(response.status).toBe(401);
    expect(isDigestRejection(response)).toBe(true);
    expect(server.take().map((s) => [s.verdict, s.params?.nc ?? null])).toEqual([
      ['challenge', null],
      ['ok', '00000001'],
      ['unknown-nonce', '00000002'],
      ['stale', '00000001'],
      ['ok', '00000002'],
      ['replay', '00000001'],
    ]);
  });
});

describe('the retry after an overtaken refusal, answered stale=true', () => {
  it('is the third and last request: the call ends with that 401, no fourth request', async () => {
    const server = fakeDigestServer({ ncMustIncrease: true });
    const held = gate();
    const reached = gate();
    let armed = false;
    let step = 0;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (armed) {
        step += 1;
        if (step === 2) {
          reached.open();
          await held.opened; // the fresh signature waits while a higher nc on its nonce goes first
        }
        if (step === 4) server.expire(); // the one retry after the replay refusal gets stale=true
      }
      return server.fetch(input, init);
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() });
    expect((await client(URL_A)).status).toBe(200);
    server.take();
    server.forget(); // the cached nonce is unknown now: a refused warm signature, then a fresh challenge
    armed = true;
    const call = client(URL_A);
    await reached.opened;
    const overtaking = await client(URL_A);
    held.open();
    const response = await call;
    expect(overtaking.status).toBe(200);
    expect(response.status).toBe(401);
    expect(server.take().map((s) => s.verdict)).toEqual(['unknown-nonce', 'ok', 'replay', 'stale']);
    expect(step).toBe(4);
  });
});

describe('a warm signature refused as a replay because a higher nc overtook it', () => {
  it('spends no overtaken retry: the fresh signature, overtaken too, still gets its one retry and succeeds', async () => {
    const server = fakeDigestServer({ ncMustIncrease: true });
    const first = gate();
    const firstReached = gate();
    const second = gate();
    const secondReached = gate();
    let armed = false;
    let step = 0;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (armed) {
        step += 1;
        if (step === 1) {
          firstReached.open();
          await first.opened; // the warm signature waits while a higher nc on its nonce goes first
        }
        if (step === 3) {
          secondReached.open();
          await second.opened; // and so does the fresh signature after it
        }
      }
      return server.fetch(input, init);
    };
    const client = createDigestFetch(MUFASA, { fetch, store: createMemoryNonceStore() });
    expect((await client(URL_A)).status).toBe(200);
    server.take();
    armed = true;
    const call = client(URL_A);
    await firstReached.opened;
    expect((await client(URL_A)).status).toBe(200); // a higher nc on the cached nonce
    first.open();
    await secondReached.opened;
    expect((await client(URL_A)).status).toBe(200); // a higher nc on the fresh nonce
    second.open();
    expect((await call).status).toBe(200);
    expect(server.take().map((s) => s.verdict)).toEqual(['ok', 'replay', 'ok', 'replay', 'ok']);
  });
});
