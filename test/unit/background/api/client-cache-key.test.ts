// A key pair's API client is made again when its key changes, even when the public and private keys only moved
// characters between them (the cache key keeps the fields apart).
import { describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { apiFor, forgetApiClients } = await import('../../../../src/background/api/api-clients');

const keyPair = (publicKey: string, privateKey: string) =>
  ({
    id: 'p1',
    label: 'Acme',
    publicKey,
    privateKey,
    baseUrl: 'https://cloud.mongodb.com',
    orgIds: [],
    createdAt: 1,
    updatedAt: 1,
  }) as never;

describe('the API client cache', () => {
  it('reuses a key pair’s client while it is unchanged, and makes a new one when a character moves between keys', () => {
    forgetApiClients();
    const first = apiFor(keyPair('abcdefgh', 'x3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f'));
    expect(apiFor(keyPair('abcdefgh', 'x3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f'))).toBe(first);
    expect(apiFor(keyPair('abcdefghx', '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f'))).not.toBe(first);
  });
});
