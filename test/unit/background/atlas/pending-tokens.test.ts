// The memory that keeps a created link token for a retry: held with no expiry while its link runs, ten minutes
// after a failure (then gone), per Cloud Manager org, Atlas org and access list; dropped by success, revoke, lock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const P = await import('../../../../src/background/atlas/pending-tokens');
const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const ATLAS = '63d4e5f60718293a4b5c6d7e';
const T0 = 1_800_000_000_000;

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  P.forgetPendingTokens();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('pending link tokens', () => {
  it('are kept while the link runs and for exactly ten minutes after it failed', () => {
    const key = P.pendingKey(ORG, ATLAS);
    P.holdPending(key, 'token-1', T0);
    expect(P.takePending(key, T0 + 60 * 60_000)).toBe('token-1'); // running: no expiry
    P.keepPending(key, T0);
    expect(P.pendingUntil(ORG, ATLAS, T0)).toBe(T0 + P.PENDING_TOKEN_TTL_MS);
    expect(P.PENDING_TOKEN_TTL_MS).toBe(600_000);
    expect(P.takePending(key, T0 + 600_000 - 1)).toBe('token-1');
    P.keepPending(key, T0);
    expect(P.takePending(key, T0 + 600_000)).toBeUndefined();
    expect(P.pendingCount()).toBe(0);
  });

  it('serve only the same org, Atlas org and access list', () => {
    P.holdPending(P.pendingKey(ORG, ATLAS, ['203.0.113.7']), 'token-1', T0);
    expect(P.takePending(P.pendingKey(ORG, ATLAS), T0)).toBeUndefined();
    expect(P.takePending(P.pendingKey(ORG, ATLAS, ['203.0.113.8']), T0)).toBeUndefined();
    expect(P.takePending(P.pendingKey(ATLAS, ORG, ['203.0.113.7']), T0)).toBeUndefined();
    expect(P.takePending(P.pendingKey(ORG, ATLAS, ['203.0.113.7']), T0)).toBe('token-1');
  });

  it('are shown waiting for a retry whatever the access list, for their own org and Atlas org only', () => {
    // An Ops Manager server's token carries its addresses; the popup asks by org and Atlas org alone.
    const withIps = P.pendingKey(ORG, ATLAS, ['203.0.113.7']);
    expect(P.pendingKey(ORG, ATLAS)).toBe(P.pendingKey(ORG, ATLAS, []));
    P.holdPending(P.pendingKey('b'.repeat(24), ATLAS), 'token-other-org', T0);
    P.keepPending(P.pendingKey('b'.repeat(24), ATLAS), T0);
    P.holdPending(P.pendingKey(ORG, 'c'.repeat(24)), 'token-other-atlas', T0);
    P.keepPending(P.pendingKey(ORG, 'c'.repeat(24)), T0);
    expect(P.pendingUntil(ORG, ATLAS, T0)).toBeUndefined();
    // A token whose link runs is not waiting: the one kept for the server's earlier addresses is.
    P.holdPending(P.pendingKey(ORG, ATLAS, ['198.51.100.1']), 'token-running', T0);
    P.holdPending(withIps, 'token-1', T0);
    expect(P.pendingUntil(ORG, ATLAS, T0)).toBeUndefined();
    P.keepPending(withIps, T0 + 5);
    expect(P.pendingUntil(ORG, ATLAS, T0 + 5)).toBe(T0 + 5 + P.PENDING_TOKEN_TTL_MS);
    // A key that only begins like this one's is another org's.
    P.forgetPendingTokens();
    P.holdPending(`${P.pendingKey(ORG, ATLAS)}0`, 'token-x', T0);
    P.keepPending(`${P.pendingKey(ORG, ATLAS)}0`, T0);
    expect(P.pendingUntil(ORG, ATLAS, T0)).toBeUndefined();
  });

  it('are dropped by a success, a revoke of their Atlas org only, and a lock', () => {
    const a = P.pendingKey(ORG, ATLAS);
    const b = P.pendingKey(ORG, 'a'.repeat(24));
    P.holdPending(a, 'token-a', T0);
    P.holdPending(b, 'token-b', T0);
    P.dropPendingOfAtlasOrg(ATLAS);
    expect([P.takePending(a, T0), P.takePending(b, T0)]).toEqual([undefined, 'token-b']);
    P.dropPending(b);
    expect(P.pendingCount()).toBe(0);
    P.holdPending(a, 'token-a', T0);
    P.forgetPendingTokens();
    expect(P.pendingCount()).toBe(0);
  });

  it('keep the worker awake with an extension call every 20 s while one is held, and stop when none is', async () => {
    const get = vi.spyOn(fake.browser.storage.session, 'get');
    const key = P.pendingKey(ORG, ATLAS);
    P.holdPending(key, 'token-1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(get).toHaveBeenCalledTimes(3);
    P.dropPending(key);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(get).toHaveBeenCalledTimes(3);
    // It reads one small entry, never the whole session storage.
    expect(get.mock.calls).toEqual([['lastActivity'], ['lastActivity'], ['lastActivity']]);
  });

  it('stop keeping the worker awake at the tick that forgets the last token, without one more call', async () => {
    const get = vi.spyOn(fake.browser.storage.session, 'get');
    const key = P.pendingKey(ORG, ATLAS);
    P.holdPending(key, 'token-1');
    P.keepPending(key); // ten minutes from now: 30 ticks of 20 s, the 30th forgets it
    await vi.advanceTimersByTimeAsync(P.PENDING_TOKEN_TTL_MS - 1);
    expect([get.mock.calls.length, P.pendingCount()]).toEqual([29, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect([get.mock.calls.length, P.pendingCount()]).toEqual([29, 0]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(get).toHaveBeenCalledTimes(29);
  });
});
