// One token per service account, shared: concurrent cold calls make exactly one token request and all carry its
// token; warm calls make none; a worker restart finds the token in the store; it is renewed a minute before it
// expires (half its lifetime for a short one); a changed secret never reuses the old secret's token.
import { describe, expect, it } from 'vitest';
import { CloudManagerError, createCloudManagerApi } from '../../../../src/core/cloudmanager';
import { forgetTokens, reopenTokens, type TokenStore, tokenKey } from '../../../../src/core/oauth';
import { BASIC, CLIENT_ID, CM_ORGS, failure, fakeOAuth, ORIGIN, SECRET, TOKEN_URL } from './fake-oauth';

const bearers = (seen: { authorization: string | null }[]) => seen.map((s) => s.authorization);

describe('sharing one token', () => {
  it('10 concurrent cold calls make one token request, shaped as the endpoint wants, and all use its token', async () => {
    const f = fakeOAuth();
    let release!: () => void;
    f.state.gate = new Promise<void>((r) => {
      release = r;
    });
    const call = f.client();
    const calls = Array.from({ length: 10 }, () => call(CM_ORGS));
    await new Promise((r) => setTimeout(r, 20));
    release();
    const answers = await Promise.all(calls);
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(f.state.tokenRequests).toHaveLength(1);
    const [request] = f.state.tokenRequests;
    expect(request).toMatchObject({
      url: TOKEN_URL,
      method: 'POST',
      authorization: BASIC,
      contentType: 'application/x-www-form-urlencoded',
      body: 'grant_type=client_credentials',
    });
    expect(request!.init).toMatchObject({ redirect: 'manual', credentials: 'omit' });
    expect(bearers(f.state.apiRequests)).toEqual(Array(10).fill('Bearer tok-1'));
    expect(f.state.apiRequests[0]!.init).toMatchObject({ redirect: 'manual', credentials: 'omit' });
  });

  it('warm calls make no token request; the store holds the token, its request time and expiry', async () => {
    const f = fakeOAuth();
    const call = f.client();
    const start = f.now();
    await call(CM_ORGS);
    f.advance(1000);
    await call(CM_ORGS);
    await call(`${ORIGIN}/api/public/v1.0/orgs/5f1a2b3c4d5e6f7a8b9c0d1e`);
    expect(f.state.tokenRequests).toHaveLength(1);
    expect(bearers(f.state.apiRequests)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1']);
    expect(await f.store.get(tokenKey(TOKEN_URL, CLIENT_ID, SECRET))).toEqual({
      accessToken: 'tok-1',
      obtainedAt: start,
      expiresAt: start + 3600_000,
    });
    expect(f.store.size()).toBe(1);
  });

  it('a restarted worker (a new cache over the same storage) uses the stored token: no token request', async () => {
    const f = fakeOAuth();
    await f.client()(CM_ORGS);
    // Another object over the same records: what a new worker life sees in storage.session.
    const restarted: TokenStore = { get: f.store.get, set: f.store.set, delete: f.store.delete };
    const answer = await f.client({ store: restarted })(CM_ORGS);
    expect(answer.status).toBe(200);
    expect(f.state.tokenRequests).toHaveLength(1);
    expect(bearers(f.state.apiRequests)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
  });

  it('a token is renewed 60 s before it expires, not earlier', async () => {
    const f = fakeOAuth();
    const call = f.client();
    await call(CM_ORGS);
    f.advance(3600_000 - 60_000 - 1);
    await call(CM_ORGS);
    expect(f.state.tokenRequests).toHaveLength(1);
    f.advance(1);
    await call(CM_ORGS);
    expect(f.state.tokenRequests).toHaveLength(2);
    expect(bearers(f.state.apiRequests)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('a token shorter than two minutes is renewed at half its lifetime', async () => {
    const f = fakeOAuth({ lifetimeS: 20 });
    const call = f.client();
    await call(CM_ORGS);
    f.advance(9_999);
    await call(CM_ORGS);
    f.advance(1);
    await call(CM_ORGS);
    expect(bearers(f.state.apiRequests)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('an expired or damaged stored record is not used: a new token replaces it', async () => {
    const f = fakeOAuth();
    const key = tokenKey(TOKEN_URL, CLIENT_ID, SECRET);
    await f.store.set(key, { accessToken: 'old', obtainedAt: f.now() - 3600_000, expiresAt: f.now() - 1 });
    await f.client()(CM_ORGS);
    expect((await f.store.get(key))?.accessToken).toBe('tok-1');

    const g = fakeOAuth();
    await g.store.set(key, { accessToken: 'bad token\r\nX: y', obtainedAt: 0, expiresAt: 1e15 });
    await g.client()(CM_ORGS);
    expect(bearers(g.state.apiRequests)).toEqual(['Bearer tok-1']);
  });

  it('a store that fails costs a token request, never the call', async () => {
    const f = fakeOAuth();
    const broken: TokenStore = {
      get: () => Promise.reject(new Error('quota')),
      set: () => Promise.reject(new Error('quota')),
      delete: () => Promise.reject(new Error('quota')),
    };
    const call = f.client({ store: broken });
    expect((await call(CM_ORGS)).status).toBe(200);
    expect((await call(CM_ORGS)).status).toBe(200);
    // The in-process token is still shared.
    expect(f.state.tokenRequests).toHaveLength(1);
  });

  it('another secret for the same client id asks for its own token (a wrong one is found wrong)', async () => {
    const f = fakeOAuth();
    await f.client()(CM_ORGS);
    const error = await failure(f.client({ secret: 'mdb_sa_sk_wrong' })(CM_ORGS));
    expect(error).toBeInstanceOf(CloudManagerError);
    expect((error as CloudManagerError).kind).toBe('bad-credentials');
    expect(f.state.tokenRequests).toHaveLength(2);
  });

  it('forgetTokens (the vault lock) while the token is asked for: nothing sent, nothing kept, closed until reopened', async () => {
    const f = fakeOAuth();
    let release!: () => void;
    f.state.gate = new Promise<void>((r) => {
      release = r;
    });
    const inFlight = f.client()(CM_ORGS);
    await new Promise((r) => setTimeout(r, 10));
    forgetTokens(f.store);
    release();
    // The token endpoint answered after the lock: its token is neither used nor written.
    expect(await failure(inFlight)).toMatchObject({ name: 'OAuthError', kind: 'aborted' });
    expect(f.state.apiRequests).toHaveLength(0);
    expect(f.store.size()).toBe(0);
    // A call started after the lock finds the cache still closed, not a fresh one: nothing is asked for or sent.
    f.state.gate = undefined;
    expect(await failure(f.client()(CM_ORGS))).toMatchObject({ kind: 'aborted' });
    expect(f.state.tokenRequests).toHaveLength(1);
    expect(f.state.apiRequests).toHaveLength(0);
    expect(f.store.size()).toBe(0);
    // The next unlock reopens it: the next call asks again.
    reopenTokens(f.store);
    expect((await f.client()(CM_ORGS)).status).toBe(200);
    expect(f.state.tokenRequests).toHaveLength(2);
    expect(f.store.size()).toBe(1);
  });

  it('forgetTokens while an API call is answered: the refused token is not renewed, nothing more is sent', async () => {
    const f = fakeOAuth();
    const call = f.client();
    expect((await call(CM_ORGS)).status).toBe(200);
    // The server refuses the held token, and the vault locks before the client would renew it.
    f.state.apiScript.push(() => {
      forgetTokens(f.store);
      return new Response('{}', { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
    });
    expect(await failure(call(CM_ORGS))).toMatchObject({ kind: 'aborted' });
    expect(f.state.tokenRequests).toHaveLength(1);
    expect(f.state.apiRequests).toHaveLength(2);
    // A store never closed is left as it is by reopenTokens.
    reopenTokens(f.store);
    reopenTokens(f.store);
    expect((await call(CM_ORGS)).status).toBe(200);
  });

  it('forgetTokens on a store no call used yet closes it all the same', async () => {
    const f = fakeOAuth();
    forgetTokens(f.store);
    expect(await failure(f.client()(CM_ORGS))).toMatchObject({ kind: 'aborted' });
    expect(f.state.tokenRequests).toHaveLength(0);
  });

  it('serves the Cloud Manager API client as its fetch: the key pair kind is invisible above it', async () => {
    const f = fakeOAuth();
    f.state.apiScript.push(() =>
      Response.json({ results: [{ id: '5f1a2b3c4d5e6f7a8b9c0d1e', name: 'Acme' }], totalCount: 1 }),
    );
    const api = createCloudManagerApi({ baseUrl: ORIGIN, fetch: f.client() });
    expect(await api.ownOrgs()).toEqual([{ id: '5f1a2b3c4d5e6f7a8b9c0d1e', name: 'Acme' }]);
    expect(f.state.apiRequests[0]!.authorization).toBe('Bearer tok-1');
  });
});
