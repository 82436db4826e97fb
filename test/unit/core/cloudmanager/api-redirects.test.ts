// Protects the API client's transport edges (api.ts, issue #18): which base URLs are refused and how the API root is
// built from one, every kind of answer that points elsewhere (3xx with or without Location, opaque redirect, an answer
// from another origin) becoming 'redirected' with only a host, and the default sleep really waiting between attempts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CloudManagerError, createCloudManagerApi } from '../../../../src/core/cloudmanager';
import { fakeCloudManager, json, type Reply } from './fake-cloud-manager';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const BASE = 'https://cloud.mongodb.com';
const ORG_PATH = `/api/public/v1.0/orgs/${ORG}`;
const NO_RETRY = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

async function failure(promise: Promise<unknown>): Promise<CloudManagerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudManagerError);
  return error as CloudManagerError;
}

function orgApi(reply: Reply, baseUrl = BASE) {
  const server = fakeCloudManager({ [`GET ${ORG_PATH}`]: [reply] });
  const api = createCloudManagerApi({ baseUrl, fetch: server.fetch, retry: NO_RETRY });
  return { api, requests: server.requests };
}

/** A Response with the given type and url, as a browser's fetch would hand it back. */
function shaped(response: Response, facts: { type?: string; url?: string }): () => Response {
  return () => {
    for (const [key, value] of Object.entries(facts)) Object.defineProperty(response, key, { value });
    return response;
  };
}

describe('the base URL', () => {
  it.each([
    ['not a url'],
    ['https://cm.example/?x=1'],
    ['https://cm.example/#top'],
    ['ftp://cm.example'],
    ['https://user:pw@cm.example'],
  ])('%j is refused when a call is made, without a request', async (baseUrl) => {
    const server = fakeCloudManager({});
    const api = createCloudManagerApi({ baseUrl, fetch: server.fetch, retry: NO_RETRY });
    const error = await failure(api.organization(ORG));
    expect([error.kind, error.variant]).toEqual(['network', 'invalid-base-url']);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['https://ops.example/mms/', 'https://ops.example/mms/api/public/v1.0'],
    ['https://ops.example/mms//', 'https://ops.example/mms/api/public/v1.0'],
    ['https://ops.example//mms', 'https://ops.example//mms/api/public/v1.0'],
    ['http://ops.example:8080///', 'http://ops.example:8080/api/public/v1.0'],
  ])('%s gives the API root %s', async (baseUrl, root) => {
    const server = fakeCloudManager({});
    const api = createCloudManagerApi({ baseUrl, fetch: server.fetch, retry: NO_RETRY });
    await failure(api.organization(ORG));
    expect(server.requests.map((r) => r.url)).toEqual([`${root}/orgs/${ORG}`]);
  });
});

describe('an answer that points elsewhere', () => {
  it('a 3xx without a Location is redirected with no host', async () => {
    const { api } = orgApi(new Response(null, { status: 302 }));
    const error = await failure(api.organization(ORG));
    expect([error.kind, error.variant, error.params]).toEqual(['redirected', 'no-host', {}]);
  });

  it('a 300 with a Location is redirected to that host', async () => {
    const { api } = orgApi(new Response(null, { status: 300, headers: { Location: 'https://other.example:8443/x' } }));
    const error = await failure(api.organization(ORG));
    expect([error.kind, error.variant, error.params]).toEqual([
      'redirected',
      'default',
      { host: 'other.example:8443' },
    ]);
  });

  it('a relative Location names the server itself', async () => {
    const { api } = orgApi(new Response(null, { status: 307, headers: { Location: '/login?next=x' } }));
    const error = await failure(api.organization(ORG));
    expect(error.params).toStrictEqual({ host: 'cloud.mongodb.com' });
  });

  it('an opaque redirect is redirected with no host', async () => {
    const { api } = orgApi(shaped(json(200, { id: ORG, name: 'Org' }), { type: 'opaqueredirect' }));
    const error = await failure(api.organization(ORG));
    expect([error.kind, error.variant, error.params]).toEqual(['redirected', 'no-host', {}]);
  });

  it('an answer from another origin (a fetch that followed) is redirected to that host', async () => {
    const { api } = orgApi(shaped(json(200, { id: ORG, name: 'Org' }), { url: 'https://evil.example/steal?t=1' }));
    const error = await failure(api.organization(ORG));
    expect([error.kind, error.params]).toEqual(['redirected', { host: 'evil.example' }]);
  });

  it('an answer whose url cannot be read is redirected with no host, never a crash', async () => {
    const { api } = orgApi(shaped(json(200, { id: ORG, name: 'Org' }), { url: 'http://[bad' }));
    const error = await failure(api.organization(ORG));
    expect([error.kind, error.variant]).toEqual(['redirected', 'no-host']);
  });

  it('an answer from the same origin is taken', async () => {
    const { api } = orgApi(shaped(json(200, { id: ORG, name: 'Org' }), { url: `${BASE}${ORG_PATH}` }));
    await expect(api.organization(ORG)).resolves.toEqual({ id: ORG, name: 'Org' });
  });
});

describe('the default sleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits the retry delay before the next attempt', async () => {
    vi.useFakeTimers();
    const server = fakeCloudManager({ [`GET ${ORG_PATH}`]: [json(503, {}), json(200, { id: ORG, name: 'Org' })] });
    const api = createCloudManagerApi({
      baseUrl: BASE,
      fetch: server.fetch,
      retry: { attempts: 2, baseDelayMs: 1000, maxDelayMs: 5000 },
    });
    const result = api.organization(ORG);
    await vi.advanceTimersByTimeAsync(999);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toEqual({ id: ORG, name: 'Org' });
    expect(server.requests).toHaveLength(2);
  });
});
