// The real API clients under the organization's list of Ops Manager servers: a client of a server not on it refuses
// every call before any request leaves (its credential never reaches that server), checked again at each call so a
// policy installed after the client was made applies; Cloud Manager's and Atlas's clients are never held back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const { apiFor, apiForKey, forgetApiClients } = await import('../../../../src/background/api/api-clients');
const { atlasApiFor } = await import('../../../../src/background/api/atlas-clients');
const { addProfile, emptyContents } = await import('../../../../src/core/vault');
const { WorkerError } = await import('../../../../src/background/messaging/worker-error');

const ALLOWED = 'https://opsmanager.example.com:8443';
const REFUSED = 'https://opsmanager.elsewhere.example';
const profileAt = (baseUrl: string, side = 'ops-manager') =>
  addProfile(
    emptyContents(),
    {
      label: 'Client',
      publicKey: 'abcdefgh',
      privateKey: '1a2b3c4d-0000-4000-8000-000000000001',
      baseUrl,
      side,
    } as never,
    0,
  ).profile;

const requests: string[] = [];
beforeEach(() => {
  requests.length = 0;
  forgetApiClients();
  delete fake.managed.policy;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return new Response('{}', { status: 404 }); // not retried: each call makes one request
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

const refusedBy = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkerError);
  return (error as InstanceType<typeof WorkerError>).kind;
};

describe('clients of Ops Manager servers under the policy', () => {
  it('refuse every call to a server not on the list, before any request', async () => {
    fake.managed.policy = { allowedOpsManagerServers: [ALLOWED] };
    const saved = apiFor(profileAt(REFUSED));
    expect(await refusedBy(saved.ownOrgs())).toBe('server-not-allowed');
    expect(await refusedBy(saved.linkStatus('5f1a2b3c4d5e6f7a8b9c0d1e'))).toBe('server-not-allowed');
    expect(await refusedBy(apiForKey(profileAt(REFUSED)).ownOrgs())).toBe('server-not-allowed');
    expect(requests).toEqual([]);
  });

  it('check at each call: a client made before the policy is held back once it comes, and freed when it goes', async () => {
    const client = apiFor(profileAt(REFUSED));
    await client.ownOrgs().catch(() => undefined);
    expect(requests.length).toBeGreaterThan(0);
    requests.length = 0;
    fake.managed.policy = { allowedOpsManagerServers: [] };
    expect(await refusedBy(client.ownOrgs())).toBe('server-not-allowed');
    expect(requests).toEqual([]);
    delete fake.managed.policy;
    await client.ownOrgs().catch(() => undefined);
    expect(requests[0]).toMatch(new RegExp(`^${REFUSED}/`));
  });

  it('call an allowed server, Cloud Manager and Atlas as before', async () => {
    fake.managed.policy = { allowedOpsManagerServers: [ALLOWED] };
    await apiFor(profileAt(ALLOWED))
      .ownOrgs()
      .catch(() => undefined);
    await apiFor(profileAt('https://cloud.mongodb.com', 'cloud-manager'))
      .ownOrgs()
      .catch(() => undefined);
    await atlasApiFor(profileAt('https://cloud.mongodb.com', 'atlas'))
      .listOrgs()
      .catch(() => undefined);
    const origins = [...new Set(requests.map((url) => new URL(url).origin))];
    expect(origins).toEqual([ALLOWED, 'https://cloud.mongodb.com']);
  });
});
