// The memory that keeps a created link token for a retry: held with no expiry while its link runs, ten minutes
// after a failure (then gone), per Cloud Manager org, Atlas org and access list; dropped by success, revoke, lock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const P = await import('../../../../src/background/atlas/pending-tokens');
const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const ATLAS = '63d4e5f60718293a4b5c6d7e';
const T0 = 1_800_000_000_000;
const FACTS = {
  fingerprint: '0123456789abcdef',
  orgId: ORG,
  orgName: 'Acme Retail',
  atlasOrgId: ATLAS,
  profileLabel: 'Acme',
  publicKey: 'atlaskey',
};
const { readHistory } = await import('../../../../src/background/orgs/history');

beforeEach(() => {
  vi.useFakeTimers();
  fake.storage.data.local.clear();
});
afterEach(() => {
  P.forgetPendingTokens();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('pending link tokens', () => {
  it('are kept while the link runs and for exactly ten minutes after it failed', () => {
    const key = P.pendingKey(ORG, ATLAS);
    P.holdPending(key, 'token-1', FACTS, T0);
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
    P.holdPending(P.pendingKey(ORG, ATLAS, ['203.0.113.7']), 'token-1', FACTS, T0);
    expect(P.takePending(P.pendingKey(ORG, ATLAS), T0)).toBeUndefined();
    expect(P.takePending(P.pendingKey(ORG, ATLAS, ['203.0.113.8']), T0)).toBeUndefined();
    expect(P.takePending(P.pendingKey(ATLAS, ORG, ['203.0.113.7']), T0)).toBeUndefined();
    expect(P.takePending(P.pendingKey(ORG, ATLAS, ['203.0.113.7']), T0)).toBe('token-1');
  });

  it('are shown waiting for a retry whatever the access list, for their own org and Atlas org only', () => {
    // An Ops Manager server's token carries its addresses; the popup asks by org and Atlas org alone.
    const withIps = P.pendingKey(ORG, ATLAS, ['203.0.113.7']);
    expect(P.pendingKey(ORG, ATLAS)).toBe(P.pendingKey(ORG, ATLAS, []));
    P.holdPending(P.pendingKey('b'.repeat(24), ATLAS), 'token-other-org', FACTS, T0);
    P.keepPending(P.pendingKey('b'.repeat(24), ATLAS), T0);
    P.holdPending(P.pendingKey(ORG, 'c'.repeat(24)), 'token-other-atlas', FACTS, T0);
    P.keepPending(P.pendingKey(ORG, 'c'.repeat(24)), T0);
    expect(P.pendingUntil(ORG, ATLAS, T0)).toBeUndefined();
    // A token whose link runs is not waiting: the one kept for the server's earlier addresses is.
    P.holdPending(P.pendingKey(ORG, ATLAS, ['198.51.100.1']), 'token-running', FACTS, T0);
    P.holdPending(withIps, 'token-1', FACTS, T0);
    expect(P.pendingUntil(ORG, ATLAS, T0)).toBeUndefined();
    P.keepPending(withIps, T0 + 5);
    expect(P.pendingUntil(ORG, ATLAS, T0 + 5)).toBe(T0 + 5 + P.PENDING_TOKEN_TTL_MS);
    // A key that only begins like this one's is another org's.
    P.forgetPendingTokens();
    P.holdPending(`${P.pendingKey(ORG, ATLAS)}0`, 'token-x', FACTS, T0);
    P.keepPending(`${P.pendingKey(ORG, ATLAS)}0`, T0);
    expect(P.pendingUntil(ORG, ATLAS, T0)).toBeUndefined();
  });

  it('are dropped by a success, a revoke of their Atlas org only, and a lock', () => {
    const a = P.pendingKey(ORG, ATLAS);
    const b = P.pendingKey(ORG, 'a'.repeat(24));
    P.holdPending(a, 'token-a', FACTS, T0);
    P.holdPending(b, 'token-b', FACTS, T0);
    P.dropPendingOfAtlasOrg(ATLAS);
    expect([P.takePending(a, T0), P.takePending(b, T0)]).toEqual([undefined, 'token-b']);
    P.dropPending(b);
    expect(P.pendingCount()).toBe(0);
    P.holdPending(a, 'token-a', FACTS, T0);
    P.forgetPendingTokens();
    expect(P.pendingCount()).toBe(0);
  });

  it('keep the worker awake with an extension call every 20 s while one is held, and stop when none is', async () => {
    const get = vi.spyOn(fake.browser.storage.session, 'get');
    const key = P.pendingKey(ORG, ATLAS);
    P.holdPending(key, 'token-1', FACTS);
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
    P.holdPending(key, 'token-1', FACTS);
    P.keepPending(key); // ten minutes from now: 30 ticks of 20 s, the 30th forgets it
    await vi.advanceTimersByTimeAsync(P.PENDING_TOKEN_TTL_MS - 1);
    expect([get.mock.calls.length, P.pendingCount()]).toEqual([29, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect([get.mock.calls.length, P.pendingCount()]).toEqual([29, 0]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(get).toHaveBeenCalledTimes(29);
  });

  describe('a token dropped unused is in history, still valid in Atlas (#30 item 8)', () => {
    const unused = async () =>
      (await readHistory()).filter((e) => e.result === 'token-unused').map((e) => [e.tokenFingerprint, e.atlasOrgId]);
    const settled = () => vi.advanceTimersByTimeAsync(0);
    const key = P.pendingKey(ORG, ATLAS);

    it('when its ten minutes are over: fingerprint, orgs, the Atlas key pair, never the token', async () => {
      P.holdPending(key, 'token-secret-1', FACTS, T0);
      P.keepPending(key, T0);
      expect(P.takePending(key, T0 + P.PENDING_TOKEN_TTL_MS)).toBeUndefined();
      await settled();
      const history = await readHistory();
      expect(history).toMatchObject([
        {
          time: T0 + P.PENDING_TOKEN_TTL_MS,
          orgId: ORG,
          orgName: 'Acme Retail',
          operation: 'link',
          result: 'token-unused',
          ok: false,
          profileLabel: 'Acme',
          publicKey: 'atlaskey',
          tokenFingerprint: '0123456789abcdef',
          tokenSource: 'created',
          atlasOrgId: ATLAS,
        },
      ]);
      expect(JSON.stringify([...fake.storage.data.local.entries()])).not.toContain('token-secret-1');
    });

    it('when the vault locks while it waits for a retry, or when another token replaces it', async () => {
      P.holdPending(key, 'token-1', FACTS, T0);
      P.keepPending(key, T0);
      P.forgetPendingTokens(T0 + 1);
      await settled();
      expect(await unused()).toEqual([['0123456789abcdef', ATLAS]]);
      P.holdPending(key, 'token-2', { ...FACTS, fingerprint: 'fedcba9876543210' }, T0);
      P.holdPending(key, 'token-3', { ...FACTS, fingerprint: '1111111111111111' }, T0);
      await settled();
      expect(await unused()).toEqual([
        ['0123456789abcdef', ATLAS],
        ['fedcba9876543210', ATLAS],
      ]);
      // The same token held again (a retry taking it) replaces nothing.
      P.holdPending(key, 'token-3', { ...FACTS, fingerprint: '1111111111111111' }, T0);
      await settled();
      expect(await unused()).toHaveLength(2);
    });

    it('a token whose link runs at the lock: its link decides (used after all, or failed and unused)', async () => {
      P.holdPending(key, 'token-1', FACTS, T0);
      P.forgetPendingTokens(T0);
      expect(P.pendingCount()).toBe(0);
      await settled();
      expect(await unused()).toEqual([]);
      P.dropPending(key); // its link answered SYNCED after the lock: used
      P.abandonPending(key);
      await settled();
      expect(await unused()).toEqual([]);
      P.holdPending(key, 'token-2', FACTS, T0);
      P.forgetPendingTokens(T0);
      P.keepPending(key, T0); // its link failed after the lock: nothing held for a retry
      expect(P.pendingCount()).toBe(0);
      await settled();
      expect(await unused()).toEqual([['0123456789abcdef', ATLAS]]);
    });

    it('not when it linked, proved invalid, or its Atlas org was revoked', async () => {
      P.holdPending(key, 'token-1', FACTS, T0);
      P.dropPending(key);
      P.holdPending(key, 'token-2', FACTS, T0);
      P.keepPending(key, T0);
      P.dropPendingOfAtlasOrg(ATLAS);
      P.holdPending(key, 'token-3', FACTS, T0);
      P.forgetPendingTokens(T0);
      P.dropPendingOfAtlasOrg(ATLAS);
      P.abandonPending(key);
      await settled();
      expect(await readHistory()).toEqual([]);
    });
  });
});
