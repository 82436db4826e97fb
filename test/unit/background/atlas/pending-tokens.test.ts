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
  });
});
