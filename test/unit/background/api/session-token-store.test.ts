// The service accounts' tokens in storage.session: none before one is set, a damaged table read as empty; set, read
// back and delete one account's token, the others kept.
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
});
