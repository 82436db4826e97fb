// The Digest nonce store of the worker: one table under 'digestNonces' in storage.session (never storage.local), so a
// restarted worker still finds its nonces; delete removes one key and leaves the others; the vault lock removes all.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NonceRecord } from '../../../../src/core/digest';
import { fakeDigestServer, MUFASA, URL_A } from '../../core/digest/fake-digest-server';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const record = (nonce: string, nc: number): NonceRecord => ({
  algorithm: 'MD5',
  realm: 'MMS Public API',
  nonce,
  qop: 'auth',
  userhash: false,
  utf8: false,
  nc,
  updatedAt: 1_000 + nc,
});

async function worker() {
  vi.resetModules();
  const { sessionNonceStore } = await import('../../../../src/background/api/nonce-store');
  const { lockNow } = await import('../../../../src/background/vault/auto-lock');
  const { createDigestFetch } = await import('../../../../src/core/digest');
  return { store: sessionNonceStore, lockNow, createDigestFetch };
}

const table = () => fake.storage.data.session.get('digestNonces');

beforeEach(() => {
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
});

describe('sessionNonceStore', () => {
  it('answers undefined for a key it does not hold', async () => {
    const { store } = await worker();
    expect(await store.get('a')).toBeUndefined();
    await store.set('a', record('n1', 1));
    expect(await store.get('b')).toBeUndefined();
  });

  it('set writes the record under its key in storage.session, and get reads it back', async () => {
    const { store } = await worker();
    await store.set('key-a', record('n1', 1));
    await store.set('key-b', record('n2', 7));
    expect(table()).toEqual({ 'key-a': record('n1', 1), 'key-b': record('n2', 7) });
    expect(fake.storage.data.local.size).toBe(0);
    expect([...fake.storage.data.session.keys()]).toEqual(['digestNonces']);
    expect(await store.get('key-a')).toEqual(record('n1', 1));
    expect(await store.get('key-b')).toEqual(record('n2', 7));
  });

  it('set replaces the record of the same key', async () => {
    const { store } = await worker();
    await store.set('key-a', record('n1', 1));
    await store.set('key-a', record('n1', 2));
    expect(table()).toEqual({ 'key-a': record('n1', 2) });
  });

  it('concurrent sets of different keys all land', async () => {
    const { store } = await worker();
    await Promise.all([1, 2, 3, 4].map((n) => store.set(`key-${n}`, record(`n${n}`, n))));
    expect(Object.keys(table() as object).sort()).toEqual(['key-1', 'key-2', 'key-3', 'key-4']);
  });

  it('delete removes that key and leaves the others as they were', async () => {
    const { store } = await worker();
    await store.set('key-a', record('n1', 1));
    await store.set('key-b', record('n2', 2));
    await store.set('key-c', record('n3', 3));
    await store.delete('key-b');
    expect(table()).toEqual({ 'key-a': record('n1', 1), 'key-c': record('n3', 3) });
    expect(await store.get('key-b')).toBeUndefined();
    expect(await store.get('key-a')).toEqual(record('n1', 1));
    await store.delete('not-there');
    expect(table()).toEqual({ 'key-a': record('n1', 1), 'key-c': record('n3', 3) });
  });

  it('records survive a worker restart (a module reload)', async () => {
    const first = await worker();
    await first.store.set('key-a', record('n1', 5));
    const second = await worker();
    expect(await second.store.get('key-a')).toEqual(record('n1', 5));
    await second.store.set('key-b', record('n2', 1));
    expect(table()).toEqual({ 'key-a': record('n1', 5), 'key-b': record('n2', 1) });
  });

  it('a stored entry that is not an object is dropped, the others are read', async () => {
    fake.storage.data.session.set('digestNonces', { bad: 'text', worse: null, good: record('n1', 1) });
    const { store } = await worker();
    expect(await store.get('bad')).toBeUndefined();
    expect(await store.get('worse')).toBeUndefined();
    expect(await store.get('good')).toEqual(record('n1', 1));
  });

  it('the vault lock removes every record', async () => {
    const { store, lockNow } = await worker();
    await store.set('key-a', record('n1', 1));
    await store.set('key-b', record('n2', 2));
    await lockNow();
    expect(fake.storage.data.session.has('digestNonces')).toBe(false);
    expect(await store.get('key-a')).toBeUndefined();
    const next = await worker();
    expect(await next.store.get('key-b')).toBeUndefined();
  });

  it('the lock also drops the nonces held in memory: the next call starts cold, with no nonce from before', async () => {
    const { store, lockNow, createDigestFetch } = await worker();
    const server = fakeDigestServer();
    const client = createDigestFetch(MUFASA, { fetch: server.fetch, store, shareNonceAcrossKeys: true });
    await client(URL_A);
    await client(URL_A);
    // Warm: the second call signed its first request with the nonce the first call's challenge brought.
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok', 'ok']);
    expect(Object.keys(table() as object).length).toBeGreaterThan(0);
    await lockNow();
    await client(URL_A);
    const after = server.take();
    expect(after.map((s) => s.verdict)).toEqual(['challenge', 'ok']);
    expect(after[0]!.authorization).toBeNull();
  });

  it('the lock closes it until the next unlock: a write that outlived the lock stores nothing (#30)', async () => {
    fake.storage.data.session.clear();
    const w = await worker();
    const { closeNonceStore, openNonceStore } = await import('../../../../src/background/api/nonce-store');
    await w.store.set('a', record('n1', 1));
    // A write queued just before the close is decided inside its queue: it finds the store closed and stores nothing.
    const queued = w.store.set('b', record('n2', 1));
    closeNonceStore();
    await queued;
    expect(table()).toBeUndefined();
    await w.store.set('c', record('n3', 1));
    await w.store.delete('a');
    expect(table()).toBeUndefined();
    expect(await w.store.get('a')).toBeUndefined();
    openNonceStore();
    await w.store.set('c', record('n3', 1));
    expect(table()).toEqual({ c: record('n3', 1) });
  });
});
