// The token endpoint's limits and refusals: a 429 waits as long as Retry-After says (or backs off), within the
// call's time; the client never sends more than 10 token requests a minute per client (sliding window); a wait
// longer than the call may take is a rate-limited error naming the seconds; invalid_client and access_denied are
// typed errors; nothing secret (secret, Basic header, token) in any error.
import { describe, expect, it } from 'vitest';
import { CloudManagerError, describeError } from '../../../../src/core/cloudmanager';
import { createTokenFetch, OAuthError, TOKEN_REQUESTS_PER_WINDOW, WINDOW_MS } from '../../../../src/core/oauth';
import { BASIC, CM_ORGS, failure, fakeOAuth, SECRET, shown } from './fake-oauth';

const tooMany = (retryAfter?: string) => () =>
  new Response(JSON.stringify({ error: 429, errorCode: 'RATE_LIMITED' }), {
    status: 429,
    headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
  });

describe('429 from the token endpoint', () => {
  it('waits the Retry-After seconds, then asks once more', async () => {
    const f = fakeOAuth();
    f.state.tokenScript.push(tooMany('5'));
    expect((await f.client()(CM_ORGS)).status).toBe(200);
    expect(f.state.sleeps).toEqual([5000]);
    expect(f.state.tokenRequests.map((r) => r.time - f.state.tokenRequests[0]!.time)).toEqual([0, 5000]);
  });

  it('without Retry-After, backs off 6 s then 12 s', async () => {
    const f = fakeOAuth();
    f.state.tokenScript.push(tooMany(), tooMany());
    expect((await f.client()(CM_ORGS)).status).toBe(200);
    expect(f.state.sleeps).toEqual([6000, 12000]);
    expect(f.state.tokenRequests).toHaveLength(3);
  });

  it('a Retry-After longer than the call may take: rate-limited (service-account) naming the seconds, no wait', async () => {
    const f = fakeOAuth();
    f.state.tokenScript.push(tooMany('30'));
    const error = await failure(f.client()(CM_ORGS));
    expect(error).toBeInstanceOf(CloudManagerError);
    expect(error).toMatchObject({
      kind: 'rate-limited',
      variant: 'service-account',
      status: 429,
      retryAfterSeconds: 30,
      params: { seconds: '30' },
    });
    expect([f.state.sleeps, f.state.tokenRequests.length, f.state.apiRequests.length]).toEqual([[], 1, 0]);
  });

  it('concurrent calls waiting on a 429 share the one retry', async () => {
    const f = fakeOAuth();
    f.state.tokenScript.push(tooMany('2'));
    const call = f.client();
    const answers = await Promise.all([call(CM_ORGS), call(CM_ORGS), call(CM_ORGS)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(f.state.tokenRequests).toHaveLength(2);
  });
});

describe('the 10-a-minute window', () => {
  /** Each call needs a new token: the lifetime is 2 s (renewed after 1 s) and the clock moves 1.5 s a call. */
  async function elevenCalls(timeoutMs?: number) {
    const f = fakeOAuth({ lifetimeS: 2 });
    const call = f.client(timeoutMs === undefined ? {} : { timeoutMs });
    for (let i = 0; i < 10; i++) {
      await call(CM_ORGS);
      f.advance(1500);
    }
    return { f, eleventh: call(CM_ORGS) };
  }

  it('the 11th token request within a minute waits until the first has left the window', async () => {
    const { f, eleventh } = await elevenCalls(120_000);
    expect((await eleventh).status).toBe(200);
    const times = f.state.tokenRequests.map((r) => r.time - f.state.tokenRequests[0]!.time);
    expect(times).toEqual([0, 1500, 3000, 4500, 6000, 7500, 9000, 10500, 12000, 13500, 60_000]);
    expect(f.state.sleeps).toEqual([45_000]);
    // Never more than TOKEN_REQUESTS_PER_WINDOW in any WINDOW_MS.
    for (const t of times) {
      expect(times.filter((u) => u >= t && u < t + WINDOW_MS).length).toBeLessThanOrEqual(TOKEN_REQUESTS_PER_WINDOW);
    }
  });

  it('when that wait is longer than the call may take: rate-limited naming it, and no 11th request', async () => {
    const { f, eleventh } = await elevenCalls();
    const error = await failure(eleventh);
    expect(error).toMatchObject({ kind: 'rate-limited', variant: 'service-account', retryAfterSeconds: 45 });
    expect(f.state.tokenRequests).toHaveLength(10);
  });

  it('the window is per client: another client id is not held back', async () => {
    const { f, eleventh } = await elevenCalls();
    await expect(eleventh).rejects.toMatchObject({ kind: 'rate-limited' });
    const other = f.client({ secret: SECRET });
    // Same client id: held back.
    await expect(other(CM_ORGS)).rejects.toMatchObject({ kind: 'rate-limited' });
    const stranger = await failure(
      createTokenFetch(
        { clientId: 'mdb_sa_id_other', clientSecret: 'x' },
        { fetch: f.fetch, now: f.now, sleep: f.sleep, store: f.store },
      )(CM_ORGS),
    );
    // Sent (and refused by the fake endpoint as an unknown client), not held back by the first client's window.
    expect(stranger).toMatchObject({ kind: 'bad-credentials' });
    expect(f.state.tokenRequests).toHaveLength(11);
  });
});

describe('refusals from the token endpoint', () => {
  it('401 invalid_client: bad-credentials, service-account variant; nothing is retried', async () => {
    const f = fakeOAuth();
    f.state.tokenScript.push(() =>
      Response.json({ error: 'invalid_client', error_description: `bad client ${SECRET}` }, { status: 401 }),
    );
    const error = await failure(f.client()(CM_ORGS));
    expect(error).toMatchObject({ kind: 'bad-credentials', variant: 'service-account', status: 401 });
    expect([f.state.tokenRequests.length, f.state.apiRequests.length]).toEqual([1, 0]);
    expect(shown(error)).not.toContain(SECRET);
  });

  it('401 invalid_client saying the secret expired: the service-account-expired variant', async () => {
    const f = fakeOAuth();
    f.state.tokenScript.push(() =>
      Response.json({ error: 'invalid_client', error_description: 'The client secret has expired.' }, { status: 401 }),
    );
    expect(await failure(f.client()(CM_ORGS))).toMatchObject({
      kind: 'bad-credentials',
      variant: 'service-account-expired',
    });
  });

  it('403 access_denied (too many live tokens): rate-limited, service-account-tokens, with or without seconds', async () => {
    const f = fakeOAuth();
    f.state.tokenScript.push(() => Response.json({ error: 'access_denied' }, { status: 403 }));
    expect(await failure(f.client()(CM_ORGS))).toMatchObject({
      kind: 'rate-limited',
      variant: 'service-account-tokens-no-seconds',
      status: 403,
    });
    f.state.tokenScript.push(() =>
      Response.json({ error: 'access_denied' }, { status: 403, headers: { 'Retry-After': '120' } }),
    );
    expect(await failure(f.client()(CM_ORGS))).toMatchObject({
      variant: 'service-account-tokens',
      params: { seconds: '120' },
    });
    expect(f.state.tokenRequests).toHaveLength(2);
  });

  it('a 5xx is a server error with its status; a 400 or a 200 without a Bearer token is not understood', async () => {
    const f = fakeOAuth();
    f.state.tokenScript.push(() => new Response('<html>oops</html>', { status: 503 }));
    expect(await failure(f.client()(CM_ORGS))).toMatchObject({ kind: 'server-error', status: 503 });
    f.state.tokenScript.push(() => Response.json({ error: 'unsupported_grant_type' }, { status: 400 }));
    expect(await failure(f.client()(CM_ORGS))).toMatchObject({ kind: 'unexpected-response', status: 400 });
    f.state.tokenScript.push(() => Response.json({ access_token: 'tok', token_type: 'mac', expires_in: 60 }));
    const malformed = await failure(f.client()(CM_ORGS));
    expect(malformed).toBeInstanceOf(OAuthError);
    expect(malformed).toMatchObject({ kind: 'malformed-token-answer' });
    expect(describeError(malformed).kind).toBe('unexpected-response');
    expect(f.state.apiRequests).toHaveLength(0);
  });

  it('a failure to reach the token endpoint is a network error that names nothing it was sent', async () => {
    const f = fakeOAuth();
    const call = f.client({
      fetch: async () => {
        throw new TypeError(`fetch failed: ${BASIC}`);
      },
    });
    const error = await failure(call(CM_ORGS));
    expect(error).toMatchObject({ kind: 'network', message: 'network' });
    expect(describeError(error).kind).toBe('network');
  });
});

describe('nothing secret in an error', () => {
  it('no secret, Basic credentials or token in any failure the client throws', async () => {
    const f = fakeOAuth();
    const basic64 = BASIC.slice('Basic '.length);
    const errors: Error[] = [];
    f.state.tokenScript.push(() =>
      Response.json({ error: 'invalid_client', error_description: BASIC }, { status: 401 }),
    );
    errors.push(await failure(f.client()(CM_ORGS)));
    f.state.tokenScript.push(() => Response.json({ access_token: 'tok-x\n', token_type: 'Bearer' }));
    errors.push(await failure(f.client()(CM_ORGS)));
    await f.client()(CM_ORGS); // tok-1, held
    f.state.valid.clear();
    f.state.apiScript.push(() => Response.json({ detail: 'Bearer tok-1' }, { status: 401 }));
    f.state.apiScript.push(() => Response.json({ detail: 'Bearer tok-2' }, { status: 401 }));
    errors.push(await failure(f.client()(CM_ORGS)));
    f.state.apiScript.push(
      () => new Response(null, { status: 302, headers: { Location: `https://evil.test/?t=tok-2` } }),
    );
    errors.push(await failure(f.client()(CM_ORGS)));
    expect(errors.map((e) => (e as unknown as { kind: string }).kind)).toEqual([
      'bad-credentials',
      'malformed-token-answer',
      'bearer-refused',
      'redirected',
    ]);
    for (const error of errors) {
      for (const secret of [SECRET, basic64, 'tok-1', 'tok-2', 'tok-x']) expect(shown(error)).not.toContain(secret);
    }
  });
});
