// Asking a server which org a key belongs to sends the key's credential there (#30 item 4): a key pair its side
// does not allow on that server (one a stored vault kept from before the rule) is refused before any request, and
// an Atlas key pair's identification, like every other call, first passes the organization's allowed servers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { identifyKey } = await import('../../../../src/background/vault/key-identity');
const { identifyAtlasKey } = await import('../../../../src/background/vault/atlas-identity');

const OPS = 'https://ops.internal.example:8443';
const CLIENT_ID = 'mdb_sa_id_0123456789abcdef01234567';
const CLIENT_SECRET = 'mdb_sa_sk_abcdefghijklmnopqrstuvwxyz012345';
const apiKey = { publicKey: 'qwhtzmpa', privateKey: '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f' };

const requests: string[] = [];
beforeEach(() => {
  requests.length = 0;
  delete fake.managed.policy;
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return new Response('{}', { status: 404 }); // not retried: each call makes one request
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

async function refusal(call: () => Promise<unknown>) {
  try {
    await call();
  } catch (error) {
    const { kind, variant, field } = error as { kind?: string; variant?: string; field?: string };
    return { kind, variant, field };
  }
  return 'nothing thrown';
}

describe('a key pair its side does not allow on its server', () => {
  it.each([
    [
      'a Cloud Manager service account on another server',
      { side: 'cloud-manager', credential: 'service-account', baseUrl: OPS },
    ],
    [
      'a Cloud Manager service account on http://',
      { side: 'cloud-manager', credential: 'service-account', baseUrl: 'http://ops.internal.example' },
    ],
    ['an Ops Manager service account', { side: 'ops-manager', credential: 'service-account', baseUrl: OPS }],
    ['an Atlas key pair on another server', { side: 'atlas', baseUrl: OPS, ...apiKey }],
  ] as const)('is not identified: %s sends nothing', async (_, key) => {
    const full = { publicKey: CLIENT_ID, privateKey: CLIENT_SECRET, ...key };
    expect(await refusal(() => identifyKey(full))).toMatchObject({ kind: 'invalid-profile' });
    expect(requests).toEqual([]);
  });
});

describe('an Atlas key pair under the allowed-servers policy', () => {
  it('on a server the policy does not list is refused before any request', async () => {
    fake.managed.policy = { allowedOpsManagerServers: [] };
    expect(await refusal(() => identifyAtlasKey({ ...apiKey, baseUrl: OPS }))).toMatchObject({
      kind: 'server-not-allowed',
    });
    expect(
      await refusal(() => identifyAtlasKey({ ...apiKey, baseUrl: OPS, credential: 'service-account' })),
    ).toMatchObject({
      kind: 'server-not-allowed',
    });
    expect(requests).toEqual([]);
  });

  it("at Cloud Manager's address is asked as before", async () => {
    fake.managed.policy = { allowedOpsManagerServers: [] };
    await refusal(() => identifyAtlasKey({ ...apiKey, baseUrl: 'https://cloud.mongodb.com' }));
    expect(requests[0]).toMatch(/^https:\/\/cloud\.mongodb\.com\/api\/atlas\/v2\/orgs\b/);
  });
});
