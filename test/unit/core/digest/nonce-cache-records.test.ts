// What the nonce cache accepts back from storage (issue #18): a stored record another version wrote, or that was
// damaged, is signed with only when every field signing needs is well formed (else it is dropped, and deleted from the
// store); the in-memory store hands out and keeps copies, so no caller can change a cached nc behind its back.
import { describe, expect, it } from 'vitest';
import { createMemoryNonceStore, type NonceRecord, type NonceStore } from '../../../../src/core/digest';
import { NonceCache } from '../../../../src/core/digest/nonce-cache';

const ORIGIN = 'https://cm.example.test';
const KEY = `${ORIGIN}|Mufasa|0123456789abcdef01234567`;
const MAX_NC = 0xffffffff;

const VALID: NonceRecord = {
  algorithm: 'SHA-256',
  realm: 'http-auth@example.org',
  nonce: '+/abc==',
  qop: 'auth',
  opaque: 'op',
  userhash: false,
  utf8: true,
  nc: 4,
  updatedAt: 1000,
};

/** A store holding one raw value under KEY, noting every key deleted. */
function rawStore(value: unknown) {
  const deleted: string[] = [];
  const store: NonceStore = {
    get: async (key) => (key === KEY ? (value as NonceRecord) : undefined),
    set: async () => undefined,
    delete: async (key) => {
      deleted.push(key);
    },
  };
  return { store, deleted };
}

async function loaded(value: unknown) {
  const { store, deleted } = rawStore(value);
  const cache = new NonceCache(store);
  const record = await cache.load(KEY, ORIGIN);
  await Promise.resolve();
  return { record, deleted, cache };
}

describe('a stored record that is well formed', () => {
  it.each([
    ['as written', {}],
    ['without qop (RFC 2069)', { qop: undefined }],
    ['with qop auth-int', { qop: 'auth-int' }],
    ['without opaque', { opaque: undefined }],
    ['with a -sess cnonce', { algorithm: 'MD5-sess', sessCnonce: 'c1' }],
    ['at nc 0', { nc: 0 }],
  ])('is signed with, %s: the next nc follows the stored one', async (_, change) => {
    const stored = { ...VALID, ...change } as NonceRecord;
    const { record, deleted, cache } = await loaded(stored);
    expect(record).toEqual(stored);
    expect(deleted).toEqual([]);
    const reservation = cache.reserve(KEY, 2000, 'cnonce-2');
    expect(reservation?.nc).toBe(stored.nc + 1);
    expect(reservation?.record.qop).toBe(stored.qop);
  });

  it('at the last nc (0xffffffff) is kept, so its nonce is never counted from 1 again, but not signed with', async () => {
    const { record, deleted, cache } = await loaded({ ...VALID, nc: MAX_NC });
    expect(record?.nc).toBe(MAX_NC);
    expect(deleted).toEqual([]);
    expect(cache.reserve(KEY, 2000, 'c')).toBeUndefined();
  });
});

describe('a stored record that is malformed', () => {
  it.each([
    ['null', null],
    ['a string', 'not a record'],
    ['an unknown algorithm', { ...VALID, algorithm: 'SHA-512' }],
    ['no algorithm', { ...VALID, algorithm: undefined }],
    ['a realm that is not a string', { ...VALID, realm: 7 }],
    ['no realm', { ...VALID, realm: undefined }],
    ['a nonce that is not a string', { ...VALID, nonce: 12345 }],
    ['an empty nonce', { ...VALID, nonce: '' }],
    ['an unknown qop', { ...VALID, qop: 'auth-conf' }],
    ['a qop list', { ...VALID, qop: 'auth,auth-int' }],
    ['an opaque that is not a string', { ...VALID, opaque: 5 }],
    ['a sessCnonce that is not a string', { ...VALID, algorithm: 'MD5-sess', sessCnonce: 5 }],
    ['a userhash that is not a boolean', { ...VALID, userhash: 'false' }],
    ['no userhash', { ...VALID, userhash: undefined }],
    ['a utf8 that is not a boolean', { ...VALID, utf8: 1 }],
    ['no utf8', { ...VALID, utf8: undefined }],
    ['an nc that is not a number', { ...VALID, nc: '4' }],
    ['a fractional nc', { ...VALID, nc: 4.5 }],
    ['a negative nc', { ...VALID, nc: -1 }],
    ['an nc beyond eight hex digits', { ...VALID, nc: MAX_NC + 1 }],
    ['an updatedAt that is not a number', { ...VALID, updatedAt: '1000' }],
    ['no updatedAt', { ...VALID, updatedAt: undefined }],
  ])('is dropped, with %s: the call goes cold and the store forgets it', async (_, value) => {
    const { record, deleted, cache } = await loaded(value);
    expect(record).toBeUndefined();
    expect(deleted).toEqual([KEY]);
    expect(cache.reserve(KEY, 2000, 'c')).toBeUndefined();
  });

  it('is not read again in the same worker life', async () => {
    let reads = 0;
    const store: NonceStore = {
      get: async () => {
        reads += 1;
        return { ...VALID, nc: -1 };
      },
      set: async () => undefined,
      delete: async () => undefined,
    };
    const cache = new NonceCache(store);
    expect(await cache.load(KEY, ORIGIN)).toBeUndefined();
    expect(await cache.load(KEY, ORIGIN)).toBeUndefined();
    expect(reads).toBe(1);
  });
});

describe('the in-memory store', () => {
  it('answers undefined for a key never set', async () => {
    const store = createMemoryNonceStore();
    expect(await store.get(KEY)).toBeUndefined();
    expect(store.size()).toBe(0);
  });

  it('returns the record it was given, whole', async () => {
    const store = createMemoryNonceStore();
    await store.set(KEY, VALID);
    expect(await store.get(KEY)).toEqual(VALID);
    expect(store.size()).toBe(1);
  });

  it('keeps its own copy: changing the record after set does not change what is stored', async () => {
    const store = createMemoryNonceStore();
    const record = { ...VALID };
    await store.set(KEY, record);
    record.nc = 0;
    record.nonce = 'other';
    expect(await store.get(KEY)).toEqual(VALID);
  });

  it('hands out copies: changing a record it returned does not change the next one', async () => {
    const store = createMemoryNonceStore();
    await store.set(KEY, VALID);
    const first = (await store.get(KEY))!;
    first.nc = 0;
    first.sessCnonce = 'forged';
    expect(await store.get(KEY)).toEqual(VALID);
    expect(await store.get(KEY)).not.toBe(await store.get(KEY));
  });

  it('forgets a deleted key', async () => {
    const store = createMemoryNonceStore();
    await store.set(KEY, VALID);
    await store.delete(KEY);
    expect(await store.get(KEY)).toBeUndefined();
    expect(store.size()).toBe(0);
  });
});
