// The worker's API clients: one per key pair, kept while its key and server stay the same (a new key, private key
// or server gets a new client; the lock drops them all), each signing with its own key pair against its own server,
// and every client sharing a server's nonce through storage.session (a second key pair needs no challenge of its
// own). Cloud Manager is an in-test Digest server behind a stubbed fetch.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeDigestServer } from '../../core/digest/fake-digest-server';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { apiFor, apiForKey, forgetApiClients } = await import('../../../../src/background/api/api-clients');
const { forgetNonces } = await import('../../../../src/core/digest');
const { sessionNonceStore } = await import('../../../../src/background/api/nonce-store');

const PRIVATE_1 = '1a2b3c4d-0000-4000-8000-000000000001';
const PRIVATE_2 = '1a2b3c4d-0000-4000-8000-000000000002';
const OPS = 'https://ops.example.com:8443';
const profile = (patch: object = {}) =>
  ({
    id: 'p1',
    label: 'One',
    publicKey: 'abcdefg1',
    privateKey: PRIVATE_1,
    baseUrl: OPS,
    orgIds: [],
    createdAt: 1,
    updatedAt: 1,
    ...patch,
  }) as never;

let server: ReturnType<typeof fakeDigestServer>;
beforeEach(() => {
  fake.storage.data.session.clear();
  forgetApiClients();
  forgetNonces(sessionNonceStore);
  server = fakeDigestServer({ users: { abcdefg1: PRIVATE_1, abcdefg2: PRIVATE_2 }, realm: 'MMS Public API' });
  vi.stubGlobal('fetch', server.fetch);
});
afterEach(() => vi.unstubAllGlobals());

/** One `GET /orgs` (the fake answers no JSON: only the requests matter here). */
const ask = (api: { ownOrgs(): Promise<unknown> }) => api.ownOrgs().catch(() => undefined);
const userOf = (authorization: string | null) => /username="([^"]*)"/.exec(authorization ?? '')?.[1];

describe('a key pair a stored vault kept from before the side rule (#30 item 4)', () => {
  it.each([
    ['a service account on an Ops Manager server', { credential: 'service-account' }],
    ['a Cloud Manager key pair on another server', { side: 'cloud-manager' }],
    ['an Atlas key pair on another server', { side: 'atlas' }],
  ])('%s: every call is refused before anything is sent', async (_, patch) => {
    const sent = vi.fn(server.fetch);
    vi.stubGlobal('fetch', sent);
    await expect(apiFor(profile(patch)).ownOrgs()).rejects.toMatchObject({ kind: 'invalid-profile' });
    expect(sent).not.toHaveBeenCalled();
  });
});

describe('apiFor', () => {
  it('keeps one client per key pair while its key and server stay the same', () => {
    const api = apiFor(profile());
    expect(apiFor(profile({ label: 'Renamed', orgIds: ['x'] }))).toBe(api);
    expect(apiFor(profile({ id: 'p2' }))).not.toBe(api);
  });

  it.each([
    ['public key', { publicKey: 'abcdefg2' }],
    ['private key', { privateKey: PRIVATE_2 }],
    ['server', { baseUrl: 'https://other.example.com' }],
  ])('a new %s gets a new client, which is then kept', (_, patch) => {
    const api = apiFor(profile());
    const next = apiFor(profile(patch));
    expect(next).not.toBe(api);
    expect(apiFor(profile(patch))).toBe(next);
    expect(apiFor(profile())).not.toBe(next);
  });

  it('forgetApiClients drops every client', () => {
    const one = apiFor(profile());
    const two = apiFor(profile({ id: 'p2' }));
    forgetApiClients();
    expect(apiFor(profile())).not.toBe(one);
    expect(apiFor(profile({ id: 'p2' }))).not.toBe(two);
  });

  it("signs with the key pair's own key against its own server", async () => {
    await ask(apiFor(profile()));
    const seen = server.take();
    expect(seen.map((s) => s.verdict)).toEqual(['challenge', 'ok']);
    expect(seen.every((s) => s.url.startsWith(`${OPS}/api/public/v1.0/orgs`))).toBe(true);
    expect(userOf(seen[1]!.authorization)).toBe('abcdefg1');
  });
});

describe('apiForKey and the shared nonce', () => {
  it('a key not saved yet signs with its own key; it borrows the nonce another key pair learnt on that server', async () => {
    await ask(apiFor(profile()));
    expect(Object.keys(fake.storage.data.session.get('digestNonces') as object)).not.toHaveLength(0);
    server.take();
    await ask(apiForKey({ publicKey: 'abcdefg2', privateKey: PRIVATE_2, baseUrl: OPS }));
    const seen = server.take();
    expect(seen.map((s) => s.verdict)).toEqual(['ok']); // no challenge of its own
    expect(userOf(seen[0]!.authorization)).toBe('abcdefg2');
    expect(seen[0]!.url.startsWith(`${OPS}/api/public/v1.0/orgs`)).toBe(true);
  });

  it('a key pair borrows the nonce a key being identified learnt', async () => {
    await ask(apiForKey({ publicKey: 'abcdefg2', privateKey: PRIVATE_2, baseUrl: OPS }));
    expect(server.take().map((s) => s.verdict)).toEqual(['challenge', 'ok']);
    await ask(apiFor(profile()));
    expect(server.take().map((s) => [s.verdict, userOf(s.authorization)])).toEqual([['ok', 'abcdefg1']]);
  });

  it('a fresh client for a key, each time', () => {
    const key = { publicKey: 'abcdefg2', privateKey: PRIVATE_2, baseUrl: OPS };
    expect(apiForKey(key)).not.toBe(apiForKey(key));
  });
});
