// The service accounts' token client loads when first used, not at the worker's start (api/token-client.ts): a lock
// that finds it not loaded yet loads nothing, and the client that loads after it is as closed as the lock left the
// session's cache, until the next unlock reopens it; nothing is sent meanwhile.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const API = 'https://cloud.mongodb.com/api/public/v1.0/orgs';
const CREDENTIALS = { clientId: 'mdb_sa_id_0123456789abcdef01234567', clientSecret: 'mdb_sa_sk_secret' };

/** A server that issues one token and answers every API call: what it was sent, by path. */
function server() {
  const sent: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    sent.push(url.pathname);
    if (url.pathname === '/api/oauth/token') {
      return new Response(JSON.stringify({ access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response('{"results":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return { sent, fetch: fetch as unknown as typeof globalThis.fetch };
}

/** The worker's modules, fresh (a worker start). */
async function start() {
  vi.resetModules();
  fake.storage.data.session.clear();
  const client = await import('../../../../src/background/api/token-client');
  const loader = await import('../../../../src/background/api/oauth-loader');
  const { sessionTokenStore, openTokenStore } = await import('../../../../src/background/api/token-store');
  openTokenStore();
  return { ...client, ...loader, sessionTokenStore };
}

beforeEach(() => vi.unstubAllGlobals());

describe('the token client, loaded when first used', () => {
  it('is not loaded by the start nor by a lock, and loads at the first call', async () => {
    const worker = await start();
    expect(worker.loadedOAuth()).toBeUndefined();
    worker.closeSessionTokens();
    worker.reopenSessionTokens();
    expect(worker.loadedOAuth()).toBeUndefined();
    const { sent, fetch } = server();
    const call = worker.tokenFetch(CREDENTIALS, { store: worker.sessionTokenStore, fetch });
    expect((await call(API)).status).toBe(200);
    expect(worker.loadedOAuth()).toBeDefined();
    expect(sent).toEqual(['/api/oauth/token', '/api/public/v1.0/orgs']);
  });

  it('loaded after a lock, it sends nothing until the next unlock reopens it', async () => {
    const worker = await start();
    worker.closeSessionTokens();
    const { sent, fetch } = server();
    const call = worker.tokenFetch(CREDENTIALS, { store: worker.sessionTokenStore, fetch });
    await expect(call(API)).rejects.toBeDefined();
    expect(sent).toEqual([]);
    worker.reopenSessionTokens();
    expect((await call(API)).status).toBe(200);
    expect(sent).toEqual(['/api/oauth/token', '/api/public/v1.0/orgs']);
  });

  it('loaded before a lock, the lock closes it at once', async () => {
    const worker = await start();
    const { sent, fetch } = server();
    const call = worker.tokenFetch(CREDENTIALS, { store: worker.sessionTokenStore, fetch });
    await call(API);
    worker.closeSessionTokens();
    await expect(call(API)).rejects.toBeDefined();
    expect(sent).toEqual(['/api/oauth/token', '/api/public/v1.0/orgs']);
  });
});
