// The service accounts' tokens in storage.session: none before one is set, a damaged table read as empty; set, read
// back and delete one account's token, the others kept; a token a renewal replaced stays listed while it lives, so
// the lock can revoke it too, but is never handed to the token client.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenRecord } from '../../../../src/core/oauth';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { sessionTokenStore } = await import('../../../../src/background/api/token-store');

const record = (token: string): TokenRecord => ({ accessToken: token, expiresAt: 2_000_000, obtainedAt: 1_000_000 });

beforeEach(() => {
  fake.storage.data.session.clear();
});

describe('sessionTokenStore', () => {
  it('holds no token before one is set, and a stored table that is not one reads as empty', async () => {
    expect(await sessionTokenStore.get('a')).toBeUndefined();
    fake.storage.data.session.set('oauthTokens', 'not a table');
    expect(await sessionTokenStore.get('0')).toBeUndefined();
    await sessionTokenStore.set('a', record('token-a'));
    expect(fake.storage.data.session.get('oauthTokens')).toEqual({ a: record('token-a') });
  });

  it('deletes one account’s token and keeps the others', async () => {
    await sessionTokenStore.set('a', record('token-a'));
    await sessionTokenStore.set('b', record('token-b'));
    expect(await sessionTokenStore.get('a')).toEqual(record('token-a'));

    await sessionTokenStore.delete('a');
    expect(await sessionTokenStore.get('a')).toBeUndefined();
    expect(await sessionTokenStore.get('b')).toEqual(record('token-b'));
    expect(fake.storage.data.session.get('oauthTokens')).toEqual({ b: record('token-b') });
  });

  it('keeps a replaced token listed as retired while it lives; get() answers the current one only', async () => {
    const { liveTokensOf } = await import('../../../../src/background/api/token-store');
    const now = Date.now();
    const first = { accessToken: 'tok-1', obtainedAt: now - 3_570_000, expiresAt: now + 30_000 };
    const second = { accessToken: 'tok-2', obtainedAt: now, expiresAt: now + 3_600_000 };
    await sessionTokenStore.set('a', first);
    await sessionTokenStore.set('a', second);
    expect(await sessionTokenStore.get('a')).toEqual(second);
    const stored = (fake.storage.data.session.get('oauthTokens') as Record<string, unknown>).a;
    expect(liveTokensOf(stored, now).map((r) => r.accessToken)).toEqual(['tok-2', 'tok-1']);
    // Once the replaced one has expired it is no longer listed, nor carried into the next record.
    expect(liveTokensOf(stored, now + 31_000).map((r) => r.accessToken)).toEqual(['tok-2']);
    await sessionTokenStore.set('a', { ...second, accessToken: 'tok-3' });
    expect(liveTokensOf((fake.storage.data.session.get('oauthTokens') as Record<string, unknown>).a, now)).toHaveLength(
      3,
    );
    // Deleted (the server refused the current token): whatever still lives stays listed, but is never handed out.
    await sessionTokenStore.delete('a');
    const left = (fake.storage.data.session.get('oauthTokens') as Record<string, unknown>).a;
    expect(liveTokensOf(left, now).map((r) => r.accessToken)).toEqual(['tok-3', 'tok-2', 'tok-1']);
    expect(await sessionTokenStore.get('a')).toBeUndefined();
    await sessionTokenStore.set('a', { ...second, accessToken: 'tok-4' });
    expect(await sessionTokenStore.get('a')).toEqual({ ...second, accessToken: 'tok-4' });
    expect(liveTokensOf((fake.storage.data.session.get('oauthTokens') as Record<string, unknown>).a, now)).toHaveLength(
      4,
    );
  });

  it('a deleted record whose tokens have all expired leaves nothing behind', async () => {
    await sessionTokenStore.set('a', record('token-a'));
    await sessionTokenStore.delete('a');
    expect(fake.storage.data.session.get('oauthTokens')).toEqual({});
  });

  it('the lock closes it until the next unlock: a token obtained after the lock is never written (#30)', async () => {
    const { closeTokenStore, openTokenStore } = await import('../../../../src/background/api/token-store');
    await sessionTokenStore.set('a', record('token-a'));
    const queued = sessionTokenStore.set('b', record('token-b'));
    closeTokenStore();
    await queued;
    expect(fake.storage.data.session.get('oauthTokens')).toBeUndefined();
    await sessionTokenStore.set('c', record('token-c'));
    await sessionTokenStore.delete('a');
    expect(fake.storage.data.session.get('oauthTokens')).toBeUndefined();
    expect(await sessionTokenStore.get('a')).toBeUndefined();
    openTokenStore();
    await sessionTokenStore.set('c', record('token-c'));
    expect(fake.storage.data.session.get('oauthTokens')).toEqual({ c: record('token-c') });
  });
});
