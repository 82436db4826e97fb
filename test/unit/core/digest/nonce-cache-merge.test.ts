// How the nonce cache keeps one count per nonce (issue #18): two stored copies of one nonce merge into one record
// (highest nc, newest time, the cnonce that fixed H(A1)); a nonce is one record only within one origin, realm and
// algorithm; a repeated challenge keeps counting on its nonce but signs with its new parameters; a conditional drop
// leaves a newer nonce alone; a store read that lags never overwrites a newer nonce; a closed cache writes nothing.
import { describe, expect, it } from 'vitest';
import { type DigestParams, type NonceRecord, type NonceStore, sharedNonceKey } from '../../../../src/core/digest';
import { NonceCache } from '../../../../src/core/digest/nonce-cache';

const ORIGIN = 'https://cm.example.test';
const OTHER_ORIGIN = 'https://cm2.example.test';
const KEY_A = `${ORIGIN}|Mufasa|0123456789abcdef01234567`;
const KEY_B = `${ORIGIN}|Scar|76543210fedcba9876543210`;
const MAX_NC = 0xffffffff;

const PARAMS: DigestParams = {
  algorithm: 'MD5-sess',
  realm: 'http-auth@example.org',
  nonce: '+/n1==',
  qop: 'auth',
  opaque: 'o1',
  userhash: false,
  utf8: false,
};
const record = (change: Partial<NonceRecord> = {}): NonceRecord => ({ ...PARAMS, nc: 0, updatedAt: 1000, ...change });

/** A Map-backed store that notes its writes and deletes; `getDelay` holds every read's answer until it settles. */
function loggedStore(initial: Record<string, NonceRecord> = {}, getDelay?: Promise<void>) {
  const map = new Map(Object.entries(initial));
  const sets: string[] = [];
  const deletes: string[] = [];
  const store: NonceStore = {
    get: async (key) => {
      const value = map.get(key); // read when asked, answered late
      await getDelay;
      return value;
    },
    set: async (key, value) => {
      sets.push(key);
      map.set(key, value);
    },
    delete: async (key) => {
      deletes.push(key);
      map.delete(key);
    },
  };
  return { store, map, sets, deletes };
}

describe('two stored copies of one nonce, after a restart', () => {
  async function mergedAfterLoading(a: Partial<NonceRecord>, b: Partial<NonceRecord>) {
    const { store } = loggedStore({ [KEY_A]: record(a), [KEY_B]: record(b) });
    const cache = new NonceCache(store);
    await cache.load(KEY_A, ORIGIN);
    const merged = await cache.load(KEY_B, ORIGIN);
    expect(await cache.load(KEY_A, ORIGIN)).toBe(merged);
    return { cache, merged: merged! };
  }

  it('become one record with the higher nc, whichever was loaded first', async () => {
    expect((await mergedAfterLoading({ nc: 3 }, { nc: 9 })).merged.nc).toBe(9);
    expect((await mergedAfterLoading({ nc: 9 }, { nc: 3 })).merged.nc).toBe(9);
    const { cache } = await mergedAfterLoading({ nc: 3 }, { nc: 9 });
    expect(cache.reserve(KEY_A, 5000, 'c')?.nc).toBe(10);
    expect(cache.reserve(KEY_B, 5000, 'c')?.nc).toBe(11);
  });

  it('keep the newer updatedAt, whichever was loaded first', async () => {
    expect((await mergedAfterLoading({ updatedAt: 1000 }, { updatedAt: 3000 })).merged.updatedAt).toBe(3000);
    expect((await mergedAfterLoading({ updatedAt: 3000 }, { updatedAt: 1000 })).merged.updatedAt).toBe(3000);
  });

  it('keep the cnonce that fixed H(A1) when only the copy loaded second has it', async () => {
    const { cache, merged } = await mergedAfterLoading({ nc: 0 }, { nc: 2, sessCnonce: 'first-cnonce' });
    expect(merged.sessCnonce).toBe('first-cnonce');
    expect(cache.reserve(KEY_A, 5000, 'new-cnonce')?.sessCnonce).toBe('first-cnonce');
  });

  it('keep the cnonce that fixed H(A1) when the copy loaded second was written before it was fixed', async () => {
    const { cache, merged } = await mergedAfterLoading({ nc: 2, sessCnonce: 'first-cnonce' }, { nc: 0 });
    expect(merged.sessCnonce).toBe('first-cnonce');
    expect(cache.reserve(KEY_B, 5000, 'new-cnonce')?.sessCnonce).toBe('first-cnonce');
  });

  it('keep the live cnonce when the two copies name different ones', async () => {
    const { merged } = await mergedAfterLoading({ sessCnonce: 'live-cnonce' }, { sessCnonce: 'other-cnonce' });
    expect(merged.sessCnonce).toBe('live-cnonce');
  });
});

describe('one nonce value is one record only within one origin, realm and algorithm', () => {
  function counted(change: Partial<DigestParams>, origin = ORIGIN) {
    const cache = new NonceCache(loggedStore().store);
    cache.adopt([KEY_A], ORIGIN, PARAMS, 1000);
    for (let i = 0; i < 3; i++) cache.reserve(KEY_A, 1000, 'c');
    const other = cache.adoptAndReserve([KEY_B], origin, { ...PARAMS, ...change }, 2000, 'c');
    return { cache, other };
  }

  it('the same origin, realm and algorithm: the count goes on from the nc already used', () => {
    const { cache, other } = counted({});
    expect(other.nc).toBe(4);
    expect(cache.reserve(KEY_A, 3000, 'c')?.nc).toBe(5);
  });

  it.each([
    ['another origin', {}, OTHER_ORIGIN],
    ['another realm', { realm: 'other@example.org' }, ORIGIN],
    ['another algorithm', { algorithm: 'SHA-256-sess' as const }, ORIGIN],
  ])('%s: a separate count from 1, the first one untouched', (_, change, origin) => {
    const { cache, other } = counted(change, origin);
    expect(other.nc).toBe(1);
    expect(other.sessCnonce).toBe('c');
    expect(cache.reserve(KEY_A, 3000, 'c')?.nc).toBe(4);
    expect(cache.reserve(KEY_B, 3000, 'c')?.nc).toBe(2);
  });
});

describe('a challenge repeating a nonce this origin holds', () => {
  it('keeps the count and signs with the new challenge’s parameters', () => {
    const cache = new NonceCache(loggedStore().store);
    cache.adopt([KEY_A], ORIGIN, PARAMS, 1000);
    expect(cache.reserve(KEY_A, 1000, 'c')?.nc).toBe(1);
    const again = cache.adoptAndReserve([KEY_A], ORIGIN, { ...PARAMS, opaque: 'o2', qop: 'auth-int' }, 2000, 'c');
    expect(again.nc).toBe(2);
    expect(again.record).toMatchObject({ opaque: 'o2', qop: 'auth-int', nc: 2, updatedAt: 2000 });
  });

  it('on a nonce used to its last nc, starts a new record rather than failing the call', async () => {
    const { store } = loggedStore({ [KEY_A]: record({ nc: MAX_NC }) });
    const cache = new NonceCache(store);
    expect((await cache.load(KEY_A, ORIGIN))?.nc).toBe(MAX_NC);
    expect(cache.reserve(KEY_A, 2000, 'c')).toBeUndefined();
    const fresh = cache.adoptAndReserve([KEY_A], ORIGIN, PARAMS, 2000, 'c');
    expect(fresh).toBeDefined();
    expect(fresh.nc).toBe(1);
  });
});

describe('dropping a nonce', () => {
  it('with the nonce named: a key that holds another nonce by now keeps it', async () => {
    const { store, deletes } = loggedStore();
    const cache = new NonceCache(store);
    cache.adopt([KEY_A], ORIGIN, { ...PARAMS, nonce: 'newer' }, 1000);
    await cache.drop(KEY_A, PARAMS.nonce);
    expect((await cache.load(KEY_A, ORIGIN))?.nonce).toBe('newer');
    expect(deletes).toEqual([]);
    await cache.drop(KEY_A, 'newer');
    expect(await cache.load(KEY_A, ORIGIN)).toBeUndefined();
    expect(deletes).toEqual([KEY_A]);
  });

  it('after close (the vault locked) deletes nothing from the store a new life may already use', async () => {
    const { store, deletes, sets, map } = loggedStore({ [KEY_A]: record({ nc: 2 }) });
    const cache = new NonceCache(store);
    await cache.load(KEY_A, ORIGIN);
    cache.close();
    await cache.drop(KEY_A);
    await cache.adopt([KEY_B], ORIGIN, PARAMS, 2000);
    expect(deletes).toEqual([]);
    expect(sets).toEqual([]);
    expect(map.get(KEY_A)?.nc).toBe(2);
  });
});

describe('a store read that lags', () => {
  it('never replaces a nonce adopted while it was under way', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const { store } = loggedStore({ [KEY_A]: record({ nonce: 'old', nc: 7 }) }, gate);
    const cache = new NonceCache(store);
    const loading = cache.load(KEY_A, ORIGIN);
    await cache.adopt([KEY_A], ORIGIN, { ...PARAMS, nonce: 'new' }, 2000);
    open();
    expect((await loading)?.nonce).toBe('new');
    expect(cache.reserve(KEY_A, 3000, 'c')).toMatchObject({ nc: 1, record: { nonce: 'new' } });
  });
});

describe('refusing to share on an origin', () => {
  it('drops the shared slot once, and says so for the life of the cache', async () => {
    const shared = sharedNonceKey(ORIGIN);
    const { store, deletes } = loggedStore();
    const cache = new NonceCache(store);
    cache.adopt([KEY_A, shared], ORIGIN, PARAMS, 1000);
    expect(cache.refusesSharing(ORIGIN)).toBe(false);
    await cache.refuseSharing(ORIGIN);
    await cache.refuseSharing(ORIGIN);
    expect(deletes).toEqual([shared]);
    expect(await cache.load(shared, ORIGIN)).toBeUndefined();
    expect(cache.refusesSharing(ORIGIN)).toBe(true);
    expect(cache.refusesSharing(OTHER_ORIGIN)).toBe(false);
    expect((await cache.load(KEY_A, ORIGIN))?.nonce).toBe(PARAMS.nonce);
  });
});
